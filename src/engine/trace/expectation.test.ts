import { describe, expect, it } from 'vitest';
import { TRACE_VERSION, type Drop, type Trace } from './types';
import { describeExpectation, describeVerdict, expectationMet } from './expectation';

const flow = { id: 'f', from: { machine: 'a', netns: '' }, to: { addr: '10.0.0.2', port: 80 }, protocol: 'tcp' } as const;
const delivered: Trace = { version: TRACE_VERSION, flow, verdict: 'delivered', legs: [{ packet: 'SYN', verdict: 'delivered', events: [] }], outcome: { code: 'connected' }, state: [] };
const drop: Drop = { reason: 'IP_RPFILTER', seq: 0, at: { machine: 'node1', netns: 'pod1', dev: 'eth0' }, fn: 'fib_validate_source' };
const dropped: Trace = {
  version: TRACE_VERSION,
  state: [],
  flow,
  verdict: 'dropped',
  legs: [
    { packet: 'SYN', verdict: 'delivered', events: [] },
    { packet: 'SYN-ACK', verdict: 'dropped', drop, events: [] },
  ],
  outcome: { code: 'timeout' },
};

describe('expectationMet', () => {
  const cases: [string, Trace, Parameters<typeof expectationMet>[1], boolean][] = [
    ['a delivered trace meets "delivered"', delivered, 'delivered', true],
    ['a dropped trace does not meet "delivered"', dropped, 'delivered', false],
    ['a delivered trace does not meet a drop', delivered, { dropped: 'IP_RPFILTER' }, false],
    ['the drop reason must match', dropped, { dropped: 'NO_SOCKET' }, false],
    ['a matching reason without "at" is met', dropped, { dropped: 'IP_RPFILTER' }, true],
    ['"at" may name the machine', dropped, { dropped: 'IP_RPFILTER', at: 'node1' }, true],
    ['"at" may name machine/netns', dropped, { dropped: 'IP_RPFILTER', at: 'node1/pod1' }, true],
    ['"at" naming another machine fails', dropped, { dropped: 'IP_RPFILTER', at: 'node2' }, false],
  ];
  for (const [name, trace, want, met] of cases) it(name, () => expect(expectationMet(trace, want)).toBe(met));
});

describe('descriptions', () => {
  it('say what was expected and what happened', () => {
    expect(describeExpectation(undefined)).toBe('-');
    expect(describeExpectation({ dropped: 'X', at: 'n' })).toBe('dropped X at n');
    expect(describeVerdict(dropped)).toBe('dropped IP_RPFILTER at node1/pod1');
    expect(describeVerdict(delivered)).toBe('delivered');
  });
});
