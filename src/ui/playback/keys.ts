// The playback's keyboard: Space plays or pauses, ← → step, Home / End jump to the first and
// last step, M / R / D jump to the next machine, rewrite or drop. `keyCommand` decides from
// plain facts (pure, tested); `describeTarget` reads those facts off the focused element.
import type { PlaybackAction } from '../../store/playback';
import type { JumpTarget } from '../model/pacing';

export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly altKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly repeat: boolean;
  /** Someone closer to the focus already handled it (a canvas, a menu). */
  readonly defaultPrevented: boolean;
}

export interface KeyTarget {
  /** Typing goes there: input (any type, the scrub slider too), textarea, select, contenteditable. */
  readonly editable: boolean;
  /** A button, link or similar whose own Space activates it. */
  readonly activates: boolean;
  /** Inside a widget that uses the arrow keys itself (radio group, tabs, menu, listbox, grid …). */
  readonly composite: boolean;
  /** Inside the playback bar or the timeline, where Space means play/pause even on a button. */
  readonly inPlayback: boolean;
}

/** A jump whose step the driver finds in the trace (see jumpTarget). */
export interface JumpCommand {
  readonly type: 'jump';
  readonly to: JumpTarget;
}

/** 'swallow': ours but nothing to do (a held Space repeating); null: not ours, let the page have it. */
export type KeyCommand = PlaybackAction | JumpCommand | 'swallow' | null;

/** The jump keys, as the buttons' hints show them. */
export const JUMP_KEYS: { readonly [T in JumpTarget]: string } = { machine: 'M', rewrite: 'R', drop: 'D' };

const isSpace = (key: string) => key === ' ' || key === 'Spacebar';

export function keyCommand(press: KeyPress, target: KeyTarget, total: number): KeyCommand {
  if (press.defaultPrevented || press.ctrlKey || press.altKey || press.metaKey || press.shiftKey) return null;
  if (target.editable || total <= 0) return null;
  if (isSpace(press.key)) {
    if (target.activates && !target.inPlayback) return null;
    return press.repeat ? 'swallow' : { type: 'toggle' };
  }
  if (target.composite) return null;
  switch (press.key) {
    case 'ArrowLeft':
      return { type: 'back' };
    case 'ArrowRight':
      return { type: 'forward' };
    case 'Home':
      return { type: 'seek', index: 0 };
    case 'End':
      return { type: 'seek', index: total - 1 };
    default: {
      // Caps Lock on still jumps (Shift held is left alone above).
      const to = (Object.keys(JUMP_KEYS) as JumpTarget[]).find((t) => JUMP_KEYS[t].toLowerCase() === press.key.toLowerCase());
      return to && !press.repeat ? { type: 'jump', to } : null;
    }
  }
}

const EDITABLE = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
const ACTIVATES = 'button, a[href], summary, [role="button"], [role="link"], [role="radio"], [role="checkbox"], [role="switch"], [role="tab"], [role="menuitem"], [role="menuitemradio"], [role="menuitemcheckbox"], [role="option"]';
const COMPOSITE = '[role="radiogroup"], [role="tablist"], [role="listbox"], [role="menu"], [role="menubar"], [role="slider"], [role="spinbutton"], [role="grid"], [role="tree"], [role="treegrid"], [role="application"]';

/** The facts keyCommand needs about where a key was pressed. */
export function describeTarget(target: EventTarget | null): KeyTarget {
  const el = target instanceof Element ? target : null;
  if (!el) return { editable: false, activates: false, composite: false, inPlayback: false };
  return {
    editable: (el instanceof HTMLElement && el.isContentEditable) || el.closest(EDITABLE) !== null,
    activates: el.closest(ACTIVATES) !== null,
    composite: el.closest(COMPOSITE) !== null,
    inPlayback: el.closest('[data-playback-keys]') !== null,
  };
}
