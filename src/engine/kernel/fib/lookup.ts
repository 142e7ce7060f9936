// fib_lookup through the policy rules (fib_rules_lookup → fib4_rule_action → fib_table_lookup).
import type { Netns } from '../netns';
import type { FibErrno, FibFlow, LookupFlags, Route } from './route';
import { ruleMatches, type Rule } from './rules';

export type FibResult =
  | { readonly ok: true; readonly route: Route; readonly rule: Rule; readonly table: number }
  | {
      readonly ok: false;
      readonly errno: FibErrno;
      /** the rule or reject route that decided, when one did */
      readonly rule?: Rule;
      readonly route?: Route;
    };

const RULE_ERRNO: Record<'blackhole' | 'unreachable' | 'prohibit', FibErrno> = {
  blackhole: 'EINVAL',
  unreachable: 'ENETUNREACH',
  prohibit: 'EACCES',
};

export function fibLookup(ns: Netns, fl: FibFlow, flags: LookupFlags = {}): FibResult {
  for (const rule of ns.rules) {
    if (!ruleMatches(rule, fl)) continue;
    if (rule.action.type !== 'lookup') return { ok: false, errno: RULE_ERRNO[rule.action.type], rule };
    const table = ns.tables.get(rule.action.table);
    if (!table) continue;
    const res = table.lookup(fl, flags);
    if (res.kind === 'none') continue;
    if (res.kind === 'error') return { ok: false, errno: res.errno, rule, route: res.route };
    return { ok: true, route: res.route, rule, table: rule.action.table };
  }
  // -ESRCH from the rules becomes -ENETUNREACH (fib_lookup in ip_fib.h)
  return { ok: false, errno: 'ENETUNREACH' };
}

/** inet_addr_type_table(net, addr, RT_TABLE_LOCAL) === RTN_LOCAL */
export function isLocalAddress(ns: Netns, addr: number): boolean {
  const local = ns.tables.get(255);
  if (!local) return false;
  return local.aliasesOf(addr, 32).some((r) => r.type === 'local' && r.dst.addr === addr);
}

/** The device holding a local address (__ip_dev_find). */
export function deviceOfAddress(ns: Netns, addr: number) {
  for (const dev of ns.orderedDevices()) if (dev.addrs.some((a) => a.local === addr)) return dev;
  return undefined;
}
