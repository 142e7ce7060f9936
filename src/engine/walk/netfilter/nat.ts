// NAT bindings (net/netfilter/nf_nat_core.c): nf_nat_setup_info records a connection's
// rewrite in its reply tuple when a nat chain's DNAT/SNAT/MASQUERADE/REDIRECT decides on the
// first packet; nf_nat_packet rewrites that packet and every later one (undoing it on replies).
import { formatIpv4 } from '../../addr/ipv4';
import type { NfTarget } from '../../config/netfilter';
import type { CtEntry } from '../../kernel/conntrack/table';
import type { Device } from '../../kernel/dev/device';
import { RT_SCOPE_UNIVERSE } from '../../kernel/fib/route';
import { inetSelectAddr } from '../../kernel/fib/source';
import type { Netns } from '../../kernel/netns';
import type { Header, Ipv4Header } from '../../packet/headers';
import type { NfHookName } from '../../trace/causes';
import { atNs, type WalkContext } from '../context';
import { ctRef } from '../refs';
import { ip, l4, replaceLayer, type Skb } from '../skb';

export type NatTarget = Extract<NfTarget, { kind: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'REDIRECT' }>;

/** nf_nat_setup_info: record the rewrite in the reply tuple. */
export function natSetupInfo(draw: () => number, skb: Skb, entry: CtEntry, target: NatTarget, outDev?: Device): void {
  const iph = ip(skb);
  if (target.kind === 'DNAT' || target.kind === 'REDIRECT') {
    const addr = target.kind === 'DNAT' ? (target.to.addr ?? iph.dst) : iph.dst;
    const port = target.kind === 'DNAT' ? target.to.port : target.kind === 'REDIRECT' ? target.toPorts?.from : undefined;
    // get_unique_tuple found the tuple it has: nothing to rewrite, no IPS_DST_NAT
    if (addr === entry.reply.src && (port ?? entry.reply.sport) === entry.reply.sport) return;
    entry.reply = { ...entry.reply, src: addr, sport: port ?? entry.reply.sport };
    entry.dstNat = true;
    return;
  }
  let addr: number;
  let port: number | undefined;
  if (target.kind === 'SNAT') {
    addr = target.to.addr ?? iph.src;
    port = target.to.port;
  } else if (target.kind === 'MASQUERADE') {
    // the address the outgoing device would pick to reach the next hop
    addr = outDev ? inetSelectAddr(outDev, skb.nexthop ?? iph.dst, RT_SCOPE_UNIVERSE) : iph.src;
    port = target.toPorts?.from;
  } else return;
  // --random-fully (NF_NAT_RANGE_PROTO_RANDOM_FULLY) draws the source port at random
  if (port === undefined && (target.kind === 'SNAT' || target.kind === 'MASQUERADE') && target.randomFully && entry.orig.proto !== 1) {
    port = 1024 + Math.floor(draw() * (65536 - 1024));
  }
  // a source that already is the one to use (MASQUERADE of the host's own connection) is no SNAT
  if (addr === entry.reply.dst && (port ?? entry.reply.dport) === entry.reply.dport) return;
  entry.reply = { ...entry.reply, dst: addr, dport: port ?? entry.reply.dport };
  entry.srcNat = true;
}

/** nf_nat_packet: rewrite this packet according to its connection's bindings. */
export function natPacket(ctx: WalkContext, hook: NfHookName, ns: Netns, skb: Skb, manip: 'src' | 'dst'): void {
  const ct = skb.ct!;
  const entry = ct.entry!;
  const original = ct.dir === 'original';
  const needed = original ? (manip === 'src' ? entry.srcNat : entry.dstNat) : (manip === 'src' ? entry.dstNat : entry.srcNat);
  if (!needed) return;
  // the packet must end up looking like the other direction's tuple, inverted
  const want = original ? entry.reply : entry.orig;
  const addr = manip === 'src' ? want.dst : want.src;
  const port = manip === 'src' ? want.dport : want.sport;
  const iph = ip(skb);
  const seg = l4(skb);
  const before = manip === 'src' ? iph.src : iph.dst;
  const hasPorts = seg?.layer === 'tcp' || seg?.layer === 'udp';
  const oldPort = hasPorts ? (manip === 'src' ? seg.sport : seg.dport) : port;
  // nf_nat_manip_pkt writes the tuple it wants; a packet that already has it (a looped-back
  // packet whose DNAT was done in OUTPUT, met again at PREROUTING) is left as it is
  if (before === addr && oldPort === port) return;
  const nextIp: Ipv4Header = manip === 'src' ? { ...iph, src: addr } : { ...iph, dst: addr };
  replaceLayer(skb, iph, nextIp);
  if (hasPorts) {
    const next: Header = manip === 'src' ? { ...seg, sport: port } : { ...seg, dport: port };
    replaceLayer(skb, seg, next);
  }
  const params = {
    hook,
    field: manip,
    from: formatIpv4(before),
    to: formatIpv4(addr),
    ...(hasPorts && port !== oldPort ? { fromPort: oldPort, toPort: port } : {}),
  };
  // original direction: a dst rewrite is DNAT, a src rewrite SNAT; on replies each undoes the other
  const refs = [ctRef(entry)];
  if (!original) ctx.rec.emit(skb, atNs(ns), 'nf_nat_packet', 'nat.undo', { ...params, undone: manip === 'dst' ? 'SNAT' : 'DNAT' }, refs);
  else ctx.rec.emit(skb, atNs(ns), 'nf_nat_packet', manip === 'dst' ? 'nat.dnat' : 'nat.snat', params, refs);
}
