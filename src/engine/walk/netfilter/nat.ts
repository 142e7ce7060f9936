// NAT bindings (net/netfilter/nf_nat_core.c): nf_nat_setup_info records a connection's
// rewrite in its reply tuple when a nat chain's DNAT/SNAT/MASQUERADE/REDIRECT decides on the
// first packet; nf_nat_packet rewrites that packet and every later one (undoing it on replies).
import { formatIpv4, type Ipv4 } from '../../addr/ipv4';
import type { NfTarget } from '../../config/netfilter';
import type { CtDir, CtEntry } from '../../kernel/conntrack/table';
import type { Device } from '../../kernel/dev/device';
import { RT_SCOPE_UNIVERSE } from '../../kernel/fib/route';
import { inetSelectAddr } from '../../kernel/fib/source';
import type { Netns } from '../../kernel/netns';
import type { Header, Ipv4Header } from '../../packet/headers';
import { ICMP_REDIRECT } from '../../packet/names';
import type { NfHookName } from '../../trace/causes';
import type { NatParams, QuotedNat } from '../../trace/events';
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

/** Whether a packet of direction `dir` is rewritten at a `manip` hook (nf_nat_packet's status bit). */
function natNeeded(entry: CtEntry, dir: CtDir, manip: 'src' | 'dst'): boolean {
  return dir === 'original' ? (manip === 'src' ? entry.srcNat : entry.dstNat) : (manip === 'src' ? entry.dstNat : entry.srcNat);
}

/** nf_nat_manip_pkt's target: a packet of direction `dir` must look like the other direction's tuple, inverted. */
function manipTarget(entry: CtEntry, dir: CtDir, manip: 'src' | 'dst'): { addr: Ipv4; port: number } {
  const want = dir === 'original' ? entry.reply : entry.orig;
  return manip === 'src' ? { addr: want.dst, port: want.dport } : { addr: want.src, port: want.sport };
}

/** Rewrites the address (and TCP/UDP port) `manip` of the packet's outer IPv4 header; the event's params, undefined when it already had them. */
function rewrite(skb: Skb, hook: NfHookName, manip: 'src' | 'dst', addr: Ipv4, port: number): NatParams | undefined {
  const iph = ip(skb);
  const seg = l4(skb);
  const before = manip === 'src' ? iph.src : iph.dst;
  const hasPorts = seg?.layer === 'tcp' || seg?.layer === 'udp';
  const oldPort = hasPorts ? (manip === 'src' ? seg.sport : seg.dport) : port;
  // nf_nat_manip_pkt writes the tuple it wants; a packet that already has it (a looped-back
  // packet whose DNAT was done in OUTPUT, met again at PREROUTING) is left as it is
  if (before === addr && oldPort === port) return undefined;
  replaceLayer(skb, iph, manip === 'src' ? { ...iph, src: addr } : { ...iph, dst: addr });
  if (hasPorts) replaceLayer(skb, seg, manip === 'src' ? { ...seg, sport: port } : { ...seg, dport: port });
  return { hook, field: manip, from: formatIpv4(before), to: formatIpv4(addr), ...(hasPorts && port !== oldPort ? { fromPort: oldPort, toPort: port } : {}) };
}

/** nf_nat_packet: rewrite this packet according to its connection's bindings. */
export function natPacket(ctx: WalkContext, hook: NfHookName, ns: Netns, skb: Skb, manip: 'src' | 'dst'): void {
  const ct = skb.ct!;
  const entry = ct.entry!;
  const original = ct.dir === 'original';
  if (!natNeeded(entry, ct.dir, manip)) return;
  const { addr, port } = manipTarget(entry, ct.dir, manip);
  const params = rewrite(skb, hook, manip, addr, port);
  if (!params) return;
  // original direction: a dst rewrite is DNAT, a src rewrite SNAT; on replies each undoes the other
  const refs = [ctRef(entry)];
  if (!original) ctx.rec.emit(skb, atNs(ns), 'nf_nat_packet', 'nat.undo', { ...params, undone: manip === 'dst' ? 'SNAT' : 'DNAT' }, refs);
  else ctx.rec.emit(skb, atNs(ns), 'nf_nat_packet', manip === 'dst' ? 'nat.dnat' : 'nat.snat', params, refs);
}

/**
 * nf_nat_icmp_reply_translation: an ICMP error RELATED to a connection is translated without
 * consulting the nat table. The packet it quotes went the other way: it gets the opposite
 * manip, back to the tuple of that direction (the address its sender used); the outer header
 * then looks like a reply to it. A client that dialled a Service address thus gets an error
 * from that address, quoting the packet it sent.
 */
export function natIcmpReplyTranslation(ctx: WalkContext, hook: NfHookName, ns: Netns, skb: Skb, manip: 'src' | 'dst'): boolean {
  const ct = skb.ct!;
  const entry = ct.entry!;
  const icmp = l4(skb);
  // "Redirects on non-null nats must be dropped, else they'll start talking to each other
  // without our translation": so must one whose connection has not been through both NAT hooks
  if (icmp?.layer === 'icmp' && icmp.type === ICMP_REDIRECT) {
    const natted = entry.srcNat || entry.dstNat;
    if (natted || !(entry.natDone.src && entry.natDone.dst)) {
      ctx.drop(skb, atNs(ns), 'NETFILTER_DROP', 'nf_hook_slow', { code: 'nat-redirect', hook, natted });
      return false;
    }
  }
  if (!natNeeded(entry, ct.dir, manip)) return true;
  const [qip, ql4] = icmp?.layer === 'icmp' ? (icmp.quoted ?? []) : [];
  let quoted: QuotedNat | undefined;
  if (icmp?.layer === 'icmp' && qip?.layer === 'ipv4') {
    // the inner packet is made to look like the tuple of its own direction (!dir), by the other manip
    const tuple = ct.dir === 'original' ? entry.reply : entry.orig;
    const inner = manip === 'src' ? 'dst' : 'src';
    const addr = inner === 'src' ? tuple.src : tuple.dst;
    const port = inner === 'src' ? tuple.sport : tuple.dport;
    const hasPorts = ql4?.layer === 'tcp' || ql4?.layer === 'udp';
    const before = inner === 'src' ? qip.src : qip.dst;
    const oldPort = hasPorts ? (inner === 'src' ? ql4.sport : ql4.dport) : port;
    const nextIp: Ipv4Header = inner === 'src' ? { ...qip, src: addr } : { ...qip, dst: addr };
    const nextL4: Header | undefined = hasPorts ? (inner === 'src' ? { ...ql4, sport: port } : { ...ql4, dport: port }) : ql4;
    replaceLayer(skb, icmp, { ...icmp, quoted: nextL4 ? [nextIp, nextL4] : [nextIp] });
    quoted = { field: inner, from: formatIpv4(before), to: formatIpv4(addr), ...(hasPorts && port !== oldPort ? { fromPort: oldPort, toPort: port } : {}) };
  }
  const { addr, port } = manipTarget(entry, ct.dir, manip);
  // the outer header may already be right (only the quoted packet needed translating)
  const outer = rewrite(skb, hook, manip, addr, port) ?? { hook, field: manip, from: formatIpv4(addr), to: formatIpv4(addr) };
  const params = { ...outer, ...(quoted ? { quoted } : {}) };
  const refs = [ctRef(entry)];
  if (ct.dir === 'reply') ctx.rec.emit(skb, atNs(ns), 'nf_nat_packet', 'nat.undo', { ...params, undone: manip === 'dst' ? 'SNAT' : 'DNAT' }, refs);
  else ctx.rec.emit(skb, atNs(ns), 'nf_nat_packet', manip === 'dst' ? 'nat.dnat' : 'nat.snat', params, refs);
  return true;
}
