import { describe, expect, it } from 'vitest';
import {
  createPlaybackStore,
  initialPlayback,
  type Playback,
  type PlaybackAction,
  reducePlayback,
  SPEEDS,
  tickInterval,
} from './playback';

/** A machine over `total` steps at `index` in `status` (speed 1 unless given). */
const at = (status: Playback['status'], index: number, total = 5, speed: Playback['speed'] = 1): Playback => ({ status, index, total, speed });

/** Apply actions in order. */
const run = (p: Playback, ...actions: PlaybackAction[]) => actions.reduce(reducePlayback, p);

interface Case {
  readonly name: string;
  readonly from: Playback;
  readonly actions: readonly PlaybackAction[];
  readonly to: Playback;
}

const cases: Case[] = [
  // load
  { name: 'a new trace opens idle before the first step', from: initialPlayback, actions: [{ type: 'load', total: 5 }], to: at('idle', -1) },
  { name: 'a link’s step opens the trace paused at that step', from: initialPlayback, actions: [{ type: 'load', total: 5, index: 2 }], to: at('paused', 2) },
  { name: 'a link’s step past the end opens finished at the last step', from: initialPlayback, actions: [{ type: 'load', total: 5, index: 99 }], to: at('finished', 4) },
  { name: 'a link’s step at the last step opens finished', from: initialPlayback, actions: [{ type: 'load', total: 5, index: 4 }], to: at('finished', 4) },
  { name: 'a negative step opens idle', from: initialPlayback, actions: [{ type: 'load', total: 5, index: -7 }], to: at('idle', -1) },
  { name: 'a fractional step is truncated', from: initialPlayback, actions: [{ type: 'load', total: 5, index: 2.7 }], to: at('paused', 2) },
  { name: 'a step that is not a number opens idle', from: initialPlayback, actions: [{ type: 'load', total: 5, index: Number.NaN }], to: at('idle', -1) },
  { name: 'a total that is not a number loads nothing', from: initialPlayback, actions: [{ type: 'load', total: Number.NaN, index: 2 }], to: at('idle', -1, 0) },
  { name: 'loading while playing stops and rests at the new trace’s step', from: at('playing', 3), actions: [{ type: 'load', total: 8, index: 1 }], to: at('paused', 1, 8) },
  { name: 'loading keeps the chosen speed', from: at('paused', 3, 5, 4), actions: [{ type: 'load', total: 9 }], to: at('idle', -1, 9, 4) },
  { name: 'loading no trace rests idle even with a step', from: at('paused', 3), actions: [{ type: 'load', total: 0, index: 3 }], to: at('idle', -1, 0) },

  // play, pause, toggle
  { name: 'play from idle starts before the first step', from: at('idle', -1), actions: [{ type: 'play' }], to: at('playing', -1) },
  { name: 'play from paused continues from the same step', from: at('paused', 2), actions: [{ type: 'play' }], to: at('playing', 2) },
  { name: 'play after finished restarts from the beginning', from: at('finished', 4), actions: [{ type: 'play' }], to: at('playing', -1) },
  { name: 'play while playing changes nothing', from: at('playing', 2), actions: [{ type: 'play' }], to: at('playing', 2) },
  { name: 'pause while playing rests at the step shown', from: at('playing', 2), actions: [{ type: 'pause' }], to: at('paused', 2) },
  { name: 'pause when not playing changes nothing', from: at('idle', -1), actions: [{ type: 'pause' }], to: at('idle', -1) },
  { name: 'pause after finished stays finished', from: at('finished', 4), actions: [{ type: 'pause' }], to: at('finished', 4) },
  { name: 'toggle plays when paused', from: at('paused', 1), actions: [{ type: 'toggle' }], to: at('playing', 1) },
  { name: 'toggle pauses when playing', from: at('playing', 1), actions: [{ type: 'toggle' }], to: at('paused', 1) },
  { name: 'toggle after finished restarts', from: at('finished', 4), actions: [{ type: 'toggle' }], to: at('playing', -1) },

  // tick
  { name: 'a tick advances one step', from: at('playing', -1), actions: [{ type: 'tick' }], to: at('playing', 0) },
  { name: 'the tick onto the last step finishes', from: at('playing', 3), actions: [{ type: 'tick' }], to: at('finished', 4) },
  { name: 'ticks walk the whole conversation and finish at its end', from: at('playing', -1), actions: Array(9).fill({ type: 'tick' }), to: at('finished', 4) },
  { name: 'a one-step trace finishes on its first tick', from: at('playing', -1, 1), actions: [{ type: 'tick' }], to: at('finished', 0, 1) },
  { name: 'a tick while paused changes nothing (a late timer)', from: at('paused', 2), actions: [{ type: 'tick' }], to: at('paused', 2) },
  { name: 'a tick while idle changes nothing', from: at('idle', -1), actions: [{ type: 'tick' }], to: at('idle', -1) },

  // forward, back
  { name: 'forward from idle rests paused on the first step', from: at('idle', -1), actions: [{ type: 'forward' }], to: at('paused', 0) },
  { name: 'forward while playing steps and pauses', from: at('playing', 1), actions: [{ type: 'forward' }], to: at('paused', 2) },
  { name: 'forward onto the last step rests finished', from: at('paused', 3), actions: [{ type: 'forward' }], to: at('finished', 4) },
  { name: 'forward at the end stays finished at the last step', from: at('finished', 4), actions: [{ type: 'forward' }], to: at('finished', 4) },
  { name: 'back from the last step rests paused', from: at('finished', 4), actions: [{ type: 'back' }], to: at('paused', 3) },
  { name: 'back from the first step rests idle before it', from: at('paused', 0), actions: [{ type: 'back' }], to: at('idle', -1) },
  { name: 'back before the first step stays idle', from: at('idle', -1), actions: [{ type: 'back' }], to: at('idle', -1) },
  { name: 'back while playing steps and pauses', from: at('playing', 2), actions: [{ type: 'back' }], to: at('paused', 1) },

  // seek
  { name: 'seek rests paused at the step', from: at('idle', -1), actions: [{ type: 'seek', index: 2 }], to: at('paused', 2) },
  { name: 'seek while playing pauses there', from: at('playing', 0), actions: [{ type: 'seek', index: 3 }], to: at('paused', 3) },
  { name: 'seek to the last step rests finished', from: at('paused', 0), actions: [{ type: 'seek', index: 4 }], to: at('finished', 4) },
  { name: 'seek past the end clamps to the last step', from: at('paused', 0), actions: [{ type: 'seek', index: 50 }], to: at('finished', 4) },
  { name: 'seek to -1 rests idle before the first step', from: at('finished', 4), actions: [{ type: 'seek', index: -1 }], to: at('idle', -1) },
  { name: 'seek below -1 clamps to idle', from: at('paused', 2), actions: [{ type: 'seek', index: -20 }], to: at('idle', -1) },

  // speed
  { name: 'speed changes only the speed while playing', from: at('playing', 2), actions: [{ type: 'speed', speed: 4 }], to: at('playing', 2, 5, 4) },
  { name: 'speed changes only the speed while idle', from: at('idle', -1), actions: [{ type: 'speed', speed: 0.5 }], to: at('idle', -1, 5, 0.5) },

  // no trace
  { name: 'with no trace play does nothing', from: initialPlayback, actions: [{ type: 'play' }], to: initialPlayback },
  { name: 'with no trace toggle does nothing', from: initialPlayback, actions: [{ type: 'toggle' }], to: initialPlayback },
  { name: 'with no trace forward stays idle', from: initialPlayback, actions: [{ type: 'forward' }], to: initialPlayback },
  { name: 'with no trace seek stays idle', from: initialPlayback, actions: [{ type: 'seek', index: 3 }], to: initialPlayback },
  { name: 'with no trace a tick does nothing', from: initialPlayback, actions: [{ type: 'tick' }], to: initialPlayback },

  // a whole session
  {
    name: 'play, pause, step, play again and run to the end',
    from: at('idle', -1),
    actions: [{ type: 'play' }, { type: 'tick' }, { type: 'tick' }, { type: 'pause' }, { type: 'forward' }, { type: 'play' }, { type: 'tick' }, { type: 'tick' }],
    to: at('finished', 4),
  },
];

describe('reducePlayback', () => {
  it.each(cases)('$name', ({ from, actions, to }) => {
    expect(run(from, ...actions)).toEqual(to);
  });

  it('never changes the state it is given', () => {
    const from = Object.freeze(at('playing', 2));
    for (const action of cases.flatMap((c) => c.actions)) expect(() => reducePlayback(from, action)).not.toThrow();
    expect(from).toEqual(at('playing', 2));
  });

  it('returns the same state when an action changes nothing, so subscribers are not woken', () => {
    const paused = at('paused', 2);
    expect(reducePlayback(paused, { type: 'pause' })).toBe(paused);
    expect(reducePlayback(paused, { type: 'tick' })).toBe(paused);
    expect(reducePlayback(initialPlayback, { type: 'play' })).toBe(initialPlayback);
  });
});

describe('stops (a step filter, collapsed walks) and one-packet scope', () => {
  // 10 steps; legs start at 0 and 5; playback stops at 1, 3, 4 (the first leg's end), 6, 9.
  const track = { stops: [1, 3, 4, 6, 9], legStarts: [0, 5] } as const;
  const on = (status: Playback['status'], index: number, extra: Partial<Playback> = {}): Playback => ({ ...at(status, index, 10), ...track, ...extra });

  it('ticks, forward and back move only through the stops', () => {
    expect(run(on('playing', -1), { type: 'tick' }).index).toBe(1);
    expect(run(on('playing', 1), { type: 'tick' }, { type: 'tick' }).index).toBe(4);
    expect(run(on('paused', 4), { type: 'forward' })).toEqual(on('paused', 6));
    expect(run(on('paused', 6), { type: 'back' })).toEqual(on('paused', 4));
    expect(run(on('paused', 1), { type: 'back' })).toEqual(on('idle', -1));
  });
  it('the tick onto the last stop finishes', () => {
    expect(run(on('playing', 6), { type: 'tick' })).toEqual(on('finished', 9));
  });
  it('a seek snaps to a stop in the direction it moves (a scrub never rests on a hidden step)', () => {
    expect(run(on('paused', 1), { type: 'seek', index: 2 }).index).toBe(3);
    expect(run(on('paused', 6), { type: 'seek', index: 5 }).index).toBe(4);
    expect(run(on('paused', 6), { type: 'seek', index: 6 }).index).toBe(6);
    // Home (seek 0) from further on: no stop at or before 0, so the first stop
    expect(run(on('paused', 6), { type: 'seek', index: 0 }).index).toBe(1);
    expect(run(on('paused', 6), { type: 'seek', index: -1 })).toEqual(on('idle', -1));
  });
  it('in one-packet scope playing pauses at the end of the leg, and play goes on with the next', () => {
    const leg = { scope: 'leg' as const };
    expect(run(on('playing', 1, leg), { type: 'tick' }, { type: 'tick' })).toEqual(on('paused', 4, leg));
    expect(run(on('paused', 4, leg), { type: 'play' }, { type: 'tick' })).toEqual(on('playing', 6, leg));
    expect(run(on('playing', 1), { type: 'tick' }, { type: 'tick' }, { type: 'tick' })).toEqual(on('playing', 6));
  });
  it('new stops keep the step shown, and a link opens exactly at its step even if hidden', () => {
    expect(run(on('paused', 3), { type: 'stops', stops: [0, 9], legStarts: [0, 5] })).toEqual({ ...on('paused', 3), stops: [0, 9] });
    expect(run(on('paused', 3), { type: 'stops' })).toEqual(at('paused', 3, 10));
    expect(run(initialPlayback, { type: 'load', total: 10, index: 2, ...track })).toEqual(on('paused', 2));
  });
  it('scope changes only the scope', () => {
    expect(run(on('playing', 3), { type: 'scope', scope: 'leg' })).toEqual(on('playing', 3, { scope: 'leg' }));
  });
});

describe('tickInterval', () => {
  it.each([
    { speed: 0.5, ms: 800 },
    { speed: 1, ms: 400 },
    { speed: 2, ms: 200 },
    { speed: 4, ms: 100 },
  ] as const)('is $ms ms at $speed×', ({ speed, ms }) => {
    expect(tickInterval(speed)).toBe(ms);
  });

  it('gets shorter as the speed rises', () => {
    const intervals = SPEEDS.map(tickInterval);
    expect([...intervals].sort((a, b) => b - a)).toEqual(intervals);
  });
});

describe('createPlaybackStore', () => {
  it('starts idle with no trace and runs actions through the reducer', () => {
    const store = createPlaybackStore();
    expect(store.getState()).toMatchObject(initialPlayback);
    store.getState().dispatch({ type: 'load', total: 3, index: 1 });
    store.getState().dispatch({ type: 'play' });
    store.getState().dispatch({ type: 'tick' });
    expect(store.getState()).toMatchObject(at('finished', 2, 3));
  });

  it('takes initial values', () => {
    expect(createPlaybackStore({ speed: 2 }).getState()).toMatchObject({ ...initialPlayback, speed: 2 });
  });
});

describe('createPlaybackStore', () => {
  it('moves only when allowed, but always loads, pauses and takes stops, scope and speed', () => {
    let allowed = false;
    const store = createPlaybackStore({}, () => allowed);
    const d = store.getState().dispatch;
    d({ type: 'load', total: 10 });
    expect(store.getState().total).toBe(10);
    for (const a of [{ type: 'play' }, { type: 'forward' }, { type: 'tick' }, { type: 'seek', index: 4 }, { type: 'toggle' }] as const) d(a);
    expect(store.getState()).toMatchObject({ index: -1, status: 'idle' });
    d({ type: 'speed', speed: 2 });
    expect(store.getState().speed).toBe(2);
    allowed = true;
    d({ type: 'seek', index: 4 });
    expect(store.getState().index).toBe(4);
  });
});
