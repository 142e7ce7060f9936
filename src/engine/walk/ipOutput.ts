// Sending an IP packet (net/ipv4/ip_output.c): ip_local_out with the OUTPUT hook (and a new
// route when OUTPUT rewrote the destination or mark: ip_route_me_harder), ip_output with
// POSTROUTING, then ip_finish_output2 for the neighbour.
import { formatIpv4, type Ipv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { ipRouteOutput } from '../kernel/fib/routeOutput';
import type { Netns } from '../kernel/netns';
import { atDev, atNs, type WalkContext } from './context';
import { ipFinishOutputMtu } from './ipFragment';
import { ipFinishOutput2 } from './neighOutput';
import { nfHook } from './netfilter';
import { fibRefs } from './refs';
import { ip, type Skb } from './skb';

/** ip_local_out: a locally generated packet with its route already chosen. */
export function ipLocalOut(ctx: WalkContext, ns: Netns, skb: Skb, dev: Device, nexthop: Ipv4): void {
  const before = { dst: ip(skb).dst, mark: skb.mark };
  if (nfHook(ctx, 'OUTPUT', ns, skb, undefined, dev).verdict === 'drop') return;
  const iph = ip(skb);
  if (iph.dst !== before.dst || skb.mark !== before.mark) {
    // ip_route_me_harder keeps a unicast source it does not own (FLOWI_FLAG_ANYSRC): an l3
    // ipvlan's packet is routed in its master's namespace with the ipvlan's address
    const rt = ipRouteOutput(ns, { daddr: iph.dst, saddr: iph.src, mark: skb.mark, anySrc: true });
    if (!rt.ok) {
      ctx.drop(skb, atNs(ns), 'NETFILTER_DROP', 'ip_route_me_harder', { code: 'reroute-no-route', dst: formatIpv4(iph.dst) });
      return;
    }
    ctx.rec.emit(skb, { ...atNs(ns), dev: rt.dev.name, dir: 'out' }, 'ip_route_me_harder', 'route.reroute', {
      changed: iph.dst !== before.dst ? 'dst' : 'mark',
      dev: rt.dev.name,
      ...(rt.gateway !== undefined ? { gateway: formatIpv4(rt.gateway) } : {}),
    }, fibRefs(ns, rt.fib));
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
    // a down device's queue is the noop qdisc: __dev_queue_xmit frees what it is given (seen on
    // Linux 6.18 for a local address's route through a namespace's lo left down)
    ctx.drop(skb, atDev(dev, 'out'), 'QDISC_DROP', '__dev_queue_xmit', { code: 'dev-down', dev: dev.name });
    return;
  }
  ipFinishOutputMtu(ctx, dev, skb);
  ipFinishOutput2(ctx, dev, nexthop, skb);
}
