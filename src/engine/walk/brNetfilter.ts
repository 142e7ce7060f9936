// br_netfilter (net/bridge/br_netfilter_hooks.c): with net.bridge.bridge-nf-call-iptables=1
// (the default once the module is loaded, as on Kubernetes nodes) every IPv4 frame entering a
// bridge port crosses the iptables PREROUTING hook at the port (br_nf_pre_routing, -m physdev
// sees the port) — also a frame for the bridge's own MAC, whose IP stack then skips PREROUTING
// (ip_sabotage_in) — and frames the bridge forwards between its ports cross FORWARD and
// POSTROUTING towards each output port. If PREROUTING's DNAT changed the destination
// (br_nf_pre_routing_finish), the frame is routed: a destination reached through the bridge
// itself is "bridged DNAT" — its MAC is resolved and the frame bridged to it, not routed (no
// TTL decrement, no ip_forward; but the input route that finds it there needs forwarding on
// the bridge) — anything else goes to the IP stack.
import { formatIpv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { ipRouteInput } from '../kernel/fib/routeInput';
import { ETH_P_IP } from '../packet/headers';
import { atDev, type WalkContext } from './context';
import { neighResolve } from './neighOutput';
import { neighLookup, neighValid } from '../kernel/neigh/neighbour';
import { nfHook } from './netfilter';
import { eth, ip, pushEth, type Skb } from './skb';

export function bridgeNfEnabled(bridge: Device): boolean {
  return bridge.ns.sysctl.net['net.bridge.bridge-nf-call-iptables'] !== 0;
}

function applies(bridge: Device, skb: Skb): boolean {
  const frame = eth(skb);
  return frame?.type === ETH_P_IP && bridgeNfEnabled(bridge) && !(bridge.ns.nf.isEmpty() && !bridge.ns.nf.conntrackEnabled());
}

/** br_nf_pre_routing: 'bridge' to go on as before, 'dnat' when the destination was rewritten, 'drop'. */
export function brNfPreRouting(ctx: WalkContext, bridge: Device, port: Device, skb: Skb): 'bridge' | 'dnat' | 'drop' {
  if (!applies(bridge, skb)) return 'bridge';
  const dstBefore = ip(skb).dst;
  skb.physIn = port;
  ctx.rec.emit(skb, atDev(bridge), 'br_nf_pre_routing', 'br.nf', { bridge: bridge.name, port: port.name });
  if (nfHook(ctx, 'PREROUTING', bridge.ns, skb, bridge).verdict === 'drop') return 'drop';
  skb.preroutingDone = true;
  return ip(skb).dst !== dstBefore ? 'dnat' : 'bridge';
}

/**
 * br_nf_pre_routing_finish after a DNAT: ip_route_input for the new destination. A martian
 * is dropped here with the route's reason; a destination reached through the bridge itself is
 * bridged to ('bridge', the frame's destination MAC rewritten to the neighbour's); anything
 * else — local, routed elsewhere, or no route at all (Linux 6.18's ip_route_input answers
 * "unreachable" with an error route, not an error, so forwarding being off does not stop it
 * here) — goes up to the IP stack with the bridge's own MAC ('stack'), which then delivers,
 * forwards or drops it (ip_error). 'drop' when the frame died.
 */
export function brNfPreRoutingFinishDnat(ctx: WalkContext, bridge: Device, port: Device, skb: Skb): 'bridge' | 'stack' | 'drop' {
  const iph = ip(skb);
  const ns = bridge.ns;
  const at = atDev(bridge);
  const dst = formatIpv4(iph.dst);
  const rt = ipRouteInput(ns, { saddr: iph.src, daddr: iph.dst, dev: bridge, mark: skb.mark });
  if (rt.kind === 'martian') {
    ctx.drop(skb, at, rt.reason, 'br_nf_pre_routing_finish', { code: 'martian', what: rt.what, why: rt.why });
    return 'drop';
  }
  const frame = eth(skb)!;
  if (rt.kind !== 'forward' || rt.dev !== bridge) {
    ctx.rec.emit(skb, at, 'br_nf_pre_routing_finish', 'br.nf.dnat', { bridge: bridge.name, dst, to: 'stack' });
    pushEth(skb, { ...frame, dst: bridge.mac });
    return 'stack';
  }
  ctx.rec.emit(skb, at, 'br_nf_pre_routing_finish', 'br.nf.dnat', { bridge: bridge.name, dst, to: 'bridge' });
  // br_nf_pre_routing_finish_bridge: the neighbour's MAC in place of the destination; the
  // source MAC stays the sender's. With the neighbour's header cached (hh) that is all; without
  // it the packet goes through the neighbour's output, ARP first if need be, and out the bridge
  // device, whose br_dev_xmit hands it back to the bridge (br_nf_pre_routing_finish_bridge_slow)
  const nexthop = rt.gateway ?? iph.dst;
  const cached = neighLookup(ns, bridge, nexthop);
  const fast = neighValid(cached) && cached.hh === true;
  const mac = neighResolve(ctx, bridge, nexthop, skb);
  if (mac === undefined) return 'drop';
  if (!fast) {
    // captured on the bridge device with the sender's source MAC still in place (Linux 6.18)
    pushEth(skb, { ...frame, dst: mac });
    ctx.rec.emit(skb, atDev(bridge, 'out'), 'br_dev_xmit', 'br.nf.xmit', { bridge: bridge.name });
  }
  pushEth(skb, { ...frame, dst: mac });
  skb.physIn = port;
  return 'bridge';
}

/** br_nf_forward_ip + br_nf_post_routing towards one output port. */
export function brNfForward(ctx: WalkContext, bridge: Device, out: Device, skb: Skb): boolean {
  if (!applies(bridge, skb)) return true;
  skb.physOut = out;
  if (nfHook(ctx, 'FORWARD', bridge.ns, skb, bridge, bridge).verdict === 'drop') return false;
  return nfHook(ctx, 'POSTROUTING', bridge.ns, skb, undefined, bridge).verdict !== 'drop';
}
