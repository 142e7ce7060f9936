import { describe, expect, it } from 'vitest';
import type { Op } from '../engine/config/ops';
import type { NetworkSpec } from '../engine/config/world';
import type { Scenario } from './model';
import { expectationsFor, worldSpecFor } from './variant';

const op = (text: string, line: number): Op => ({ op: 'noop', command: text, loc: { file: 'f.yaml', line, col: 7 }, netns: '', text });

const cloud: NetworkSpec = { name: 'lan', kind: 'vpc', cidr: { addr: 0x0a000000, len: 16 }, routes: [], securityGroups: [] };

const scenario: Scenario = {
  file: 'f.yaml',
  id: 'f',
  title: { en: 'F', 'zh-CN': 'F' },
  summary: { en: 'F', 'zh-CN': 'F' },
  tags: [],
  source: '',
  networks: [{ name: 'lan', kind: 'switch' }],
  machines: [
    { name: 'a', role: 'node', nics: [{ name: 'eth0', network: 'lan' }], ops: [op('modprobe a1', 1)], script: 'modprobe a1\n' },
    { name: 'b', role: 'node', nics: [], ops: [op('modprobe b1', 2)], script: 'modprobe b1\n' },
  ],
  flows: [
    { id: 'f1', from: { machine: 'a', netns: '' }, to: { addr: '10.0.0.2', port: 80 }, protocol: 'tcp', expect: { dropped: 'NEIGH_FAILED', at: 'a' } },
    { id: 'f2', from: { machine: 'a', netns: '' }, to: { addr: '10.0.0.2' }, protocol: 'icmp', expect: 'delivered' },
    { id: 'f3', from: { machine: 'b', netns: '' }, to: { addr: '10.0.0.1' }, protocol: 'icmp' },
  ],
  variants: [
    {
      id: 'fixed',
      title: { en: 'Fixed', 'zh-CN': 'Fixed' },
      append: { a: [op('modprobe a2', 10)] },
      appendText: { a: 'modprobe a2\n' },
      expect: { f1: 'delivered', f3: { dropped: 'NO_SOCKET' } },
    },
    {
      id: 'cloud',
      title: { en: 'Cloud', 'zh-CN': '云' },
      append: {},
      appendText: {},
      networks: [cloud],
      nics: { a: [{ name: 'eth0', addresses: ['10.0.0.1'], sourceDestCheck: false }] },
      expect: { f1: { dropped: 'SOURCE_DEST_CHECK', at: 'lan' } },
    },
  ],
  tour: [],
  layout: {},
};

describe('worldSpecFor', () => {
  it('gives each machine its script ops for the base scenario', () => {
    const spec = worldSpecFor(scenario);
    expect(spec.networks).toEqual(scenario.networks);
    expect(spec.machines.map((m) => [m.name, m.ops.map((o) => o.text)])).toEqual([
      ['a', ['modprobe a1']],
      ['b', ['modprobe b1']],
    ]);
  });

  it('appends the variant ops after the script of the machines it edits', () => {
    const spec = worldSpecFor(scenario, 'fixed');
    expect(spec.machines.map((m) => [m.name, m.ops.map((o) => o.text)])).toEqual([
      ['a', ['modprobe a1', 'modprobe a2']],
      ['b', ['modprobe b1']],
    ]);
  });

  it('hands the engine machine specs without the script text', () => {
    expect(worldSpecFor(scenario).machines[0]).toEqual({ name: 'a', role: 'node', nics: [{ name: 'eth0', network: 'lan' }], ops: scenario.machines[0].ops });
  });

  it('throws on an unknown variant id, naming the ones that exist', () => {
    expect(() => worldSpecFor(scenario, 'nope')).toThrow('unknown variant "nope"; variants: fixed, cloud');
  });

  describe('a variant that replaces networks and changes NICs', () => {
    it('replaces the network of the same name and keeps the others', () => {
      const spec = worldSpecFor(scenario, 'cloud');
      expect(spec.networks).toEqual([cloud]);
      expect(worldSpecFor(scenario).networks).toEqual([{ name: 'lan', kind: 'switch' }]);
    });

    it('sets the fields it names on the NIC of that name, and leaves the rest as they are', () => {
      const spec = worldSpecFor(scenario, 'cloud');
      expect(spec.machines[0].nics).toEqual([{ name: 'eth0', network: 'lan', addresses: ['10.0.0.1'], sourceDestCheck: false }]);
      expect(spec.machines[1].nics).toEqual([]);
      expect(spec.machines[0].ops.map((o) => o.text)).toEqual(['modprobe a1']);
    });

    it('applies several edits of one NIC in order', () => {
      const twice: Scenario = {
        ...scenario,
        variants: [{ ...scenario.variants[1], nics: { a: [{ name: 'eth0', sourceDestCheck: false }, { name: 'eth0', sourceDestCheck: true, securityGroups: ['g'] }] } }],
      };
      expect(worldSpecFor(twice, 'cloud').machines[0].nics[0]).toEqual({ name: 'eth0', network: 'lan', sourceDestCheck: true, securityGroups: ['g'] });
    });
  });
});

describe('expectationsFor', () => {
  it("returns each flow's own expectation for the base scenario", () => {
    expect(expectationsFor(scenario)).toEqual({ f1: { dropped: 'NEIGH_FAILED', at: 'a' }, f2: 'delivered' });
  });

  it("lets the variant's expectations replace and add to the flows' own", () => {
    expect(expectationsFor(scenario, 'fixed')).toEqual({ f1: 'delivered', f2: 'delivered', f3: { dropped: 'NO_SOCKET' } });
  });

  it('throws on an unknown variant id', () => {
    expect(() => expectationsFor(scenario, 'nope')).toThrow('unknown variant "nope"');
  });
});
