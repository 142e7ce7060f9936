// Where the kernel lets a target be used: the table and, in a built-in chain, the hooks its
// xt_target registration names (checked by x_tables when the rule is loaded, as iptables
// reports it).
import { BUILTIN_CHAINS, type NfTableName } from '../../../../engine/config/netfilter';
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import type { RuleState } from '../extension';

/** Built-in chains where a target may be used (the kernel's hook mask), and its table. */
const TARGET_PLACES: Record<string, { table?: NfTableName; chains?: readonly string[] }> = {
  DNAT: { table: 'nat', chains: ['PREROUTING', 'OUTPUT'] },
  REDIRECT: { table: 'nat', chains: ['PREROUTING', 'OUTPUT'] },
  SNAT: { table: 'nat', chains: ['POSTROUTING', 'INPUT'] },
  MASQUERADE: { table: 'nat', chains: ['POSTROUTING'] },
  REJECT: { table: 'filter', chains: ['INPUT', 'FORWARD', 'OUTPUT'] },
  NOTRACK: { table: 'raw' },
  CT: { table: 'raw' },
};

export function placeTarget(name: string, token: Token, rule: RuleState): void {
  const place = TARGET_PLACES[name];
  if (!place) return;
  if (place.table && rule.table !== place.table) fail(token, `${name} can only be used in the ${place.table} table (this rule is in ${rule.table})`);
  const chain = rule.chain!;
  const builtin = BUILTIN_CHAINS[rule.table].includes(chain);
  if (place.chains && builtin && !place.chains.includes(chain)) fail(token, `${name} can only be used in the ${place.chains.join(', ')} chains, not ${chain}`);
}
