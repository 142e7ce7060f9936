// The check nf_tables makes when a ruleset is committed (nft_chain_validate in
// net/netfilter/nf_tables_api.c): starting from every built-in chain, a chain reached through
// jumps and gotos may sit at most NFT_JUMP_STACK_SIZE - 1 levels below it. A loop reachable
// from a built-in chain is unbounded, so the same check refuses it (EMLINK, "Too many links").
// Chains no built-in chain reaches are not checked: the kernel accepts a loop among them until
// a rule makes it reachable (measured with iptables v1.8.9 nf_tables on kernel 6.18).
import type { NfTable } from './state';

/** A chain this many levels below a built-in chain is refused (NFT_JUMP_STACK_SIZE). */
export const MAX_CHAIN_LEVEL = 16;

/**
 * The deepest level of every chain reachable from a built-in chain (built-in chains at 0), or
 * undefined when one reaches MAX_CHAIN_LEVEL (a reachable loop always does). Relaxed one level
 * at a time, so the cost is at most MAX_CHAIN_LEVEL passes over the jumps, whatever the shape.
 */
function chainLevels(table: NfTable): Map<string, number> | undefined {
  const level = new Map<string, number>();
  let frontier: string[] = [];
  for (const chain of table.chains.values()) {
    if (!chain.builtin) continue;
    level.set(chain.name, 0);
    frontier.push(chain.name);
  }
  for (let depth = 1; frontier.length > 0; depth++) {
    const next = new Set<string>();
    for (const name of frontier) {
      for (const rule of table.chains.get(name)?.rules ?? []) {
        const t = rule.spec.target;
        if (!t || (t.kind !== 'jump' && t.kind !== 'goto')) continue;
        if ((level.get(t.chain) ?? -1) >= depth) continue;
        if (depth >= MAX_CHAIN_LEVEL) return undefined;
        level.set(t.chain, depth);
        next.add(t.chain);
      }
    }
    frontier = [...next];
  }
  return level;
}

/**
 * The levels of a table as its last check found them, while nothing but the addition of
 * jumps that cannot deepen anything has changed it (see jumpAddedTooDeep): a script of
 * thousands of `iptables -A … -j` commands is checked in linear time, not quadratic.
 */
const known = new WeakMap<NfTable, Map<string, number>>();

/** True when some chain reachable from a built-in chain of the table is nested too deep (or in a loop). */
export function tooManyLevels(table: NfTable): boolean {
  const levels = chainLevels(table);
  if (levels) known.set(table, levels);
  else known.delete(table);
  return levels === undefined;
}

/**
 * The same answer, for a table that was valid before one rule jumping from `from` to `to`
 * was added. When `from` is unreachable, or `to` already sits at least one level below it, no
 * chain gets deeper and no loop can have closed (a loop through the new jump would put `from`
 * below `to`); otherwise the whole table is checked again.
 */
export function jumpAddedTooDeep(table: NfTable, from: string, to: string): boolean {
  const levels = known.get(table);
  if (levels) {
    const at = levels.get(from);
    if (at === undefined) return false;
    if ((levels.get(to) ?? -1) >= at + 1) return false;
  }
  return tooManyLevels(table);
}

/** After any other change (a rule deleted, a chain flushed or removed) the levels must be read again. */
export function forgetLevels(table: NfTable): void {
  known.delete(table);
}
