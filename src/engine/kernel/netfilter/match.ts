// Rule matches (net/netfilter/xt_*.c, net/ipv4/netfilter/ip_tables.c ip_packet_match):
// one function per match kind, each answering for one packet.
import { inPrefix, isMulticast, LIMITED_BROADCAST, type Ipv4 } from '../../addr/ipv4';
import type { AddrType, NfMatch, PortRange } from '../../config/netfilter';
import type { Ipv4Header } from '../../packet/headers';
import type { CtInfo } from '../conntrack/table';
import type { Device } from '../dev/device';
import { fibLookup } from '../fib/lookup';
import { RT_SCOPE_UNIVERSE } from '../fib/route';
import type { Netns } from '../netns';

/** The packet as the rules see it at one hook. */
export interface NfPacket {
  readonly ns: Netns;
  readonly ip: Ipv4Header;
  readonly proto: number;
  readonly sport?: number;
  readonly dport?: number;
  readonly tcpFlags?: readonly string[];
  readonly icmp?: { readonly type: number; readonly code: number };
  readonly in?: Device;
  readonly out?: Device;
  readonly mark: number;
  readonly ct?: CtInfo;
  /** the bridge ports when the packet is bridged (br_netfilter) */
  readonly physIn?: Device;
  readonly physOut?: Device;
  /** a deterministic draw in [0, 1) for -m statistic, keyed by the rule */
  readonly draw: (key: string) => number;
}

/** iptables interface names: a trailing + matches any suffix. */
export function ifaceMatches(pattern: string, dev: Device | undefined): boolean {
  if (!dev) return false;
  return pattern.endsWith('+') ? dev.name.startsWith(pattern.slice(0, -1)) : dev.name === pattern;
}

function inRange(port: number | undefined, r: PortRange): boolean {
  return port !== undefined && port >= r.from && port <= r.to;
}

/** inet_addr_type_table / inet_dev_addr_type as xt_addrtype asks it. */
export function addrType(ns: Netns, addr: Ipv4, limitDev?: Device): AddrType {
  if (addr === LIMITED_BROADCAST) return 'BROADCAST';
  if (isMulticast(addr)) return 'MULTICAST';
  if (addr === 0) return 'UNSPEC';
  const local = ns.tables.get(255)?.aliasesOf(addr, 32) ?? [];
  const hit = local.find((r) => r.dst.addr === addr && (r.type === 'local' || r.type === 'broadcast') && (!limitDev || r.dev === limitDev));
  if (hit) return hit.type === 'local' ? 'LOCAL' : 'BROADCAST';
  const res = fibLookup(ns, { daddr: addr, saddr: 0, iif: ns.loopback(), mark: 0, scope: RT_SCOPE_UNIVERSE });
  if (!res.ok) {
    const t = res.route?.type;
    return t === 'blackhole' ? 'BLACKHOLE' : t === 'prohibit' ? 'PROHIBIT' : t === 'unreachable' ? 'UNREACHABLE' : 'UNICAST';
  }
  return 'UNICAST';
}

export function matchOne(m: NfMatch, p: NfPacket): boolean {
  const flip = (v: boolean, not: boolean) => (not ? !v : v);
  switch (m.kind) {
    case 'src':
      return flip(inPrefix(p.ip.src, m.prefix), m.not);
    case 'dst':
      return flip(inPrefix(p.ip.dst, m.prefix), m.not);
    case 'proto':
      return flip(m.proto === 0 || m.proto === p.proto, m.not);
    case 'in':
      return flip(ifaceMatches(m.iface, p.in), m.not);
    case 'out':
      return flip(ifaceMatches(m.iface, p.out), m.not);
    case 'l4': {
      if (p.proto !== (m.proto === 'tcp' ? 6 : 17)) return false;
      if (m.sport && !flip(inRange(p.sport, m.sport.range), m.sport.not)) return false;
      if (m.dport && !flip(inRange(p.dport, m.dport.range), m.dport.not)) return false;
      if (m.tcpFlags) {
        const flags = p.tcpFlags ?? [];
        const all = m.tcpFlags.mask.includes('ALL') ? ['SYN', 'ACK', 'FIN', 'RST', 'URG', 'PSH'] : m.tcpFlags.mask;
        const set = all.filter((f) => flags.includes(f)).sort().join(',');
        const want = m.tcpFlags.comp.filter((f) => all.includes(f)).sort().join(',');
        if (!flip(set === want, m.tcpFlags.not)) return false;
      }
      return true;
    }
    case 'icmp':
      if (p.proto !== 1 || !p.icmp) return false;
      return flip(m.type === 255 || (p.icmp.type === m.type && (m.code === undefined || p.icmp.code === m.code)), m.not);
    case 'multiport': {
      const ports = m.dir === 'sports' ? [p.sport] : m.dir === 'dports' ? [p.dport] : [p.sport, p.dport];
      return flip(m.ports.some((r) => ports.some((x) => inRange(x, r))), m.not);
    }
    case 'addrtype': {
      const limit = m.limitIfaceIn ? p.in : m.limitIfaceOut ? p.out : undefined;
      if (m.src && flip(!m.src.types.includes(addrType(p.ns, p.ip.src, limit)), m.src.not)) return false;
      if (m.dst && flip(!m.dst.types.includes(addrType(p.ns, p.ip.dst, limit)), m.dst.not)) return false;
      return true;
    }
    case 'ctstate': {
      const st = p.ct?.state ?? 'INVALID';
      const states = new Set<string>([st]);
      if (p.ct?.entry?.srcNat) states.add('SNAT');
      if (p.ct?.entry?.dstNat) states.add('DNAT');
      return flip(m.states.some((s) => states.has(s)), m.not);
    }
    case 'mark':
      return flip(((p.mark & m.mask) >>> 0) === m.value, m.not);
    case 'connmark':
      return flip((((p.ct?.entry?.mark ?? 0) & m.mask) >>> 0) === m.value, m.not);
    case 'set': {
      const pick = (f: 'src' | 'dst') => (f === 'src' ? p.ip.src : p.ip.dst);
      const port = (f: 'src' | 'dst') => (f === 'src' ? (p.sport ?? 0) : (p.dport ?? 0));
      const hit = p.ns.nf.ipsets.test(m.name, { ips: m.flags.map(pick), ports: m.flags.map(port), proto: p.proto });
      return flip(hit, m.not);
    }
    case 'comment':
      return true;
    case 'ttl': {
      // xt_ttl: the TTL of the header as this hook sees it
      const ttl = p.ip.ttl;
      return m.mode === 'eq' ? ttl === m.ttl : m.mode === 'ne' ? ttl !== m.ttl : m.mode === 'lt' ? ttl < m.ttl : ttl > m.ttl;
    }
    case 'statistic':
      if (m.mode === 'random') return flip(p.draw(`statistic:${m.probability}`) < m.probability, m.not);
      return flip(m.packet === 0, m.not); // nth: the first packet of a fresh counter
    case 'physdev': {
      if (m.isBridged && !flip(p.physIn !== undefined || p.physOut !== undefined, m.isBridged.not)) return false;
      if (m.isIn && !p.physIn) return false;
      if (m.isOut && !p.physOut) return false;
      if (m.in && !flip(ifaceMatches(m.in.iface, p.physIn), m.in.not)) return false;
      if (m.out && !flip(ifaceMatches(m.out.iface, p.physOut), m.out.not)) return false;
      return true;
    }
  }
}
