// The check nf_tables makes when a ruleset is committed (nft_chain_validate in
// net/netfilter/nf_tables_api.c): starting from every built-in chain, a chain reached through
// jumps and gotos may sit at most NFT_JUMP_STACK_SIZE - 1 levels below it. A loop reachable
// from a built-in chain is unbounded, so the same check refuses it (EMLINK, "Too many links").
// Chains no built-in chain reaches are not checked: the kernel accepts a loop among them until
// a rule makes it reachable (measured with iptables v1.8.9 nf_tables on kernel 6.18).
import type { NfTable } from './state';

/** A chain this many levels below a built-in chain is refused (NFT_JUMP_STACK_SIZE). */
export const MAX_CHAIN_LEVEL = 16;

const TOO_DEEP = MAX_CHAIN_LEVEL;

/**
 * True when some chain reachable from a built-in chain of the table sits MAX_CHAIN_LEVEL or
 * more levels below it (a reachable loop included). Each chain's height is computed once, and
 * the recursion never goes deeper than MAX_CHAIN_LEVEL + 1 frames, whatever the ruleset.
 */
export function tooManyLevels(table: NfTable): boolean {
  const height = new Map<string, number>();
  const inProgress = new Set<string>();

  /** How many levels of chains hang below `name` (0: it jumps nowhere), capped at TOO_DEEP. */
  const heightOf = (name: string, level: number): number => {
    const known = height.get(name);
    if (known !== undefined) return known;
    // a chain met again while its own jumps are being walked: a loop
    if (inProgress.has(name) || level >= MAX_CHAIN_LEVEL) return TOO_DEEP;
    const chain = table.chains.get(name);
    if (!chain) return 0;
    inProgress.add(name);
    let h = 0;
    for (const rule of chain.rules) {
      const t = rule.spec.target;
      if (!t || (t.kind !== 'jump' && t.kind !== 'goto')) continue;
      h = Math.max(h, 1 + heightOf(t.chain, level + 1));
      if (h >= TOO_DEEP) break;
    }
    inProgress.delete(name);
    if (h >= TOO_DEEP) return TOO_DEEP;
    height.set(name, h);
    return h;
  };

  for (const chain of table.chains.values()) {
    if (chain.builtin && heightOf(chain.name, 0) >= TOO_DEEP) return true;
  }
  return false;
}
