// Compiled dispatch for long chains (kube-proxy's KUBE-SERVICES holds a rule per Service
// port). Rules that require one exact destination (`-d A/32`, not negated) are indexed by that
// address; every other rule stays in a list that is always consulted. The next rule to try
// at or after position i is the lower of the two lists' next positions, so first-match order
// is exactly the linear walk's: the index only skips rules that cannot match this packet.
import type { Ipv4 } from '../../addr/ipv4';
import type { NfChain } from './state';

/** Below this many rules a plain scan is cheaper than keeping an index. */
export const INDEX_THRESHOLD = 32;

interface ChainIndex {
  readonly rules: NfChain['rules'];
  readonly length: number;
  readonly byDst: Map<Ipv4, number[]>;
  readonly unkeyed: number[];
}

const cache = new WeakMap<NfChain, ChainIndex>();

function exactDst(chain: NfChain, i: number): Ipv4 | undefined {
  for (const m of chain.rules[i].spec.matches) if (m.kind === 'dst' && !m.not && m.prefix.len === 32) return m.prefix.addr;
  return undefined;
}

function indexOf(chain: NfChain): ChainIndex {
  const hit = cache.get(chain);
  if (hit && hit.rules === chain.rules && hit.length === chain.rules.length) return hit;
  const byDst = new Map<Ipv4, number[]>();
  const unkeyed: number[] = [];
  for (let i = 0; i < chain.rules.length; i++) {
    const d = exactDst(chain, i);
    if (d === undefined) unkeyed.push(i);
    else {
      let list = byDst.get(d);
      if (!list) byDst.set(d, (list = []));
      list.push(i);
    }
  }
  const index = { rules: chain.rules, length: chain.rules.length, byDst, unkeyed };
  cache.set(chain, index);
  return index;
}

/** The first position in the sorted list at or after `from`. */
function firstAtOrAfter(list: readonly number[] | undefined, from: number): number {
  if (!list) return Infinity;
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? list[lo] : Infinity;
}

/** Builds the indexes of every long chain now, so the first trace does not pay for them. */
export function compileChains(chains: Iterable<NfChain>): void {
  for (const chain of chains) if (chain.rules.length >= INDEX_THRESHOLD) indexOf(chain);
}

/** The next rule at or after `from` that could match a packet to `dst` (chain length if none). */
export function nextCandidate(chain: NfChain, from: number, dst: Ipv4): number {
  if (chain.rules.length < INDEX_THRESHOLD) return from;
  const index = indexOf(chain);
  const next = Math.min(firstAtOrAfter(index.unkeyed, from), firstAtOrAfter(index.byDst.get(dst), from));
  return next === Infinity ? chain.rules.length : next;
}
