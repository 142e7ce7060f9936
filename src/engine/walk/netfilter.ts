// The netfilter hooks (include/uapi/linux/netfilter_ipv4.h, net/netfilter/core.c): at each
// hook the registered functions run in priority order, as the kernel orders them:
//   PREROUTING  raw -300, conntrack -200, mangle -150, nat (DNAT) -100
//   INPUT       mangle -150, filter 0, nat (SNAT) 100, conntrack confirm
//   FORWARD     mangle -150, filter 0
//   OUTPUT      raw -300, conntrack -200, mangle -150, nat (DNAT) -100, filter 0
//   POSTROUTING mangle -150, nat (SNAT) 100, conntrack confirm
// nat chains see only a connection's first packet; later packets and replies reuse the
// binding (nf_nat_core.c), undone on replies at the opposite manip hook.
import { formatIpv4 } from '../addr/ipv4';
import type { NfTableName, NfTarget } from '../config/netfilter';
import type { Device } from '../kernel/dev/device';
import type { CtInfo } from '../kernel/conntrack/table';
import { formatTuple, invert, type CtTuple } from '../kernel/conntrack/tuple';
import { isLocalAddress } from '../kernel/fib/lookup';
import { RT_SCOPE_UNIVERSE } from '../kernel/fib/route';
import { inetSelectAddr } from '../kernel/fib/source';
import type { NfPacket } from '../kernel/netfilter/match';
import { ruleLine } from '../kernel/netfilter/ruleLine';
import { ipDoTable, type TraverseResult } from '../kernel/netfilter/traverse';
import type { Netns } from '../kernel/netns';
import { IPPROTO_TCP, type Header, type Ipv4Header } from '../packet/headers';
import { t } from '../trace/recorder';
import { atNs, type WalkContext } from './context';
import { ICMP_DEST_UNREACH, icmpSend } from './icmp';
import { ipVsReply, ipVsRequest } from './ipvs';
import { ip, l4, replaceLayer, type Skb } from './skb';

export type NfHook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** stolen: IPVS took the packet at LOCAL_IN and sends it on through LOCAL_OUT itself. */
export type NfVerdict = { readonly verdict: 'accept' } | { readonly verdict: 'drop' } | { readonly verdict: 'stolen' };

const TABLES_AT: Record<NfHook, readonly NfTableName[]> = {
  PREROUTING: ['raw', 'mangle', 'nat'],
  INPUT: ['mangle', 'filter', 'nat'],
  FORWARD: ['mangle', 'filter'],
  OUTPUT: ['raw', 'mangle', 'nat', 'filter'],
  POSTROUTING: ['mangle', 'nat'],
};

/** Which address a hook's nat chain may rewrite (NF_NAT_MANIP_DST / _SRC). */
const MANIP: Partial<Record<NfHook, 'dst' | 'src'>> = { PREROUTING: 'dst', OUTPUT: 'dst', INPUT: 'src', POSTROUTING: 'src' };

const REJECT_CODES: Record<string, number> = {
  'icmp-net-unreachable': 0, 'icmp-host-unreachable': 1, 'icmp-proto-unreachable': 2, 'icmp-port-unreachable': 3,
  'icmp-net-prohibited': 9, 'icmp-host-prohibited': 10, 'icmp-admin-prohibited': 13,
};

function packetTuple(skb: Skb): CtTuple {
  const iph = ip(skb);
  const seg = l4(skb);
  if (seg?.layer === 'tcp' || seg?.layer === 'udp') return { proto: iph.protocol, src: iph.src, dst: iph.dst, sport: seg.sport, dport: seg.dport };
  if (seg?.layer === 'icmp') return { proto: 1, src: iph.src, dst: iph.dst, sport: seg.id ?? 0, dport: seg.id ?? 0 };
  return { proto: iph.protocol, src: iph.src, dst: iph.dst, sport: 0, dport: 0 };
}

function tcpFlagsOf(skb: Skb): readonly string[] | undefined {
  const seg = l4(skb);
  return seg?.layer === 'tcp' ? seg.flags : undefined;
}

function nfPacket(ctx: WalkContext, ns: Netns, skb: Skb, inDev?: Device, outDev?: Device): NfPacket {
  const iph = ip(skb);
  const seg = l4(skb);
  return {
    ns,
    ip: iph,
    proto: iph.protocol,
    sport: seg?.layer === 'tcp' || seg?.layer === 'udp' ? seg.sport : undefined,
    dport: seg?.layer === 'tcp' || seg?.layer === 'udp' ? seg.dport : undefined,
    tcpFlags: seg?.layer === 'tcp' ? seg.flags : undefined,
    icmp: seg?.layer === 'icmp' ? { type: seg.type, code: seg.code } : undefined,
    in: inDev,
    out: outDev,
    mark: skb.mark,
    ct: skb.ct,
    physIn: skb.physIn,
    physOut: skb.physOut,
    draw: (key) => ctx.draw(`${ns.label}|${key}`),
  };
}

/** Runs every function registered at `hook` in this namespace, in priority order. */
export function nfHook(ctx: WalkContext, hook: NfHook, ns: Netns, skb: Skb, inDev?: Device, outDev?: Device): NfVerdict {
  const nf = ns.nf;
  const ipvsOn = ns.ipvs.services.size > 0;
  if (nf.isEmpty() && !nf.conntrackEnabled() && !ipvsOn) return { verdict: 'accept' };
  const ctOn = nf.conntrackEnabled();
  for (const table of TABLES_AT[hook]) {
    if (table === 'mangle' && (hook === 'PREROUTING' || hook === 'OUTPUT') && ctOn && !skb.ct && !skb.untracked) conntrackIn(ctx, ns, skb, hook);
    if (table === 'nat' && hook === 'INPUT' && ipvsOn) {
      // ip_vs_reply4 (98) and ip_vs_remote_request4 (99) run just before nat INPUT (100)
      ipVsReply(ctx, 'INPUT', ns, skb);
      const v = ipVsRequest(ctx, 'INPUT', ns, skb);
      if (v !== 'accept') return { verdict: v };
    }
    if (table === 'nat') {
      if (!natStep(ctx, hook, ns, skb, inDev, outDev)) return { verdict: 'drop' };
      if (hook === 'OUTPUT' && ipvsOn && ipVsRequest(ctx, 'OUTPUT', ns, skb) === 'drop') return { verdict: 'drop' };
      continue;
    }
    const res = runTable(ctx, hook, table, ns, skb, inDev, outDev);
    if (res && !decide(ctx, hook, table, ns, skb, res)) return { verdict: 'drop' };
  }
  if (hook === 'FORWARD' && ipvsOn) ipVsReply(ctx, 'FORWARD', ns, skb);
  if ((hook === 'PREROUTING' || hook === 'OUTPUT') && ctOn && !skb.ct && !skb.untracked) conntrackIn(ctx, ns, skb, hook);
  if ((hook === 'POSTROUTING' || hook === 'INPUT') && skb.ct?.entry && !skb.ct.entry.confirmed) {
    ns.conntrack.confirm(skb.ct.entry);
    ctx.rec.emit(skb, atNs(ns), `nf ${hook} conntrack`, 'conntrack', t('conntrack entry confirmed: the connection is now tracked', 'conntrack 表项已确认：连接开始被跟踪'), formatCt(skb.ct));
  }
  return { verdict: 'accept' };
}

function formatCt(ct: CtInfo): string | undefined {
  return ct.entry ? `${formatTuple(ct.entry.orig)} → reply ${formatTuple(ct.entry.reply)}` : undefined;
}

const ICMP_ERRORS = new Set([3, 4, 5, 11, 12]);

/**
 * ICMP (nf_conntrack_proto_icmp.c): an error is RELATED to the connection of the packet it
 * quotes (icmp_error_message), or INVALID; only requests (echo) may start a connection.
 */
function classifyIcmp(ns: Netns, skb: Skb): CtInfo | undefined {
  const seg = l4(skb);
  if (seg?.layer !== 'icmp') return undefined;
  if (ICMP_ERRORS.has(seg.type)) {
    const [qip, ql4] = seg.quoted ?? [];
    if (qip?.layer !== 'ipv4') return { dir: 'reply', state: 'INVALID', why: 'an ICMP error without the packet it is about' };
    const ports = ql4?.layer === 'tcp' || ql4?.layer === 'udp' ? { sport: ql4.sport, dport: ql4.dport } : ql4?.layer === 'icmp' ? { sport: ql4.id ?? 0, dport: ql4.id ?? 0 } : { sport: 0, dport: 0 };
    const inner: CtTuple = { proto: qip.protocol, src: qip.src, dst: qip.dst, ...ports };
    // nf_conntrack_inet_error: the quoted packet travelled the other way, so its inverted
    // tuple is looked up, and the error takes the direction of the tuple it matches (a quoted
    // packet DNATed on its way out matches the reply tuple only once inverted).
    const found = ns.conntrack.lookup(invert(inner));
    if (!found) return { dir: 'reply', state: 'INVALID', why: 'an ICMP error about a connection conntrack does not know' };
    return { entry: found.entry, dir: found.dir, state: 'RELATED' };
  }
  if (seg.type === 0 && !ns.conntrack.lookup(packetTuple(skb))) {
    return { dir: 'original', state: 'INVALID', why: 'an echo reply with no echo request tracked' };
  }
  return undefined;
}

/** nf_conntrack_in (priority -200). */
function conntrackIn(ctx: WalkContext, ns: Netns, skb: Skb, hook: NfHook): void {
  const sys = { loose: ns.sysctl.other.get('net.netfilter.nf_conntrack_tcp_loose') !== '0', beLiberal: ns.sysctl.other.get('net.netfilter.nf_conntrack_tcp_be_liberal') === '1' };
  const info = classifyIcmp(ns, skb) ?? ns.conntrack.classify(packetTuple(skb), tcpFlagsOf(skb), sys);
  skb.ct = info;
  const summary = info.state === 'INVALID'
    ? t(`conntrack: INVALID — ${info.why}`, `conntrack：INVALID —— ${info.why}`)
    : info.created
      ? t('conntrack: a new connection (NEW)', 'conntrack：新连接（NEW）')
      : t(`conntrack: ${info.state}, ${info.dir} direction of a known connection${info.entry?.tcp ? ` (TCP ${info.entry.tcp})` : ''}`, `conntrack：${info.state}，已知连接的${info.dir === 'reply' ? '回复' : '原始'}方向${info.entry?.tcp ? `（TCP ${info.entry.tcp}）` : ''}`);
  ctx.rec.emit(skb, atNs(ns), `nf ${hook} conntrack`, 'conntrack', summary, info.entry ? formatCt(info) : undefined);
}

function runTable(ctx: WalkContext, hook: NfHook, table: NfTableName, ns: Netns, skb: Skb, inDev?: Device, outDev?: Device): TraverseResult | undefined {
  const tab = ns.nf.loaded(table);
  const chain = tab?.chains.get(hook);
  if (!tab || !chain) return undefined;
  if (chain.rules.length === 0 && chain.policy === 'ACCEPT') return undefined;
  const res = ipDoTable(table, tab.chains, hook, nfPacket(ctx, ns, skb, inDev, outDev), {
    currentMark: () => skb.mark,
    setMark: (value, mask) => {
      skb.mark = ((skb.mark & ~mask) ^ value) >>> 0;
    },
    connmark: (target) => connmark(skb, target),
    notrack: () => {
      skb.untracked = true;
      skb.ct = { dir: 'original', state: 'UNTRACKED' };
    },
  });
  for (const hit of res.hits) {
    ctx.rec.emit(skb, atNs(ns), `nf ${hook} ${table}`, 'nf-rule', t(
      `rule ${hit.index} of ${hit.chain} matched${describeTarget(hit.spec.target)}`,
      `${hit.chain} 的第 ${hit.index} 条规则命中${describeTarget(hit.spec.target)}`), ruleLine(hit.chain, hit.spec));
  }
  return res;
}

function describeTarget(target: NfTarget | undefined): string {
  if (!target) return '';
  if (target.kind === 'jump' || target.kind === 'goto') return `: ${target.kind} to ${target.chain}`;
  return `: ${target.kind}`;
}

function connmark(skb: Skb, target: Extract<NfTarget, { kind: 'CONNMARK' }>): void {
  const entry = skb.ct?.entry;
  if (!entry) return;
  if (target.op === 'set-xmark') entry.mark = ((entry.mark & ~target.mask) ^ target.value) >>> 0;
  else if (target.op === 'save-mark') {
    const nf = target.nfmask ?? 0xffffffff;
    const ct = target.ctmask ?? 0xffffffff;
    entry.mark = ((entry.mark & ~ct) | (skb.mark & nf)) >>> 0;
  } else {
    const nf = target.nfmask ?? 0xffffffff;
    const ct = target.ctmask ?? 0xffffffff;
    skb.mark = ((skb.mark & ~nf) | (entry.mark & ct)) >>> 0;
  }
}

/** Applies a filter/mangle/raw verdict; false when the packet dies here. */
function decide(ctx: WalkContext, hook: NfHook, table: NfTableName, ns: Netns, skb: Skb, res: TraverseResult): boolean {
  const v = res.verdict;
  const step = `nf ${hook} ${table}`;
  if (v.kind === 'accept') return true;
  if (v.kind === 'loop') {
    ctx.drop(skb, atNs(ns), 'NETFILTER_DROP', step, t('chain jumps nest too deep: the packet is dropped', '链跳转嵌套过深：包被丢弃'));
    return false;
  }
  if (v.kind === 'drop') {
    ctx.drop(skb, atNs(ns), 'NETFILTER_DROP', step, v.policy
      ? t(`no rule accepted it and ${v.policy}'s policy is DROP`, `没有规则接受它，而 ${v.policy} 链的默认策略是 DROP`)
      : t(`dropped by ${table} ${res.hits[res.hits.length - 1]?.chain}`, `被 ${table} 表的 ${res.hits[res.hits.length - 1]?.chain} 链丢弃`));
    return false;
  }
  if (v.kind === 'reject') {
    ctx.drop(skb, atNs(ns), 'NETFILTER_DROP', step, t(`rejected (${v.target.with})`, `被拒绝（${v.target.with}）`));
    reject(ctx, ns, skb, v.target.with);
    return false;
  }
  return true; // nat verdicts only come from nat chains
}

/** ipt_REJECT: an ICMP error or a TCP reset back to the sender. */
function reject(ctx: WalkContext, ns: Netns, skb: Skb, how: string): void {
  const iph = ip(skb);
  const seg = l4(skb);
  if (how === 'tcp-reset' && seg?.layer === 'tcp') {
    ctx.responses.push({
      ns,
      name: 'RST',
      headers: [
        { layer: 'ipv4', src: iph.dst, dst: iph.src, ttl: 64, protocol: IPPROTO_TCP, length: 40, df: true },
        { layer: 'tcp', sport: seg.dport, dport: seg.sport, flags: ['RST', 'ACK'], seq: 0, ack: seg.seq + 1, payload: 0 },
      ],
    });
    return;
  }
  icmpSend(ctx, ns, skb, ICMP_DEST_UNREACH, REJECT_CODES[how] ?? 3, isLocalAddress(ns, iph.dst));
}

/** The nat table at a hook: consult it for a connection's first packet, then apply the binding. */
function natStep(ctx: WalkContext, hook: NfHook, ns: Netns, skb: Skb, inDev?: Device, outDev?: Device): boolean {
  const manip = MANIP[hook];
  const entry = skb.ct?.entry;
  if (!manip || !entry || !ns.nf.loaded('nat')) return true;
  if (!entry.natDone[manip] && skb.ct?.dir === 'original') {
    const res = runTable(ctx, hook, 'nat', ns, skb, inDev, outDev);
    entry.natDone[manip] = true;
    if (res?.verdict.kind === 'drop' || res?.verdict.kind === 'loop') return decide(ctx, hook, 'nat', ns, skb, res);
    if (res?.verdict.kind === 'nat') bind(() => ctx.draw(`${ns.label}|random-fully`), skb, entry, res.verdict.target, outDev);
  }
  return applyBinding(ctx, hook, ns, skb, manip);
}

/** nf_nat_setup_info: record the rewrite in the reply tuple. */
function bind(draw: () => number, skb: Skb, entry: NonNullable<CtInfo['entry']>, target: Extract<NfTarget, { kind: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'REDIRECT' }>, outDev?: Device): void {
  const iph = ip(skb);
  if (target.kind === 'DNAT' || target.kind === 'REDIRECT') {
    const addr = target.kind === 'DNAT' ? (target.to.addr ?? iph.dst) : iph.dst;
    const port = target.kind === 'DNAT' ? target.to.port : target.kind === 'REDIRECT' ? target.toPorts?.from : undefined;
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
  entry.reply = { ...entry.reply, dst: addr, dport: port ?? entry.reply.dport };
  entry.srcNat = true;
}

/** nf_nat_packet: rewrite this packet according to its connection's bindings. */
function applyBinding(ctx: WalkContext, hook: NfHook, ns: Netns, skb: Skb, manip: 'src' | 'dst'): boolean {
  const ct = skb.ct!;
  const entry = ct.entry!;
  const original = ct.dir === 'original';
  const needed = original ? (manip === 'src' ? entry.srcNat : entry.dstNat) : (manip === 'src' ? entry.dstNat : entry.srcNat);
  if (!needed) return true;
  // the packet must end up looking like the other direction's tuple, inverted
  const want = original ? entry.reply : entry.orig;
  const addr = manip === 'src' ? want.dst : want.src;
  const port = manip === 'src' ? want.dport : want.sport;
  const iph = ip(skb);
  const seg = l4(skb);
  const before = manip === 'src' ? `${formatIpv4(iph.src)}` : `${formatIpv4(iph.dst)}`;
  const oldPort = seg && (seg.layer === 'tcp' || seg.layer === 'udp') ? (manip === 'src' ? seg.sport : seg.dport) : port;
  const portText = port !== oldPort ? `:${port}` : '';
  const nextIp: Ipv4Header = manip === 'src' ? { ...iph, src: addr } : { ...iph, dst: addr };
  replaceLayer(skb, iph, nextIp);
  if (seg && (seg.layer === 'tcp' || seg.layer === 'udp')) {
    const next: Header = manip === 'src' ? { ...seg, sport: port } : { ...seg, dport: port };
    replaceLayer(skb, seg, next);
  }
  // original direction: dst rewrite is DNAT, src rewrite SNAT; on replies each undoes the other
  const kind = manip === 'dst' ? 'DNAT' : 'SNAT';
  const undone = manip === 'dst' ? 'SNAT' : 'DNAT';
  ctx.rec.emit(skb, atNs(ns), `nf ${hook} nat`, 'nat', !original
    ? t(`reply: undo the ${undone} — ${manip} ${before} → ${formatIpv4(addr)}`, `回包：撤销 ${undone} —— ${manip === 'src' ? '源' : '目的'} ${before} → ${formatIpv4(addr)}`)
    : t(`${kind}: ${manip} ${before} → ${formatIpv4(addr)}${portText}`, `${kind}：${manip === 'src' ? '源' : '目的'} ${before} → ${formatIpv4(addr)}${portText}`), formatCt(ct));
  return true;
}
