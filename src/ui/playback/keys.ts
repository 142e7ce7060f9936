// The playback's keyboard: Space plays or pauses, ← → step, Home / End jump to the first and
// last step. `keyCommand` decides from plain facts (pure, tested); `describeTarget` reads
// those facts off the focused element.
import type { PlaybackAction } from '../../store/playback';

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

/** 'swallow': ours but nothing to do (a held Space repeating); null: not ours, let the page have it. */
export type KeyCommand = PlaybackAction | 'swallow' | null;

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
    default:
      return null;
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
