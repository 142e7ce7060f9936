import { describe, expect, it } from 'vitest';
import type { At, Flow, Leg, TraceEvent } from '../../engine/trace/types';
import type { Step } from '../model/steps';
import { namespacesOf, packetNamespace } from './namespaces';
import type { TopologyView } from '../../worker/protocol';

const topology = {
  machines: [
    { name: 'host1', role: 'node', namespaces: ['', 'pod-a'] },
    { name: 'host2', role: 'node', namespaces: [''] },
  ],
  networks: [{ name: 'lan', kind: 'switch' }],
  devices: [],
  layout: {},
} as unknown as TopologyView;

const step = (index: number, at: At): Step => ({
  index,
  legIndex: 0,
  leg: {} as Leg,
  event: { at } as TraceEvent,
  kind: 'recv',
  label: 'netif_receive_skb',
  isDrop: false,
});

const steps = [step(0, { machine: 'host1', netns: 'pod-a', dev: 'eth0' }), step(1, { machine: 'host1', netns: '' }), step(2, { machine: 'lan', netns: '' })];
const flow = { from: { machine: 'host1', netns: 'pod-a' } } as Flow;

describe('namespaces', () => {
  it('lists every namespace of every machine, root first', () => {
    expect(namespacesOf(topology)).toEqual([
      { machine: 'host1', netns: '' },
      { machine: 'host1', netns: 'pod-a' },
      { machine: 'host2', netns: '' },
    ]);
  });
  const known = namespacesOf(topology);
  const cases: { name: string; index: number; want: { machine: string; netns: string } }[] = [
    { name: 'a step happens in its own namespace', index: 1, want: { machine: 'host1', netns: '' } },
    { name: 'a step on a fabric network keeps the namespace before it', index: 2, want: { machine: 'host1', netns: '' } },
    { name: 'before the first step the sender’s namespace shows', index: -1, want: { machine: 'host1', netns: 'pod-a' } },
  ];
  it.each(cases)('$name', ({ index, want }) => {
    expect(packetNamespace(steps, index, known, flow)).toEqual(want);
  });
});
