import { describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../../engine/api';
import type { TopologyView } from '../../worker/protocol';
import { collapseFor, GROUP_ABOVE } from './collapse';
import { nodeIdForAt, placeIdForAt, topologyGraph } from './graph';
import { groupId, namespaceId } from './ids';

const dev = (d: Partial<DeviceInfo> & Pick<DeviceInfo, 'machine' | 'name'>): DeviceInfo =>
  ({ netns: '', kind: 'veth', mac: '02:00:00:00:00:01', up: true, mtu: 1500, addresses: [], ...d }) as DeviceInfo;

/** A node with a bridge and `n` pods on it (each pod's veth a port of cni0), and a small peer node. */
function node(n: number): TopologyView {
  const pods = Array.from({ length: n }, (_, k) => `pod${k}`);
  return {
    machines: [
      { name: 'big', role: 'node', namespaces: ['', ...pods] },
      { name: 'small', role: 'node', namespaces: ['', 'a'] },
    ],
    networks: [{ name: 'lan', kind: 'switch' }],
    devices: [
      dev({ machine: 'big', name: 'eth0', kind: 'nic', network: 'lan', addresses: ['192.168.0.10/24'] }),
      dev({ machine: 'big', name: 'cni0', kind: 'bridge', addresses: ['10.244.0.1/24'] }),
      ...pods.flatMap((p, k) => [
        dev({ machine: 'big', netns: p, name: 'eth0', addresses: [`10.244.0.${k + 2}/24`], peer: { machine: 'big', netns: '', name: `veth-${p}` } }),
        dev({ machine: 'big', name: `veth-${p}`, master: 'cni0', peer: { machine: 'big', netns: p, name: 'eth0' } }),
      ]),
      dev({ machine: 'small', name: 'eth0', kind: 'nic', network: 'lan', addresses: ['192.168.0.11/24'] }),
      dev({ machine: 'small', netns: 'a', name: 'eth0', addresses: ['10.244.1.2/24'], peer: { machine: 'small', netns: '', name: 'veth-a' } }),
      dev({ machine: 'small', name: 'veth-a', peer: { machine: 'small', netns: 'a', name: 'eth0' } }),
    ],
    layout: {},
  };
}

const ids = (topology: TopologyView, touched?: string[], expanded: string[] = []) =>
  topologyGraph(topology, collapseFor(topology, touched && new Set(touched), new Set(expanded)));

describe('collapseFor with many namespaces', () => {
  it('without a flow, groups a machine’s namespaces past GROUP_ABOVE and leaves small machines open', () => {
    const c = collapseFor(node(20), undefined);
    expect(c.groups?.get('big')).toHaveLength(20);
    expect(c.groups?.has('small')).toBe(false);
    expect(c.namespaces.has(namespaceId('small', 'a'))).toBe(false);
  });

  it('without a flow, folds nothing in a lab of small machines', () => {
    const c = collapseFor(node(GROUP_ABOVE), undefined);
    expect(c.namespaces.size).toBe(0);
    expect(c.groups).toBeUndefined();
  });

  it('with a flow, groups what it does not touch and keeps what it does', () => {
    const c = collapseFor(node(20), new Set([namespaceId('big', 'pod3'), namespaceId('big', '')]));
    expect(c.groups?.get('big')).toHaveLength(19);
    expect(c.groups?.get('big')).not.toContain('pod3');
  });

  it('unfolded by the reader, the group is chips again', () => {
    const c = collapseFor(node(20), undefined, new Set([groupId('big')]));
    expect(c.groups).toBeUndefined();
    expect(c.namespaces.size).toBe(20);
  });
});

describe('the canvas of a grouped machine', () => {
  it('draws one chip for the group, none of its devices, and the pods a flow enters', () => {
    const graph = ids(node(40), [namespaceId('big', ''), namespaceId('big', 'pod7')]);
    const namespaces = graph.nodes.filter((n) => n.type === 'namespace' && n.data.machine === 'big');
    expect(namespaces.map((n) => n.id).sort()).toEqual([namespaceId('big', ''), namespaceId('big', 'pod7'), groupId('big')].sort());
    const chip = namespaces.find((n) => n.id === groupId('big'));
    expect(chip?.type === 'namespace' && chip.data.group).toBe(39);
    const devices = graph.nodes.filter((n) => n.type === 'device' && n.data.device.machine === 'big').map((n) => n.id);
    // eth0, cni0, and pod7's pair: not the other 39 pairs
    expect(devices).toHaveLength(4);
    expect(graph.nodes.length).toBeLessThan(20);
  });

  it('links the group to the bridge its veths are ports of, once', () => {
    const graph = ids(node(40), [namespaceId('big', ''), namespaceId('big', 'pod7')]);
    const toChip = graph.edges.filter((e) => e.source === groupId('big') || e.target === groupId('big'));
    expect(toChip.map((e) => e.data?.kind)).toEqual(['port']);
  });

  it('puts an event in a grouped namespace on the chip', () => {
    const graph = ids(node(40), [namespaceId('big', ''), namespaceId('big', 'pod7')]);
    const at = { machine: 'big', netns: 'pod12', dev: 'eth0' };
    expect(nodeIdForAt(at, graph)).toBe(groupId('big'));
    expect(placeIdForAt(at, graph)).toBe(groupId('big'));
  });

  it('lays out the chip inside its machine, apart from the open namespaces', () => {
    const graph = ids(node(500), undefined);
    const chip = graph.nodes.find((n) => n.id === groupId('big'));
    expect(chip?.parentId).toBe('m:big');
    expect(graph.nodes.filter((n) => n.type === 'namespace').length).toBe(4); // big: root + chip; small: root + a
  });
});
