// A packet's header stack as a packet analyser's details pane shows it (Wireshark's tree):
// one node per layer, outer to inner, a title line and the layer's fields formatted for
// people; and what a step changed, read from the engine's own record of it (event.changes).
// Pure; no React.
//
// Protocol words stay in English on purpose, as packet analysers print them in every
// language (field names are protocol vocabulary, like the Linux output in the state panels).
import type { HeaderChange } from '../../engine/packet/diff';
import { ETHERTYPE_TITLES, ICMP_DEST_UNREACH, ICMP_TYPE_TITLES, icmpUnreachTitle, ipProtoTitle } from '../../engine/packet/names';
import type { HeaderView, PacketView } from '../../engine/packet/view';

/** One field of a layer: `key` is the header's own field name (as HeaderChange.field names it). */
export interface HeaderField {
  readonly key: string;
  readonly name: string;
  readonly value: string;
}

export interface HeaderNode {
  /** `0`, `1` … the layer's position in the stack; `2.q0` for the first layer an ICMP error at 2 quotes. */
  readonly path: string;
  readonly layer: string;
  /** How deep in tunnels: 0 for the outermost of its kind, 1 for the next (the inner packet) … */
  readonly level: number;
  readonly title: string;
  readonly fields: readonly HeaderField[];
  /** The packet an ICMP error quotes (RFC 792: its IP header and first 8 bytes). */
  readonly children?: readonly HeaderNode[];
}

/** The protocol's long name, as a packet analyser titles its layer. */
export function protocolName(layer: string): string {
  switch (layer) {
    case 'eth':
      return 'Ethernet II';
    case 'arp':
      return 'Address Resolution Protocol';
    case 'ipv4':
      return 'Internet Protocol Version 4';
    case 'tcp':
      return 'Transmission Control Protocol';
    case 'udp':
      return 'User Datagram Protocol';
    case 'icmp':
      return 'Internet Control Message Protocol';
    case 'vxlan':
      return 'Virtual eXtensible Local Area Network';
    default:
      return layer;
  }
}

export function hex(n: number, digits: number): string {
  return `0x${n.toString(16).padStart(digits, '0')}`;
}

function named(n: number, name: string | undefined): string {
  return name ? `${n} (${name})` : String(n);
}

function mac(m: string): string {
  return m === 'ff:ff:ff:ff:ff:ff' ? `${m} (Broadcast)` : m;
}

function tcpFlags(flags: readonly string[]): string {
  return `[${flags.join(', ')}]`;
}

/** The fields of one layer, in the order a packet analyser lists them: [key, name]. */
const FIELDS: { readonly [L in HeaderView['layer']]: readonly (readonly [string, string])[] } = {
  eth: [['dst', 'Destination'], ['src', 'Source'], ['type', 'Type']],
  arp: [['op', 'Opcode'], ['senderMac', 'Sender MAC address'], ['senderIp', 'Sender IP address'], ['targetMac', 'Target MAC address'], ['targetIp', 'Target IP address']],
  ipv4: [['length', 'Total Length'], ['df', "Don't fragment"], ['ttl', 'Time to Live'], ['protocol', 'Protocol'], ['src', 'Source Address'], ['dst', 'Destination Address']],
  tcp: [['sport', 'Source Port'], ['dport', 'Destination Port'], ['seq', 'Sequence Number'], ['ack', 'Acknowledgment Number'], ['flags', 'Flags'], ['payload', 'TCP payload']],
  udp: [['sport', 'Source Port'], ['dport', 'Destination Port'], ['payload', 'UDP payload']],
  icmp: [['type', 'Type'], ['code', 'Code'], ['id', 'Identifier'], ['seq', 'Sequence Number'], ['mtu', 'MTU of next hop']],
  vxlan: [['vni', 'VXLAN Network Identifier (VNI)']],
};

/** One field's value as the analyser writes it; `h` gives the context (an ICMP code reads by its type). */
export function formatField(h: HeaderView, key: string, value: unknown): string {
  if (value === undefined) return '';
  switch (`${h.layer}.${key}`) {
    case 'eth.src':
    case 'eth.dst':
      return mac(String(value));
    case 'eth.type':
      return `${hex(Number(value), 4)}${ETHERTYPE_TITLES[Number(value)] ? ` (${ETHERTYPE_TITLES[Number(value)]})` : ''}`;
    case 'arp.op':
      return value === 'request' ? 'request (1)' : 'reply (2)';
    case 'ipv4.df':
      return value ? 'Set' : 'Not set';
    case 'ipv4.protocol':
      return named(Number(value), ipProtoTitle(Number(value)));
    case 'tcp.flags':
      return tcpFlags(value as readonly string[]);
    case 'tcp.payload':
    case 'udp.payload':
      return `${String(value)} bytes`;
    case 'icmp.type':
      return named(Number(value), ICMP_TYPE_TITLES[Number(value)]);
    case 'icmp.code':
      return h.layer === 'icmp' && h.type === ICMP_DEST_UNREACH ? named(Number(value), icmpUnreachTitle(Number(value))) : String(value);
    default:
      return Array.isArray(value) ? value.join(', ') : String(value);
  }
}

export function fieldsOf(h: HeaderView): HeaderField[] {
  const record = h as unknown as Readonly<Record<string, unknown>>;
  return FIELDS[h.layer].filter(([key]) => record[key] !== undefined).map(([key, name]) => ({ key, name, value: formatField(h, key, record[key]) }));
}

/** The one-line summary of a layer; `next` is the layer inside it (to mark tunnel headers). */
export function titleOf(h: HeaderView, next?: HeaderView): string {
  switch (h.layer) {
    case 'eth':
      return `Ethernet II, Src: ${h.src}, Dst: ${mac(h.dst)}`;
    case 'arp':
      return `Address Resolution Protocol (${h.op})`;
    case 'ipv4': {
      const outer = h.protocol === 4 && next?.layer === 'ipv4' ? ' (outer header, IP-in-IP)' : '';
      return `Internet Protocol Version 4${outer}, Src: ${h.src}, Dst: ${h.dst}`;
    }
    case 'tcp':
      return `Transmission Control Protocol, Src Port: ${h.sport}, Dst Port: ${h.dport}, Flags: ${tcpFlags(h.flags)}, Seq: ${h.seq}, Len: ${h.payload}`;
    case 'udp': {
      const outer = next?.layer === 'vxlan' ? ' (VXLAN outer header)' : '';
      return `User Datagram Protocol${outer}, Src Port: ${h.sport}, Dst Port: ${h.dport}`;
    }
    case 'icmp':
      return `Internet Control Message Protocol, Type: ${named(h.type, ICMP_TYPE_TITLES[h.type])}`;
    case 'vxlan':
      return `${protocolName('vxlan')}, VNI: ${h.vni}`;
  }
}

/** The stack as a tree, outer to inner; `prefix` qualifies the paths of a nested (quoted) stack. */
export function headerTree(headers: PacketView, prefix = ''): HeaderNode[] {
  const seen = new Map<string, number>();
  return headers.map((h, i) => {
    const level = seen.get(h.layer) ?? 0;
    seen.set(h.layer, level + 1);
    const path = `${prefix}${i}`;
    const node: HeaderNode = { path, layer: h.layer, level, title: titleOf(h, headers[i + 1]), fields: fieldsOf(h) };
    if (h.layer === 'icmp' && h.quoted && h.quoted.length > 0) return { ...node, children: headerTree(h.quoted, `${path}.q`) };
    return node;
  });
}

/** A layer the step removed (decapsulation, or Linux stripping the link header on receive). */
export interface PoppedLayer {
  readonly path: string;
  readonly layer: string;
  readonly title: string;
}

export interface StackDiff {
  /** 'path.field' keys of the current stack the step rewrote (every field of a pushed layer). */
  readonly changed: ReadonlySet<string>;
  /** Paths of the current stack's layers the step added (encapsulation, a link header). */
  readonly pushed: ReadonlySet<string>;
  /** Layers the step removed, outer first. */
  readonly popped: readonly PoppedLayer[];
  /** The old value, formatted, of each rewritten field of a layer that stayed. */
  readonly before: ReadonlyMap<string, string>;
  /**
   * The step before showed another packet (an ARP request sent while this one waits, an ICMP
   * error): nothing to compare with, so nothing is marked.
   */
  readonly unrelated: boolean;
}

const NO_CHANGE: StackDiff = { changed: new Set(), pushed: new Set(), popped: [], before: new Map(), unrelated: false };

function samePacket(a: PacketView, b: PacketView): boolean {
  return a.length === b.length && a.every((h, i) => h === b[i]);
}

/**
 * What this step did to `current`, from the engine's record (`changes`, made against the same
 * packet's previous event). `previous` is the step before in the playback: when it showed
 * another packet and this step records no change, the two are not comparable.
 */
export function diffStacks(previous: PacketView | undefined, current: PacketView, changes: readonly HeaderChange[] = []): StackDiff {
  if (changes.length === 0) {
    const unrelated = previous !== undefined && previous.length > 0 && current.length > 0 && !samePacket(previous, current);
    return unrelated ? { ...NO_CHANGE, unrelated } : NO_CHANGE;
  }
  const changed = new Set<string>();
  const pushed = new Set<string>();
  const popped: PoppedLayer[] = [];
  const before = new Map<string, string>();
  for (const c of changes) {
    if (c.op === 'push') {
      const path = String(c.index);
      pushed.add(path);
      const h = current[c.index];
      if (h) for (const f of fieldsOf(h)) changed.add(`${path}.${f.key}`);
    } else if (c.op === 'pop') {
      popped.push({ path: String(c.index), layer: c.layer, title: titleOf(c.header) });
    } else {
      const key = `${c.index}.${c.field}`;
      changed.add(key);
      const h = current[c.index];
      if (h && c.from !== undefined) before.set(key, formatField(h, c.field, c.from));
    }
  }
  return { changed, pushed, popped, before, unrelated: false };
}
