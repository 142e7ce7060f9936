// The drop-reason catalogue: DropReason holds exactly the reasons the engine can emit, and every
// one of them — and every cause the kernel frees without naming a reason — has its own meaning,
// fix and what-the-application-sees in every language.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DropCause } from '../../engine/trace/causes';
import { CAUSE_REASONS, DROP_REASONS, FABRIC_DROP_REASONS, UNNAMED_CAUSES, type DropReason } from '../../engine/trace/dropReasons';
import { en } from './en';
import { dropWords, reasonText, type TraceLang } from './index';
import type { ReasonWords } from './types';
import { zhCN } from './zh-CN';

const LANGS: readonly [TraceLang, typeof en][] = [['en', en], ['zh-CN', zhCN]];

/** Every .ts file of the engine except the tests and the vocabulary itself. */
function engineSources(dir = 'src/engine'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return engineSources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && path !== join('src/engine/trace/dropReasons.ts') ? [path] : [];
  });
}

describe('DropReason', () => {
  it('is exactly the reasons CAUSE_REASONS pairs with a cause (WalkContext.drop accepts no other pair)', () => {
    const paired = new Set(Object.values(CAUSE_REASONS).flat());
    expect([...paired].filter((r) => !DROP_REASONS.includes(r)), 'emitted but not in the union').toEqual([]);
    expect(DROP_REASONS.filter((r) => !paired.has(r)), 'in the union but no cause carries it').toEqual([]);
  });

  it('has no member the engine code never names', () => {
    const code = engineSources().map((f) => readFileSync(f, 'utf8')).join('\n');
    const unused = DROP_REASONS.filter((r) => !code.includes(`'${r}'`));
    expect(unused).toEqual([]);
  });

  it('keeps the fabric reasons apart from the kernel\'s, each still catalogued', () => {
    for (const r of FABRIC_DROP_REASONS) expect(DROP_REASONS).toContain(r);
  });
});

describe.each(LANGS)('the catalogue in %s', (lang, words) => {
  const entries: [string, ReasonWords][] = [
    ...DROP_REASONS.map((r): [string, ReasonWords] => [r, words.reasons[r]]),
    ...UNNAMED_CAUSES.map((c): [string, ReasonWords] => [`NOT_SPECIFIED/${c}`, words.unnamed[c]]),
  ];

  it.each(entries)('%s has a meaning, a fix and what the application sees', (_name, entry) => {
    // (Chinese says in ten characters what English says in thirty)
    const min = lang === 'zh-CN' ? 6 : 20;
    for (const text of [entry.explain, entry.fix, entry.app]) expect(text.trim().length).toBeGreaterThan(min);
    if (lang === 'zh-CN') for (const text of [entry.explain, entry.fix, entry.app]) expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('gives every reason and unnamed cause its own explanation (none borrows another\'s)', () => {
    const seen = new Map<string, string>();
    for (const [name, entry] of entries) {
      expect(seen.get(entry.explain), `${name} repeats ${seen.get(entry.explain)}`).toBeUndefined();
      seen.set(entry.explain, name);
    }
  });
});

describe('dropWords', () => {
  const drop = (reason: DropReason, cause?: DropCause) => ({ reason, ...(cause ? { cause } : {}) });

  it('explains NETFILTER_DROP as netfilter, with the app seeing a timeout for DROP', () => {
    const words = dropWords(drop('NETFILTER_DROP', { code: 'nf-rule', hook: 'FORWARD', table: 'filter', chain: 'FORWARD', index: 1, rule: '-A FORWARD -j DROP' }), 'en');
    expect(words.explain).toMatch(/iptables rule/);
    expect(words.explain).toMatch(/policy is DROP/);
    expect(words.explain).not.toMatch(/blackhole/);
    expect(words.app).toMatch(/DROP is silent.*times out/);
    expect(dropWords(drop('NETFILTER_DROP'), 'zh-CN').explain).toMatch(/iptables/);
  });

  it('uses the cause\'s entry when the kernel named no reason', () => {
    const down = drop('NOT_SPECIFIED', { code: 'peer-down', dev: 'eth0' });
    expect(dropWords(down, 'en')).toBe(en.unnamed['peer-down']);
    expect(dropWords(down, 'zh-CN')).toBe(zhCN.unnamed['peer-down']);
    expect(dropWords(down, 'en').explain).not.toMatch(/blackhole/);
    const blackhole = drop('NOT_SPECIFIED', { code: 'no-route', forwarding: true, errno: 'EINVAL', decided: { by: 'route', type: 'blackhole', table: 254, line: 'blackhole 10.1.0.0/16' } });
    expect(dropWords(blackhole, 'en').explain).toMatch(/blackhole/);
  });

  it('uses the reason\'s entry for a named reason, whatever the cause', () => {
    const noRoute = drop('IP_INNOROUTES', { code: 'no-route', forwarding: true, errno: 'ENETUNREACH', icmp: 0 });
    expect(dropWords(noRoute, 'en')).toBe(reasonText('IP_INNOROUTES', 'en'));
  });

  it('falls back to the honest generic entry for a NOT_SPECIFIED drop without a cause (older traces)', () => {
    expect(dropWords(drop('NOT_SPECIFIED'), 'en')).toBe(en.reasons.NOT_SPECIFIED);
    expect(en.reasons.NOT_SPECIFIED.explain).not.toMatch(/blackhole/);
  });
});
