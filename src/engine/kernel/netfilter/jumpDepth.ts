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
 * The table's jumps and gotos as numbers: chain k's targets are targets[first[k] … first[k+1]).
 * Read in one pass over the chains in their order, which is the order their rules sit in
 * memory: following the jumps rule by rule instead (a kube-proxy nat table has 100,000 rules)
 * spent most of its time waiting for memory.
 */
function jumpGraph(table: NfTable): { names: string[]; builtin: number[]; first: Int32Array; targets: Int32Array } {
  const index = new Map<string, number>();
  const names: string[] = [];
  const builtin: number[] = [];
  for (const chain of table.chains.values()) {
    index.set(chain.name, names.length);
    if (chain.builtin) builtin.push(names.length);
    names.push(chain.name);
  }
  const chains = names.length;
  const first = new Int32Array(chains + 1);
  const targets: number[] = [];
  let k = 0;
  for (const chain of table.chains.values()) {
    first[k++] = targets.length;
    for (const rule of chain.rules) {
      const t = rule.spec.target;
      if (!t || (t.kind !== 'jump' && t.kind !== 'goto')) continue;
      let to = index.get(t.chain);
      if (to === undefined) {
        // a jump to a chain the table does not have: a level of its own, no jumps out
        to = names.length;
        index.set(t.chain, to);
        names.push(t.chain);
      }
      targets.push(to);
    }
  }
  first[chains] = targets.length;
  const all = new Int32Array(names.length + 1).fill(targets.length);
  all.set(first);
  return { names, builtin, first: all, targets: Int32Array.from(targets) };
}

/**
 * The deepest level of every chain reachable from a built-in chain (built-in chains at 0), or
 * undefined when one reaches MAX_CHAIN_LEVEL (a reachable loop always does). Relaxed one level
 * at a time, so the cost is at most MAX_CHAIN_LEVEL passes over the jumps, whatever the shape.
 */
function chainLevels(table: NfTable): Map<string, number> | undefined {
  const { names, builtin, first, targets } = jumpGraph(table);
  const level = new Int32Array(names.length).fill(-1);
  /** the depth at which a chain was last put in the frontier (a chain goes in once per depth) */
  const queued = new Int32Array(names.length).fill(-1);
  let frontier: number[] = [];
  for (const k of builtin) {
    level[k] = 0;
    frontier.push(k);
  }
  for (let depth = 1; frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const from of frontier) {
      for (let e = first[from]; e < first[from + 1]; e++) {
        const to = targets[e];
        if (level[to] >= depth) continue;
        if (depth >= MAX_CHAIN_LEVEL) return undefined;
        level[to] = depth;
        if (queued[to] !== depth) {
          queued[to] = depth;
          next.push(to);
        }
      }
    }
    frontier = next;
  }
  const levels = new Map<string, number>();
  for (let k = 0; k < names.length; k++) if (level[k] >= 0) levels.set(names[k], level[k]);
  return levels;
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
