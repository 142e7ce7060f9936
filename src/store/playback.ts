// Playback of a trace as an explicit state machine (STYLE: idle | playing | paused | finished).
// The reducer is pure: the page's timer dispatches `tick`, the keyboard and buttons the rest.
// `index` is the step shown: -1 before the first step, total-1 at the last.
import { createStore, type StoreApi } from 'zustand/vanilla';

export type PlaybackStatus = 'idle' | 'playing' | 'paused' | 'finished';

export const SPEEDS = [0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

export interface Playback {
  readonly status: PlaybackStatus;
  readonly index: number;
  readonly total: number;
  readonly speed: Speed;
}

export type PlaybackAction =
  /** A new trace: `total` steps, optionally opened at `index` (a link's step). */
  | { readonly type: 'load'; readonly total: number; readonly index?: number }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'toggle' }
  | { readonly type: 'tick' }
  | { readonly type: 'forward' }
  | { readonly type: 'back' }
  | { readonly type: 'seek'; readonly index: number }
  | { readonly type: 'speed'; readonly speed: Speed };

export const initialPlayback: Playback = { status: 'idle', index: -1, total: 0, speed: 1 };

// Not-a-number (a bad link, a bad count) reads as "before the first step" / "no steps".
const clamp = (i: number, total: number) => (Number.isFinite(i) ? Math.max(-1, Math.min(total - 1, Math.trunc(i))) : -1);

/** Where the machine rests after moving to `index` by hand: finished at the end, paused elsewhere. */
function rest(p: Playback, index: number): Playback {
  const i = clamp(index, p.total);
  if (p.total === 0) return { ...p, status: 'idle', index: -1 };
  return { ...p, index: i, status: i === p.total - 1 ? 'finished' : i < 0 ? 'idle' : 'paused' };
}

export function reducePlayback(p: Playback, action: PlaybackAction): Playback {
  switch (action.type) {
    case 'load': {
      const total = Number.isFinite(action.total) ? Math.max(0, Math.trunc(action.total)) : 0;
      return rest({ ...p, total }, action.index ?? -1);
    }
    case 'play':
      if (p.total === 0) return p;
      // Play from the start again once finished, like a media player.
      return { ...p, status: 'playing', index: p.status === 'finished' ? -1 : p.index };
    case 'pause':
      return p.status === 'playing' ? { ...p, status: 'paused' } : p;
    case 'toggle':
      return reducePlayback(p, { type: p.status === 'playing' ? 'pause' : 'play' });
    case 'tick': {
      if (p.status !== 'playing') return p;
      const index = p.index + 1;
      return index >= p.total - 1 ? { ...p, index: p.total - 1, status: 'finished' } : { ...p, index };
    }
    case 'forward':
      return rest(p, p.index + 1);
    case 'back':
      return rest(p, p.index - 1);
    case 'seek':
      return rest(p, action.index);
    case 'speed':
      return { ...p, speed: action.speed };
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** Milliseconds between two steps at `speed`. */
export function tickInterval(speed: Speed): number {
  return Math.round(700 / speed);
}

export interface PlaybackState extends Playback {
  dispatch(action: PlaybackAction): void;
}

export type PlaybackStore = StoreApi<PlaybackState>;

export function createPlaybackStore(initial: Partial<Playback> = {}): PlaybackStore {
  return createStore<PlaybackState>()((set) => ({
    ...initialPlayback,
    ...initial,
    dispatch(action) {
      set((s) => reducePlayback(s, action));
    },
  }));
}
