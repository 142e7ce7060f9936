// Formats routing decisions for the trace: the rule that matched and the route it found.
import { formatIpv4 } from '../addr/ipv4';
import type { FibResult } from '../kernel/fib/lookup';
import { formatRoute, tableName } from '../kernel/fib/route';
import { formatRule } from '../kernel/fib/rules';

/** `ip rule` line + `ip route` line, as the user would read them in `ip rule` / `ip route show table all`. */
export function matchedOf(fib: FibResult | undefined): string | undefined {
  if (!fib) return undefined;
  const lines: string[] = [];
  if (fib.rule) lines.push(formatRule(fib.rule).replace('\t', ' '));
  if (fib.route) lines.push(formatRoute(fib.route));
  return lines.length ? lines.join('\n') : undefined;
}

export function viaText(fib: FibResult & { ok: true }): string {
  const r = fib.route;
  const via = r.via !== undefined ? ` via ${formatIpv4(r.via)}` : '';
  return `table ${tableName(fib.table)}: ${r.type === 'local' ? 'local' : `${via} dev ${r.dev?.name}`}`.replace(':  via', ': via');
}
