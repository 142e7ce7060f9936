// The trace events of route lookups (net/ipv4/route.c): what an output lookup chose, with the
// ip rule and route that decided as refs. Shared by every sender: sockets, tunnels' outer
// packets, IPVS, and re-routing after OUTPUT.
import { formatIpv4, type Ipv4 } from '../addr/ipv4';
import type { OutputRoute } from '../kernel/fib/routeOutput';
import type { Netns } from '../kernel/netns';
import type { EventParams } from '../trace/events';
import type { At } from '../trace/types';
import { atNs, type WalkContext } from './context';
import { fibRefs } from './refs';
import type { Skb } from './skb';

type OutputExtra = Pick<EventParams['route.output'], 'purpose' | 'tunnelDst' | 'tunnel'>;

/** A `route.output` event for `rt`; at the namespace, or its chosen device going out. */
export function routeOutputEvent(ctx: WalkContext, ns: Netns, skb: Skb, fn: string, rt: OutputRoute, daddr: Ipv4, extra: OutputExtra = {}): void {
  if (!ctx.rec.recording) return ctx.rec.skip();
  const dst = formatIpv4(daddr);
  const refs = fibRefs(ns, rt.fib);
  if (!rt.ok) {
    ctx.rec.emit(skb, atNs(ns), fn, 'route.output', { dst, result: 'error', errno: rt.errno, ...extra }, refs);
    return;
  }
  const at: At = { ...atNs(ns), dev: rt.dev.name, dir: 'out' };
  ctx.rec.emit(skb, at, fn, 'route.output', {
    dst,
    result: rt.type,
    dev: rt.dev.name,
    ...(rt.gateway !== undefined ? { gateway: formatIpv4(rt.gateway) } : {}),
    src: formatIpv4(rt.saddr),
    ...extra,
  }, refs);
}
