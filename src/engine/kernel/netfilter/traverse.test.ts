// A table walk that would never end (chains that goto each other, which the kernel refuses
// with ELOOP) stops with a clear message instead of matching rules for ever.
import { describe, expect, it } from 'vitest';
import type { NfRuleSpec } from '../../config/netfilter';
import { TraceLimitError } from '../../trace/limits';
import type { NfPacket } from './match';
import type { NfChain } from './state';
import { ipDoTable } from './traverse';

function chain(name: string, builtin: boolean, specs: NfRuleSpec[]): NfChain {
  return { name, builtin, policy: builtin ? 'ACCEPT' : '-', rules: specs.map((spec) => ({ spec, packets: 0, bytes: 0 })), packets: 0, bytes: 0 };
}

describe('ipDoTable', () => {
  it('stops a goto loop after a bounded number of matched rules, with "stopped after N steps"', { timeout: 60_000 }, () => {
    const chains = new Map<string, NfChain>([
      ['OUTPUT', chain('OUTPUT', true, [{ matches: [], target: { kind: 'jump', chain: 'A' } }])],
      ['A', chain('A', false, [{ matches: [], target: { kind: 'goto', chain: 'B' } }])],
      ['B', chain('B', false, [{ matches: [], target: { kind: 'goto', chain: 'A' } }])],
    ]);
    const packet = { ip: { layer: 'ipv4', src: 1, dst: 2, ttl: 64, protocol: 1, length: 84, df: false }, proto: 1, mark: 0 } as unknown as NfPacket;
    const fx = { setMark: () => {}, connmark: () => {}, notrack: () => {}, currentMark: () => 0 };
    const t0 = performance.now();
    expect(() => ipDoTable('filter', chains, 'OUTPUT', packet, fx)).toThrow(TraceLimitError);
    expect(() => ipDoTable('filter', chains, 'OUTPUT', packet, fx)).toThrow(/^stopped after \d+ steps: one walk of the filter table matched more than/);
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
