import { describe, expect, it } from 'vitest';
import type { NfMatch, NfRuleSpec } from '../../config/netfilter';
import { nextCandidate } from './dispatch';
import { matchOne, type NfPacket } from './match';
import type { NfChain } from './state';

// A seeded generator so failures reproduce.
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 0x100000000;
  };
}

const pool = [0x0a600001, 0x0a600002, 0x0a600003, 0x0a600004, 0x0a600005];

function randomRule(r: () => number): NfRuleSpec {
  const matches: NfMatch[] = [];
  const k = r();
  if (k < 0.6) matches.push({ kind: 'dst', not: false, prefix: { addr: pool[Math.floor(r() * pool.length)], len: 32 } });
  else if (k < 0.7) matches.push({ kind: 'dst', not: true, prefix: { addr: pool[0], len: 32 } });
  else if (k < 0.8) matches.push({ kind: 'dst', not: false, prefix: { addr: 0x0a600000, len: 29 } });
  if (r() < 0.5) matches.push({ kind: 'proto', not: false, proto: r() < 0.5 ? 6 : 17 });
  return { matches, target: { kind: 'ACCEPT' } };
}

function firstMatch(chain: NfChain, p: NfPacket, indexed: boolean): number {
  let i = 0;
  while (true) {
    if (indexed) i = nextCandidate(chain, i, p.ip.dst);
    if (i >= chain.rules.length) return -1;
    if (chain.rules[i].spec.matches.every((m) => matchOne(m, p))) return i;
    i++;
  }
}

describe('compiled dispatch for long chains', () => {
  it('finds the same first matching rule as a linear scan, for 2,000 random chains and packets', () => {
    const r = rng(7);
    for (let round = 0; round < 2000; round++) {
      const chain: NfChain = { name: 'C', builtin: false, policy: '-', packets: 0, bytes: 0, rules: [] };
      const n = 32 + Math.floor(r() * 80);
      for (let i = 0; i < n; i++) chain.rules.push({ spec: randomRule(r), packets: 0, bytes: 0 });
      const dst = r() < 0.9 ? pool[Math.floor(r() * pool.length)] : 0x0a600009;
      const p = { ip: { dst, src: 1, protocol: 6 }, proto: r() < 0.5 ? 6 : 17 } as unknown as NfPacket;
      expect(firstMatch(chain, p, true)).toBe(firstMatch(chain, p, false));
    }
  });
});
