// The topology as a React Flow graph (DESIGN §7): machines as groups, namespaces inside them,
// devices as ports, networks outside, links between them. Pure — no React, no DOM — and
// tested without either (STYLE §8). Geometry comes from layout.ts.
import type { Edge, Node } from '@xyflow/react';
import type { DeviceInfo } from '../../engine/api';
import type { At } from '../../engine/trace/types';
import type { TopologyView } from '../../worker/protocol';
import { deviceId, machineId, namespaceId, networkId } from './ids';
import { type Collapse, NOTHING_COLLAPSED } from './collapse';
import { groupTopology } from './group';
import { type Box, isShown, layoutTopology, type Orientation, type Side } from './layout';

export type MachineData = {
  readonly name: string;
  readonly role: string;
  readonly title: Side;
  readonly orientation: Orientation;
  /** Folded (the flow never enters it): how many namespaces it hides. */
  readonly collapsed?: { readonly namespaces: number };
};
export type NamespaceData = {
  readonly machine: string;
  readonly netns: string;
  readonly label: Side;
  /** Folded (the flow never enters it): how many devices it hides. */
  readonly collapsed?: { readonly devices: number };
  /** A group chip (group.ts): how many folded namespaces it stands for. */
  readonly group?: number;
};
export type DeviceData = {
  readonly device: DeviceInfo;
  /** The pill's side away from its namespace's label: where the packet token perches. */
  readonly tokenSide: Side;
};
export type NetworkData = { readonly name: string; readonly kind: string };

export type MachineNode = Node<MachineData, 'machine'>;
export type NamespaceNode = Node<NamespaceData, 'namespace'>;
export type DeviceNode = Node<DeviceData, 'device'>;
export type NetworkNode = Node<NetworkData, 'network'>;
export type TopologyNode = MachineNode | NamespaceNode | DeviceNode | NetworkNode;

/**
 * veth: the two ends of a pair · port: a device and its master bridge · nic: a NIC and its
 * network · parent: a macvlan/ipvlan and its parent device · tunnel: the two ends of a tunnel.
 */
export type LinkKind = 'veth' | 'port' | 'nic' | 'parent' | 'tunnel';
export type LinkData = { readonly kind: LinkKind };
export type TopologyEdge = Edge<LinkData>;

export interface TopologyGraph {
  /** Parents before their children (React Flow needs that for `parentId`). */
  readonly nodes: readonly TopologyNode[];
  readonly edges: readonly TopologyEdge[];
  /** Namespace id → the group chip drawn for it, for the namespaces folded into one (group.ts). */
  readonly grouped?: ReadonlyMap<string, string>;
}

export type HandleSide = 'top' | 'bottom' | 'left' | 'right';
export const HANDLE_SIDES: readonly HandleSide[] = ['top', 'bottom', 'left', 'right'];

// ---------------------------------------------------------------------------------------
// Ids

export { type DeviceRef, deviceId, machineId, namespaceId, networkId } from './ids';

/** The device node a trace event names, whether or not the canvas shows it. */
export function deviceNodeId(at: At): string | undefined {
  return at.dev === undefined ? undefined : deviceId({ machine: at.machine, netns: at.netns, name: at.dev });
}

const idSets = new WeakMap<readonly TopologyNode[], ReadonlySet<string>>();
function idsOf(graph: TopologyGraph): ReadonlySet<string> {
  let ids = idSets.get(graph.nodes);
  if (!ids) idSets.set(graph.nodes, (ids = new Set(graph.nodes.map((n) => n.id))));
  return ids;
}

/**
 * Where the packet token sits for an event: its device if shown, else its namespace (lo is
 * hidden), else the network of a fabric event (at.machine names the network), else the
 * machine. undefined when the graph has none of them.
 */
export function nodeIdForAt(at: At, graph: TopologyGraph): string | undefined {
  const ids = idsOf(graph);
  const ns = namespaceId(at.machine, at.netns);
  const candidates = [deviceNodeId(at), ns, graph.grouped?.get(ns), networkId(at.machine), machineId(at.machine)];
  return candidates.find((id): id is string => id !== undefined && ids.has(id));
}

/** The box that lights up for an event: its namespace, or the network of a fabric event. */
export function placeIdForAt(at: At, graph: TopologyGraph): string | undefined {
  const ids = idsOf(graph);
  const ns = namespaceId(at.machine, at.netns);
  return [ns, graph.grouped?.get(ns), networkId(at.machine), machineId(at.machine)].find((id): id is string => id !== undefined && ids.has(id));
}

/** The machine a node id (m:, ns:, d:) belongs to; undefined for a network. */
export function machineOfNode(id: string): string | undefined {
  return /^(?:m|ns|d):([^/]+)/.exec(id)?.[1];
}

/**
 * The edges of a shortest path from one node to another, at most `maxHops` long; [] when the
 * nodes are the same or not linked that closely (a hop inside a namespace has no edge). The
 * path never passes through a third machine: a hop inside node1 from flannel.1 to eth0 must
 * not detour over the tunnel arc to a folded node2 and back over the LAN.
 */
export function pathBetween(graph: TopologyGraph, from: string, to: string, maxHops = 3): string[] {
  if (from === to) return [];
  const ends = new Set([machineOfNode(from), machineOfNode(to)]);
  const onTheWay = (id: string) => {
    const machine = machineOfNode(id);
    return machine === undefined || ends.has(machine);
  };
  const links = new Map<string, { node: string; edge: string }[]>();
  const add = (a: string, b: string, edge: string) => links.set(a, [...(links.get(a) ?? []), { node: b, edge }]);
  for (const e of graph.edges) {
    add(e.source, e.target, e.id);
    add(e.target, e.source, e.id);
  }
  const via = new Map<string, { from: string; edge: string }>([[from, { from: '', edge: '' }]]);
  let frontier = [from];
  for (let hop = 0; hop < maxHops && frontier.length; hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const l of links.get(node) ?? []) {
        if (via.has(l.node) || !onTheWay(l.node)) continue;
        via.set(l.node, { from: node, edge: l.edge });
        if (l.node === to) {
          const path: string[] = [];
          for (let n = to; n !== from; n = via.get(n)!.from) path.unshift(via.get(n)!.edge);
          return path;
        }
        next.push(l.node);
      }
    }
    frontier = next;
  }
  return [];
}

// ---------------------------------------------------------------------------------------
// Links

/** Kinds whose `peer` is the far end of a tunnel rather than a veth peer. */
const TUNNEL_KINDS: ReadonlySet<string> = new Set(['vxlan', 'ipip', 'gre', 'gretap', 'geneve', 'sit', 'wireguard']);

interface Link {
  readonly kind: LinkKind;
  readonly from: string;
  readonly to: string;
}

/** Every link one device declares. Pairs (veth, tunnel) are declared by both ends; the caller keeps one. */
function linksOf(d: DeviceInfo): Link[] {
  const self = deviceId(d);
  const kind: string = d.kind;
  const out: Link[] = [];
  if (d.peer && kind === 'veth') out.push({ kind: 'veth', from: self, to: deviceId(d.peer) });
  if (TUNNEL_KINDS.has(kind)) {
    // The far ends: a vxlan's FDB remotes, an ipip's gateways (tunnelPeers), or a point-to-point `peer`.
    for (const far of d.tunnelPeers ?? (d.peer ? [d.peer] : [])) out.push({ kind: 'tunnel', from: self, to: deviceId(far) });
  }
  if (d.master !== undefined) out.push({ kind: 'port', from: self, to: deviceId({ machine: d.machine, netns: d.netns, name: d.master }) });
  if (d.network !== undefined) out.push({ kind: 'nic', from: self, to: networkId(d.network) });
  // a macvlan or ipvlan and its parent, across namespaces (a macvlan moved into a pod keeps the host's NIC)
  if (d.parent !== undefined) out.push({ kind: 'parent', from: self, to: deviceId(d.parent) });
  return out;
}

const PAIRED: ReadonlySet<LinkKind> = new Set(['veth', 'tunnel']);

/** Which sides of two boxes an edge between them leaves and enters by. */
export function sidesBetween(a: Box, b: Box): [HandleSide, HandleSide] {
  if (b.y >= a.y + a.h) return ['bottom', 'top'];
  if (b.y + b.h <= a.y) return ['top', 'bottom'];
  return b.x + b.w / 2 >= a.x + a.w / 2 ? ['right', 'left'] : ['left', 'right'];
}

// ---------------------------------------------------------------------------------------
// The graph

export function topologyGraph(topology: TopologyView, collapse: Collapse = NOTHING_COLLAPSED): TopologyGraph {
  // many folded namespaces of one machine are laid out as one chip (group.ts)
  const grouped = groupTopology(topology, collapse);
  const layout = layoutTopology(grouped.layout, grouped.collapse);
  const shown = topology.devices.filter(isShown);
  const placed = grouped.layout.devices.filter(isShown);
  // A link to a device that is folded away ends on the box that hides it.
  const standIn = new Map<string, string>(grouped.standIn);
  const nodes: TopologyNode[] = [];
  const boxes = new Map<string, Box>(); // absolute boxes of link ends
  const fixed = { draggable: false, connectable: false, deletable: false } as const;

  for (const m of layout.machines) {
    const mid = machineId(m.name);
    nodes.push({
      id: mid,
      type: 'machine',
      position: { x: m.x, y: m.y },
      width: m.w,
      height: m.h,
      data: {
        name: m.name,
        role: m.role,
        title: m.layout.title,
        orientation: m.orientation,
        ...(m.collapsed ? { collapsed: { namespaces: topology.machines.find((x) => x.name === m.name)?.namespaces.length ?? 0 } } : {}),
      },
      selectable: false,
      ...fixed,
    });
    if (m.collapsed) {
      boxes.set(mid, m);
      for (const d of shown) if (d.machine === m.name) standIn.set(deviceId(d), mid);
    }
    for (const ns of m.layout.namespaces) {
      const nsid = namespaceId(m.name, ns.netns);
      nodes.push({
        id: nsid,
        type: 'namespace',
        parentId: mid,
        position: { x: ns.x, y: ns.y },
        width: ns.w,
        height: ns.h,
        data: {
          machine: m.name,
          netns: ns.netns,
          label: ns.label,
          ...(ns.collapsed ? { collapsed: { devices: placed.filter((d) => d.machine === m.name && d.netns === ns.netns).length } } : {}),
          ...(grouped.sizes.has(nsid) ? { group: grouped.sizes.get(nsid) } : {}),
        },
        selectable: false,
        ...fixed,
      });
      if (ns.collapsed) {
        boxes.set(nsid, { x: m.x + ns.x, y: m.y + ns.y, w: ns.w, h: ns.h });
        for (const d of shown) if (d.machine === m.name && d.netns === ns.netns) standIn.set(deviceId(d), nsid);
      }
      for (const d of ns.devices) {
        const id = deviceId(d.device);
        nodes.push({ id, type: 'device', parentId: nsid, position: { x: d.x, y: d.y }, width: d.w, height: d.h, data: { device: d.device, tokenSide: ns.label === 'top' ? 'bottom' : 'top' }, ...fixed });
        boxes.set(id, { x: m.x + ns.x + d.x, y: m.y + ns.y + d.y, w: d.w, h: d.h });
      }
    }
  }
  for (const n of layout.networks) {
    const id = networkId(n.name);
    nodes.push({ id, type: 'network', position: { x: n.x, y: n.y }, width: n.w, height: n.h, data: { name: n.name, kind: n.kind }, ...fixed });
    boxes.set(id, n);
  }

  const edges: TopologyEdge[] = [];
  const seen = new Set<string>();
  for (const d of shown) {
    for (const declared of linksOf(d)) {
      const link = { ...declared, from: standIn.get(declared.from) ?? declared.from, to: standIn.get(declared.to) ?? declared.to };
      const a = boxes.get(link.from);
      const b = boxes.get(link.to);
      if (!a || !b || link.from === link.to) continue;
      const [first, second] = PAIRED.has(link.kind) || link.from !== declared.from || link.to !== declared.to ? [link.from, link.to].sort() : [link.from, link.to];
      const id = `e:${link.kind}:${first}~${second}`;
      if (seen.has(id)) continue;
      seen.add(id);
      // Tunnels arch over the machines (both ends by their top), so a tunnel between the
      // first and last machine of a row does not run through the ones between.
      const [sourceHandle, targetHandle] = link.kind === 'tunnel' ? (['top', 'top'] as const) : sidesBetween(boxes.get(first)!, boxes.get(second)!);
      edges.push({
        id,
        source: first,
        target: second,
        sourceHandle,
        targetHandle,
        type: link.kind === 'nic' ? 'smoothstep' : link.kind === 'tunnel' ? 'tunnel' : 'default',
        className: `pp-edge pp-edge-${link.kind}`,
        data: { kind: link.kind },
        selectable: false,
        deletable: false,
        focusable: false,
      });
    }
  }
  return { nodes: perchOnTunnels(nodes, edges), edges, ...(grouped.chipOf.size ? { grouped: grouped.chipOf } : {}) };
}

/**
 * A tunnel's ends perch the token on their top, where the arc arrives (tunnels leave and enter
 * by the top), so a packet crossing the tunnel ends its trip on the arc, not across the pill.
 */
function perchOnTunnels(nodes: TopologyNode[], edges: readonly TopologyEdge[]): TopologyNode[] {
  const ends = new Set(edges.filter((e) => e.data?.kind === 'tunnel').flatMap((e) => [e.source, e.target]));
  return nodes.map((n) => (n.type === 'device' && ends.has(n.id) && n.data.tokenSide !== 'top' ? { ...n, data: { ...n.data, tokenSide: 'top' as const } } : n));
}
