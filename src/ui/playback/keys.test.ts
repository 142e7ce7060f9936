import { describe, expect, it } from 'vitest';
import { type KeyCommand, keyCommand, type KeyPress, type KeyTarget } from './keys';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  shiftKey: false,
  repeat: false,
  defaultPrevented: false,
  ...more,
});

const page: KeyTarget = { editable: false, activates: false, composite: false, inPlayback: false };
const field: KeyTarget = { ...page, editable: true };
const pageButton: KeyTarget = { ...page, activates: true };
const playbackButton: KeyTarget = { ...page, activates: true, inPlayback: true };
const radioGroup: KeyTarget = { ...page, activates: true, composite: true };

const cases: { name: string; press: KeyPress; target?: KeyTarget; total?: number; command: KeyCommand }[] = [
  { name: 'Space toggles play and pause', press: press(' '), command: { type: 'toggle' } },
  { name: 'the old Spacebar key name toggles too', press: press('Spacebar'), command: { type: 'toggle' } },
  { name: 'a held Space is swallowed, not toggled again', press: press(' ', { repeat: true }), command: 'swallow' },
  { name: '← steps back', press: press('ArrowLeft'), command: { type: 'back' } },
  { name: '→ steps forward', press: press('ArrowRight'), command: { type: 'forward' } },
  { name: 'a held arrow keeps stepping', press: press('ArrowRight', { repeat: true }), command: { type: 'forward' } },
  { name: 'Home seeks to the first step', press: press('Home'), command: { type: 'seek', index: 0 } },
  { name: 'End seeks to the last step', press: press('End'), total: 48, command: { type: 'seek', index: 47 } },
  { name: 'M jumps to the next machine', press: press('m'), command: { type: 'jump', to: 'machine' } },
  { name: 'R jumps to the next rewrite', press: press('r'), command: { type: 'jump', to: 'rewrite' } },
  { name: 'D jumps to the next drop, Caps Lock or not', press: press('D'), command: { type: 'jump', to: 'drop' } },
  { name: 'a held jump key does not run on', press: press('d', { repeat: true }), command: null },
  { name: 'jump keys inside a radio group are left alone', press: press('m'), target: radioGroup, command: null },
  { name: 'Ctrl+R (reload) is left alone', press: press('r', { ctrlKey: true }), command: null },
  { name: 'typing a jump key in a field is left alone', press: press('d'), target: field, command: null },
  { name: 'other keys are not ours', press: press('a'), command: null },
  { name: '↓ is not ours (it scrolls the page)', press: press('ArrowDown'), command: null },
  { name: 'nothing is ours without a trace', press: press(' '), total: 0, command: null },
  { name: 'typing in a field is left alone', press: press(' '), target: field, command: null },
  { name: 'arrows in a field are left alone (the scrub slider moves itself)', press: press('ArrowLeft'), target: field, command: null },
  { name: 'Ctrl held is left alone', press: press('ArrowLeft', { ctrlKey: true }), command: null },
  { name: 'Alt held is left alone (browser back)', press: press('ArrowLeft', { altKey: true }), command: null },
  { name: 'Meta held is left alone', press: press('ArrowRight', { metaKey: true }), command: null },
  { name: 'Shift held is left alone', press: press(' ', { shiftKey: true }), command: null },
  { name: 'a key already handled nearer the focus is left alone', press: press('ArrowRight', { defaultPrevented: true }), command: null },
  { name: 'Space on a button elsewhere on the page presses that button', press: press(' '), target: pageButton, command: null },
  { name: 'Space on a playback button still plays or pauses', press: press(' '), target: playbackButton, command: { type: 'toggle' } },
  { name: 'arrows on a button elsewhere still step', press: press('ArrowRight'), target: pageButton, command: { type: 'forward' } },
  { name: 'arrows inside a radio group move its choice, not the playback', press: press('ArrowRight'), target: radioGroup, command: null },
  { name: 'Home inside a radio group is left alone', press: press('Home'), target: radioGroup, command: null },
];

describe('keyCommand', () => {
  it.each(cases)('$name', ({ press, target = page, total = 10, command }) => {
    expect(keyCommand(press, target, total)).toEqual(command);
  });
});
