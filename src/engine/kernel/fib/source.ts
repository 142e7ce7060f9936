// Source address selection (net/ipv4/devinet.c inet_select_addr, fib_result_prefsrc).
import { inPrefix, makePrefix, type Ipv4 } from '../../addr/ipv4';
import type { Device } from '../dev/device';
import { RT_SCOPE_HOST, RT_SCOPE_LINK, type Route } from './route';

/**
 * inet_select_addr(dev, dst, scope): the first primary address on `dev` within `scope`,
 * preferring one whose subnet holds `dst`; failing that, any primary address of suitable
 * scope on any device of the namespace (lo first), except link-scoped ones.
 */
export function inetSelectAddr(dev: Device, dst: Ipv4, scope: number): Ipv4 {
  const localnetScope = RT_SCOPE_HOST;
  let addr = 0;
  for (const ifa of dev.addrs) {
    if (ifa.secondary) continue;
    if (Math.min(ifa.scope, localnetScope) > scope) continue;
    if (!dst || inPrefix(dst, makePrefix(ifa.local, ifa.len))) return ifa.local;
    if (!addr) addr = ifa.local;
  }
  if (addr) return addr;
  for (const other of dev.ns.orderedDevices()) {
    for (const ifa of other.addrs) {
      if (ifa.secondary) continue;
      if (ifa.scope !== RT_SCOPE_LINK && ifa.scope <= scope) return ifa.local;
    }
  }
  return 0;
}

/** fib_result_prefsrc: the route's `src`, else an address chosen for its nexthop. */
export function fibResultPrefsrc(route: Route): Ipv4 {
  if (route.src !== undefined) return route.src;
  return route.dev ? inetSelectAddr(route.dev, route.via ?? 0, route.scope) : 0;
}
