// Which boxes the canvas folds away so the rest is readable: namespaces the flow never enters
// become a compact chip, machines it never enters a bare title box. The reader can expand any
// of them again. Pure: decided from the topology, the trace and what the reader expanded.
import type { Trace, TraceEvent } from '../../engine/trace/types';
import type { TopologyView } from '../../worker/protocol';
import { groupId, machineId, namespaceId } from './ids';

export interface Collapse {
  /** Machine ids (m:…) drawn as a title box only. */
  readonly machines: ReadonlySet<string>;
  /** Namespace ids (ns:…) drawn as a chip without their devices. */
  readonly namespaces: ReadonlySet<string>;
  /**
   * Per machine name: its folded namespaces (netns names) drawn as one chip, not one chip each,
   * when it has more than GROUP_ABOVE of them (an imported node's 500 pods).
   */
  readonly groups?: ReadonlyMap<string, readonly string[]>;
}

export const NOTHING_COLLAPSED: Collapse = { machines: new Set(), namespaces: new Set() };

/** More folded namespaces than this in one machine are drawn as one group chip. */
export const GROUP_ABOVE = 8;

/**
 * A bystander's event: a flooded copy (an ARP broadcast, a frame for another MAC) arriving
 * where it is not for anyone, handed on to the ports below, and declined. A namespace with only these is not on the path.
 */
export function isBystander(e: TraceEvent): boolean {
  switch (e.code) {
    case 'dev.recv':
      return e.params.pktType !== 'host';
    case 'arp.decline':
    case 'arp.otherhost':
    case 'arp.ignore':
    // handing a flooded copy on to the ports (a bridge's, an ipvlan's, a macvlan lower's)
    case 'br.flood':
    case 'ipvlan.flood':
      return true;
    case 'macvlan.broadcast':
      return e.params.source === 'wire';
    default:
      return false;
  }
}

/**
 * The namespace ids (ns:machine/netns) the conversation passes through: the sender's, and
 * every one with an event that is not a bystander's (a namespace only flooded copies reach is
 * not on the path), and where each leg ends.
 */
export function touchedNamespaces(trace: Trace): Set<string> {
  const out = new Set<string>([namespaceId(trace.flow.from.machine, trace.flow.from.netns)]);
  for (const leg of trace.legs) {
    leg.events.forEach((e, i) => {
      // where a leg ends (its drop, its delivery) is on the path even when it ends declined
      if (!isBystander(e) || i === leg.events.length - 1) out.add(namespaceId(e.at.machine, e.at.netns));
    });
  }
  return out;
}

/**
 * What to fold. Without a conversation: only a machine with more than GROUP_ABOVE namespaces
 * besides its root one folds them (into one group chip), so a real node's pods do not fill the
 * canvas. With one: a machine none of whose namespaces the conversation touches folds whole; in
 * the others, every namespace but the root one that it does not touch folds to a chip, and more
 * than GROUP_ABOVE of those to one group chip. `expanded` (machine, namespace or group ids)
 * overrides all of it.
 */
export function collapseFor(topology: TopologyView, touched: ReadonlySet<string> | undefined, expanded: ReadonlySet<string> = new Set()): Collapse {
  const machines = new Set<string>();
  const namespaces = new Set<string>();
  const groups = new Map<string, string[]>();
  for (const m of topology.machines) {
    const ids = m.namespaces.map((ns) => namespaceId(m.name, ns));
    const id = machineId(m.name);
    if (!touched && m.namespaces.length - 1 <= GROUP_ABOVE) continue;
    if (touched && !ids.some((ns) => touched.has(ns)) && !expanded.has(id)) {
      machines.add(id);
      continue;
    }
    const folded: string[] = [];
    for (const [i, ns] of ids.entries()) {
      if (m.namespaces[i] !== '' && !touched?.has(ns) && !expanded.has(ns)) {
        namespaces.add(ns);
        folded.push(m.namespaces[i]);
      }
    }
    if (folded.length > GROUP_ABOVE && !expanded.has(groupId(m.name))) groups.set(m.name, folded);
  }
  if (!touched && namespaces.size === 0) return NOTHING_COLLAPSED;
  return groups.size ? { machines, namespaces, groups } : { machines, namespaces };
}
