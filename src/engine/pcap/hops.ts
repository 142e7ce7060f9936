// Where a trace's packet crosses a device: the events tcpdump on that device would show a
// packet for. Shared by the pcap writer and the kernel-parity suite (test/parity/path.ts),
// which compares these hops with the frames the kernel's devices really sent and received.
import { eventKind } from '../trace/events';
import type { Leg, Trace, TraceEvent } from '../trace/types';

/**
 * Whether an event is a hop, and which way. A frame is captured on a device when it is handed to
 * the device's driver (dev_queue_xmit_nit, before ndo_start_xmit) and when the device receives
 * it: for a vxlan device that is vxlan_xmit (vxlan.fdb, or its drop when the FDB has no target),
 * not the encapsulation that may or may not follow, so a frame vxlan_xmit drops was still sent on
 * the device (while its tx counter does not move). Routing, netfilter and neighbour steps are
 * not hops: the packet is inside the stack there.
 */
export function hopDir(e: TraceEvent): 'in' | 'out' | undefined {
  if (e.at.dev === undefined) return undefined;
  const kind = eventKind(e.code);
  if (kind === 'xmit') return 'out';
  if (kind === 'recv') return 'in';
  if (e.fn === 'vxlan_xmit' && (e.code === 'vxlan.fdb' || e.code === 'drop')) return 'out';
  return undefined;
}

export interface DeviceHop {
  readonly leg: Leg;
  /** the leg's index in trace.legs */
  readonly legIndex: number;
  readonly event: TraceEvent;
  readonly dir: 'in' | 'out';
  readonly machine: string;
  /** '' is the machine's root namespace */
  readonly netns: string;
  readonly dev: string;
}

/** Every hop of the conversation, in step order. */
export function deviceHops(trace: Trace): DeviceHop[] {
  const out: DeviceHop[] = [];
  trace.legs.forEach((leg, legIndex) => {
    for (const event of leg.events) {
      const dir = hopDir(event);
      if (dir) out.push({ leg, legIndex, event, dir, machine: event.at.machine, netns: event.at.netns, dev: event.at.dev! });
    }
  });
  return out.sort((a, b) => a.event.seq - b.event.seq);
}

/** `machine:dev` in a machine's root namespace, `machine/netns:dev` in another: how --dev names a device. */
export function deviceName(d: { readonly machine: string; readonly netns: string; readonly dev: string }): string {
  return `${d.machine}${d.netns ? `/${d.netns}` : ''}:${d.dev}`;
}

export interface DeviceSelector {
  readonly machine: string;
  readonly netns: string;
  readonly dev: string;
}

/** Reads `machine[/netns]:dev`; undefined when it is not of that form. */
export function parseDeviceSelector(text: string): DeviceSelector | undefined {
  const m = /^([^/:\s]+)(?:\/([^/:\s]+))?:([^/:\s]+)$/.exec(text);
  return m ? { machine: m[1], netns: m[2] ?? '', dev: m[3] } : undefined;
}
