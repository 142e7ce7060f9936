import { describe, expect, it } from 'vitest';
import { EVENT_CODES, eventKind, type EventCode, type EventKind } from '../../engine/trace/events';
import { TRACE_VERSION, type Leg, type Trace, type TraceEvent } from '../../engine/trace/types';
import { en, zhCN } from '../../i18n/messages';
import { stepsOf } from './steps';
import { dropSteps, groupTimeline, KIND_STYLES, legSpans, rowState, scrubFraction, styleOf } from './timeline';

/** Every kind an event code has. */
const KINDS: readonly EventKind[] = [...new Set(EVENT_CODES.map(eventKind))];

let seq = 0;
/** An event at `place` ('host1', 'host1/pod-a'); its parameters and packet are irrelevant here. */
function ev(place: string, code: EventCode = 'dev.recv', fn = 'netif_receive_skb'): TraceEvent {
  const [machine, netns = ''] = place.split('/');
  return { seq: seq++, at: { machine, netns }, fn, code, params: {}, packet: [] } as unknown as TraceEvent;
}

function leg(packet: Leg['packet'], events: TraceEvent[], verdict: Leg['verdict'] = 'delivered'): Leg {
  return { packet, verdict, events };
}

function trace(...legs: Leg[]): Trace {
  return {
    version: TRACE_VERSION,
    flow: { id: 'f', from: { machine: 'host1', netns: 'pod-a' }, to: { addr: '10.0.0.2' }, protocol: 'tcp' },
    verdict: legs.every((l) => l.verdict === 'delivered') ? 'delivered' : 'dropped',
    legs,
    outcome: { code: 'timeout' },
    state: [],
  };
}

const handshake = trace(
  leg('SYN', [ev('host1/pod-a', 'route.output', 'ip_route_output'), ev('host1/pod-a', 'veth.xmit', 'veth_xmit'), ev('host1'), ev('host1', 'route.input'), ev('lan', 'switch.forward', 'switch'), ev('host2'), ev('host2', 'sock.deliver', 'tcp_v4_rcv')]),
  leg('SYN-ACK', [ev('host2', 'route.input'), ev('host2', 'veth.xmit'), ev('lan', 'switch.forward', 'switch'), ev('host1/pod-a', 'sock.deliver')]),
  leg('ACK', [ev('host1/pod-a', 'route.output'), ev('host1/pod-a', 'veth.xmit')]),
);

const dropped = trace(leg('SYN', [ev('host1/pod-a', 'veth.xmit'), ev('host1', 'nf.rule', 'ipt_do_table'), ev('host1', 'drop', 'nf_hook_slow')], 'dropped'));

/** A leg that dies without a 'drop' event (the engine's last step is the drop all the same). */
const silentDrop = trace(leg('echo-request', [ev('host/ns1', 'route.output', 'ip_route_output')], 'dropped'));

describe('KIND_STYLES', () => {
  it.each(KINDS)('gives %s an icon, a tone and a label in both languages', (kind) => {
    const style = KIND_STYLES[kind];
    expect(style.icon).toBeTruthy();
    expect(style.tone).toBeTruthy();
    expect(style.label).toBe(`timeline.kind.${kind}`);
    expect(en[style.label]).toBeTruthy();
    expect(zhCN[style.label]).toBeTruthy();
  });

  it('covers exactly the trace contract’s kinds', () => {
    expect(Object.keys(KIND_STYLES).sort()).toEqual([...KINDS].sort());
  });

  it('draws drops red and deliveries green, and nothing else in those colours', () => {
    expect(KIND_STYLES.drop.tone).toBe('rose');
    expect(KIND_STYLES.deliver.tone).toBe('emerald');
    const others = KINDS.filter((k) => k !== 'drop' && k !== 'deliver').map((k) => KIND_STYLES[k].tone);
    expect(others).not.toContain('rose');
    expect(others).not.toContain('emerald');
  });

  it('gives every kind its own icon', () => {
    const icons = KINDS.map((k) => KIND_STYLES[k].icon);
    expect(new Set(icons).size).toBe(icons.length);
  });

  it('draws the step a leg died at as a drop whatever its kind', () => {
    const steps = stepsOf(silentDrop);
    expect(styleOf(steps[0])).toBe(KIND_STYLES.drop);
    expect(styleOf(stepsOf(handshake)[0])).toBe(KIND_STYLES.route);
  });
});

describe('groupTimeline', () => {
  it('makes one group per leg, in order, with its first and last step', () => {
    const groups = groupTimeline(stepsOf(handshake));
    expect(groups.map((g) => [g.leg.packet, g.first, g.last])).toEqual([
      ['SYN', 0, 6],
      ['SYN-ACK', 7, 10],
      ['ACK', 11, 12],
    ]);
  });

  it('splits a leg into runs of consecutive steps in one namespace', () => {
    const [syn] = groupTimeline(stepsOf(handshake));
    expect(syn.runs.map((r) => [r.place, r.steps.map((s) => s.index)])).toEqual([
      ['host1/pod-a', [0, 1]],
      ['host1', [2, 3]],
      ['lan', [4]],
      ['host2', [5, 6]],
    ]);
  });

  it('marks a run of fabric steps as a network and keeps machine and netns apart', () => {
    const [syn] = groupTimeline(stepsOf(handshake));
    expect(syn.runs.map((r) => r.network)).toEqual([false, false, true, false]);
    expect(syn.runs[0]).toMatchObject({ machine: 'host1', netns: 'pod-a' });
    expect(syn.runs[1]).toMatchObject({ machine: 'host1', netns: '' });
  });

  it('starts a new run when a leg starts, even in the same namespace', () => {
    const groups = groupTimeline(stepsOf(handshake));
    expect(groups[0].runs.at(-1)?.place).toBe('host2');
    expect(groups[1].runs[0].place).toBe('host2');
    expect(groups[1].runs[0].key).toBe(7);
  });

  it('starts a new run when the packet comes back to a namespace it left', () => {
    const t = trace(leg('SYN', [ev('a'), ev('b'), ev('a')]));
    expect(groupTimeline(stepsOf(t))[0].runs.map((r) => r.place)).toEqual(['a', 'b', 'a']);
  });

  it('gives every run a unique key', () => {
    const keys = groupTimeline(stepsOf(handshake)).flatMap((g) => g.runs.map((r) => r.key));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps every step exactly once, in order', () => {
    const steps = stepsOf(handshake);
    const flat = groupTimeline(steps).flatMap((g) => g.runs.flatMap((r) => r.steps));
    expect(flat).toEqual(steps);
  });

  it('groups nothing when there are no steps', () => {
    expect(groupTimeline([])).toEqual([]);
  });
});

describe('scrubFraction', () => {
  it.each([
    { name: 'before the first step is the start of the bar', value: -1, total: 4, at: 0 },
    { name: 'the last step is the end of the bar', value: 3, total: 4, at: 1 },
    { name: 'a step in between is proportional', value: 1, total: 4, at: 0.5 },
    { name: 'values past the ends are clamped', value: 9, total: 4, at: 1 },
    { name: 'no steps put everything at the start', value: 2, total: 0, at: 0 },
  ])('$name', ({ value, total, at }) => {
    expect(scrubFraction(value, total)).toBe(at);
  });
});

describe('legSpans', () => {
  it('tiles the bar with the legs, each starting where the step before it ends', () => {
    const spans = legSpans(stepsOf(handshake));
    expect(spans.map((s) => [s.packet, s.first, s.last])).toEqual([
      ['SYN', 0, 6],
      ['SYN-ACK', 7, 10],
      ['ACK', 11, 12],
    ]);
    expect(spans[0].start).toBe(0);
    expect(spans.at(-1)?.end).toBe(1);
    for (let i = 1; i < spans.length; i++) expect(spans[i].start).toBe(spans[i - 1].end);
    expect(spans[1].start).toBeCloseTo(7 / 13);
  });

  it('carries each leg’s verdict', () => {
    expect(legSpans(stepsOf(dropped)).map((s) => s.verdict)).toEqual(['dropped']);
  });
});

describe('dropSteps', () => {
  it.each([
    { name: 'a delivered conversation has no drop', t: handshake, drops: [] },
    { name: 'a drop event is marked', t: dropped, drops: [{ index: 2, role: 'other' }] },
    { name: 'the last step of a dropped leg is marked even without a drop event', t: silentDrop, drops: [{ index: 0, role: 'other' }] },
  ])('$name', ({ t, drops }) => {
    expect(dropSteps(stepsOf(t))).toEqual(drops);
  });
});

describe('rowState', () => {
  it.each([
    { name: 'the step shown is current', index: 3, current: 3, state: 'current' },
    { name: 'a step before it is past', index: 2, current: 3, state: 'past' },
    { name: 'a step after it is future', index: 4, current: 3, state: 'future' },
    { name: 'before the first step everything is future', index: 0, current: -1, state: 'future' },
  ] as const)('$name', ({ index, current, state }) => {
    expect(rowState(index, current)).toBe(state);
  });
});
