// A machine's many folded namespaces drawn as one chip (collapse.ts decides which): the
// topology the canvas lays out gets, in their place, one namespace named GROUP_NETNS holding
// their devices and the root side of their veths, so an imported node with 500 pods draws as
// its root namespace, the pods a flow enters, and one "498 namespaces" chip. Links keep their
// real ends and stand in for them by the chip: a grouped pod's veth that is a port of the
// root's bridge draws as one link from the chip to the bridge. Pure.
import type { DeviceInfo } from '../../engine/api';
import type { TopologyView } from '../../worker/protocol';
import type { Collapse } from './collapse';
import { deviceId, GROUP_NETNS, groupId, namespaceId } from './ids';

export interface Grouped {
  /** What the layout places: the grouped namespaces gone, their chip and devices in their place. */
  readonly layout: TopologyView;
  readonly collapse: Collapse;
  /** Namespace id (ns:…) of each grouped namespace → the id of the chip that stands for it. */
  readonly chipOf: ReadonlyMap<string, string>;
  /** Device id → the chip that stands for it (its namespace's, or its pod's for a veth's root side). */
  readonly standIn: ReadonlyMap<string, string>;
  /** Per group chip id: how many namespaces it holds. */
  readonly sizes: ReadonlyMap<string, number>;
}

export function groupTopology(topology: TopologyView, collapse: Collapse): Grouped {
  const groups = collapse.groups;
  if (!groups || groups.size === 0) return { layout: topology, collapse, chipOf: new Map(), standIn: new Map(), sizes: new Map() };
  const chipOf = new Map<string, string>();
  const sizes = new Map<string, number>();
  for (const [machine, list] of groups) {
    sizes.set(groupId(machine), list.length);
    for (const netns of list) chipOf.set(namespaceId(machine, netns), groupId(machine));
  }
  const chipFor = (d: DeviceInfo): string | undefined => {
    const own = chipOf.get(namespaceId(d.machine, d.netns));
    if (own) return own;
    // the root side of a grouped pod's veth goes with it
    return d.kind === 'veth' && d.peer && d.peer.machine === d.machine ? chipOf.get(namespaceId(d.peer.machine, d.peer.netns)) : undefined;
  };
  const standIn = new Map<string, string>();
  const devices = topology.devices.map((d) => {
    const chip = chipFor(d);
    if (!chip) return d;
    standIn.set(deviceId(d), chip);
    return { ...d, netns: GROUP_NETNS };
  });
  const machines = topology.machines.map((m) => {
    const list = groups.get(m.name);
    if (!list) return m;
    const grouped = new Set(list);
    return { ...m, namespaces: [...m.namespaces.filter((ns) => !grouped.has(ns)), GROUP_NETNS] };
  });
  const namespaces = new Set([...collapse.namespaces].filter((id) => !chipOf.has(id)));
  for (const id of sizes.keys()) namespaces.add(id);
  return { layout: { ...topology, machines, devices }, collapse: { machines: collapse.machines, namespaces }, chipOf, standIn, sizes };
}
