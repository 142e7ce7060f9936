// Input route resolution for received packets (net/ipv4/route.c ip_route_input_slow,
// ip_mkroute_input): martian checks, rules and tables, forwarding, source validation.
import { isLoopback, isMulticast, isZeronet, LIMITED_BROADCAST, type Ipv4 } from '../../addr/ipv4';
import type { Device } from '../dev/device';
import type { MartianWhy } from '../../trace/causes';
import type { Netns } from '../netns';
import { devForwarding, orConf } from '../sysctl';
import { fibLookup, type FibResult } from './lookup';
import { RT_SCOPE_UNIVERSE, usesGateway, type FibErrno, type Route } from './route';
import { routeGateway } from './exception';
import { fibValidateSource, type ValidateResult } from './validate';

export interface InputQuery {
  readonly saddr: Ipv4;
  readonly daddr: Ipv4;
  readonly dev: Device;
  readonly mark: number;
  /** ARP requests are routed too (arp_process), but never forwarded out the device they came in on. */
  readonly isArp?: boolean;
}

export type InputRoute =
  | { readonly kind: 'local'; readonly route?: Route; readonly fib?: FibResult; readonly validate?: ValidateResult }
  | { readonly kind: 'broadcast'; readonly route?: Route; readonly fib?: FibResult }
  | {
      readonly kind: 'forward';
      readonly route: Route;
      readonly fib: FibResult;
      readonly dev: Device;
      readonly gateway?: Ipv4;
      readonly validate: ValidateResult;
      /** IPSKB_DOREDIRECT: out by the device it came in on, from a source on that link: ip_forward tells the sender */
      readonly redirect: boolean;
    }
  /** ip_error: the packet is dropped (and an ICMP error may be sent) */
  | { readonly kind: 'error'; readonly errno: FibErrno; readonly fib?: FibResult; readonly forwarding: boolean }
  | {
      readonly kind: 'martian';
      readonly what: 'source' | 'destination';
      readonly reason: 'IP_RPFILTER' | 'IP_LOCAL_SOURCE' | 'IP_INVALID_SOURCE' | 'IP_INVALID_DEST'; // skb_drop_reason
      readonly validate?: ValidateResult;
      readonly fib?: FibResult;
      readonly why: MartianWhy;
    };

function validateReason(v: ValidateResult): 'IP_RPFILTER' | 'IP_LOCAL_SOURCE' {
  return v.errno === 'EXDEV' ? 'IP_RPFILTER' : 'IP_LOCAL_SOURCE';
}

function validateWhy(v: ValidateResult): MartianWhy {
  return { code: 'validate', rpFilter: v.rpFilter, check: v.check };
}

/** brd_input: broadcasts are delivered locally once their source checks out (ARP never is). */
function brdInput(ns: Netns, q: InputQuery, route?: Route, fib?: FibResult): InputRoute {
  if (q.isArp) return { kind: 'error', errno: 'EINVAL', fib, forwarding: devForwarding(ns.sysctl, q.dev.name) };
  if (q.saddr !== 0) {
    const validate = fibValidateSource(ns, q.saddr, 0, undefined, q.dev, q.mark);
    if (!validate.ok) return { kind: 'martian', what: 'source', reason: validateReason(validate), validate, fib, why: validateWhy(validate) };
  }
  return { kind: 'broadcast', route, fib };
}

export function ipRouteInput(ns: Netns, q: InputQuery): InputRoute {
  const { saddr, daddr, dev } = q;
  const localnet = orConf(ns.sysctl, dev.name, 'route_localnet');
  if (isMulticast(saddr) || saddr === LIMITED_BROADCAST) {
    return { kind: 'martian', what: 'source', reason: 'IP_INVALID_SOURCE', why: { code: 'multicast-source' } };
  }
  if (daddr === LIMITED_BROADCAST || (saddr === 0 && daddr === 0)) return brdInput(ns, q);
  if (isZeronet(saddr)) return { kind: 'martian', what: 'source', reason: 'IP_INVALID_SOURCE', why: { code: 'zeronet-source' } };
  if (isZeronet(daddr)) return { kind: 'martian', what: 'destination', reason: 'IP_INVALID_DEST', why: { code: 'zeronet-dest' } };
  if (isLoopback(daddr) && !localnet) return { kind: 'martian', what: 'destination', reason: 'IP_INVALID_DEST', why: { code: 'loopback-dest' } };
  if (isLoopback(saddr) && !localnet) return { kind: 'martian', what: 'source', reason: 'IP_INVALID_SOURCE', why: { code: 'loopback-source' } };

  const forwarding = devForwarding(ns.sysctl, dev.name);
  const fib = fibLookup(ns, { daddr, saddr, iif: dev, mark: q.mark, scope: RT_SCOPE_UNIVERSE });
  if (!fib.ok) return { kind: 'error', errno: forwarding ? fib.errno : 'EHOSTUNREACH', fib, forwarding };
  const route = fib.route;
  if (route.type === 'broadcast') return brdInput(ns, q, route, fib);
  if (route.type === 'local') {
    const validate = fibValidateSource(ns, saddr, daddr, undefined, dev, q.mark);
    if (!validate.ok) return { kind: 'martian', what: 'source', reason: validateReason(validate), validate, fib, why: validateWhy(validate) };
    return { kind: 'local', route, fib, validate };
  }
  if (!forwarding) return { kind: 'error', errno: 'EHOSTUNREACH', fib, forwarding };
  if (route.type !== 'unicast') {
    return { kind: 'martian', what: 'destination', reason: 'IP_INVALID_DEST', fib, why: { code: 'dest-route-type', type: route.type } };
  }
  // __mkroute_input
  const out = route.dev!;
  const validate = fibValidateSource(ns, saddr, daddr, out, dev, q.mark);
  if (!validate.ok) return { kind: 'martian', what: 'source', reason: validateReason(validate), validate, fib, why: validateWhy(validate) };
  if (q.isArp && out === dev) {
    return { kind: 'error', errno: 'EINVAL', fib, forwarding };
  }
  return { kind: 'forward', route, fib, dev: out, gateway: routeGateway(ns, route, daddr), validate, redirect: doRedirect(ns, dev, out, saddr, route, validate) };
}

/**
 * __mkroute_input (ip_route_set_doredirect): a packet leaving by the device it came in on, whose
 * source fib_validate_source found on that link (it returned 1), with send_redirects on
 * (all or the device), earns its sender a redirect when the medium is shared (shared_media, on
 * by default) or the source and the gateway share a subnet of the device (inet_addr_onlink).
 */
function doRedirect(ns: Netns, dev: Device, out: Device, saddr: Ipv4, route: Route, validate: ValidateResult): boolean {
  if (out !== dev || !validate.onLink || !orConf(ns.sysctl, out.name, 'send_redirects')) return false;
  return orConf(ns.sysctl, out.name, 'shared_media') || inetAddrOnlink(out, saddr, usesGateway(route) ?? 0);
}

/** inet_addr_onlink: one of the device's subnets holds `a` and (unless it is 0) `b`. */
export function inetAddrOnlink(dev: Device, a: Ipv4, b: Ipv4): boolean {
  const within = (addr: Ipv4, net: Ipv4, len: number) => len === 0 || (addr ^ net) >>> (32 - len) === 0;
  return dev.addrs.some((ifa) => within(a, ifa.local, ifa.len) && (b === 0 || within(b, ifa.local, ifa.len)));
}
