// Routes and one routing table (net/ipv4/fib_trie.c: fib_table_insert/delete/lookup).
// Aliases of one prefix stay ordered by metric; lookups walk prefixes longest first and,
// within a prefix, aliases in order, skipping those whose scope or nexthop do not fit.
import { formatIpv4, formatPrefix, inPrefix, type Ipv4, type Prefix } from '../../addr/ipv4';
import type { RouteType } from '../../config/ops';
import { isOperational, type Device } from '../dev/device';

export const RT_SCOPE_UNIVERSE = 0;
export const RT_SCOPE_LINK = 253;
export const RT_SCOPE_HOST = 254;
export const RT_SCOPE_NOWHERE = 255;

export interface Route {
  readonly type: RouteType;
  readonly dst: Prefix;
  readonly table: number;
  readonly via?: Ipv4;
  readonly dev?: Device;
  readonly onlink: boolean;
  readonly scope: number;
  /** the route's own scope for its nexthop (fib_nh_scope): link for gateways, host for direct */
  readonly nhScope: number;
  readonly src?: Ipv4;
  readonly metric: number;
  readonly proto: string;
}

/**
 * fib_create_info: a host-scoped route's nexthop gets scope nowhere (it survives its device
 * going down); a direct route's gets host; a gateway's is filled in by the gateway check.
 */
export function nhScopeFor(scope: number, via: Ipv4 | undefined): number {
  if (scope === RT_SCOPE_HOST) return RT_SCOPE_NOWHERE;
  return via === undefined ? RT_SCOPE_HOST : RT_SCOPE_LINK;
}

/**
 * rt_set_nexthop: the gateway is used only when it was found on-link (nexthop scope link);
 * a gateway that is one of our own addresses resolves with scope host and is ignored.
 */
export function usesGateway(route: Route): number | undefined {
  return route.via !== undefined && route.nhScope === RT_SCOPE_LINK ? route.via : undefined;
}

/** Errors a lookup returns for reject routes (fib_props[type].error). */
export type FibErrno = 'ENETUNREACH' | 'EHOSTUNREACH' | 'EACCES' | 'EINVAL';

export const REJECT_ERRNO: Partial<Record<RouteType, FibErrno>> = {
  blackhole: 'EINVAL',
  unreachable: 'EHOSTUNREACH',
  prohibit: 'EACCES',
};

export interface FibFlow {
  readonly daddr: Ipv4;
  readonly saddr: Ipv4;
  /** the input device (ifindex 1 = lo for locally generated packets) */
  readonly iif: Device;
  readonly oif?: Device;
  readonly mark: number;
  readonly scope: number;
}

export type TableLookup =
  | { readonly kind: 'route'; readonly route: Route }
  | { readonly kind: 'error'; readonly errno: FibErrno; readonly route: Route }
  | { readonly kind: 'none' }; // -EAGAIN: try the next rule

export interface LookupFlags {
  /** FIB_LOOKUP_IGNORE_LINKSTATE */
  readonly ignoreLinkstate?: boolean;
}

/** fib_table_lookup */
export function fibTableLookup(table: readonly Route[], fl: FibFlow, _flags: LookupFlags = {}): TableLookup {
  // Candidates longest prefix first; sort is stable so aliases keep their table order.
  const candidates = table.filter((r) => inPrefix(fl.daddr, r.dst)).sort((a, b) => b.dst.len - a.dst.len);
  for (const route of candidates) {
    if (route.scope < fl.scope) continue;
    const errno = REJECT_ERRNO[route.type];
    if (errno) return { kind: 'error', errno, route };
    if (!route.dev) continue;
    // routes through a device that went down are deleted; the ones left (local, scope host)
    // stay usable, so there is no dead-nexthop check here
    if (fl.oif && fl.oif !== route.dev) continue;
    return { kind: 'route', route };
  }
  return { kind: 'none' };
}

function sameKey(a: Route, b: Route): boolean {
  return a.dst.addr === b.dst.addr && a.dst.len === b.dst.len && a.metric === b.metric;
}

function sameRoute(a: Route, b: Route): boolean {
  return sameKey(a, b) && a.type === b.type && a.via === b.via && a.dev === b.dev && a.src === b.src &&
    a.scope === b.scope && a.onlink === b.onlink;
}

export type InsertMode = 'add' | 'replace' | 'append';

/** fib_table_insert with NLM_F_EXCL (add), NLM_F_REPLACE (replace) or NLM_F_APPEND (append). */
export function fibTableInsert(table: Route[], route: Route, mode: InsertMode): 'ok' | 'EEXIST' {
  const first = table.findIndex((r) => sameKey(r, route));
  if (first >= 0) {
    if (mode === 'add') return 'EEXIST';
    if (mode === 'replace') {
      table[first] = route;
      return 'ok';
    }
    if (table.some((r) => sameRoute(r, route))) return 'EEXIST';
    let last = first;
    while (last + 1 < table.length && sameKey(table[last + 1], route)) last++;
    table.splice(last + 1, 0, route);
    return 'ok';
  }
  // Keep aliases of one prefix ordered by metric; other prefixes' order does not matter.
  const before = table.findIndex(
    (r) => r.dst.addr === route.dst.addr && r.dst.len === route.dst.len && r.metric > route.metric,
  );
  if (before < 0) table.push(route);
  else table.splice(before, 0, route);
  return 'ok';
}

export interface RouteMatch {
  readonly dst: Prefix;
  readonly type?: RouteType;
  readonly via?: Ipv4;
  readonly dev?: Device;
  readonly src?: Ipv4;
  readonly metric?: number;
  readonly scope?: number;
}

/** fib_table_delete: the first alias of the prefix matching every attribute given. */
export function fibTableDelete(table: Route[], m: RouteMatch): 'ok' | 'ESRCH' {
  const i = table.findIndex(
    (r) =>
      r.dst.addr === m.dst.addr && r.dst.len === m.dst.len &&
      (m.type === undefined || r.type === m.type) &&
      (m.via === undefined || r.via === m.via) &&
      (m.dev === undefined || r.dev === m.dev) &&
      (m.src === undefined || r.src === m.src) &&
      (m.metric === undefined || r.metric === m.metric) &&
      (m.scope === undefined || r.scope === m.scope),
  );
  if (i < 0) return 'ESRCH';
  table.splice(i, 1);
  return 'ok';
}

const SCOPE_NAMES: Record<number, string> = { 0: 'global', 200: 'site', 253: 'link', 254: 'host', 255: 'nowhere' };

export function scopeName(scope: number): string {
  return SCOPE_NAMES[scope] ?? String(scope);
}

const TABLE_NAMES: Record<number, string> = { 255: 'local', 254: 'main', 253: 'default' };

export function tableName(id: number): string {
  return TABLE_NAMES[id] ?? String(id);
}

/** A route as `ip route show table all` prints it. */
export function formatRoute(r: Route, withTable = true): string {
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(r.type === 'local' || r.type === 'broadcast' ? formatIpv4(r.dst.addr) : formatPrefix(r.dst));
  if (r.via !== undefined) parts.push('via', formatIpv4(r.via));
  if (r.dev) parts.push('dev', r.dev.name);
  if (withTable && r.table !== 254) parts.push('table', tableName(r.table));
  if (r.proto !== 'boot') parts.push('proto', r.proto);
  const defaultScope = r.type === 'local' ? RT_SCOPE_HOST : r.type === 'broadcast' ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
  if (r.scope !== defaultScope || r.type === 'local' || r.type === 'broadcast') parts.push('scope', scopeName(r.scope));
  if (r.src !== undefined) parts.push('src', formatIpv4(r.src));
  if (r.metric) parts.push('metric', String(r.metric));
  if (r.onlink) parts.push('onlink');
  if (r.dev && !isOperational(r.dev) && r.dev.up) parts.push('linkdown');
  return parts.join(' ');
}
