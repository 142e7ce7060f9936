// The path of each leg, hop by hop, and the packet at each hop: the frames the kernel's devices
// sent and received during a flow (capture.ts) against the trace's xmit/recv events.
//
// Legs. Each captured frame joins the leg of its kind, read from its innermost packet: TCP SYN,
// SYN-ACK, RST, the client's first pure ACK (ACK) and data segment (data); UDP request and
// reply; ICMP echo-request, echo-reply and errors (icmp-error). The client side is told by the
// server's ports (the destination ports of the trace's client-to-server packets, the source
// ports of its replies). What the real client does after the engine's conversation ends (the
// server's echo of the data and its ACKs, FIN segments) is not a leg and is left out; its
// verdict is the client's. An ARP frame joins the leg whose trace has the same ARP (op, sender
// and target address), or else the leg of the next IPv4 frame in time.
//
// Retransmissions. Within a leg, a frame equal to one already seen on the same device in the
// same direction (compared as packetText prints it) is a retransmission (TCP after 1 s, ARP
// every 100 ms in the labs) and is dropped: the first transmission's journey is compared.
//
// Order. The kernel carries a frame across a veth through the receiving CPU's backlog queue, so
// the peer receives it after the sender has finished everything else it was doing (a flooded
// ARP goes up to the bridge device before the port's peer sees it and answers; a macvlan
// delivers broadcasts from the wire from a work queue, after the softirq); the engine walks
// depth first. The interleaving of different packets therefore differs while both sides agree
// on every packet's path, so the order compared is each packet's (each ARP by op, sender and
// target; the leg's IPv4 packet) within each namespace (the capture socket's arrival order
// there is exact; timestamps are not), and which namespaces the leg visits.
import { hopDir } from '../../src/engine/pcap/hops';
import type { HeaderView, PacketView } from '../../src/engine/packet/view';
import type { Trace } from '../../src/engine/trace/types';
import { packetText, type PortMask } from './frames';

export interface Hop {
  /** machine/netns */
  readonly ns: string;
  readonly dev: string;
  readonly dir: 'in' | 'out';
  readonly packet: PacketView;
}

/** What the comparison ignores: frames after the engine's conversation (see the header). */
export const BEYOND_CONVERSATION = new Set(['FIN', 'server-data', 'server-ACK']);

/** The conversation's packets in the order the client's exchange sends them. */
const ORDER: Record<string, readonly string[]> = {
  tcp: ['SYN', 'SYN-ACK', 'ACK', 'data'],
  udp: ['request', 'reply'],
  icmp: ['echo-request', 'echo-reply'],
};

/**
 * Legs that come after the trace's conversation stopped: when a leg of the conversation is
 * dropped, the engine plays nothing after it, while the real client goes on (a client whose ACK
 * died believes it is connected and sends its data, which dies at the same place: its drop
 * records are matched against the trace's drop all the same).
 */
export function beyondConversation(trace: Trace): Set<string> {
  const order = ORDER[trace.flow.protocol] ?? [];
  const dropped = trace.legs.find((l) => l.verdict === 'dropped' && order.includes(l.packet));
  const out = new Set(BEYOND_CONVERSATION);
  if (dropped) for (const name of order.slice(order.indexOf(dropped.packet) + 1)) if (!trace.legs.some((l) => l.packet === name)) out.add(name);
  return out;
}

/** The trace's hops per leg (legs of the same name concatenated), in event order. */
export function engineHops(trace: Trace): Map<string, Hop[]> {
  const out = new Map<string, Hop[]>();
  for (const leg of trace.legs) {
    const hops = out.get(leg.packet) ?? [];
    for (const e of leg.events) {
      const dir = hopDir(e);
      if (dir) hops.push({ ns: `${e.at.machine}/${e.at.netns}`, dev: e.at.dev!, dir, packet: e.packet });
    }
    out.set(leg.packet, hops);
  }
  return out;
}

/** The ports of the server side, from the trace: where the client's packets go, where replies come from. */
export function serverPorts(trace: Trace): Set<number> {
  const out = new Set<number>(trace.flow.to.port !== undefined ? [trace.flow.to.port] : []);
  for (const leg of trace.legs) {
    const toServer = ['SYN', 'ACK', 'data', 'request'].includes(leg.packet);
    const fromServer = ['SYN-ACK', 'reply'].includes(leg.packet);
    if (!toServer && !fromServer) continue;
    for (const e of leg.events) {
      const l4 = innermost(e.packet);
      if (l4?.layer === 'tcp' || l4?.layer === 'udp') out.add(toServer ? l4.dport : l4.sport);
    }
  }
  return out;
}

function innermost(p: PacketView): HeaderView | undefined {
  for (let i = p.length - 1; i >= 0; i--) {
    const h = p[i];
    if (h.layer === 'tcp' || h.layer === 'udp' || h.layer === 'icmp' || h.layer === 'arp') {
      // a VXLAN frame's UDP is not its packet
      if (h.layer === 'udp' && p[i + 1]?.layer === 'vxlan') continue;
      return h;
    }
  }
  return undefined;
}

/** The leg a kernel frame belongs to (see the header), 'arp' for ARP, 'other' for the rest. */
export function frameKind(p: PacketView, server: ReadonlySet<number>): string {
  const h = innermost(p);
  if (!h) return 'other';
  const toServer = (sport: number, dport: number) => (server.has(dport) ? true : server.has(sport) ? false : sport >= 32768);
  switch (h.layer) {
    case 'arp':
      return 'arp';
    case 'tcp': {
      const f = h.flags as readonly string[];
      if (f.includes('RST')) return 'RST';
      if (f.includes('SYN')) return f.includes('ACK') ? 'SYN-ACK' : 'SYN';
      if (f.includes('FIN')) return 'FIN';
      const c = toServer(h.sport, h.dport);
      return h.payload > 0 ? (c ? 'data' : 'server-data') : c ? 'ACK' : 'server-ACK';
    }
    case 'udp':
      return toServer(h.sport, h.dport) ? 'request' : 'reply';
    case 'icmp':
      return h.type === 8 ? 'echo-request' : h.type === 0 ? 'echo-reply' : h.quoted ? 'icmp-error' : 'other';
    default:
      return 'other';
  }
}

const arpKey = (p: PacketView) => {
  const h = innermost(p);
  return h?.layer === 'arp' ? `${h.op} ${h.senderIp} ${h.targetIp}` : undefined;
};

/** A captured frame, placed: its namespace key (machine/netns), time, order, and parsed headers. */
export interface PlacedFrame extends Hop {
  readonly ts: bigint;
  readonly seq: number;
}

/** Kernel hops per leg (see the header: kinds, ARP, retransmissions). */
export function kernelHops(frames: readonly PlacedFrame[], engine: ReadonlyMap<string, readonly Hop[]>, server: ReadonlySet<number>, mask: PortMask): Map<string, Hop[]> {
  // time order across namespaces, only to give an ARP frame the trace does not have a leg
  const sorted = [...frames].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.ns === b.ns ? a.seq - b.seq : 0));
  const arpLeg = new Map<string, string>();
  for (const [leg, hops] of engine) for (const h of hops) { const k = arpKey(h.packet); if (k && !arpLeg.has(k)) arpLeg.set(k, leg); }
  const kinds = sorted.map((f) => frameKind(f.packet, server));
  const legOf = kinds.map((k, i) => {
    if (k !== 'arp') return k;
    const known = arpLeg.get(arpKey(sorted[i].packet)!);
    if (known) return known;
    for (let j = i + 1; j < kinds.length; j++) if (kinds[j] !== 'arp' && kinds[j] !== 'other') return kinds[j];
    for (let j = i - 1; j >= 0; j--) if (kinds[j] !== 'arp' && kinds[j] !== 'other') return kinds[j];
    return 'arp';
  });
  // the hops in each namespace's socket order, which is exact there (timestamps are not: a frame
  // keeps the receive timestamp of its first device while it crosses a bridge, a clone flooded
  // out of a port gets a fresh one)
  const legByFrame = new Map(sorted.map((f, i) => [f, legOf[i]]));
  const inNsOrder = [...frames].sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : a.seq - b.seq));
  const out = new Map<string, Hop[]>();
  const seen = new Set<string>();
  inNsOrder.forEach((f) => {
    const leg = legByFrame.get(f)!;
    const key = `${leg}|${f.ns}|${f.dev}|${f.dir}|${packetText(f.packet, mask)}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.set(leg, [...(out.get(leg) ?? []), { ns: f.ns, dev: f.dev, dir: f.dir, packet: f.packet }]);
  });
  return out;
}

const hopName = (h: Hop) => `${h.dev} ${h.dir}`;

/**
 * A leg's hops grouped by namespace and packet (each ARP by op, sender and target; the leg's
 * IPv4 packet), each group in order: the interleaving of different packets is the scheduler's
 * (see the header), each packet's own journey through a namespace is not.
 */
export function byPacketInNs(hops: readonly Hop[]): Map<string, Hop[]> {
  const m = new Map<string, Hop[]>();
  for (const h of hops) {
    const key = `${h.ns}|${arpKey(h.packet) ?? 'ip'}`;
    m.set(key, [...(m.get(key) ?? []), h]);
  }
  return m;
}
const showNs = (ns: string) => (ns.endsWith('/') ? ns.slice(0, -1) : ns);

/** Per leg and namespace: the hops in order, then the packet at each hop. */
export function compareHops(engine: ReadonlyMap<string, readonly Hop[]>, kernel: ReadonlyMap<string, readonly Hop[]>, mask: PortMask, beyond: ReadonlySet<string> = BEYOND_CONVERSATION, maxHeaderDiffs = 4): string[] {
  const diffs: string[] = [];
  const legs = [...new Set([...engine.keys(), ...kernel.keys()])].filter((l) => !beyond.has(l));
  for (const leg of legs) {
    const e = engine.get(leg) ?? [];
    const k = kernel.get(leg) ?? [];
    if (!engine.has(leg)) {
      diffs.push(`leg ${leg}: the kernel sent it (${k.map((h) => `${showNs(h.ns)}:${hopName(h)}`).join(', ')}: ${packetText(k[0].packet, mask)}), the trace has no such leg`);
      continue;
    }
    const en = byPacketInNs(e);
    const kn = byPacketInNs(k);
    let headerDiffs = 0;
    for (const key of [...new Set([...en.keys(), ...kn.keys()])]) {
      const eh = en.get(key) ?? [];
      const kh = kn.get(key) ?? [];
      const ns = (eh[0] ?? kh[0]).ns;
      const ep = eh.map(hopName).join(', ');
      const kp = kh.map(hopName).join(', ');
      if (ep !== kp) {
        const arp = arpKey((eh[0] ?? kh[0]).packet);
        diffs.push(`leg ${leg} at ${showNs(ns)}${arp ? ` (ARP ${arp})` : ''}: engine [${ep}], kernel [${kp}]`);
        continue;
      }
      for (let i = 0; i < eh.length; i++) {
        const et = packetText(eh[i].packet, mask);
        const kt = packetText(kh[i].packet, mask);
        if (et !== kt && headerDiffs++ < maxHeaderDiffs) diffs.push(`leg ${leg} at ${showNs(ns)}:${hopName(eh[i])}: engine ${et}; kernel ${kt}`);
      }
    }
    if (headerDiffs > maxHeaderDiffs) diffs.push(`leg ${leg}: ${headerDiffs - maxHeaderDiffs} more header difference(s)`);
  }
  return diffs;
}
