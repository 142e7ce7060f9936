import { describe, expect, it } from 'vitest';
import type { DeviceInfo } from '../../engine/api';
import type { Trace, TraceEvent } from '../../engine/trace/types';
import type { TopologyView } from '../../worker/protocol';
import { deviceNodeId, nodeIdForAt, pathBetween, type TopologyGraph, type TopologyNode, topologyGraph } from './graph';
import { focusOf, packetLabel, tokenNodeAt } from './graphFocus';
import { intoSpan, layoutTopology, layoutWidth, packRow, perRow, READABLE_LAB_WIDTH, SIZE, wrapPods } from './layout';
import { absolute, inside, overlappingSiblings, type Rect } from './graphTesting';
import { type Step, stepsOf } from './steps';

// ---------------------------------------------------------------------------------------
// Builders

type Dev = Partial<DeviceInfo> & Pick<DeviceInfo, 'machine' | 'name'>;
const dev = (d: Dev): DeviceInfo => ({ netns: '', kind: 'veth', mac: '02:00:00:00:00:01', up: true, mtu: 1500, addresses: [], ...d }) as DeviceInfo;
const lo = (machine: string, netns = '') => dev({ machine, netns, name: 'lo', kind: 'loopback', addresses: ['127.0.0.1/8'] });
const nic = (machine: string, network = 'lan', name = 'eth0', address = '10.0.0.1/24') =>
  dev({ machine, name, kind: 'nic', network, addresses: [address] });
/** A pod namespace on `machine` joined to the root by a veth pair, host end optionally on a bridge. */
const pod = (machine: string, netns: string, master?: string): DeviceInfo[] => [
  lo(machine, netns),
  dev({ machine, netns, name: 'eth0', addresses: ['192.168.1.10/24'], peer: { machine, netns: '', name: `veth-${netns}` } }),
  dev({ machine, name: `veth-${netns}`, peer: { machine, netns, name: 'eth0' }, ...(master ? { master } : {}) }),
];

/** host-gw's shape: a router above two hosts with one pod each, all on one switch. */
const hostGw: TopologyView = {
  machines: [
    { name: 'host1', role: 'node', namespaces: ['', 'pod-a'] },
    { name: 'host2', role: 'node', namespaces: ['', 'pod-b'] },
    { name: 'router', role: 'router', namespaces: [''] },
  ],
  networks: [{ name: 'lan', kind: 'switch' }],
  devices: [lo('host1'), nic('host1'), ...pod('host1', 'pod-a'), lo('host2'), nic('host2'), ...pod('host2', 'pod-b'), lo('router'), nic('router')],
  layout: { router: [300, 0], host1: [0, 260], host2: [600, 260] },
};

/** One node with a cni0 bridge and three pods on it, a dummy, and a NIC. */
const bridged: TopologyView = {
  machines: [{ name: 'node1', role: 'node', namespaces: ['', 'pod-a', 'pod-b', 'pod-c'] }],
  networks: [{ name: 'lan', kind: 'switch' }],
  devices: [
    nic('node1'),
    dev({ machine: 'node1', name: 'cni0', kind: 'bridge', addresses: ['10.244.1.1/24'] }),
    dev({ machine: 'node1', name: 'kube-ipvs0', kind: 'dummy', addresses: ['10.96.0.1/32'] }),
    ...pod('node1', 'pod-a', 'cni0'),
    ...pod('node1', 'pod-b', 'cni0'),
    ...pod('node1', 'pod-c', 'cni0'),
  ],
  layout: {},
};

/** `n` machines without hints, each with two pods, all on one switch. */
const many = (n: number): TopologyView => {
  const names = Array.from({ length: n }, (_, i) => `node${i + 1}`);
  return {
    machines: names.map((name) => ({ name, role: 'node', namespaces: ['', 'pod-a', 'pod-b'] })),
    networks: [{ name: 'lan', kind: 'switch' }],
    devices: names.flatMap((m) => [lo(m), nic(m), ...pod(m, 'pod-a'), ...pod(m, 'pod-b')]),
    layout: {},
  };
};

const ids = (graph: TopologyGraph, type: TopologyNode['type']) => graph.nodes.filter((n) => n.type === type).map((n) => n.id);
const edgesOf = (graph: TopologyGraph, kind: string) => graph.edges.filter((e) => e.data?.kind === kind).map((e) => `${e.source} — ${e.target}`);
const centreY = (r: Rect) => r.y + r.h / 2;

// ---------------------------------------------------------------------------------------

describe('topologyGraph: nodes and ids', () => {
  const g = topologyGraph(hostGw);
  it.each([
    ['machines are m:<machine>', 'machine', ['m:host1', 'm:host2', 'm:router']],
    ['namespaces are ns:<machine>/<netns>, the root one with an empty netns', 'namespace', ['ns:host1/', 'ns:host1/pod-a', 'ns:host2/', 'ns:host2/pod-b', 'ns:router/']],
    ['devices are d:<machine>/<netns>/<name>, loopback left out', 'device', ['d:host1//eth0', 'd:host1//veth-pod-a', 'd:host1/pod-a/eth0', 'd:host2//eth0', 'd:host2//veth-pod-b', 'd:host2/pod-b/eth0', 'd:router//eth0']],
    ['networks are net:<name>', 'network', ['net:lan']],
  ] as const)('%s', (_, type, expected) => {
    expect(ids(g, type).sort()).toEqual([...expected].sort());
  });

  it('gives every node a fixed size and keeps it read-only', () => {
    for (const n of g.nodes) {
      expect(n.width).toBeGreaterThan(0);
      expect(n.height).toBeGreaterThan(0);
      expect(n).toMatchObject({ draggable: false, connectable: false });
    }
  });

  it('lists every parent before its children', () => {
    const seen = new Set<string>();
    for (const n of g.nodes) {
      if (n.parentId) expect(seen.has(n.parentId), `${n.id} before ${n.parentId}`).toBe(true);
      seen.add(n.id);
    }
  });

  it('is deterministic: the same topology gives the same graph', () => {
    expect(topologyGraph(hostGw)).toEqual(g);
  });
});

describe('topologyGraph: nesting', () => {
  const g = topologyGraph(hostGw);
  const parent = (id: string) => g.nodes.find((n) => n.id === id)?.parentId;
  it.each([
    ['a namespace sits in its machine', 'ns:host1/pod-a', 'm:host1'],
    ['the root namespace sits in its machine', 'ns:router/', 'm:router'],
    ['a pod device sits in its namespace', 'd:host1/pod-a/eth0', 'ns:host1/pod-a'],
    ['a host-side veth sits in the root namespace', 'd:host1//veth-pod-a', 'ns:host1/'],
    ['a NIC sits in the root namespace', 'd:host2//eth0', 'ns:host2/'],
    ['a network sits outside every machine', 'net:lan', undefined],
    ['a machine is top level', 'm:host1', undefined],
  ])('%s', (_, child, expected) => {
    expect(parent(child)).toBe(expected);
  });

  it.each([
    ['host-gw', hostGw],
    ['a bridged node', bridged],
    ['ten machines', many(10)],
  ])('every child box lies inside its parent box (%s)', (_, topology) => {
    const graph = topologyGraph(topology);
    const abs = absolute(graph);
    for (const n of graph.nodes) if (n.parentId) expect(inside(abs.get(n.id)!, abs.get(n.parentId)!), n.id).toBe(true);
  });

  it('puts the pods in a row above the root namespace of a machine whose network is below it', () => {
    const abs = absolute(topologyGraph({ ...hostGw, layout: {} }));
    const podA = abs.get('ns:host1/pod-a')!;
    expect(podA.y + podA.h).toBeLessThanOrEqual(abs.get('ns:host1/')!.y);
    expect(centreY(abs.get('net:lan')!)).toBeGreaterThan(centreY(abs.get('m:host1')!));
  });

  it('puts NICs at the edge of the machine that faces the network, above or below', () => {
    const abs = absolute(topologyGraph(hostGw));
    // router is above the switch: its NIC is its lowest device; the hosts are below: NIC highest.
    for (const m of ['host1', 'host2']) {
      const devs = [...abs].filter(([id]) => id.startsWith(`d:${m}/`)).map(([, r]) => r.y);
      expect(abs.get(`d:${m}//eth0`)!.y).toBe(Math.min(...devs));
    }
    expect(abs.get('d:router//eth0')!.y + abs.get('d:router//eth0')!.h).toBeLessThan(abs.get('net:lan')!.y);
  });

  it('perches the token on the side of a device away from its namespace label', () => {
    const g = topologyGraph(hostGw);
    const side = (id: string) => (g.nodes.find((n) => n.id === id)!.data as { tokenSide: string }).tokenSide;
    const label = (id: string) => (g.nodes.find((n) => n.id === id)!.data as { label: string }).label;
    for (const [d, ns] of [['d:host1/pod-a/eth0', 'ns:host1/pod-a'], ['d:host1//eth0', 'ns:host1/'], ['d:router//eth0', 'ns:router/']]) {
      expect(side(d)).not.toBe(label(ns));
    }
  });

  it('puts the host end of a veth under (or over) its pod', () => {
    const abs = absolute(topologyGraph(bridged));
    for (const p of ['pod-a', 'pod-b', 'pod-c']) {
      const podBox = abs.get(`ns:node1/${p}`)!;
      const veth = abs.get(`d:node1//veth-${p}`)!;
      expect(veth.x + veth.w / 2).toBeCloseTo(podBox.x + podBox.w / 2, 5);
    }
  });
});

describe('topologyGraph: no overlapping boxes', () => {
  it.each([
    ['host-gw with hints', hostGw],
    ['host-gw without hints', { ...hostGw, layout: {} }],
    ['a bridged node with three pods', bridged],
    ['one machine', many(1)],
    ['four machines without hints', many(4)],
    ['seven machines without hints', many(7)],
    ['ten machines without hints', many(10)],
    ['hints that put two machines on the same spot', { ...hostGw, layout: { host1: [0, 0], host2: [0, 0], router: [0, 0] } }],
    ['hints closer together than the boxes are wide', { ...hostGw, layout: { host1: [0, 0], host2: [1, 0], router: [2, 0] } }],
    ['hints for some machines only', { ...many(5), layout: { node1: [0, 0], node2: [100, 0] } }],
  ] as [string, TopologyView][])('%s', (_, topology) => {
    const g = topologyGraph(topology);
    expect(overlappingSiblings(g)).toEqual([]);
    expect(g.nodes.filter((n) => n.type === 'machine')).toHaveLength(topology.machines.length);
  });

  it('wraps folded chips that would make a machine wider than its root namespace to a line above the pods', () => {
    const chips = Array.from({ length: 8 }, (_, i) => `chip${i}`);
    const topology: TopologyView = { ...bridged, machines: [{ name: 'node1', role: 'node', namespaces: ['', 'pod-a', 'pod-b', 'pod-c', ...chips] }] };
    const folded = { machines: new Set<string>(), namespaces: new Set(chips.map((c) => `ns:node1/${c}`)) };
    const wide = absolute(topologyGraph(topology));
    const g = topologyGraph(topology, folded);
    expect(overlappingSiblings(g)).toEqual([]);
    const abs = absolute(g);
    const machine = abs.get('m:node1')!;
    expect(machine.w).toBeLessThan(wide.get('m:node1')!.w);
    const pods = ['pod-a', 'pod-b', 'pod-c'].map((p) => abs.get(`ns:node1/${p}`)!);
    const chipBoxes = chips.map((c) => abs.get(`ns:node1/${c}`)!);
    // the open pods fill the line next to the root namespace: every chip wraps above it, in lines no wider than it
    expect(chipBoxes.filter((c) => c.y + c.h > Math.min(...pods.map((p) => p.y)))).toEqual([]);
    const podsRight = Math.max(...pods.map((p) => p.x + p.w));
    expect(chipBoxes.filter((c) => c.x + c.w > podsRight)).toEqual([]);
  });

  it('wraps the veth ends of root namespaces onto more lines when two machines side by side are wider than readable', () => {
    const pods = ['pod-a', 'pod-b', 'pod-c', 'pod-d'];
    const topology: TopologyView = {
      machines: ['node1', 'node2'].map((name) => ({ name, role: 'node', namespaces: ['', ...pods] })),
      networks: [{ name: 'lan', kind: 'switch' }],
      devices: ['node1', 'node2'].flatMap((m) => [nic(m), ...pods.flatMap((p) => pod(m, p))]),
      layout: { node1: [0, 0], node2: [600, 0] },
    };
    const folded = { machines: new Set<string>(), namespaces: new Set(['node1', 'node2'].flatMap((m) => pods.map((p) => `ns:${m}/${p}`))) };
    const layout = layoutTopology(topology, folded);
    expect(layoutWidth(layout)).toBeLessThanOrEqual(READABLE_LAB_WIDTH);
    const root = layout.machines[0].layout.namespaces.find((ns) => ns.netns === '')!;
    const vethLines = new Set(root.devices.filter((d) => d.device.kind === 'veth').map((d) => d.y));
    expect(vethLines.size).toBeGreaterThan(1);
    expect(overlappingSiblings(topologyGraph(topology, folded))).toEqual([]);
  });

  it('keeps ten machines in two rows with the switch between them', () => {
    const abs = absolute(topologyGraph(many(10)));
    const ys = [...abs].filter(([id]) => id.startsWith('m:')).map(([, r]) => r);
    const lan = abs.get('net:lan')!;
    expect(ys.filter((r) => r.y + r.h <= lan.y)).toHaveLength(5);
    expect(ys.filter((r) => r.y >= lan.y + lan.h)).toHaveLength(5);
  });
});

describe('topologyGraph: layout hints', () => {
  it('puts the router above the hosts when its hint y is smaller, and the switch between', () => {
    const abs = absolute(topologyGraph(hostGw));
    const router = abs.get('m:router')!;
    const lan = abs.get('net:lan')!;
    for (const h of ['m:host1', 'm:host2']) {
      expect(router.y + router.h).toBeLessThan(lan.y);
      expect(lan.y + lan.h).toBeLessThan(abs.get(h)!.y);
    }
  });

  it('orders a row by hint x and keeps the router between the hosts', () => {
    const abs = absolute(topologyGraph(hostGw));
    const cx = (id: string) => abs.get(id)!.x + abs.get(id)!.w / 2;
    expect(cx('m:host1')).toBeLessThan(cx('m:router'));
    expect(cx('m:router')).toBeLessThan(cx('m:host2'));
    expect(cx('m:router')).toBeCloseTo((cx('m:host1') + cx('m:host2')) / 2, 5);
  });

  it('scales the hints to the boxes: the tightest pair of a row ends one gap apart', () => {
    const abs = absolute(topologyGraph(hostGw));
    const h1 = abs.get('m:host1')!;
    expect(abs.get('m:host2')!.x - (h1.x + h1.w)).toBeCloseTo(SIZE.machineGap, 5);
  });

  it('follows the hints when they are flipped: hosts above, router below', () => {
    const abs = absolute(topologyGraph({ ...hostGw, layout: { router: [300, 500], host1: [600, 0], host2: [0, 0] } }));
    expect(abs.get('m:host2')!.x).toBeLessThan(abs.get('m:host1')!.x);
    expect(abs.get('m:host1')!.y + abs.get('m:host1')!.h).toBeLessThan(abs.get('m:router')!.y);
  });
});

describe('topologyGraph: edges', () => {
  it('draws every veth pair as one edge', () => {
    const g = topologyGraph(hostGw);
    expect(edgesOf(g, 'veth').sort()).toEqual(['d:host1//veth-pod-a — d:host1/pod-a/eth0', 'd:host2//veth-pod-b — d:host2/pod-b/eth0']);
  });

  it('links each bridge port to its master bridge', () => {
    const g = topologyGraph(bridged);
    expect(edgesOf(g, 'port').sort()).toEqual(['pod-a', 'pod-b', 'pod-c'].map((p) => `d:node1//veth-${p} — d:node1//cni0`));
  });

  it('links each NIC to its network', () => {
    const g = topologyGraph(hostGw);
    expect(edgesOf(g, 'nic').sort()).toEqual(['d:host1//eth0 — net:lan', 'd:host2//eth0 — net:lan', 'd:router//eth0 — net:lan']);
  });

  it('links a macvlan in a pod to its parent in the root namespace', () => {
    const mv = dev({ machine: 'node1', netns: 'pod-a', name: 'net1', kind: 'macvlan', parent: { machine: 'node1', netns: '', name: 'eth0' } });
    const g = topologyGraph({ ...bridged, devices: [...bridged.devices, mv] });
    expect(edgesOf(g, 'parent')).toEqual(['d:node1/pod-a/net1 — d:node1//eth0']);
    expect(ids(g, 'device')).toContain('d:node1/pod-a/net1');
  });

  it('links every macvlan and ipvlan to its parent once, in its own namespace too (a host shim)', () => {
    const eth = (name: string) => ({ machine: 'node1', netns: '', name });
    const extra = [
      dev({ machine: 'node1', name: 'eth1', kind: 'nic', network: 'lan' }),
      dev({ machine: 'node1', netns: 'pod-a', name: 'net1', kind: 'macvlan', parent: eth('eth0') }),
      dev({ machine: 'node1', netns: 'pod-b', name: 'net1', kind: 'macvlan', parent: eth('eth0') }),
      dev({ machine: 'node1', name: 'mv-shim', kind: 'macvlan', parent: eth('eth0') }),
      dev({ machine: 'node1', netns: 'pod-c', name: 'ipvl0', kind: 'ipvlan', parent: eth('eth1') }),
    ];
    const g = topologyGraph({ ...bridged, devices: [...bridged.devices, ...extra] });
    expect(edgesOf(g, 'parent').sort()).toEqual([
      'd:node1//mv-shim — d:node1//eth0',
      'd:node1/pod-a/net1 — d:node1//eth0',
      'd:node1/pod-b/net1 — d:node1//eth0',
      'd:node1/pod-c/ipvl0 — d:node1//eth1',
    ]);
    expect(g.edges.find((e) => e.data?.kind === 'parent')?.className).toContain('pp-edge-parent');
  });

  it('leaves out a parent link whose parent is not on the canvas (another machine, loopback)', () => {
    const mv = dev({ machine: 'node1', netns: 'pod-a', name: 'net1', kind: 'macvlan', parent: { machine: 'node9', netns: '', name: 'eth0' } });
    const g = topologyGraph({ ...bridged, devices: [...bridged.devices, mv] });
    expect(edgesOf(g, 'parent')).toEqual([]);
  });

  it('draws a tunnel once between its two ends, across machines', () => {
    const vx = (machine: string, other: string) =>
      dev({ machine, name: 'vxlan0', kind: 'vxlan' as DeviceInfo['kind'], peer: { machine: other, netns: '', name: 'vxlan0' } });
    const g = topologyGraph({ ...hostGw, devices: [...hostGw.devices, vx('host1', 'host2'), vx('host2', 'host1')] });
    expect(edgesOf(g, 'tunnel')).toEqual(['d:host1//vxlan0 — d:host2//vxlan0']);
    expect(g.edges.find((e) => e.data?.kind === 'tunnel')?.className).toContain('pp-edge-tunnel');
  });

  it('draws one dashed tunnel to each of a vxlan\'s remote VTEPs (tunnelPeers), once per pair', () => {
    const vx = (machine: string, ...others: string[]) =>
      dev({ machine, name: 'flannel.1', kind: 'vxlan', tunnelPeers: others.map((o) => ({ machine: o, netns: '', name: 'flannel.1' })) });
    const g = topologyGraph({ ...hostGw, devices: [...hostGw.devices, vx('host1', 'host2', 'router'), vx('host2', 'host1', 'router'), vx('router', 'host1', 'host2')] });
    expect(edgesOf(g, 'tunnel').sort()).toEqual([
      'd:host1//flannel.1 — d:host2//flannel.1',
      'd:host1//flannel.1 — d:router//flannel.1',
      'd:host2//flannel.1 — d:router//flannel.1',
    ]);
  });

  it('shows a device of an unknown kind as a plain port without links', () => {
    const odd = dev({ machine: 'router', name: 'wg9', kind: 'teql' as DeviceInfo['kind'] });
    const g = topologyGraph({ ...hostGw, devices: [...hostGw.devices, odd] });
    expect(ids(g, 'device')).toContain('d:router//wg9');
    expect(g.edges.filter((e) => e.source === 'd:router//wg9' || e.target === 'd:router//wg9')).toEqual([]);
  });

  it('leaves out links whose other end is not on the canvas', () => {
    const stray = dev({ machine: 'router', name: 'veth-x', peer: { machine: 'nowhere', netns: '', name: 'eth9' }, master: 'br-none' });
    const g = topologyGraph({ ...hostGw, devices: [...hostGw.devices, stray] });
    expect(g.edges.filter((e) => e.source === 'd:router//veth-x' || e.target === 'd:router//veth-x')).toEqual([]);
  });

  it('attaches edges by the sides that face each other', () => {
    const g = topologyGraph(hostGw);
    const e = (id: string) => g.edges.find((x) => x.source === id || x.target === id)!;
    // router above the switch: leaves by its bottom; the hosts below it: by their top.
    expect(e('d:router//eth0')).toMatchObject({ sourceHandle: 'bottom', targetHandle: 'top' });
    expect(e('d:host1//eth0')).toMatchObject({ sourceHandle: 'top', targetHandle: 'bottom' });
  });

  it('never duplicates an edge id', () => {
    for (const t of [hostGw, bridged, many(10)]) {
      const edgeIds = topologyGraph(t).edges.map((e) => e.id);
      expect(new Set(edgeIds).size).toBe(edgeIds.length);
    }
  });
});

describe('token placement', () => {
  const g = topologyGraph(hostGw);
  it.each([
    ['an event on a shown device sits on the device', { machine: 'host1', netns: 'pod-a', dev: 'eth0' }, 'd:host1/pod-a/eth0'],
    ['an event on a host-side veth sits on it', { machine: 'host1', netns: '', dev: 'veth-pod-a' }, 'd:host1//veth-pod-a'],
    ['an event on lo falls back to its namespace', { machine: 'host1', netns: 'pod-a', dev: 'lo' }, 'ns:host1/pod-a'],
    ['an event without a device sits on its namespace', { machine: 'router', netns: '' }, 'ns:router/'],
    ['a fabric event sits on its network', { machine: 'lan', netns: '' }, 'net:lan'],
    ['an unknown place has no node', { machine: 'mars', netns: 'x', dev: 'y' }, undefined],
  ])('%s', (_, at, expected) => {
    expect(nodeIdForAt(at, g)).toBe(expected);
  });

  it('names the device node of an event, or nothing without a device', () => {
    expect(deviceNodeId({ machine: 'host1', netns: '', dev: 'eth0' })).toBe('d:host1//eth0');
    expect(deviceNodeId({ machine: 'lan', netns: '' })).toBeUndefined();
  });
});

describe('pathBetween', () => {
  const g = topologyGraph(bridged);
  it.each([
    ['a veth hop is its pair edge', 'd:node1/pod-a/eth0', 'd:node1//veth-pod-a', ['e:veth:d:node1//veth-pod-a~d:node1/pod-a/eth0']],
    ['port to port goes through the bridge', 'd:node1//veth-pod-a', 'd:node1//veth-pod-b', ['e:port:d:node1//veth-pod-a~d:node1//cni0', 'e:port:d:node1//veth-pod-b~d:node1//cni0']],
    ['a hop inside a namespace crosses no edge', 'd:node1//cni0', 'd:node1//eth0', []],
    ['staying put crosses nothing', 'd:node1//cni0', 'd:node1//cni0', []],
  ])('%s', (_, from, to, expected) => {
    expect(pathBetween(g, from, to)).toEqual(expected);
  });
});

describe('focusOf', () => {
  const g = topologyGraph(hostGw);
  const eth = { layer: 'eth', src: '02:00:00:00:00:01', dst: 'ff:ff:ff:ff:ff:ff', type: 0x0806 } as const;
  const arp = { layer: 'arp', op: 'request', senderMac: '02:00:00:00:00:01', senderIp: '10.0.0.1', targetMac: '00:00:00:00:00:00', targetIp: '10.0.0.2' } as const;
  const ip = { layer: 'ipv4', src: '192.168.10.10', dst: '192.168.11.10', ttl: 64, protocol: 6, length: 60, df: true } as const;
  /** An event of kernel function `fn`; `nf HOOK TABLE` stands for a rule hit in that table at that hook. */
  const ev = (at: TraceEvent['at'], fn: string, packet: readonly unknown[] = [ip]): TraceEvent => {
    const nf = /^nf (\S+) (\S+)$/.exec(fn);
    const body = nf ? { fn: 'ipt_do_table', code: 'nf.rule', params: { hook: nf[1], table: nf[2] } } : { fn, code: 'veth.xmit', params: {} };
    return { seq: 0, at, ...body, packet } as unknown as TraceEvent;
  };
  /** Steps of a trace whose legs are the given event lists; the last leg dropped if asked. */
  const walk = (legs: TraceEvent[][], dropped = false): Step[] =>
    stepsOf({
      legs: legs.map((events, i) => ({ packet: i === 0 ? 'SYN' : 'SYN-ACK', verdict: dropped && i === legs.length - 1 ? 'dropped' : 'delivered', events })),
    } as unknown as Trace);
  const podEth0 = { machine: 'host1', netns: 'pod-a', dev: 'eth0' };
  const hostVeth = { machine: 'host1', netns: '', dev: 'veth-pod-a' };
  const hostEth0 = { machine: 'host1', netns: '', dev: 'eth0' };
  const hostRoot = { machine: 'host1', netns: '' };

  it('is nothing without a step', () => {
    expect(focusOf([], -1, g)).toBeUndefined();
    expect(focusOf(walk([[ev(podEth0, 'veth_xmit')]]), 1, g)).toBeUndefined();
  });

  it('lights the namespace, names the kernel step and the crossed veth', () => {
    const steps = walk([[ev(podEth0, 'veth_xmit'), ev(hostVeth, 'netif_receive_skb')]]);
    expect(focusOf(steps, 1, g)).toEqual({
      at: 'd:host1//veth-pod-a',
      place: 'ns:host1/',
      step: 'netif_receive_skb',
      packet: 'SYN',
      drop: false,
      crossed: ['e:veth:d:host1//veth-pod-a~d:host1/pod-a/eth0'],
    });
  });

  it('puts a fabric step on the network and lights the network', () => {
    const steps = walk([[ev(hostEth0, 'dev_queue_xmit'), ev({ machine: 'lan', netns: '' }, 'switch')]]);
    expect(focusOf(steps, 1, g)).toMatchObject({ at: 'net:lan', place: 'net:lan', crossed: ['e:nic:d:host1//eth0~net:lan'] });
  });

  it('keeps the token on the device the packet came in on during hooks that name no device', () => {
    const steps = walk([[ev(hostVeth, 'netif_receive_skb'), ev(hostRoot, 'nf PREROUTING nat'), ev(hostRoot, 'nf FORWARD filter'), ev(hostEth0, 'neigh_output')]]);
    expect([1, 2].map((i) => focusOf(steps, i, g))).toMatchObject([
      { at: 'd:host1//veth-pod-a', place: 'ns:host1/', step: 'ipt_do_table PREROUTING/nat', crossed: [] },
      { at: 'd:host1//veth-pod-a', step: 'ipt_do_table FORWARD/filter', crossed: [] },
    ]);
    expect(tokenNodeAt(steps, 3, g)).toBe('d:host1//eth0');
  });

  it('puts the token on the namespace when no device came before it in that namespace and leg', () => {
    const steps = walk([[ev(podEth0, 'tcp_v4_rcv')], [ev({ machine: 'host1', netns: 'pod-a' }, 'ip_route_output')]]);
    expect(focusOf(steps, 1, g)).toMatchObject({ at: 'ns:host1/pod-a', packet: 'SYN-ACK', crossed: [] });
  });

  it('marks a drop', () => {
    const steps = walk([[ev({ machine: 'router', netns: '', dev: 'eth0' }, 'ip_forward')]], true);
    expect(focusOf(steps, 0, g)).toMatchObject({ drop: true, crossed: [] });
  });

  it.each([
    ['an ARP frame is ARP', [eth, arp], 'ARP'],
    ['a bare ARP header is ARP', [arp], 'ARP'],
    ['an IP packet is the leg packet', [eth, ip], 'SYN'],
    ['a packet before its link header is the leg packet', [ip], 'SYN'],
  ] as const)('labels the token: %s', (_, packet, expected) => {
    expect(packetLabel(packet as unknown as TraceEvent['packet'], 'SYN')).toBe(expected);
  });
});

describe('layout helpers', () => {
  it.each([
    ['centres a row without wishes on the anchor', [{ w: 10 }, { w: 10 }], 100, [94.5, 105.5]],
    ['keeps wishes that do not collide', [{ w: 10, want: 0 }, { w: 10, want: 50 }], 0, [0, 50]],
    ['pushes a colliding item right', [{ w: 10, want: 0 }, { w: 10, want: 0 }], 0, [0, 11]],
    ['sorts by wish, not by input order', [{ w: 10, want: 50 }, { w: 10, want: 0 }], 0, [50, 0]],
  ])('packRow %s', (_, items, anchor, expected) => {
    expect(packRow(items, 1, anchor)).toEqual(expected);
  });

  it.each([
    ['moves a row sticking out on the right back inside', [50, 70], { lo: 0, hi: 70 }, [45, 65]],
    ['moves a row sticking out on the left back inside', [0, 20], { lo: 0, hi: 100 }, [5, 25]],
    ['leaves a row that is inside alone', [20, 40], { lo: 0, hi: 100 }, [20, 40]],
    ['leaves a row wider than the span alone', [0, 200], { lo: 0, hi: 100 }, [0, 200]],
  ])('intoSpan %s', (_, xs, span, expected) => {
    expect(intoSpan(xs, [{ w: 10 }, { w: 10 }], span)).toEqual(expected);
  });

  const chip = (w: number) => ({ w, collapsed: true });
  const openPod = (w: number) => ({ w, collapsed: false });
  it.each([
    ['keeps a line that fits on one line', [openPod(30), chip(10), chip(10)], 100, [[30, 10, 10]]],
    ['wraps the chips past the limit to a second line', [openPod(30), chip(30), chip(30), chip(30)], 70, [[30, 30], [30, 30]]],
    ['keeps every open pod on the first line, wider than the limit', [chip(10), openPod(50), openPod(50)], 60, [[50, 50], [10]]],
    ['fills the first line with chips up to the open pods width', [openPod(50), openPod(50), chip(10), chip(20)], 10, [[50, 50], [10, 20]]],
  ])('wrapPods %s', (_, pods, limit, expected) => {
    expect(wrapPods(pods, limit, 0).map((line) => line.map((p) => p.w))).toEqual(expected);
  });

  it.each([
    [1, 1],
    [3, 3],
    [4, 2],
    [7, 4],
    [10, 5],
  ])('puts %i machines %i to a row', (n, expected) => {
    expect(perRow(n)).toBe(expected);
  });
});
