// The rule as a trace shows it. Until the iptables-save printer (save.ts) lands this is a
// plain placeholder; it is replaced by a re-export of formatRuleSpec.
import type { NfRuleSpec } from '../../config/netfilter';
import type { NfTable } from './state';

/** iptables-save of whole tables (placeholder until save.ts). */
export function iptablesSave(tables: readonly NfTable[]): string {
  const out: string[] = [];
  for (const t of tables) {
    out.push(`*${t.name}`);
    for (const c of t.chains.values()) out.push(`:${c.name} ${c.policy} [${c.packets}:${c.bytes}]`);
    for (const c of t.chains.values()) for (const r of c.rules) out.push(ruleLine(c.name, r.spec));
    out.push('COMMIT');
  }
  return out.join('\n');
}

export function ruleLine(chain: string, spec: NfRuleSpec): string {
  const t = spec.target;
  return `-A ${chain} … -j ${t ? (t.kind === 'jump' || t.kind === 'goto' ? t.chain : t.kind) : ''}`;
}
