// A trace as a capture: each hop (hops.ts) becomes one packet on its device's interface, with
// the bytes of the header stack the trace shows at that step (src/engine/wire), one
// millisecond after the previous step. docs/pcap.md says what is chosen where the trace is
// silent.
import { emitView } from '../wire/packet';
import type { Trace } from '../trace/types';
import { deviceHops, deviceName, type DeviceHop, type DeviceSelector } from './hops';
import { LINKTYPE_ETHERNET, LINKTYPE_RAW, writePcapng, type PcapngInterface, type PcapngPacket } from './pcapng';

/** Step `seq` is at `seq` ms after the epoch: step order, evenly apart. */
export const STEP_US = 1000;

export interface CapturedPacket {
  readonly hop: DeviceHop;
  readonly iface: PcapngInterface;
  readonly data: Uint8Array;
}

export interface Capture {
  readonly interfaces: readonly PcapngInterface[];
  readonly packets: readonly CapturedPacket[];
  readonly bytes: Uint8Array;
}

/**
 * The IPv4 identification of the header `depth` levels into a packet of leg `legIndex`. Linux
 * draws it per socket or per destination and the trace has none, so podpath picks one that is
 * the same on every device the leg's packet crosses (as a real packet's is) and differs from
 * leg to leg: 0x100 × (leg + 1) + depth.
 */
export function ipIdFor(legIndex: number, depth: number): number {
  return (0x100 * (legIndex + 1) + depth) & 0xffff;
}

/** The file a capture is saved as by default (the CLI without -o, the page's download). */
export function captureFileName(flowId: string, variant: string | undefined): string {
  return `${flowId}${variant ? `-${variant}` : ''}.pcapng`;
}

const matches = (hop: DeviceHop, s: DeviceSelector) => hop.machine === s.machine && hop.netns === s.netns && hop.dev === s.dev;

/** The capture of a trace, on every device it crosses or only on `devices`. */
export function traceCapture(trace: Trace, devices?: readonly DeviceSelector[]): Capture {
  const interfaces: PcapngInterface[] = [];
  const index = new Map<string, number>();
  const packets: CapturedPacket[] = [];
  const pcapng: PcapngPacket[] = [];
  for (const hop of deviceHops(trace)) {
    if (devices?.length && !devices.some((s) => matches(hop, s))) continue;
    const p = hop.event.packet;
    if (!p.length) continue;
    // a device without a link header (ipip) shows the IP packet itself, as tcpdump does
    const linktype = p[0].layer === 'eth' ? LINKTYPE_ETHERNET : LINKTYPE_RAW;
    const name = deviceName(hop);
    const key = `${name} ${linktype}`;
    let i = index.get(key);
    if (i === undefined) {
      i = interfaces.push({ name, linktype }) - 1;
      index.set(key, i);
    }
    const data = emitView(p, { ipId: (depth) => ipIdFor(hop.legIndex, depth) });
    packets.push({ hop, iface: interfaces[i], data });
    pcapng.push({ iface: i, timestampUs: hop.event.seq * STEP_US, data, comment: `step ${hop.event.seq}: ${hop.event.code} ${hop.dir} (${hop.event.fn}), ${hop.leg.packet}` });
  }
  return { interfaces, packets, bytes: writePcapng(interfaces, pcapng) };
}
