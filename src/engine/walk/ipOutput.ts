// Sending an IP packet (net/ipv4/ip_output.c): ip_local_out with the OUTPUT hook (and a new
// route when OUTPUT rewrote the destination or mark: ip_route_me_harder), ip_output with
// POSTROUTING, then ip_finish_output2 for the neighbour.
import { formatIpv4, type Ipv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { ipRouteOutput } from '../kernel/fib/routeOutput';
import type { Netns } from '../kernel/netns';
import { t } from '../trace/recorder';
import { atDev, atNs, type WalkContext } from './context';
import { matchedOf } from './explain';
import { ipFinishOutputMtu } from './ipFragment';
import { ipFinishOutput2 } from './neighOutput';
import { nfHook } from './netfilter';
import { ip, type Skb } from './skb';

/** ip_local_out: a locally generated packet with its route already chosen. */
export function ipLocalOut(ctx: WalkContext, ns: Netns, skb: Skb, dev: Device, nexthop: Ipv4): void {
  const before = { dst: ip(skb).dst, mark: skb.mark };
  if (nfHook(ctx, 'OUTPUT', ns, skb, undefined, dev).verdict === 'drop') return;
  const iph = ip(skb);
  if (iph.dst !== before.dst || skb.mark !== before.mark) {
    const rt = ipRouteOutput(ns, { daddr: iph.dst, saddr: iph.src, mark: skb.mark });
    if (!rt.ok) {
      ctx.drop(skb, atNs(ns), 'NETFILTER_DROP', 'ip_route_me_harder', t(`no route to the rewritten destination ${formatIpv4(iph.dst)}`, `改写后的目的地址 ${formatIpv4(iph.dst)} 没有路由`));
      return;
    }
    const via = rt.gateway !== undefined ? ` via ${formatIpv4(rt.gateway)}` : '';
    ctx.rec.emit(skb, { ...atNs(ns), dev: rt.dev.name }, 'ip_route_me_harder', 'route', t(
      `OUTPUT changed the ${iph.dst !== before.dst ? 'destination' : 'mark'}: routed again, now${via} dev ${rt.dev.name}`,
      `OUTPUT 改变了${iph.dst !== before.dst ? '目的地址' : '标记'}：重新路由，现在${via ? `经 ${formatIpv4(rt.gateway!)}` : ''}从 ${rt.dev.name} 出去`), matchedOf(rt.fib));
    dev = rt.dev;
    nexthop = rt.type === 'local' ? iph.dst : (rt.gateway ?? iph.dst);
  }
  ipOutput(ctx, ns, skb, dev, nexthop);
}

/** ip_output: POSTROUTING, then the neighbour layer. */
export function ipOutput(ctx: WalkContext, ns: Netns, skb: Skb, dev: Device, nexthop: Ipv4): void {
  skb.nexthop = nexthop;
  if (nfHook(ctx, 'POSTROUTING', ns, skb, undefined, dev).verdict === 'drop') return;
  if (!dev.up) {
    ctx.drop(skb, atDev(dev), 'NOT_SPECIFIED', 'ip_output', t(`${dev.name} is down`, `${dev.name} 处于关闭状态`));
    return;
  }
  ipFinishOutputMtu(ctx, dev, skb);
  ipFinishOutput2(ctx, dev, nexthop, skb);
}
