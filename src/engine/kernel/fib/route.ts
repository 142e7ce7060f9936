// Routes (struct fib_info / fib_alias) and what a table lookup answers; the table itself,
// its insert, delete and longest-prefix lookup, is in table.ts.
import { formatIpv4, formatPrefix, type Ipv4, type Prefix } from '../../addr/ipv4';
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

export type InsertMode = 'add' | 'replace' | 'append';

export interface RouteMatch {
  readonly dst: Prefix;
  readonly type?: RouteType;
  readonly via?: Ipv4;
  readonly dev?: Device;
  readonly src?: Ipv4;
  readonly metric?: number;
  readonly scope?: number;
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
