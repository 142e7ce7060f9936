import { describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../../engine/api';
import type { Trace, TraceEvent } from '../../engine/trace/types';
import type { TopologyView } from '../../worker/protocol';
import { collapseFor, isBystander, touchedNamespaces } from './collapse';
import { topologyGraph } from './graph';
import { absolute, inside, overlappingSiblings } from './graphTesting';
import { deviceWidth, layoutTopology, SIZE, withinSpan } from './layout';

const dev = (d: Partial<DeviceInfo> & Pick<DeviceInfo, 'machine' | 'name'>): DeviceInfo =>
  ({ netns: '', kind: 'veth', mac: '02:00:00:00:00:01', up: true, mtu: 1500, addresses: [], ...d }) as DeviceInfo;
const pod = (machine: string, netns: string): DeviceInfo[] => [
  dev({ machine, netns, name: 'eth0', addresses: ['10.244.1.3/24'], peer: { machine, netns: '', name: `veth-${netns}` } }),
  dev({ machine, name: `veth-${netns}`, peer: { machine, netns, name: 'eth0' } }),
];
const nic = (machine: string) => dev({ machine, name: 'eth0', kind: 'nic', network: 'lan', addresses: ['192.168.3.10/24'] });

/** flannel's shape: node1 with pod1 and pod3, node2 with nothing, node3 with pod2. */
const lab: TopologyView = {
  machines: [
    { name: 'node1', role: 'node', namespaces: ['', 'pod1', 'pod3'] },
    { name: 'node2', role: 'node', namespaces: [''] },
    { name: 'node3', role: 'node', namespaces: ['', 'pod2'] },
  ],
  networks: [{ name: 'lan', kind: 'switch' }],
  devices: [nic('node1'), ...pod('node1', 'pod1'), ...pod('node1', 'pod3'), nic('node2'), nic('node3'), ...pod('node3', 'pod2')],
  layout: {},
};

const ev = (machine: string, netns: string, code: string, params: object = {}): TraceEvent =>
  ({ seq: 0, fn: 'f', at: { machine, netns }, code, params }) as unknown as TraceEvent;

/** pod1 → pod2; the ARP broadcast reaches pod3 and node2, which decline it. */
const trace = {
  flow: { id: 'f', from: { machine: 'node1', netns: 'pod1' }, to: { addr: '10.244.3.3' }, protocol: 'icmp' },
  legs: [
    {
      events: [
        ev('node1', 'pod1', 'route.output'),
        ev('node1', 'pod3', 'dev.recv', { dev: 'eth0', pktType: 'broadcast' }),
        ev('node1', 'pod3', 'arp.decline', { dev: 'eth0' }),
        ev('node1', '', 'ip.forward'),
        ev('lan', '', 'switch.flood'),
        ev('node2', '', 'dev.recv', { dev: 'eth0', pktType: 'broadcast' }),
        ev('node2', '', 'arp.decline', { dev: 'eth0' }),
        ev('node3', '', 'dev.recv', { dev: 'eth0', pktType: 'host' }),
        ev('node3', 'pod2', 'sock.deliver'),
      ],
    },
  ],
} as unknown as Trace;

describe('which namespaces a flow touches', () => {
  it('counts a flooded copy that is declined as a bystander, a frame for this host as on the path', () => {
    expect(isBystander(ev('a', '', 'dev.recv', { pktType: 'broadcast' }))).toBe(true);
    expect(isBystander(ev('a', '', 'dev.recv', { pktType: 'host' }))).toBe(false);
    expect(isBystander(ev('a', '', 'arp.decline'))).toBe(true);
    expect(isBystander(ev('a', '', 'ip.forward'))).toBe(false);
  });

  it('counts handing a flooded copy on to the ports as a bystander, the broadcast of a macvlan port itself as on the path', () => {
    expect(isBystander(ev('a', '', 'macvlan.broadcast', { source: 'wire' }))).toBe(true);
    expect(isBystander(ev('a', '', 'macvlan.broadcast', { source: 'own' }))).toBe(false);
    expect(isBystander(ev('a', '', 'br.flood', { broadcast: true }))).toBe(true);
    expect(isBystander(ev('a', '', 'ipvlan.flood'))).toBe(true);
  });

  it('is the sender and every namespace with a real step, not the bystanders', () => {
    expect([...touchedNamespaces(trace)].sort()).toEqual(['ns:lan/', 'ns:node1/', 'ns:node1/pod1', 'ns:node3/', 'ns:node3/pod2']);
  });

  it('keeps the namespace a leg ends in, even when it ends declined there', () => {
    const ending = { ...trace, legs: [{ events: [ev('node1', 'pod1', 'route.output'), ev('node2', '', 'arp.decline')] }] } as unknown as Trace;
    expect(touchedNamespaces(ending).has('ns:node2/')).toBe(true);
  });
});

describe('collapse decisions', () => {
  it('folds nothing without a conversation', () => {
    const c = collapseFor(lab, undefined);
    expect([...c.machines, ...c.namespaces]).toEqual([]);
  });

  it('folds a machine the flow never enters whole, and untouched pods of the others; never a root namespace', () => {
    const c = collapseFor(lab, touchedNamespaces(trace));
    expect([...c.machines]).toEqual(['m:node2']);
    expect([...c.namespaces]).toEqual(['ns:node1/pod3']);
  });

  it('unfolds what the reader expanded', () => {
    const c = collapseFor(lab, touchedNamespaces(trace), new Set(['m:node2', 'ns:node1/pod3']));
    expect([...c.machines, ...c.namespaces]).toEqual([]);
  });
});

describe('the folded canvas', () => {
  const collapse = collapseFor(lab, touchedNamespaces(trace));
  const graph = topologyGraph(lab, collapse);
  const ids = graph.nodes.map((n) => n.id);

  it('hides the devices of folded boxes and marks the boxes folded', () => {
    expect(ids).not.toContain('d:node1/pod3/eth0');
    expect(ids).not.toContain('d:node2//eth0');
    expect(ids).not.toContain('ns:node2/');
    expect(graph.nodes.find((n) => n.id === 'ns:node1/pod3')?.data).toMatchObject({ collapsed: { devices: 1 } });
    expect(graph.nodes.find((n) => n.id === 'm:node2')?.data).toMatchObject({ collapsed: { namespaces: 1 } });
  });

  it('ends a link to a hidden device on the box that hides it', () => {
    const ends = graph.edges.map((e) => `${e.data?.kind} ${e.source} ${e.target}`);
    expect(ends).toContain('veth d:node1//veth-pod3 ns:node1/pod3');
    expect(ends).toContain('nic m:node2 net:lan');
  });

  it('makes folded boxes smaller than unfolded ones, without overlaps', () => {
    const open = absolute(topologyGraph(lab));
    const folded = absolute(graph);
    expect(folded.get('m:node2')!.h).toBe(SIZE.machineCollapsedH);
    expect(folded.get('m:node2')!.w).toBeLessThan(open.get('m:node2')!.w + 1);
    expect(folded.get('ns:node1/pod3')!.w).toBeLessThan(open.get('ns:node1/pod3')!.w);
    expect(overlappingSiblings(graph)).toEqual([]);
    for (const n of graph.nodes) if (n.parentId) expect(inside(folded.get(n.id)!, folded.get(n.parentId)!), n.id).toBe(true);
  });

  it('lays the whole lab out narrower folded than open', () => {
    const width = (l: ReturnType<typeof layoutTopology>) => Math.max(...l.machines.map((m) => m.x + m.w)) - Math.min(...l.machines.map((m) => m.x));
    expect(width(layoutTopology(lab, collapse))).toBeLessThan(width(layoutTopology(lab)));
  });
});

describe('layout helpers', () => {
  it('sizes every pill for the widest name or address, within bounds', () => {
    expect(deviceWidth([dev({ machine: 'm', name: 'eth0' })])).toBe(SIZE.device.minW);
    const wide = deviceWidth([dev({ machine: 'm', name: 'eth0', addresses: ['192.168.10.10/24'] })]);
    expect(wide).toBeGreaterThan(SIZE.device.minW);
    expect(wide).toBeLessThanOrEqual(SIZE.device.maxW);
    expect(deviceWidth([dev({ machine: 'm', name: 'x'.repeat(60) })])).toBe(SIZE.device.maxW);
  });

  it('slides a row back inside a span when it fits, and leaves it when it cannot', () => {
    expect(withinSpan([50, 150], 100, { lo: -50, hi: 150 })).toEqual([0, 100]);
    expect(withinSpan([0, 100], 100, { lo: 0, hi: 300 })).toEqual([50, 150]);
    expect(withinSpan([0, 100, 200], 100, { lo: 0, hi: 200 })).toEqual([0, 100, 200]);
    expect(withinSpan([10], 100, undefined)).toEqual([10]);
  });
});
