// Policy routing rules (net/core/fib_rules.c, net/ipv4/fib_rules.c): fib_rule_match and
// the rule actions. A new namespace has three: 0 local, 32766 main, 32767 default.
import { formatPrefix, inPrefix, type Prefix } from '../../addr/ipv4';
import type { FibFlow } from './route';
import { tableName } from './route';

export interface Rule {
  readonly priority: number;
  readonly not: boolean;
  readonly from?: Prefix;
  readonly to?: Prefix;
  readonly fwmark?: { readonly value: number; readonly mask: number };
  readonly iif?: string;
  readonly oif?: string;
  readonly action:
    | { readonly type: 'lookup'; readonly table: number }
    | { readonly type: 'blackhole' | 'unreachable' | 'prohibit' };
}

export function defaultRules(): Rule[] {
  const lookup = (priority: number, table: number): Rule => ({ priority, not: false, action: { type: 'lookup', table } });
  return [lookup(0, 255), lookup(32766, 254), lookup(32767, 253)];
}

/** fib_rule_match + fib4_rule_match */
export function ruleMatches(rule: Rule, fl: FibFlow): boolean {
  let ok = true;
  if (rule.iif !== undefined && rule.iif !== fl.iif.name) ok = false;
  else if (rule.oif !== undefined && rule.oif !== fl.oif?.name) ok = false;
  else if (rule.fwmark && ((rule.fwmark.value ^ fl.mark) & rule.fwmark.mask) >>> 0 !== 0) ok = false;
  else if (rule.from && !inPrefix(fl.saddr, rule.from)) ok = false;
  else if (rule.to && !inPrefix(fl.daddr, rule.to)) ok = false;
  return rule.not ? !ok : ok;
}

/** fib_default_rule_pref: one below the second rule's priority (the first is `0: local`). */
export function defaultRulePriority(rules: readonly Rule[]): number {
  const second = rules[1];
  return second && second.priority ? second.priority - 1 : 0;
}

export function insertRule(rules: Rule[], rule: Rule): void {
  let at = rules.length;
  for (let i = 0; i < rules.length; i++) {
    if (rules[i].priority > rule.priority) {
      at = i;
      break;
    }
  }
  rules.splice(at, 0, rule);
}

/** A rule as `ip rule` prints it: `32765:	from 10.0.0.0/24 lookup 100`. */
export function formatRule(r: Rule): string {
  const parts: string[] = [];
  if (r.not) parts.push('not');
  parts.push('from', r.from && r.from.len > 0 ? formatPrefix(r.from) : 'all');
  if (r.to && r.to.len > 0) parts.push('to', formatPrefix(r.to));
  if (r.fwmark) {
    parts.push('fwmark', `0x${r.fwmark.value.toString(16)}` + (r.fwmark.mask !== 0xffffffff ? `/0x${r.fwmark.mask.toString(16)}` : ''));
  }
  if (r.iif) parts.push('iif', r.iif);
  if (r.oif) parts.push('oif', r.oif);
  if (r.action.type === 'lookup') parts.push('lookup', tableName(r.action.table));
  else parts.push(r.action.type);
  return `${r.priority}:\t${parts.join(' ')}`;
}
