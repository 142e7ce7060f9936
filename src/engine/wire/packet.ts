// Whole packets: a header stack to bytes and back, built from the one-header modules.
//
// Two representations. `WireLayer[]` is everything on the wire (IP identification, TCP window
// and options, payload bytes): parse → emit gives the same bytes back, which the kernel
// fixtures test. `PacketView` is what the trace knows; `emitView` fills in the rest with
// deterministic choices (docs/pcap.md):
//   - IPv4 total length: what follows, counted; TOS 0; identification: `ipId(depth)` of the
//     caller (Linux draws it per socket or per destination: no trace value to copy);
//   - TCP: window 64240 (Linux's first window for a 1460-byte MSS), no options;
//   - UDP: checksummed, the outer UDP of VXLAN too (as this kernel's vxlan device sends it:
//     test/fixtures/wire/vxlan.pcap);
//   - payloads (TCP/UDP data, ICMP echo data): bytes 0, 1, 2 … 255, 0 … of the length the trace
//     gives (for an echo, the IPv4 length less 28);
//   - ICMP errors quote the offending packet's IPv4 header and the 8 bytes that follow, as the
//     view does, each quoted IPv4 header with the total length the view gives it.
import type { HeaderView, PacketView, EthernetView, ArpView, VxlanView, IcmpView } from '../packet/view';
import { IPPROTO_ICMP, IPPROTO_IPIP, IPPROTO_TCP, IPPROTO_UDP, ETH_P_ARP, ETH_P_IP } from '../packet/headers';
import { emitArp, parseArp } from './arp';
import { WireError } from './bytes';
import { emitEthernet, parseEthernet } from './ethernet';
import { emitIcmp, icmpRest, isEcho, parseIcmp, restFields, type IcmpWire } from './icmp';
import { emitIpv4, IPV4_LEN, parseIpv4, type Ipv4Wire } from './ipv4';
import { emitTcp, parseTcp, type Pseudo, type TcpWire } from './tcp';
import { emitUdp, parseUdp, type UdpWire } from './udp';
import { emitVxlan, parseVxlan } from './vxlan';

export type WireLayer =
  | { readonly layer: 'eth'; readonly header: EthernetView }
  | { readonly layer: 'arp'; readonly header: ArpView }
  | { readonly layer: 'ipv4'; readonly header: Ipv4Wire }
  | { readonly layer: 'tcp'; readonly header: TcpWire }
  | { readonly layer: 'udp'; readonly header: UdpWire }
  | { readonly layer: 'icmp'; readonly header: IcmpWire }
  | { readonly layer: 'vxlan'; readonly header: VxlanView }
  /** bytes no header above describes: a payload, an ICMP message's data */
  | { readonly layer: 'data'; readonly bytes: Uint8Array };

/** What a capture's first byte is: an Ethernet header, or (a tunnel device) an IPv4 header. */
export type Framing = 'ethernet' | 'ip';

/** UDP destination ports read as VXLAN: IANA's 4789 and Linux's (and flannel's) default 8472. */
export const DEFAULT_VXLAN_PORTS: ReadonlySet<number> = new Set([4789, 8472]);

export const TCP_WINDOW = 64240;

// ---- bytes → layers ---------------------------------------------------------------------------

export function parsePacket(b: Uint8Array, framing: Framing, vxlanPorts = DEFAULT_VXLAN_PORTS): WireLayer[] {
  return framing === 'ethernet' ? parseFrame(b, vxlanPorts) : parseIp(b, vxlanPorts);
}

function parseFrame(b: Uint8Array, vxlanPorts: ReadonlySet<number>): WireLayer[] {
  const { header, payload } = parseEthernet(b);
  const out: WireLayer[] = [{ layer: 'eth', header }];
  if (header.type === ETH_P_ARP) return [...out, { layer: 'arp', header: parseArp(payload) }];
  if (header.type === ETH_P_IP) return [...out, ...parseIp(payload, vxlanPorts)];
  return [...out, { layer: 'data', bytes: payload }];
}

function parseIp(b: Uint8Array, vxlanPorts: ReadonlySet<number>): WireLayer[] {
  const { header, payload } = parseIpv4(b);
  const out: WireLayer[] = [{ layer: 'ipv4', header }];
  switch (header.protocol) {
    case IPPROTO_IPIP:
      return [...out, ...parseIp(payload, vxlanPorts)];
    case IPPROTO_TCP: {
      const tcp = parseTcp(payload);
      return [...out, { layer: 'tcp', header: tcp.header }, { layer: 'data', bytes: tcp.payload }];
    }
    case IPPROTO_UDP: {
      const udp = parseUdp(payload);
      out.push({ layer: 'udp', header: udp.header });
      if (vxlanPorts.has(udp.header.dport)) {
        const vx = parseVxlan(udp.payload);
        return [...out, { layer: 'vxlan', header: vx.header }, ...parseFrame(vx.frame, vxlanPorts)];
      }
      return [...out, { layer: 'data', bytes: udp.payload }];
    }
    case IPPROTO_ICMP: {
      const icmp = parseIcmp(payload);
      return [...out, { layer: 'icmp', header: icmp.header }, { layer: 'data', bytes: icmp.data }];
    }
    default:
      return [...out, { layer: 'data', bytes: payload }];
  }
}

// ---- layers → bytes ---------------------------------------------------------------------------

/** The bytes of parsed layers, every length and checksum recomputed but the IPv4 total length. */
export function emitLayers(layers: readonly WireLayer[], i = 0, ip?: Pseudo): Uint8Array {
  const l = layers[i];
  if (!l) return new Uint8Array(0);
  switch (l.layer) {
    case 'eth':
      return emitEthernet(l.header, emitLayers(layers, i + 1));
    case 'arp':
      return emitArp(l.header);
    case 'ipv4':
      return emitIpv4(l.header, emitLayers(layers, i + 1, l.header));
    case 'tcp':
      return emitTcp(l.header, emitLayers(layers, i + 1), ip!);
    case 'udp':
      return emitUdp(l.header, emitLayers(layers, i + 1), ip!);
    case 'icmp':
      return emitIcmp(l.header, emitLayers(layers, i + 1));
    case 'vxlan':
      return emitVxlan(l.header, emitLayers(layers, i + 1));
    case 'data':
      return l.bytes;
  }
}

// ---- layers → view ----------------------------------------------------------------------------

/** The trace's view of parsed layers (an ICMP error's quoted packet is left as data). */
export function viewOfLayers(layers: readonly WireLayer[]): PacketView {
  const out: HeaderView[] = [];
  layers.forEach((l, i) => {
    const next = layers[i + 1];
    const payload = next?.layer === 'data' ? next.bytes.length : 0;
    switch (l.layer) {
      case 'eth':
      case 'arp':
      case 'vxlan':
        out.push(l.header);
        break;
      case 'ipv4': {
        const { id: _id, tos: _tos, ...view } = l.header;
        out.push({ layer: 'ipv4', ...view });
        break;
      }
      case 'tcp': {
        const { window: _w, urgent: _u, otherFlags: _o, options: _opt, ...view } = l.header;
        out.push({ layer: 'tcp', ...view, payload });
        break;
      }
      case 'udp':
        out.push({ layer: 'udp', sport: l.header.sport, dport: l.header.dport, payload: next?.layer === 'vxlan' ? 0 : payload });
        break;
      case 'icmp': {
        out.push({ layer: 'icmp', type: l.header.type, code: l.header.code, ...restFields(l.header) } as IcmpView);
        break;
      }
      case 'data':
        break;
    }
  });
  return out;
}

// ---- view → bytes -----------------------------------------------------------------------------

export interface ViewChoices {
  /** the IPv4 identification of the header `depth` levels in (0 = outermost) */
  readonly ipId: (depth: number) => number;
  /** the payload bytes of a given length (default payloadBytes; tests give the kernel's) */
  readonly payload?: (length: number) => Uint8Array;
}

/** Payload bytes: 0, 1 … 255, 0 … (see the file header). */
export function payloadBytes(length: number): Uint8Array {
  return Uint8Array.from({ length: Math.max(0, length) }, (_, i) => i & 0xff);
}

/** The bytes of a packet as the trace shows it (the file header lists the choices made). */
export function emitView(p: PacketView, choices: ViewChoices): Uint8Array {
  return emitFrom(p, 0, choices, { depth: 0 });
}

interface Around {
  readonly depth: number;
  /** inside an ICMP error's quote */
  readonly quoted?: boolean;
  /** the enclosing IPv4 header, for pseudo-headers and an echo's length */
  readonly ip?: { readonly src: string; readonly dst: string; readonly length: number };
}

function emitFrom(p: PacketView, i: number, choices: ViewChoices, around: Around): Uint8Array {
  const h = p[i];
  if (!h) return new Uint8Array(0);
  switch (h.layer) {
    case 'eth':
      return emitEthernet(h, emitFrom(p, i + 1, choices, around));
    case 'arp':
      return emitArp(h);
    case 'ipv4': {
      const inner = emitFrom(p, i + 1, choices, { ...around, depth: around.depth + 1, ip: h });
      // a quoted packet keeps the length it had: only its first bytes are sent
      const length = around.quoted ? h.length : IPV4_LEN + inner.length;
      return emitIpv4({ src: h.src, dst: h.dst, ttl: h.ttl, protocol: h.protocol, df: h.df, length, id: choices.ipId(around.depth), tos: 0 }, inner);
    }
    case 'tcp':
      return emitTcp(
        { sport: h.sport, dport: h.dport, flags: h.flags, seq: h.seq, ack: h.ack, window: TCP_WINDOW, urgent: 0, otherFlags: 0, options: new Uint8Array(0) },
        (choices.payload ?? payloadBytes)(h.payload),
        around.ip!,
      );
    case 'udp': {
      const tunnel = p[i + 1]?.layer === 'vxlan';
      const payload = tunnel ? emitFrom(p, i + 1, choices, around) : (choices.payload ?? payloadBytes)(h.payload);
      return emitUdp({ sport: h.sport, dport: h.dport, noChecksum: false }, payload, around.ip!);
    }
    case 'vxlan':
      return emitVxlan(h, emitFrom(p, i + 1, choices, around));
    case 'icmp':
      return emitIcmp({ type: h.type, code: h.code, rest: icmpRest(h) }, icmpData(h, choices, around));
  }
}

function icmpData(h: IcmpView, choices: ViewChoices, around: Around): Uint8Array {
  if (isEcho(h.type)) return (choices.payload ?? payloadBytes)((around.ip?.length ?? 28) - IPV4_LEN - 8);
  if (!h.quoted?.length) return new Uint8Array(0);
  if (h.quoted[0].layer !== 'ipv4') throw new WireError(`icmp: a quoted packet starts with ${h.quoted[0].layer}, not ipv4`);
  // the offending packet as it was, cut after its IPv4 header and 8 more bytes (RFC 792)
  const whole = emitFrom(h.quoted, 0, choices, { depth: around.depth + 1, quoted: true });
  return whole.subarray(0, IPV4_LEN + 8);
}
