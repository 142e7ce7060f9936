// Next-hop exceptions (net/ipv4/route.c: fib_nh_exception, find_exception,
// update_or_create_fnhe): a redirect the host accepted makes every later route to that
// destination through the same nexthop use the gateway the redirect named (`ip route get`
// shows it as `cache <redirected>`). podpath keeps them per traced conversation; the kernel
// lets them expire after ip_rt_gc_timeout (300 s).
import type { Ipv4 } from '../../addr/ipv4';
import type { Netns } from '../netns';
import { usesGateway, type Route } from './route';

/** find_exception: the redirected gateway for `daddr` through `route`'s nexthop, if any. */
export function findException(ns: Netns, route: Route, daddr: Ipv4): Ipv4 | undefined {
  return ns.fnhe.get(route)?.get(daddr);
}

/** The gateway a route uses towards `daddr`: a redirect's (rt_bind_exception), else its own. */
export function routeGateway(ns: Netns, route: Route, daddr: Ipv4): Ipv4 | undefined {
  return findException(ns, route, daddr) ?? usesGateway(route);
}

/** update_or_create_fnhe: later packets to `daddr` through `route`'s nexthop go via `gateway`. */
export function updateOrCreateFnhe(ns: Netns, route: Route, daddr: Ipv4, gateway: Ipv4): void {
  let byDst = ns.fnhe.get(route);
  if (!byDst) ns.fnhe.set(route, (byDst = new Map()));
  if (byDst.get(daddr) === gateway) return;
  byDst.set(daddr, gateway);
  ns.stateVersion++;
}
