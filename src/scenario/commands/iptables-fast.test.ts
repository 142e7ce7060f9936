// The fast path must return exactly what the full parser returns, or nothing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateDump } from '../../../bench/kubeProxyDump';
import type { NfTableName } from '../../engine/config/netfilter';
import { parseIptablesLine } from './iptables';
import { fastRestoreRule } from './iptables-fast';
import { tokenizeRestoreLine } from './iptables-restore';
import { Args } from './args';

/** Every rule line of an iptables-restore text, with its table. */
function ruleLines(text: string): { table: NfTableName; line: string }[] {
  let table: NfTableName = 'filter';
  const out: { table: NfTableName; line: string }[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) table = line.slice(1).trim() as NfTableName;
    else if (line.startsWith('-') || line.startsWith('[')) out.push({ table, line });
  }
  return out;
}

function full(table: NfTableName, text: string): unknown {
  const line = { text, line: 1, col: 1 };
  const end = { line: 1, col: 1 + text.length };
  try {
    return parseIptablesLine(new Args(tokenizeRestoreLine(line), end), end, { restore: { table } }).command;
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const sources: [string, string][] = [
  ['a generated 300-Service kube-proxy dump', generateDump({ services: 300 }).text],
  ['the kube-proxy fixture', readFileSync('test/fixtures/iptables/kube-proxy.txt', 'utf8')],
  ['the every-rule fixture', readFileSync('test/fixtures/iptables/every-rule.txt', 'utf8')],
];

describe('the kube-proxy fast path of iptables-restore', () => {
  it.each(sources)('returns what the full parser returns on every rule line of %s', (_name, text) => {
    for (const { table, line } of ruleLines(text)) {
      const fast = fastRestoreRule(line, table);
      if (fast !== undefined) expect(JSON.stringify(fast), line).toBe(JSON.stringify(full(table, line)));
    }
  });

  it('takes nearly every line of a kube-proxy dump (or it would not be worth having)', () => {
    const lines = ruleLines(generateDump({ services: 300 }).text);
    const taken = lines.filter(({ table, line }) => fastRestoreRule(line, table) !== undefined).length;
    expect(taken / lines.length).toBeGreaterThan(0.95);
  });

  it.each([
    ['a NAT target outside the nat table', 'filter', '-A X -p tcp -m tcp -j DNAT --to-destination 10.0.0.1:80'],
    ['host bits in a prefix', 'nat', '-A X -s 10.0.0.1/8 -j RETURN'],
    ['an option it does not know', 'nat', '-A X -m multiport --dports 80,443 -j RETURN'],
    ['an escaped quote', 'nat', '-A X -m comment --comment "a \\" b" -j RETURN'],
    ['a port out of range', 'nat', '-A X -p tcp -m tcp --dport 70000 -j RETURN'],
    ['a DNAT port without -p', 'nat', '-A X -j DNAT --to-destination 10.0.0.1:80'],
  ])('leaves %s to the full parser', (_what, table, line) => {
    expect(fastRestoreRule(line, table as NfTableName)).toBeUndefined();
  });
});

describe('declared chains on the quick path', () => {
  it('declares kube-proxy chains exactly as the full path does, and still refuses duplicates', async () => {
    const { parseRestoreBody } = await import('./iptables-restore');
    const body = (lines: string[]) => parseRestoreBody(lines.map((text, i) => ({ text, line: i + 1, col: 1 })), { line: 99, col: 1 });
    expect(body(['*nat', ':KUBE-SVC-ABC - [0:0]', ':POSTROUTING ACCEPT [0:0]', 'COMMIT'])[0].chains).toEqual([
      { name: 'KUBE-SVC-ABC', policy: '-' },
      { name: 'POSTROUTING', policy: 'ACCEPT' },
    ]);
    expect(() => body(['*nat', ':KUBE-X - [0:0]', ':KUBE-X - [0:0]', 'COMMIT'])).toThrow(/declared twice/);
    // a name the quick path leaves alone gets the full path's answer, whatever it is
    expect(body(['*nat', ':ACCEPT - [0:0]', 'COMMIT'])[0].chains).toEqual([{ name: 'ACCEPT', policy: '-' }]);
  });
});
