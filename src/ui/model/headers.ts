// A packet's header stack as a packet analyser's details pane shows it (Wireshark's tree):
// one node per layer, outer to inner, a title line and the layer's fields formatted for
// people; and what a step changed, against the step before it. Pure; no React.
//
// Protocol words stay in English on purpose, as packet analysers print them in every
// language (field names are protocol vocabulary, like the Linux output in the state panels).
import { formatIpv4 } from '../../engine/addr/ipv4';
import type { FieldChange, Header, Headers } from '../../engine/packet/headers';

/** One field of a layer: `key` is the header object's own field name (as FieldChange.field names it). */
export interface HeaderField {
  readonly key: string;
  readonly name: string;
  readonly value: string;
}

export interface HeaderNode {
  /** 'eth', 'ipv4' … for the outermost of a kind, 'inner eth' for the next, 'inner inner eth' after. */
  readonly path: string;
  readonly layer: string;
  readonly title: string;
  readonly fields: readonly HeaderField[];
  /** The packet an ICMP error quotes (RFC 792: its IP header and first 8 bytes). */
  readonly children?: readonly HeaderNode[];
}

/** A layer as we read it: a known header, or one a newer engine emits (`vxlan`, …). */
type AnyHeader = { readonly layer: string } & Readonly<Record<string, unknown>>;

const ETHERTYPES: Readonly<Record<number, string>> = {
  0x0800: 'IPv4',
  0x0806: 'ARP',
  0x86dd: 'IPv6',
  0x8100: '802.1Q Virtual LAN',
  0x6558: 'Transparent Ethernet Bridging',
};

const IP_PROTOCOLS: Readonly<Record<number, string>> = {
  1: 'ICMP',
  4: 'IPIP',
  6: 'TCP',
  17: 'UDP',
  41: 'IPv6',
  47: 'GRE',
  50: 'ESP',
};

const ICMP_TYPES: Readonly<Record<number, string>> = {
  0: 'Echo (ping) reply',
  3: 'Destination unreachable',
  5: 'Redirect',
  8: 'Echo (ping) request',
  11: 'Time-to-live exceeded',
};

const ICMP_UNREACH_CODES: Readonly<Record<number, string>> = {
  0: 'Network unreachable',
  1: 'Host unreachable',
  2: 'Protocol unreachable',
  3: 'Port unreachable',
  4: 'Fragmentation needed',
  9: 'Network administratively prohibited',
  10: 'Host administratively prohibited',
  13: 'Communication administratively filtered',
};

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

function named(n: number, names: Readonly<Record<number, string>>): string {
  const name = names[n];
  return name ? `${n} (${name})` : String(n);
}

function mac(m: string): string {
  return m === 'ff:ff:ff:ff:ff:ff' ? `${m} (Broadcast)` : m;
}

/** Field names that hold an IPv4 address (as a uint32) in any layer. */
const ADDRESS_FIELDS = new Set(['src', 'dst', 'senderIp', 'targetIp', 'saddr', 'daddr', 'local', 'remote']);

/** A field of a layer we do not know, printed as plainly as possible. */
function genericValue(key: string, v: unknown): string {
  if (typeof v === 'number' && ADDRESS_FIELDS.has(key) && Number.isInteger(v) && v >= 0 && v <= 0xffffffff) return formatIpv4(v);
  if (Array.isArray(v)) return v.map((x) => genericValue(key, x)).join(', ');
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const GENERIC_NAMES: Readonly<Record<string, string>> = {
  vni: 'VXLAN Network Identifier (VNI)',
  flags: 'Flags',
  src: 'Source',
  dst: 'Destination',
  sport: 'Source Port',
  dport: 'Destination Port',
};

function genericFields(h: AnyHeader): HeaderField[] {
  return Object.keys(h)
    .filter((k) => k !== 'layer' && h[k] !== undefined)
    .map((k) => ({ key: k, name: GENERIC_NAMES[k] ?? k, value: genericValue(k, h[k]) }));
}

function tcpFlags(flags: readonly string[]): string {
  return `[${flags.join(', ')}]`;
}

/** The fields of one layer, in the order a packet analyser lists them. */
export function fieldsOf(header: Header | AnyHeader): HeaderField[] {
  const h = header as Header;
  switch (h.layer) {
    case 'eth':
      return [
        { key: 'dst', name: 'Destination', value: mac(h.dst) },
        { key: 'src', name: 'Source', value: mac(h.src) },
        { key: 'type', name: 'Type', value: `${hex(h.type, 4)}${ETHERTYPES[h.type] ? ` (${ETHERTYPES[h.type]})` : ''}` },
      ];
    case 'arp':
      return [
        { key: 'op', name: 'Opcode', value: h.op === 'request' ? 'request (1)' : 'reply (2)' },
        { key: 'senderMac', name: 'Sender MAC address', value: h.senderMac },
        { key: 'senderIp', name: 'Sender IP address', value: formatIpv4(h.senderIp) },
        { key: 'targetMac', name: 'Target MAC address', value: h.targetMac },
        { key: 'targetIp', name: 'Target IP address', value: formatIpv4(h.targetIp) },
      ];
    case 'ipv4':
      return [
        { key: 'length', name: 'Total Length', value: String(h.length) },
        { key: 'df', name: "Don't fragment", value: h.df ? 'Set' : 'Not set' },
        { key: 'ttl', name: 'Time to Live', value: String(h.ttl) },
        { key: 'protocol', name: 'Protocol', value: named(h.protocol, IP_PROTOCOLS) },
        { key: 'src', name: 'Source Address', value: formatIpv4(h.src) },
        { key: 'dst', name: 'Destination Address', value: formatIpv4(h.dst) },
      ];
    case 'tcp':
      return [
        { key: 'sport', name: 'Source Port', value: String(h.sport) },
        { key: 'dport', name: 'Destination Port', value: String(h.dport) },
        { key: 'seq', name: 'Sequence Number', value: String(h.seq) },
        { key: 'ack', name: 'Acknowledgment Number', value: String(h.ack) },
        { key: 'flags', name: 'Flags', value: tcpFlags(h.flags) },
        { key: 'payload', name: 'TCP payload', value: `${h.payload} bytes` },
      ];
    case 'udp':
      return [
        { key: 'sport', name: 'Source Port', value: String(h.sport) },
        { key: 'dport', name: 'Destination Port', value: String(h.dport) },
        { key: 'payload', name: 'UDP payload', value: `${h.payload} bytes` },
      ];
    case 'icmp': {
      const fields: HeaderField[] = [
        { key: 'type', name: 'Type', value: named(h.type, ICMP_TYPES) },
        { key: 'code', name: 'Code', value: h.type === 3 ? named(h.code, ICMP_UNREACH_CODES) : String(h.code) },
      ];
      if (h.id !== undefined) fields.push({ key: 'id', name: 'Identifier', value: String(h.id) });
      if (h.seq !== undefined) fields.push({ key: 'seq', name: 'Sequence Number', value: String(h.seq) });
      return fields;
    }
    default:
      return genericFields(header as AnyHeader);
  }
}

/** The one-line summary of a layer; `next` is the layer inside it (to mark tunnel headers). */
export function titleOf(header: Header | AnyHeader, next?: Header | AnyHeader): string {
  const h = header as Header;
  switch (h.layer) {
    case 'eth':
      return `Ethernet II, Src: ${h.src}, Dst: ${mac(h.dst)}`;
    case 'arp':
      return `Address Resolution Protocol (${h.op})`;
    case 'ipv4': {
      const outer = h.protocol === 4 && next?.layer === 'ipv4' ? ' (outer header, IP-in-IP)' : '';
      return `Internet Protocol Version 4${outer}, Src: ${formatIpv4(h.src)}, Dst: ${formatIpv4(h.dst)}`;
    }
    case 'tcp':
      return `Transmission Control Protocol, Src Port: ${h.sport}, Dst Port: ${h.dport}, Flags: ${tcpFlags(h.flags)}, Seq: ${h.seq}, Len: ${h.payload}`;
    case 'udp': {
      const outer = next?.layer === 'vxlan' ? ' (VXLAN outer header)' : '';
      return `User Datagram Protocol${outer}, Src Port: ${h.sport}, Dst Port: ${h.dport}`;
    }
    case 'icmp':
      return `Internet Control Message Protocol, Type: ${named(h.type, ICMP_TYPES)}`;
    default: {
      const g = header as AnyHeader;
      if (g.layer === 'vxlan') return `${protocolName('vxlan')}${g.vni !== undefined ? `, VNI: ${genericValue('vni', g.vni)}` : ''}`;
      return protocolName(g.layer);
    }
  }
}

/** The path of each layer: plain for the outermost of its kind, 'inner X' for the next level (as FieldChange.layer names them). */
export function layerPaths(headers: readonly { readonly layer: string }[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((h) => {
    const level = seen.get(h.layer) ?? 0;
    seen.set(h.layer, level + 1);
    return `${'inner '.repeat(level)}${h.layer}`;
  });
}

/** The stack as a tree, outer to inner; `prefix` qualifies the paths of a nested (quoted) stack. */
export function headerTree(headers: Headers, prefix = ''): HeaderNode[] {
  const paths = layerPaths(headers);
  return headers.map((h, i) => {
    const path = prefix + paths[i];
    const node: HeaderNode = { path, layer: h.layer, title: titleOf(h, headers[i + 1]), fields: fieldsOf(h) };
    if (h.layer === 'icmp' && h.quoted && h.quoted.length > 0) return { ...node, children: headerTree(h.quoted, `${path} quoted `) };
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
  /** 'path.field' keys of the current stack that differ from the previous step (every field of a pushed layer). */
  readonly changed: ReadonlySet<string>;
  /** Paths of the current stack's layers the step added (encapsulation, a link header). */
  readonly pushed: ReadonlySet<string>;
  /** Layers of the previous stack that are gone, outer first (paths as they were). */
  readonly popped: readonly PoppedLayer[];
  /** The old value, formatted, of each changed field of a layer that stayed. */
  readonly before: ReadonlyMap<string, string>;
  /**
   * The previous step carried a different packet (an ARP request sent while the packet
   * waits, an ICMP error): nothing to compare, so nothing is marked.
   */
  readonly unrelated: boolean;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const rb = b as Record<string, unknown>;
    return ka.length === Object.keys(rb).length && ka.every((k) => same((a as Record<string, unknown>)[k], rb[k]));
  }
  return false;
}

/** The engine names the outermost of two 'outer X'; we name it plain 'X'. */
function normaliseLayer(layer: string): string {
  return layer.startsWith('outer ') ? layer.slice('outer '.length) : layer;
}

/**
 * Pairs the layers of two stacks: first from the inside out (encapsulation keeps the inner
 * packet, decapsulation keeps it too), then from the outside in among what is left.
 * Returns, for each current index, the previous index it pairs with (or -1).
 */
function align(prev: readonly { layer: string }[], cur: readonly { layer: string }[]): { pairs: number[]; fromInside: number } {
  const pairs = cur.map(() => -1);
  let i = prev.length - 1;
  let j = cur.length - 1;
  let fromInside = 0;
  while (i >= 0 && j >= 0 && prev[i].layer === cur[j].layer) {
    pairs[j--] = i--;
    fromInside++;
  }
  let a = 0;
  let b = 0;
  while (a <= i && b <= j && prev[a].layer === cur[b].layer) pairs[b++] = a++;
  return { pairs, fromInside };
}

const NO_CHANGE: StackDiff = { changed: new Set(), pushed: new Set(), popped: [], before: new Map(), unrelated: false };

/**
 * What changed from `previous` to `current`, merged with the engine's own record of the step
 * (`changes`): MAC rewrites, TTL, NAT addresses and ports, layers pushed and popped.
 */
export function diffStacks(previous: Headers | undefined, current: Headers, changes: readonly FieldChange[] = []): StackDiff {
  const curPaths = layerPaths(current);
  const changed = new Set<string>();
  const pushed = new Set<string>();
  const popped: PoppedLayer[] = [];
  const before = new Map<string, string>();
  const markLayer = (j: number) => {
    pushed.add(curPaths[j]);
    for (const f of fieldsOf(current[j])) changed.add(`${curPaths[j]}.${f.key}`);
  };

  let unrelated = false;
  if (previous) {
    const { pairs, fromInside } = align(previous, current);
    // Not one layer in common from the inside: the step shows another packet.
    unrelated = fromInside === 0 && previous.length > 0 && current.length > 0;
    if (!unrelated) {
      const prevPaths = layerPaths(previous);
      const kept = new Set(pairs.filter((i) => i >= 0));
      previous.forEach((h, i) => {
        if (!kept.has(i)) popped.push({ path: prevPaths[i], layer: h.layer, title: titleOf(h, previous[i + 1]) });
      });
      current.forEach((h, j) => {
        const i = pairs[j];
        if (i < 0) return markLayer(j);
        const old = previous[i] as unknown as AnyHeader;
        const now = h as unknown as AnyHeader;
        if (old === now) return;
        const oldValues = new Map(fieldsOf(old).map((f) => [f.key, f.value] as const));
        for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
          if (key === 'layer' || same(old[key], now[key])) continue;
          const k = `${curPaths[j]}.${key}`;
          changed.add(k);
          before.set(k, oldValues.get(key) ?? (old[key] === undefined ? '' : genericValue(key, old[key])));
        }
      });
    }
  }

  // The engine's record: field rewrites always; pushed/popped layers only when there is no
  // previous step to compare with (its keys pair layers by name, which encapsulation defeats).
  for (const c of changes) {
    const path = normaliseLayer(c.layer);
    const j = curPaths.indexOf(path);
    if (c.field === '(header)') {
      if (previous) continue;
      if (c.to === 'pushed' && j >= 0) markLayer(j);
      else if (c.to === 'popped' && j < 0) popped.push({ path, layer: path.replace(/^(inner )+/, ''), title: protocolName(path.replace(/^(inner )+/, '')) });
      continue;
    }
    if (j < 0 || unrelated) continue;
    const k = `${path}.${c.field}`;
    changed.add(k);
    if (!pushed.has(path) && !before.has(k)) before.set(k, c.from);
  }

  if (changed.size === 0 && popped.length === 0 && !unrelated) return NO_CHANGE;
  return { changed, pushed, popped, before, unrelated };
}

/** The 'path.field' keys of `current` that differ from `previous` (and that the engine says it rewrote). */
export function changedFields(previous: Headers | undefined, current: Headers, changes?: readonly FieldChange[]): ReadonlySet<string> {
  return diffStacks(previous, current, changes).changed;
}
