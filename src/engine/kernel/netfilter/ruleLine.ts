// The iptables state printed as iptables-save prints it (the printer is save.ts).
import { formatRuleSpec, type SaveTable } from './save';
import type { NfTable } from './state';

export const ruleLine = formatRuleSpec;

/** The loaded tables in the printer's terms. */
export function saveTables(tables: readonly NfTable[]): SaveTable[] {
  return tables.map((t) => ({
    table: t.name,
    chains: [...t.chains.values()].map((c) => ({ name: c.name, policy: c.policy, packets: c.packets, bytes: c.bytes })),
    rules: [...t.chains.values()].flatMap((c) => c.rules.map((r) => ({ chain: c.name, rule: r.spec, packets: r.packets, bytes: r.bytes }))),
  }));
}
