// The netfilter hooks (include/uapi/linux/netfilter_ipv4.h, net/netfilter/core.c): at each
// hook the registered functions run in priority order, as the kernel orders them:
//   PREROUTING  raw -300, conntrack -200, mangle -150, nat (DNAT) -100
//   INPUT       mangle -150, filter 0, nat (SNAT) 100, conntrack confirm
//   FORWARD     mangle -150, filter 0
//   OUTPUT      raw -300, conntrack -200, mangle -150, nat (DNAT) -100, filter 0
//   POSTROUTING mangle -150, nat (SNAT) 100, conntrack confirm
// nat chains see only a connection's first packet; later packets and replies reuse the
// binding (nf_nat_core.c), undone on replies at the opposite manip hook.
import type { NfTableName, NfTarget } from '../../config/netfilter';
import type { Device } from '../../kernel/dev/device';
import { ipDoTable, type TraverseResult } from '../../kernel/netfilter/traverse';
import type { Netns } from '../../kernel/netns';
import { IPPROTO_ICMP } from '../../packet/headers';
import type { NfHookName } from '../../trace/causes';
import { refKey } from '../../trace/refs';
import { atNs, type WalkContext } from '../context';
import { ipVsReply, ipVsRequest } from '../ipvs';
import { nfPolicyRef, nfRuleRef } from '../refs';
import { ip, type Skb } from '../skb';
import { conntrackConfirm, conntrackIn } from './conntrackIn';
import { natIcmpReplyTranslation, natPacket, natSetupInfo } from './nat';
import { nfPacket } from './packet';
import { reject } from './reject';

export type NfHook = NfHookName;

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

/** nf_hook_slow frees what a hook function dropped: the location the kernel's drop reports. */
const NF_DROP_FN = 'nf_hook_slow';

/** Runs every function registered at `hook` in this namespace, in priority order. */
export function nfHook(ctx: WalkContext, hook: NfHook, ns: Netns, skb: Skb, inDev?: Device, outDev?: Device): NfVerdict {
  const nf = ns.nf;
  const ipvsOn = ns.ipvs.services.size > 0;
  if (nf.isEmpty() && !nf.conntrackEnabled() && !ipvsOn) return { verdict: 'accept' };
  const ctOn = nf.conntrackEnabled();
  const tracking = () => ctOn && !skb.ct && !skb.untracked;
  for (const table of TABLES_AT[hook]) {
    if (table === 'mangle' && (hook === 'PREROUTING' || hook === 'OUTPUT') && tracking()) conntrackIn(ctx, ns, skb, hook);
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
  if ((hook === 'PREROUTING' || hook === 'OUTPUT') && tracking()) conntrackIn(ctx, ns, skb, hook);
  if (hook === 'POSTROUTING' || hook === 'INPUT') conntrackConfirm(ctx, ns, skb, hook);
  return { verdict: 'accept' };
}

/** ipt_do_table for one table at one hook: every rule that matched is an event and counts the packet. */
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
    connmark: (target) => {
      connmark(skb, target);
      ns.conntrack.touch();
    },
    notrack: () => {
      skb.untracked = true;
      skb.ct = { dir: 'original', state: 'UNTRACKED' };
    },
  });
  if (!ctx.rec.recording) {
    ctx.rec.skip(res.hits.length);
    return res;
  }
  // every rule that matched, and a policy that decided, counts the packet (keys only: no printing)
  const bytes = ip(skb).length;
  for (const hit of res.hits) ctx.rec.count(ns.machine, ns.name, refKey({ type: 'nf-rule', table, chain: hit.chain, index: hit.index, line: '' }), bytes);
  if (res.policyChain) ctx.rec.count(ns.machine, ns.name, refKey({ type: 'nf-policy', table, chain: res.policyChain.name, policy: res.policyChain.policy, line: '' }), bytes);
  const at = atNs(ns);
  for (const hit of res.hits) {
    const target = hit.spec.target;
    ctx.rec.emit(skb, at, 'ipt_do_table', 'nf.rule', {
      hook,
      table,
      chain: hit.chain,
      index: hit.index,
      ...(target ? { target: { kind: target.kind, ...(target.kind === 'jump' || target.kind === 'goto' ? { chain: target.chain } : {}) } } : {}),
    }, [nfRuleRef(hit)]);
  }
  return res;
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

/** The rule whose DROP or REJECT ended the traversal (the last one that matched), as the drop's cause names it. */
function decidingRule(res: TraverseResult, hook: NfHook): { chain: string; index: number; rule: string } {
  const hit = res.hits[res.hits.length - 1];
  if (!hit) return { chain: hook, index: 0, rule: '' };
  const ref = nfRuleRef(hit);
  return { chain: hit.chain, index: hit.index, rule: ref.type === 'nf-rule' ? ref.line : '' };
}

/** Applies a filter/mangle/raw verdict; false when the packet dies here. */
function decide(ctx: WalkContext, hook: NfHook, table: NfTableName, ns: Netns, skb: Skb, res: TraverseResult): boolean {
  const v = res.verdict;
  const at = atNs(ns);
  if (v.kind === 'accept') return true;
  if (v.kind === 'loop') {
    ctx.drop(skb, at, 'NETFILTER_DROP', NF_DROP_FN, { code: 'nf-jump-depth', hook, table });
    return false;
  }
  if (v.kind === 'drop') {
    if (v.policy) {
      const policy = nfPolicyRef(table, v.policy, 'DROP');
      ctx.rec.emit(skb, at, 'ipt_do_table', 'nf.policy', { hook, table, chain: v.policy, policy: 'DROP' }, [policy]);
      ctx.drop(skb, at, 'NETFILTER_DROP', NF_DROP_FN, { code: 'nf-policy', hook, table, chain: v.policy });
    } else {
      ctx.drop(skb, at, 'NETFILTER_DROP', NF_DROP_FN, { code: 'nf-rule', hook, table, ...decidingRule(res, hook) });
    }
    return false;
  }
  if (v.kind === 'reject') {
    ctx.drop(skb, at, 'NETFILTER_DROP', NF_DROP_FN, { code: 'nf-reject', hook, table, ...decidingRule(res, hook), with: v.target.with });
    reject(ctx, ns, skb, v.target.with);
    return false;
  }
  return true; // nat verdicts only come from nat chains
}

/**
 * The nat table at a hook (nf_nat_ipv4_fn → nf_nat_inet_fn): a RELATED ICMP error is translated
 * by its connection alone (nf_nat_icmp_reply_translation); otherwise the nat chain is consulted
 * while the connection has no binding of this kind yet — its first packet, or a RELATED packet
 * attached to it before it got one (the RST nf_send_reset builds for a rejected SYN meets nat
 * POSTROUTING) — then the binding is applied.
 */
function natStep(ctx: WalkContext, hook: NfHook, ns: Netns, skb: Skb, inDev?: Device, outDev?: Device): boolean {
  const manip = MANIP[hook];
  const entry = skb.ct?.entry;
  if (!manip || !entry || !ns.nf.loaded('nat')) return true;
  if (skb.ct?.state === 'RELATED' && ip(skb).protocol === IPPROTO_ICMP) {
    return natIcmpReplyTranslation(ctx, hook, ns, skb, manip);
  }
  if (!entry.natDone[manip] && (skb.ct?.dir === 'original' || skb.ct?.state === 'RELATED')) {
    const res = runTable(ctx, hook, 'nat', ns, skb, inDev, outDev);
    entry.natDone[manip] = true;
    if (res?.verdict.kind === 'drop' || res?.verdict.kind === 'loop') return decide(ctx, hook, 'nat', ns, skb, res);
    if (res?.verdict.kind === 'nat') {
      natSetupInfo(() => ctx.draw(`${ns.label}|random-fully`), skb, entry, res.verdict.target, outDev);
      ns.conntrack.touch();
    }
  }
  natPacket(ctx, hook, ns, skb, manip);
  return true;
}
