// Frames as captured on a device, parsed into the same header views the engine's trace
// publishes (src/engine/packet/view.ts: eth, arp, ipv4, tcp, udp, icmp with its quoted packet,
// vxlan), and both written as one line of what the two sides must agree on: MACs, ARP fields,
// IPv4 addresses, protocol, TTL and DF, ports, TCP flags, ICMP type and code, VXLAN VNI and
// the encapsulated frame. Not compared: lengths, IP ids, checksums, sequence numbers, ICMP echo
// ids, TCP options, PSH (the kernel's choice), and the ports the kernel draws at random (see
// portMask).
import type { HeaderView, PacketView } from '../../src/engine/packet/view';

const mac = (b: Uint8Array, o: number) => Array.from(b.subarray(o, o + 6), (x) => x.toString(16).padStart(2, '0')).join(':');
const ip = (b: Uint8Array, o: number) => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];

/**
 * Parses an Ethernet frame (as an AF_PACKET socket returns it, snapped) into header views,
 * outer first. `vxlanPorts`: UDP destination ports that carry VXLAN. Stops where the bytes end.
 */
export function parseFrame(b: Uint8Array, vxlanPorts: ReadonlySet<number>, depth = 0): HeaderView[] {
  if (b.length < 14) return [];
  const type = u16(b, 12);
  const out: HeaderView[] = [{ layer: 'eth', src: mac(b, 6), dst: mac(b, 0), type } as HeaderView];
  const p = b.subarray(14);
  if (type === 0x0806 && p.length >= 28) {
    out.push({ layer: 'arp', op: u16(p, 6) === 1 ? 'request' : 'reply', senderMac: mac(p, 8), senderIp: ip(p, 14), targetMac: mac(p, 18), targetIp: ip(p, 24) } as HeaderView);
  } else if (type === 0x0800) {
    out.push(...parseIpv4(p, vxlanPorts, depth));
  }
  return out;
}

function parseIpv4(p: Uint8Array, vxlanPorts: ReadonlySet<number>, depth: number, quoted = false): HeaderView[] {
  if (p.length < 20 || p[0] >> 4 !== 4) return [];
  const ihl = (p[0] & 0xf) * 4;
  const length = u16(p, 2);
  const protocol = p[9];
  const out: HeaderView[] = [{ layer: 'ipv4', src: ip(p, 12), dst: ip(p, 16), ttl: p[8], protocol, length, df: (p[6] & 0x40) !== 0 } as HeaderView];
  const l4 = p.subarray(ihl);
  if (protocol === 6 && l4.length >= 14) {
    const f = l4[13];
    const flags = [f & 2 ? 'SYN' : '', f & 16 ? 'ACK' : '', f & 1 ? 'FIN' : '', f & 4 ? 'RST' : '', f & 8 ? 'PSH' : ''].filter(Boolean);
    const doff = l4.length >= 13 ? (l4[12] >> 4) * 4 : 20;
    const payload = quoted ? 0 : Math.max(0, length - ihl - doff);
    out.push({ layer: 'tcp', sport: u16(l4, 0), dport: u16(l4, 2), flags, seq: 0, ack: 0, payload } as unknown as HeaderView);
  } else if (protocol === 6 && l4.length >= 4) {
    out.push({ layer: 'tcp', sport: u16(l4, 0), dport: u16(l4, 2), flags: [], seq: 0, ack: 0, payload: 0 } as unknown as HeaderView);
  } else if (protocol === 17 && l4.length >= 8) {
    const dport = u16(l4, 2);
    out.push({ layer: 'udp', sport: u16(l4, 0), dport, payload: Math.max(0, u16(l4, 4) - 8) } as HeaderView);
    if (!quoted && depth < 2 && vxlanPorts.has(dport) && l4.length >= 16 && (l4[8] & 0x08) !== 0) {
      out.push({ layer: 'vxlan', vni: (l4[12] << 16) | (l4[13] << 8) | l4[14] } as HeaderView);
      out.push(...parseFrame(l4.subarray(16), vxlanPorts, depth + 1));
    }
  } else if (protocol === 1 && l4.length >= 4) {
    const type = l4[0];
    const code = l4[1];
    const error = type === 3 || type === 11 || type === 12 || type === 5;
    out.push({
      layer: 'icmp',
      type,
      code,
      ...(error ? { quoted: parseIpv4(l4.subarray(8), vxlanPorts, depth, true) } : {}),
      ...(type === 3 && code === 4 ? { mtu: u16(l4, 6) } : {}),
    } as unknown as HeaderView);
  }
  return out;
}

/** Which ports are left out of a comparison: the kernel draws them (client ports, --random-fully). */
export type PortMask = (port: number) => boolean;

/** Ports from 32768 up (ip_local_port_range); with --random-fully, every port but the server side's. */
export function portMask(serverPorts: ReadonlySet<number>, randomFully: boolean): PortMask {
  return (port) => (randomFully ? !serverPorts.has(port) : port >= 32768 && !serverPorts.has(port));
}

const FLAG_LETTER: Record<string, string> = { SYN: 'S', ACK: 'A', FIN: 'F', RST: 'R' };

function headerText(h: HeaderView, mask: PortMask, outerUdp: boolean): string {
  const port = (p: number) => (mask(p) ? '*' : String(p));
  switch (h.layer) {
    case 'eth':
      return `${h.src}>${h.dst}`;
    case 'arp':
      return h.op === 'request' ? `ARP who-has ${h.targetIp} tell ${h.senderIp} ${h.senderMac}` : `ARP ${h.senderIp} is-at ${h.senderMac} to ${h.targetIp} ${h.targetMac}`;
    case 'ipv4':
      return `IP ${h.src}>${h.dst} proto ${h.protocol} ttl ${h.ttl}${h.df ? ' DF' : ''}`;
    case 'tcp': {
      const flags = Object.keys(FLAG_LETTER).filter((f) => (h.flags as readonly string[]).includes(f)).map((f) => FLAG_LETTER[f]).join('');
      return `TCP ${port(h.sport)}>${port(h.dport)} [${flags}]`;
    }
    case 'udp':
      // the source port of a tunnel's outer header is the kernel's flow hash
      return outerUdp ? `UDP *>${h.dport}` : `UDP ${port(h.sport)}>${port(h.dport)}`;
    case 'icmp': {
      const q = h.quoted?.length ? ` quoting ${packetText(h.quoted, mask)}` : '';
      return `ICMP ${h.type}/${h.code}${h.mtu !== undefined ? ` mtu ${h.mtu}` : ''}${q}`;
    }
    case 'vxlan':
      return `VXLAN vni ${h.vni}`;
  }
}

/** One line per packet: the fields both sides must agree on (see the file header). */
export function packetText(p: PacketView, mask: PortMask): string {
  return p.map((h, i) => headerText(h, mask, h.layer === 'udp' && p[i + 1]?.layer === 'vxlan')).join(' | ');
}
