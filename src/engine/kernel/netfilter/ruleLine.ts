// The rule as a trace shows it. Until the iptables-save printer (save.ts) lands this is a
// plain placeholder; it is replaced by a re-export of formatRuleSpec.
import type { NfRuleSpec } from '../../config/netfilter';

export function ruleLine(chain: string, spec: NfRuleSpec): string {
  const t = spec.target;
  return `-A ${chain} … -j ${t ? (t.kind === 'jump' || t.kind === 'goto' ? t.chain : t.kind) : ''}`;
}
