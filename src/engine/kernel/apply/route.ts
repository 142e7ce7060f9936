// `ip route add/replace/append/del/flush` with the kernel's checks, in the kernel's order
// (net/ipv4/fib_semantics.c fib_create_info: type, scope, nexthop, then prefsrc).
import { SCOPE_VALUE, TABLE_LOCAL, TABLE_MAIN, type RouteSpec } from '../../config/ops';
import type { Device } from '../dev/device';
import { fibLookup, isLocalAddress } from '../fib/lookup';
import {
  nhScopeFor, RT_SCOPE_HOST, RT_SCOPE_LINK, RT_SCOPE_UNIVERSE,
  type InsertMode, type Route,
} from '../fib/route';
import type { Netns } from '../netns';
import { fail, findDevice, type ApplyContext } from './context';

function defaultScope(spec: RouteSpec): number {
  if (spec.scope !== undefined) return SCOPE_VALUE[spec.scope];
  if (spec.type === 'local') return RT_SCOPE_HOST;
  if (spec.type === 'broadcast') return RT_SCOPE_LINK;
  if (spec.type === 'unicast' && spec.via === undefined) return RT_SCOPE_LINK;
  return RT_SCOPE_UNIVERSE;
}

function tableOf(spec: RouteSpec): number {
  // iproute2 puts local and broadcast routes in the local table unless told otherwise
  return (spec.type === 'local' || spec.type === 'broadcast') && spec.table === TABLE_MAIN ? TABLE_LOCAL : spec.table;
}

/** fib_check_nh_v4_gw: the gateway must be reachable on-link (or declared `onlink`). */
function checkGateway(ns: Netns, spec: RouteSpec, scope: number, dev: Device | undefined): { dev: Device; nhScope: number } {
  const gw = spec.via!;
  if (spec.onlink) {
    if (scope >= RT_SCOPE_LINK) fail('Error: Nexthop has invalid scope.');
    if (!dev) fail('Error: Nexthop device required for onlink.');
    if (!dev.up) fail('Error: Nexthop device is not up.');
    // inet_addr_type_dev_table: the gateway must be a plain unicast address, not one of ours
    const t = ns.tables.get(TABLE_LOCAL)?.lookup({ daddr: gw, saddr: 0, iif: ns.loopback(), mark: 0, scope: 0 });
    if (t && t.kind !== 'none') fail('Error: Nexthop has invalid gateway.');
    return { dev, nhScope: RT_SCOPE_LINK };
  }
  const fl = { daddr: gw, saddr: 0, iif: ns.loopback(), oif: dev, mark: 0, scope: Math.max(scope + 1, RT_SCOPE_LINK) };
  let found: Route | undefined;
  const table = spec.table !== TABLE_MAIN ? ns.tables.get(spec.table) : undefined;
  if (table) {
    const t = table.lookup(fl, { ignoreLinkstate: true });
    if (t.kind === 'route') found = t.route;
  }
  if (!found) {
    const res = fibLookup(ns, fl, { ignoreLinkstate: true });
    if (res.ok) found = res.route;
  }
  if (!found || (found.type !== 'unicast' && found.type !== 'local')) fail('Error: Nexthop has invalid gateway.');
  const out = found.dev!;
  if (!out.up) fail('RTNETLINK answers: Network is down');
  return { dev: out, nhScope: found.scope };
}

export function buildRoute(ns: Netns, spec: RouteSpec): Route {
  const scope = defaultScope(spec);
  const table = tableOf(spec);
  const dev = spec.dev !== undefined ? findDevice(ns, spec.dev) : undefined;
  if (scope > RT_SCOPE_HOST) fail('Error: Invalid scope.');
  const base = { type: spec.type, dst: spec.dst, table, scope, src: spec.src, metric: spec.metric ?? 0, proto: spec.proto ?? 'boot', onlink: !!spec.onlink };
  let route: Route;
  if (spec.type === 'blackhole' || spec.type === 'unreachable' || spec.type === 'prohibit') {
    if (spec.via !== undefined || dev) fail('Error: Gateway, device and multipath can not be specified for this route type.');
    route = { ...base, nhScope: RT_SCOPE_HOST, via: undefined, dev: undefined };
  } else if (scope === RT_SCOPE_HOST) {
    // host-scoped routes need a device but not a running one, and never a gateway
    if (spec.via !== undefined) fail('Error: Route with host scope can not have a gateway.');
    if (!dev) fail('Error: Nexthop device required.');
    route = { ...base, dev, nhScope: nhScopeFor(scope, undefined) };
  } else if (spec.via !== undefined) {
    const nh = checkGateway(ns, spec, scope, dev);
    route = { ...base, via: spec.via, dev: nh.dev, nhScope: nh.nhScope };
  } else {
    if (!dev) fail('Error: Nexthop device required.');
    if (spec.onlink) fail('Error: Nexthop has invalid gateway.');
    if (!dev.up) fail('Error: Device for nexthop is not up.');
    route = { ...base, dev, nhScope: nhScopeFor(scope, undefined) };
  }
  // fib_valid_prefsrc: a `src` must be one of our addresses (a local route may name itself)
  if (spec.src !== undefined && !(spec.type === 'local' && spec.dst.len === 32 && spec.dst.addr === spec.src) && !isLocalAddress(ns, spec.src)) {
    fail('Error: Invalid prefsrc address.');
  }
  return route;
}

export function applyRouteAdd(ctx: ApplyContext, spec: RouteSpec, mode: InsertMode): void {
  const route = buildRoute(ctx.ns, spec);
  if (ctx.ns.table(route.table).insert(route, mode) === 'EEXIST') fail('RTNETLINK answers: File exists');
}

export function applyRouteDel(ctx: ApplyContext, spec: RouteSpec): void {
  const table = ctx.ns.tables.get(tableOf(spec));
  const dev = spec.dev !== undefined ? findDevice(ctx.ns, spec.dev) : undefined;
  const res = table
    ? table.delete({
        dst: spec.dst,
        type: spec.type === 'unicast' ? undefined : spec.type,
        via: spec.via,
        dev,
        src: spec.src,
        metric: spec.metric,
        scope: spec.scope !== undefined ? SCOPE_VALUE[spec.scope] : undefined,
      })
    : 'ESRCH';
  if (res === 'ESRCH') fail('RTNETLINK answers: No such process');
}

export function applyRouteFlush(ctx: ApplyContext, tableId: number): void {
  const table = ctx.ns.tables.get(tableId);
  if (table) table.flush();
}
