// Output route resolution for locally generated packets (net/ipv4/route.c
// ip_route_output_key_hash_rcu): rules and tables, then source address selection.
import { isLoopback, isMulticast, isZeronet, LIMITED_BROADCAST, type Ipv4 } from '../../addr/ipv4';
import type { Device } from '../dev/device';
import type { Netns } from '../netns';
import { deviceOfAddress, fibLookup, type FibResult } from './lookup';
import { RT_SCOPE_HOST, RT_SCOPE_LINK, RT_SCOPE_UNIVERSE, type FibErrno, type Route } from './route';
import { routeGateway } from './exception';
import { fibResultPrefsrc, inetSelectAddr } from './source';

export interface OutputQuery {
  readonly daddr: Ipv4;
  readonly saddr?: Ipv4; // bound source; undefined/0 = let the kernel choose
  readonly oif?: Device;
  readonly mark?: number;
  /** FLOWI_FLAG_ANYSRC: the source need not be an address of this namespace (a forwarded or re-routed packet) */
  readonly anySrc?: boolean;
}

export type OutputRoute =
  | {
      readonly ok: true;
      readonly type: 'unicast' | 'local' | 'broadcast';
      /** the device the packet leaves by (lo for local destinations) */
      readonly dev: Device;
      readonly gateway?: Ipv4;
      readonly saddr: Ipv4;
      readonly route?: Route;
      readonly fib?: FibResult;
      readonly table?: number;
    }
  | { readonly ok: false; readonly errno: FibErrno | 'ENODEV'; readonly fib?: FibResult };

export function ipRouteOutput(ns: Netns, q: OutputQuery): OutputRoute {
  let saddr = q.saddr ?? 0;
  const mark = q.mark ?? 0;
  let daddr = q.daddr;
  if (saddr) {
    if (isMulticast(saddr) || saddr === LIMITED_BROADCAST || isZeronet(saddr)) return { ok: false, errno: 'EINVAL' };
    // an unbound socket may only use one of this namespace's addresses
    if (!q.anySrc && !deviceOfAddress(ns, saddr)) return { ok: false, errno: 'ENETUNREACH' };
  }
  if (q.oif) {
    if (!q.oif.up) return { ok: false, errno: 'ENETUNREACH' };
    if (daddr === LIMITED_BROADCAST) {
      if (!saddr) saddr = inetSelectAddr(q.oif, 0, RT_SCOPE_LINK);
      return { ok: true, type: 'broadcast', dev: q.oif, saddr };
    }
    if (!saddr && !daddr) saddr = inetSelectAddr(q.oif, 0, RT_SCOPE_HOST);
  }
  if (!daddr) {
    daddr = saddr || 0x7f000001;
    if (!saddr) saddr = daddr;
    return { ok: true, type: 'local', dev: ns.loopback(), saddr };
  }
  const fib = fibLookup(ns, { daddr, saddr, iif: ns.loopback(), oif: q.oif, mark, scope: RT_SCOPE_UNIVERSE });
  if (!fib.ok) {
    if (q.oif) {
      // "Apparently, routing tables are wrong. Assume, that the destination is on link."
      if (!saddr) saddr = inetSelectAddr(q.oif, 0, RT_SCOPE_LINK);
      return { ok: true, type: 'unicast', dev: q.oif, saddr, fib };
    }
    return { ok: false, errno: fib.errno, fib };
  }
  const route = fib.route;
  if (route.type === 'local') {
    if (!saddr) saddr = route.src ?? daddr;
    return { ok: true, type: 'local', dev: ns.loopback(), saddr, route, fib, table: fib.table };
  }
  const dev = route.dev!;
  if (!saddr) saddr = fibResultPrefsrc(route);
  if (isLoopback(saddr) && dev.kind !== 'loopback') return { ok: false, errno: 'EINVAL', fib };
  const type = daddr === LIMITED_BROADCAST || route.type === 'broadcast' ? 'broadcast' : 'unicast';
  return {
    ok: true,
    type: dev.kind === 'loopback' ? 'local' : type,
    dev,
    gateway: routeGateway(ns, route, daddr),
    saddr,
    route,
    fib,
    table: fib.table,
  };
}

/** What the application sees for each errno (strerror). */
export const ERRNO_TEXT: Record<FibErrno | 'ENODEV' | 'EXDEV', string> = {
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
  ENODEV: 'No such device',
  EXDEV: 'Invalid cross-device link',
};
