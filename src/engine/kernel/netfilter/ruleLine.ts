// The iptables state printed as iptables-save prints it (the printer is save.ts).
import { formatIptablesSave, formatRuleSpec } from './save';
import type { NfTable } from './state';

export const ruleLine = formatRuleSpec;

/** `iptables-save` of the loaded tables, in the kernel's table order. */
export function iptablesSave(tables: readonly NfTable[]): string {
  return formatIptablesSave(
    tables.map((t) => ({
      table: t.name,
      chains: [...t.chains.values()].map((c) => ({ name: c.name, policy: c.policy, packets: c.packets, bytes: c.bytes })),
      rules: [...t.chains.values()].flatMap((c) => c.rules.map((r) => ({ chain: c.name, rule: r.spec, packets: r.packets, bytes: r.bytes }))),
    })),
  );
}
