// Connection tuples (include/net/netfilter/nf_conntrack_tuple.h): what identifies a flow in
// each direction. ICMP uses the echo id in place of ports.
import { formatIpv4, type Ipv4 } from '../../addr/ipv4';
import { ipProtoName } from '../../packet/names';

export interface CtTuple {
  readonly proto: number;
  readonly src: Ipv4;
  readonly dst: Ipv4;
  readonly sport: number;
  readonly dport: number;
}

export function invert(t: CtTuple): CtTuple {
  return { proto: t.proto, src: t.dst, dst: t.src, sport: t.dport, dport: t.sport };
}

export function sameTuple(a: CtTuple, b: CtTuple): boolean {
  return a.proto === b.proto && a.src === b.src && a.dst === b.dst && a.sport === b.sport && a.dport === b.dport;
}

export function tupleKey(t: CtTuple): string {
  return `${t.proto}|${t.src}|${t.sport}|${t.dst}|${t.dport}`;
}

/** conntrack -L names the protocols it tracks by their own helpers (tcp, udp, icmp); others by number. */
export function protoName(proto: number): string {
  return proto === 1 || proto === 6 || proto === 17 ? ipProtoName(proto) : String(proto);
}

/** `src=10.0.0.1 dst=10.0.0.2 sport=1234 dport=80` as conntrack -L prints a tuple. */
export function formatTuple(t: CtTuple): string {
  if (t.proto === 1) return `src=${formatIpv4(t.src)} dst=${formatIpv4(t.dst)} type=${t.sport >> 16 || 8} code=0 id=${t.sport & 0xffff}`;
  return `src=${formatIpv4(t.src)} dst=${formatIpv4(t.dst)} sport=${t.sport} dport=${t.dport}`;
}
