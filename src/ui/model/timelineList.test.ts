import { describe, expect, it } from 'vitest';
import type { EventCode } from '../../engine/trace/events';
import { TRACE_VERSION, type Leg, type Trace, type TraceEvent } from '../../engine/trace/types';
import type { ChainWalk } from './chainWalk';
import { stepsOf } from './steps';
import { groupTimeline } from './timeline';
import { revealOffset, timelineList, type TimelineEntry } from './timelineList';

let seq = 0;
function ev(place: string, code: EventCode = 'dev.recv'): TraceEvent {
  const [machine, netns = ''] = place.split('/');
  return { seq: seq++, at: { machine, netns }, fn: 'f', code, params: {}, packet: [] } as unknown as TraceEvent;
}
const leg = (packet: Leg['packet'], events: TraceEvent[], verdict: Leg['verdict'] = 'delivered'): Leg => ({ packet, verdict, events });
function trace(...legs: Leg[]): Trace {
  return {
    version: TRACE_VERSION,
    flow: { id: 'f', from: { machine: 'h1', netns: 'a' }, to: { addr: '10.0.0.2' }, protocol: 'tcp' },
    verdict: legs.every((l) => l.verdict === 'delivered') ? 'delivered' : 'dropped',
    legs,
    outcome: { code: 'timeout' },
    state: [],
  };
}

// SYN: h1/a 0,1 · h1 2,3,4 (a walk of 2..4) · h2 5 ; SYN-ACK: h2 6 · h1/a 7
const steps = stepsOf(
  trace(
    leg('SYN', [ev('h1/a', 'route.output'), ev('h1/a', 'veth.xmit'), ev('h1', 'nf.rule'), ev('h1', 'nf.rule'), ev('h1', 'nf.rule'), ev('h2', 'sock.deliver')]),
    leg('SYN-ACK', [ev('h2', 'route.output'), ev('h1/a', 'drop')], 'dropped'),
  ),
);
const groups = groupTimeline(steps);
const walk: ChainWalk = { key: 2, first: 2, last: 4, hook: 'PREROUTING', table: 'nat', path: 'PREROUTING → KUBE-SERVICES', target: 'DNAT' };
const walks = new Map([[2, walk]]);

const shape = (e: TimelineEntry) =>
  e.type === 'leg' ? `leg ${e.group.leg.packet}` : e.type === 'run' ? `run ${e.run.place}` : e.type === 'walk' ? `walk ${e.walk.key}${e.open ? ' open' : ''}` : `step ${e.step.index}${e.nested ? ' nested' : ''}`;

describe('timelineList', () => {
  it('lists each leg header, then each run header and its rows, in order', () => {
    const list = timelineList(groups, new Map(), new Set());
    expect(list.entries.map(shape)).toEqual([
      'leg SYN', 'run h1/a', 'step 0', 'step 1', 'run h1', 'step 2', 'step 3', 'step 4', 'run h2', 'step 5',
      'leg SYN-ACK', 'run h2', 'step 6', 'run h1/a', 'step 7',
    ]);
    expect(list.rows).toBe(8);
    expect(list.drops).toBe(1);
  });

  it('names the headers every entry sits under', () => {
    const list = timelineList(groups, new Map(), new Set());
    expect(list.legOf).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10, 10, 10, 10]);
    expect(list.runOf).toEqual([-1, 1, 1, 1, 4, 4, 4, 4, 8, 8, -1, 11, 11, 13, 13]);
  });

  it('marks the last row of each run', () => {
    const list = timelineList(groups, new Map(), new Set());
    const last = list.entries.flatMap((e) => (e.type === 'step' && e.lastOfRun ? [e.step.index] : []));
    expect(last).toEqual([1, 4, 5, 6, 7]);
  });

  it('shows a closed walk as one row that stands for each of its steps', () => {
    const list = timelineList(groups, walks, new Set());
    expect(list.entries.map(shape).slice(4, 7)).toEqual(['run h1', 'walk 2', 'run h2']);
    expect([2, 3, 4].map((s) => list.rowOf.get(s))).toEqual([5, 5, 5]);
    expect(list.rowOf.get(5)).toBe(7);
    expect(list.rows).toBe(6);
  });

  it('lists an open walk’s steps after it, each its own row', () => {
    const list = timelineList(groups, walks, new Set([2]));
    expect(list.entries.map(shape).slice(4, 9)).toEqual(['run h1', 'walk 2 open', 'step 2 nested', 'step 3 nested', 'step 4 nested']);
    expect([2, 3, 4].map((s) => list.rowOf.get(s))).toEqual([6, 7, 8]);
  });

  it('gives every step shown exactly one row', () => {
    const list = timelineList(groups, walks, new Set());
    expect([...list.rowOf.keys()].sort((a, b) => a - b)).toEqual(steps.map((s) => s.index));
  });

  it('is empty without groups', () => {
    expect(timelineList([], walks, new Set())).toMatchObject({ entries: [], rows: 0, drops: 0 });
  });
});

describe('revealOffset', () => {
  const view = { offset: 100, height: 200, top: 56, bottom: 4 };
  it('leaves a row in view where it is', () => {
    expect(revealOffset(156, 28, view)).toBeUndefined();
    expect(revealOffset(268, 28, view)).toBeUndefined();
  });
  it('puts a row under the headers or below the box a third of the way down the free space', () => {
    // free = 200 − 56 − 4 = 140: the row lands 56 + 140/3 below the top
    expect(revealOffset(150, 28, view)).toBeCloseTo(150 - 56 - 140 / 3);
    expect(revealOffset(1000, 28, view)).toBeCloseTo(1000 - 56 - 140 / 3);
  });
  it('never scrolls above the top', () => {
    expect(revealOffset(10, 28, { ...view, offset: 50 })).toBe(0);
  });
});
