// Playback of a trace as an explicit state machine (STYLE: idle | playing | paused | finished).
// The reducer is pure: the page's timer dispatches `tick`, the keyboard and buttons the rest.
// `index` is the step shown: -1 before the first step, total-1 at the last. With a step filter
// (or a collapsed table walk) playback moves only through `stops`; in `leg` scope it pauses at
// the end of each packet.
import { createStore, type StoreApi } from 'zustand/vanilla';

export type PlaybackStatus = 'idle' | 'playing' | 'paused' | 'finished';

export const SPEEDS = [0.5, 1, 2, 4] as const;
export type Speed = (typeof SPEEDS)[number];

/** Play one packet (leg) and pause at its end, or the whole conversation. */
export type PlayScope = 'leg' | 'conversation';

export interface Playback {
  readonly status: PlaybackStatus;
  readonly index: number;
  readonly total: number;
  readonly speed: Speed;
  /** The steps playback stops at, ascending, the last step among them; absent: every step. */
  readonly stops?: readonly number[];
  /** The first step of each leg (for `leg` scope); absent: one leg. */
  readonly legStarts?: readonly number[];
  /** Absent: the whole conversation. */
  readonly scope?: PlayScope;
}

export type PlaybackAction =
  /** A new trace: `total` steps, optionally opened at `index` (a link's step). */
  | { readonly type: 'load'; readonly total: number; readonly index?: number; readonly stops?: readonly number[]; readonly legStarts?: readonly number[] }
  /** The filter or a walk's expansion changed what playback stops at; the step shown stays. */
  | { readonly type: 'stops'; readonly stops?: readonly number[]; readonly legStarts?: readonly number[] }
  | { readonly type: 'scope'; readonly scope: PlayScope }
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

/** The stop after `index`, or undefined at the end. */
export function nextStop(p: Playback, index: number): number | undefined {
  if (!p.stops) return index + 1 < p.total ? index + 1 : undefined;
  return p.stops.find((s) => s > index);
}

/** The stop before `index`, or -1 (before the first step). */
export function previousStop(p: Playback, index: number): number {
  if (!p.stops) return index - 1;
  return p.stops.findLast((s) => s < index) ?? -1;
}

const lastStop = (p: Playback) => (p.stops ? (p.stops.at(-1) ?? -1) : p.total - 1);

/**
 * Where a seek to `index` lands: there if playback stops there (or before the start), else the
 * nearest stop in the direction it moves (so a scrub or Home never rests on a hidden step), else
 * the nearest the other way.
 */
function snap(p: Playback, index: number): number {
  if (!p.stops || index < 0 || p.stops.includes(index)) return index;
  const after = p.stops.find((s) => s >= index);
  const before = p.stops.findLast((s) => s <= index);
  return (index > p.index ? (after ?? before) : (before ?? after)) ?? -1;
}

const legOf = (p: Playback, index: number) => (p.legStarts ?? []).filter((s) => s <= index).length;

/** Where the machine rests after moving to `index` by hand: finished at the end, paused elsewhere. */
function rest(p: Playback, index: number): Playback {
  const i = clamp(index, p.total);
  if (p.total === 0) return { ...p, status: 'idle', index: -1 };
  return { ...p, index: i, status: i >= lastStop(p) ? 'finished' : i < 0 ? 'idle' : 'paused' };
}

export function reducePlayback(p: Playback, action: PlaybackAction): Playback {
  switch (action.type) {
    case 'load': {
      const total = Number.isFinite(action.total) ? Math.max(0, Math.trunc(action.total)) : 0;
      return rest(withStops({ ...p, total }, action.stops, action.legStarts), action.index ?? -1);
    }
    case 'stops': {
      const next = withStops(p, action.stops, action.legStarts);
      if (next.status === 'playing' || p.total === 0) return next;
      return rest(next, p.index);
    }
    case 'scope':
      return { ...p, scope: action.scope };
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
      const index = nextStop(p, p.index);
      if (index === undefined || index >= lastStop(p)) return { ...p, index: lastStop(p), status: 'finished' };
      // One packet: rest at its last stop; play again goes on with the next packet.
      const after = nextStop(p, index);
      if (p.scope === 'leg' && after !== undefined && legOf(p, after) !== legOf(p, index)) return { ...p, index, status: 'paused' };
      return { ...p, index };
    }
    case 'forward':
      return rest(p, nextStop(p, p.index) ?? p.index);
    case 'back':
      return rest(p, previousStop(p, p.index));
    case 'seek':
      return rest(p, snap(p, clamp(action.index, p.total)));
    case 'speed':
      return { ...p, speed: action.speed };
    default: {
      const never: never = action;
      return never;
    }
  }
}

/** Stops and leg starts for the machine; none (every step, one leg) when not given. */
function withStops(p: Playback, stops: readonly number[] | undefined, legStarts: readonly number[] | undefined): Playback {
  const { stops: _s, legStarts: _l, ...rest } = p;
  void _s;
  void _l;
  return { ...rest, ...(stops ? { stops } : {}), ...(legStarts ? { legStarts } : {}) };
}

/** Milliseconds between two steps at 1×. */
export const BASE_INTERVAL_MS = 400;

/** Milliseconds between two steps at `speed`. */
export function tickInterval(speed: Speed): number {
  return Math.round(BASE_INTERVAL_MS / speed);
}

export interface PlaybackState extends Playback {
  dispatch(action: PlaybackAction): void;
}

export type PlaybackStore = StoreApi<PlaybackState>;

/**
 * `allows`: whether an action may move playback now (the page holds it while predict mode
 * waits for the learner's guess); loading a trace, stops, speed and pausing always pass.
 */
export function createPlaybackStore(initial: Partial<Playback> = {}, allows: (action: PlaybackAction) => boolean = () => true): PlaybackStore {
  return createStore<PlaybackState>()((set) => ({
    ...initialPlayback,
    ...initial,
    dispatch(action) {
      if (!ALWAYS.has(action.type) && !allows(action)) return;
      set((s) => reducePlayback(s, action));
    },
  }));
}

const ALWAYS = new Set<PlaybackAction['type']>(['load', 'stops', 'scope', 'speed', 'pause']);
