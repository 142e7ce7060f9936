// Walking one table's chain for one packet (net/ipv4/netfilter/ip_tables.c ipt_do_table):
// rules in order, jumps and gotos on a stack, RETURN, policies, counters. Non-terminal
// targets (MARK, CONNMARK, LOG, NOTRACK) act and the walk goes on.
import type { NfRuleSpec, NfTableName, NfTarget } from '../../config/netfilter';
import { nextCandidate } from './dispatch';
import { matchOne, type NfPacket } from './match';
import type { NfChain, NfRule } from './state';
import { RULE_HIT_LIMIT, TraceLimitError } from '../../trace/limits';

/**
 * Jumps nest at most this deep. Debian's iptables is the nf_tables backend, whose kernel
 * side refuses deeper chains (NFT_JUMP_STACK_SIZE in include/net/netfilter/nf_tables.h).
 */
export const JUMP_STACK_LIMIT = 16;

export interface RuleHit {
  readonly table: NfTableName;
  readonly chain: string;
  readonly index: number; // 1-based position in its chain
  readonly spec: NfRuleSpec;
}

export type Verdict =
  | { readonly kind: 'accept'; readonly policy?: string }
  | { readonly kind: 'drop'; readonly policy?: string; readonly target?: NfTarget }
  | { readonly kind: 'reject'; readonly target: Extract<NfTarget, { kind: 'REJECT' }> }
  | { readonly kind: 'nat'; readonly target: Extract<NfTarget, { kind: 'DNAT' | 'SNAT' | 'MASQUERADE' | 'REDIRECT' }> }
  | { readonly kind: 'loop' };

export interface TraverseResult {
  readonly verdict: Verdict;
  readonly hits: readonly RuleHit[];
  /** the chain whose policy decided, when one did */
  readonly policyChain?: NfChain;
}

/** Side effects of non-terminal targets, applied by the caller as they happen. */
export interface TargetEffects {
  setMark(value: number, mask: number): void;
  connmark(target: Extract<NfTarget, { kind: 'CONNMARK' }>): void;
  notrack(): void;
  currentMark(): number;
}

export function ipDoTable(
  table: NfTableName,
  chains: ReadonlyMap<string, NfChain>,
  start: string,
  p: NfPacket,
  fx: TargetEffects,
): TraverseResult {
  const hits: RuleHit[] = [];
  const stack: { chain: NfChain; next: number }[] = [];
  let chain = chains.get(start)!;
  let i = 0;
  const base = chain;
  // one mutable view of the packet; only the mark can change while the chain is walked
  const packet = { ...p } as { -readonly [K in keyof NfPacket]: NfPacket[K] };
  for (let steps = 0; steps < 1_000_000; steps++) {
    i = nextCandidate(chain, i, p.ip.dst);
    if (i >= chain.rules.length) {
      // end of chain: return to the caller, or the built-in chain's policy
      const frame = stack.pop();
      if (frame) {
        chain = frame.chain;
        i = frame.next;
        continue;
      }
      return { verdict: base.policy === 'DROP' ? { kind: 'drop', policy: base.name } : { kind: 'accept', policy: base.name }, hits, policyChain: base };
    }
    const rule: NfRule = chain.rules[i];
    packet.mark = fx.currentMark();
    if (!rule.spec.matches.every((m) => matchOne(m, packet))) {
      i++;
      continue;
    }
    // counters are not bumped here: a trace must leave the world as it found it; the hits
    // it returns are the counters this conversation would have moved
    hits.push({ table, chain: chain.name, index: i + 1, spec: rule.spec });
    if (hits.length > RULE_HIT_LIMIT) {
      // no kernel walk matches this many: the kernel refuses a ruleset whose gotos loop (ELOOP)
      throw new TraceLimitError(hits.length, `one walk of the ${table} table matched more than ${RULE_HIT_LIMIT} rules (last in chain ${chain.name}): the chains loop`);
    }
    const t = rule.spec.target;
    i++;
    if (!t) continue;
    switch (t.kind) {
      case 'ACCEPT':
        return { verdict: { kind: 'accept' }, hits };
      case 'DROP':
        return { verdict: { kind: 'drop', target: t }, hits };
      case 'REJECT':
        return { verdict: { kind: 'reject', target: t }, hits };
      case 'DNAT':
      case 'SNAT':
      case 'MASQUERADE':
      case 'REDIRECT':
        return { verdict: { kind: 'nat', target: t }, hits };
      case 'RETURN': {
        const frame = stack.pop();
        if (!frame) {
          return { verdict: base.policy === 'DROP' ? { kind: 'drop', policy: base.name } : { kind: 'accept', policy: base.name }, hits, policyChain: base };
        }
        chain = frame.chain;
        i = frame.next;
        continue;
      }
      case 'jump':
      case 'goto': {
        const next = chains.get(t.chain);
        if (!next) throw new Error(`invariant: rule jumps to missing chain ${t.chain}`);
        if (t.kind === 'jump') {
          if (stack.length >= JUMP_STACK_LIMIT) return { verdict: { kind: 'loop' }, hits };
          stack.push({ chain, next: i });
        }
        chain = next;
        i = 0;
        continue;
      }
      case 'MARK':
        fx.setMark(t.value, t.mask);
        continue;
      case 'CONNMARK':
        fx.connmark(t);
        continue;
      case 'NOTRACK':
        fx.notrack();
        continue;
      case 'CT':
        if (t.notrack) fx.notrack();
        continue;
      case 'LOG':
        continue;
    }
  }
  return { verdict: { kind: 'loop' }, hits };
}
