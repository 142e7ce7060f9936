// nf_conntrack_in (net/netfilter/nf_conntrack_core.c, priority -200 at PREROUTING and OUTPUT)
// and __nf_conntrack_confirm: find or create the packet's connection and classify the packet;
// confirm a new connection when its first packet leaves POSTROUTING or reaches INPUT's end.
import type { CtInfo } from '../../kernel/conntrack/table';
import { invert, type CtTuple } from '../../kernel/conntrack/tuple';
import type { Netns } from '../../kernel/netns';
import { ICMP_ECHOREPLY, ICMP_ERROR_TYPES } from '../../packet/names';
import type { NfHookName } from '../../trace/causes';
import { atNs, type WalkContext } from '../context';
import { ctRef } from '../refs';
import { l4, type Skb } from '../skb';
import { packetTuple, tcpFlagsOf } from './packet';

/**
 * ICMP (nf_conntrack_proto_icmp.c): an error is RELATED to the connection of the packet it
 * quotes (icmp_error_message), or INVALID; only requests (echo) may start a connection.
 */
function classifyIcmp(ns: Netns, skb: Skb): CtInfo | undefined {
  const seg = l4(skb);
  if (seg?.layer !== 'icmp') return undefined;
  if (ICMP_ERROR_TYPES.has(seg.type)) {
    const [qip, ql4] = seg.quoted ?? [];
    if (qip?.layer !== 'ipv4') return { dir: 'reply', state: 'INVALID', invalid: { code: 'icmp-no-quote' } };
    const ports = ql4?.layer === 'tcp' || ql4?.layer === 'udp' ? { sport: ql4.sport, dport: ql4.dport } : ql4?.layer === 'icmp' ? { sport: ql4.id ?? 0, dport: ql4.id ?? 0 } : { sport: 0, dport: 0 };
    const inner: CtTuple = { proto: qip.protocol, src: qip.src, dst: qip.dst, ...ports };
    // nf_conntrack_inet_error: the quoted packet travelled the other way, so its inverted
    // tuple is looked up, and the error takes the direction of the tuple it matches (a quoted
    // packet DNATed on its way out matches the reply tuple only once inverted).
    const found = ns.conntrack.lookup(invert(inner));
    if (!found) return { dir: 'reply', state: 'INVALID', invalid: { code: 'icmp-unknown' } };
    return { entry: found.entry, dir: found.dir, state: 'RELATED' };
  }
  if (seg.type === ICMP_ECHOREPLY && !ns.conntrack.lookup(packetTuple(skb))) {
    return { dir: 'original', state: 'INVALID', invalid: { code: 'echo-reply-untracked' } };
  }
  return undefined;
}

export function conntrackIn(ctx: WalkContext, ns: Netns, skb: Skb, hook: NfHookName): void {
  const sys = { loose: ns.sysctl.net['net.netfilter.nf_conntrack_tcp_loose'] !== 0, beLiberal: ns.sysctl.net['net.netfilter.nf_conntrack_tcp_be_liberal'] !== 0 };
  const info = classifyIcmp(ns, skb) ?? ns.conntrack.classify(packetTuple(skb), tcpFlagsOf(skb), sys);
  skb.ct = info;
  const at = atNs(ns);
  const refs = info.entry && ctx.rec.recording ? [ctRef(info.entry)] : [];
  if (info.state === 'INVALID') {
    ctx.rec.emit(skb, at, 'nf_conntrack_in', 'ct.invalid', { hook, why: info.invalid ?? { code: 'icmp-unknown' } }, refs);
  } else if (info.created) {
    ctx.rec.emit(skb, at, 'nf_conntrack_in', 'ct.new', { hook }, refs);
  } else if (info.state === 'NEW' || info.state === 'ESTABLISHED' || info.state === 'RELATED') {
    ctx.rec.emit(skb, at, 'nf_conntrack_in', 'ct.known', { hook, state: info.state, dir: info.dir, ...(info.entry?.tcp ? { tcp: info.entry.tcp } : {}) }, refs);
  }
}

/** __nf_conntrack_confirm: the connection's first packet made it; the entry joins the table. */
export function conntrackConfirm(ctx: WalkContext, ns: Netns, skb: Skb, hook: NfHookName): void {
  const entry = skb.ct?.entry;
  // "ipt_REJECT uses nf_conntrack_attach to attach related ICMP/TCP RST packets in other
  // direction": only a packet of the original direction confirms its connection
  if (!entry || entry.confirmed || skb.ct?.dir !== 'original') return;
  ns.conntrack.confirm(entry);
  ctx.rec.emit(skb, atNs(ns), 'nf_conntrack_confirm', 'ct.confirm', { hook }, ctx.rec.recording ? [ctRef(entry)] : undefined);
}

/**
 * nf_ct_attach → nf_conntrack_attach: a packet the kernel builds in answer to `skb` (the RST of
 * nf_send_reset, every ICMP error icmp_send builds: icmp_glue_bits) takes `skb`'s connection,
 * confirmed or not, as RELATED in the other direction. Nothing is attached when `skb` has no
 * connection (untracked, INVALID, or no conntrack in the namespace).
 */
export function ctAttach(skb: Skb): CtInfo | undefined {
  const ct = skb.ct;
  if (!ct?.entry || ct.state === 'INVALID' || ct.state === 'UNTRACKED') return undefined;
  return { entry: ct.entry, dir: ct.dir === 'original' ? 'reply' : 'original', state: 'RELATED' };
}
