// Which namespace the state panels show: every namespace of the built lab, and the one the
// packet is in at a step (the last real namespace before it, when a step happens on a fabric
// network). Pure; no React.
import type { At, Flow } from '../../engine/trace/types';
import type { Step } from '../model/steps';
import type { TopologyView } from '../../worker/protocol';

export interface Namespace {
  readonly machine: string;
  readonly netns: string;
}

export const nsKey = (ns: Namespace): string => `${ns.machine}\u0000${ns.netns}`;

export function namespacesOf(topology: TopologyView | undefined): Namespace[] {
  return topology ? topology.machines.flatMap((m) => m.namespaces.map((netns) => ({ machine: m.name, netns }))) : [];
}

/**
 * The namespace the packet is in at step `index`: the step's own, or the nearest earlier one
 * that names a namespace of the lab; before the first step, the flow's sender.
 */
export function packetNamespace(steps: readonly Step[], index: number, known: readonly Namespace[], flow: Flow | undefined): Namespace | undefined {
  const keys = new Set(known.map(nsKey));
  const isKnown = (at: At | Namespace) => keys.has(nsKey(at));
  for (let i = Math.min(index, steps.length - 1); i >= 0; i--) {
    const at = steps[i].event.at;
    if (isKnown(at)) return { machine: at.machine, netns: at.netns };
  }
  if (flow && isKnown(flow.from)) return { machine: flow.from.machine, netns: flow.from.netns };
  return known[0];
}
