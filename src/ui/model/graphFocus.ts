// What the canvas lights up for the step the playback shows: where the packet token sits,
// which namespace glows with which kernel step, which links the packet just crossed. Pure.
import type { PacketView } from '../../engine/packet/view';
import { nodeIdForAt, pathBetween, placeIdForAt, type TopologyGraph } from './graph';
import type { Step } from './steps';

export interface CanvasFocus {
  /** The node the token sits on (device, else namespace, else network); see tokenNodeAt. */
  readonly at: string;
  /** The namespace (or, for fabric steps, the network) that glows. */
  readonly place: string;
  /** The kernel step: 'ip_forward', 'ipt_do_table FORWARD/filter', … */
  readonly step: string;
  /** The token's label: ARP while the packet is an ARP frame, else the leg's packet. */
  readonly packet: string;
  readonly drop: boolean;
  /** Edges between the previous step's node and this one's (empty when it did not move). */
  readonly crossed: readonly string[];
}

/** 'ARP' when the frame carries ARP, else the leg's name for its packet. */
export function packetLabel(packet: PacketView, legPacket: string): string {
  const [outer, next] = packet;
  if (outer?.layer === 'arp' || (outer?.layer === 'eth' && next?.layer === 'arp')) return 'ARP';
  return legPacket;
}

/**
 * The node the token sits on at `steps[index]`: the event's own node; but an event that names
 * no device (a netfilter hook, a routing decision) keeps the token on the device the packet was
 * last on in the same namespace and leg, instead of jumping into the middle of the namespace.
 */
export function tokenNodeAt(steps: readonly Step[], index: number, graph: TopologyGraph): string | undefined {
  const step = steps[index];
  if (!step) return undefined;
  const own = nodeIdForAt(step.event.at, graph);
  if (step.event.at.dev !== undefined) return own;
  const { machine, netns } = step.event.at;
  for (let i = index - 1; i >= 0; i--) {
    const earlier = steps[i];
    if (earlier.legIndex !== step.legIndex || earlier.event.at.machine !== machine || earlier.event.at.netns !== netns) break;
    if (earlier.event.at.dev === undefined) continue;
    const id = nodeIdForAt(earlier.event.at, graph);
    if (id?.startsWith('d:')) return id;
  }
  return own;
}

/**
 * What the canvas shows at `steps[index]`. `previous` is the step shown before it (the stop
 * before, under a step filter): the token crosses the links between there and here, so with
 * the underlay hidden it goes from one VXLAN end to the other over the tunnel arc.
 */
export function focusOf(steps: readonly Step[], index: number, graph: TopologyGraph, previous = index - 1): CanvasFocus | undefined {
  const step = steps[index];
  if (!step) return undefined;
  const at = tokenNodeAt(steps, index, graph);
  const place = placeIdForAt(step.event.at, graph);
  if (at === undefined || place === undefined) return undefined;
  const before = previous >= 0 && steps[previous]?.legIndex === step.legIndex ? tokenNodeAt(steps, previous, graph) : undefined;
  return {
    at,
    place,
    step: step.label,
    packet: packetLabel(step.event.packet, step.leg.packet),
    drop: step.isDrop,
    crossed: before === undefined ? [] : pathBetween(graph, before, at),
  };
}
