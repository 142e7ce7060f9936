// IP-in-IP on the wire (net/ipv4/ipip.c ipip_tunnel_xmit / ipip_rcv, net/ipv4/ip_tunnel.c
// ip_tunnel_xmit / ip_tunnel_rcv, net/ipv4/tunnel4.c, RFC 2003): an IPv4 packet sent on an
// ipip device gets an outer IPv4 header (protocol 4) and is routed again in the namespace; a
// received protocol-4 packet is matched to a tunnel, stripped, and received on that device.
import { formatIpv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { IPIP_HLEN, ipipLoaded, ipTunnelLookup, isIpip } from '../kernel/dev/ipipTunnel';
import { ipRouteOutput } from '../kernel/fib/routeOutput';
import type { Netns } from '../kernel/netns';
import { IPPROTO_IPIP, type Ipv4Header } from '../packet/headers';
import { ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, ICMP_PORT_UNREACH, ICMP_PROT_UNREACH } from '../packet/names';
import { atDev, type WalkContext } from './context';
import { icmpSend } from './icmp';
import { ipRcv } from './ipInput';
import { ipLocalOut } from './ipOutput';
import { tunnelRef } from './refs';
import { routeOutputEvent } from './routeEvents';
import { ip, scrub, type Skb } from './skb';

/** An IPv4 packet sent on an ipip device: the outer IPv4 header (protocol 4), then outer routing. */
export function ipipXmit(ctx: WalkContext, dev: Device, skb: Skb): void {
  if (!isIpip(dev)) throw new Error(`invariant: ${dev.name} is an ipip device without tunnel parameters`);
  if (skb.headers[0]?.layer !== 'ipv4') throw new Error('invariant: an ipip device sends bare IPv4 packets');
  const at = atDev(dev, 'out');
  const ns = dev.ns;
  const tun = dev.tunnel;
  const inner = ip(skb);
  ctx.rec.emit(skb, at, 'ipip_tunnel_xmit', 'ipip.xmit', { dev: dev.name });
  // ip_tunnel_xmit: a one-to-many (NBMA) tunnel sends to rt_nexthop(), the gateway of the
  // route that chose the tunnel, or the inner destination when that route has none
  const dst = tun.remote ?? skb.nexthop ?? inner.dst;
  const tunnelDst = tun.remote !== undefined ? 'remote' : dst !== inner.dst ? 'gateway' : 'inner';
  const link = tun.link !== undefined ? ns.devices.get(tun.link) : undefined;
  // the outer lookup carries the tunnel's fwmark (none here), not the packet's mark
  const rt = ipRouteOutput(ns, { daddr: dst, saddr: tun.local, oif: link, mark: 0 });
  routeOutputEvent(ctx, ns, skb, 'ip_route_output', rt, dst, { purpose: 'ipip', tunnelDst, tunnel: dev.name });
  if (!rt.ok) {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'ip_tunnel_xmit', { code: 'ipip-no-route', dst: formatIpv4(dst), dev: dev.name });
    return;
  }
  if (rt.dev === dev) {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'ip_tunnel_xmit', { code: 'ipip-loop', dst: formatIpv4(dst), dev: dev.name });
    return;
  }
  // DF from the template (pmtudisc) or the inner packet
  const df = tun.pmtudisc !== false || inner.df;
  if (!tnlUpdatePmtu(ctx, dev, skb, rt.dev, df)) return;
  // iptunnel_xmit: TTL 0 in the tunnel inherits the inner one
  const outer: Ipv4Header = {
    layer: 'ipv4',
    src: rt.saddr,
    dst,
    ttl: tun.ttl || inner.ttl,
    protocol: IPPROTO_IPIP,
    length: inner.length + IPIP_HLEN,
    df,
  };
  scrub(skb, false);
  skb.headers = [outer, ...skb.headers];
  ctx.rec.emit(skb, at, 'iptunnel_xmit', 'ipip.encap', {
    dev: dev.name,
    src: formatIpv4(outer.src),
    dst: formatIpv4(outer.dst),
    ttl: outer.ttl,
    inherited: !tun.ttl,
    df: outer.df,
    innerSrc: formatIpv4(inner.src),
    innerDst: formatIpv4(inner.dst),
  }, [tunnelRef(dev)]);
  ipLocalOut(ctx, ns, skb, rt.dev, rt.type === 'local' ? dst : (rt.gateway ?? dst));
}

/**
 * tnl_update_pmtu: with DF on the outer header the inner packet must fit the underlay's MTU
 * minus the outer 20 bytes (else the tunnel's own MTU). An inner packet with DF that does not
 * fit is answered with ICMP fragmentation needed and freed (tx_error: kfree_skb).
 */
function tnlUpdatePmtu(ctx: WalkContext, dev: Device, skb: Skb, underlay: Device, df: boolean): boolean {
  const inner = ip(skb);
  const mtu = df ? underlay.mtu - IPIP_HLEN : dev.mtu;
  if (!inner.df || inner.length <= mtu) return true;
  ctx.drop(skb, atDev(dev, 'out'), 'NOT_SPECIFIED', 'tnl_update_pmtu', {
    code: 'frag-needed',
    length: inner.length,
    dev: dev.name,
    mtu,
    ...(df ? { underlay: { dev: underlay.name, mtu: underlay.mtu } } : {}),
  });
  icmpSend(ctx, dev.ns, skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, false, mtu);
  return false;
}

/** A locally delivered IPv4 packet of protocol 4: find the tunnel, decapsulate, receive on it. */
export function ipipRcv(ctx: WalkContext, ns: Netns, skb: Skb, at: Device): void {
  const outer = ip(skb);
  if (!ipipLoaded(ctx.lab, ns.machine)) {
    // ip_protocol_deliver_rcu: nothing registered for protocol 4 without the module
    ctx.drop(skb, atDev(at, 'in'), 'IP_NOPROTO', 'ip_protocol_deliver_rcu', { code: 'ipip-not-loaded', from: formatIpv4(outer.src) });
    icmpSend(ctx, ns, skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, true);
    return;
  }
  const tun = ipTunnelLookup(ns, at, outer.src, outer.dst);
  if (!tun) {
    // ipip_rcv declines, tunnel4_rcv answers port unreachable and frees the packet
    ctx.drop(skb, atDev(at, 'in'), 'NOT_SPECIFIED', 'tunnel4_rcv', { code: 'ipip-no-tunnel', src: formatIpv4(outer.src), dst: formatIpv4(outer.dst) });
    icmpSend(ctx, ns, skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, true);
    return;
  }
  // ip_tunnel_rcv: pull the outer header, scrub, and hand the inner packet to the tunnel device
  const i = skb.headers.indexOf(outer);
  skb.headers = skb.headers.slice(i + 1);
  scrub(skb, false);
  skb.dev = tun;
  skb.pktType = 'host';
  ctx.rec.emit(skb, atDev(tun, 'in'), 'ipip_rcv', 'ipip.decap', { dev: tun.name, from: formatIpv4(outer.src) }, [tunnelRef(tun)]);
  if (!ctx.hop(skb, atDev(tun, 'in'))) return;
  ctx.rec.emit(skb, atDev(tun, 'in'), 'netif_receive_skb', 'dev.recv', { dev: tun.name, pktType: 'host' });
  ipRcv(ctx, tun, skb);
}

/**
 * An ICMP error quoting one of our outer headers (tunnel4_err → ipip_err): looked up like a
 * received packet, reversed. A one-to-many tunnel ignores it; a point-to-point one only counts
 * it (err_count) for later packets. Nothing reaches the application that sent the inner packet.
 */
export function ipipErr(ctx: WalkContext, ns: Netns, skb: Skb, at: Device): void {
  const icmp = skb.headers.find((h) => h.layer === 'icmp');
  const quoted = icmp?.layer === 'icmp' ? icmp.quoted?.[0] : undefined;
  if (quoted?.layer !== 'ipv4') throw new Error('invariant: ipip_err without a quoted IPv4 header');
  const tun = ipipLoaded(ctx.lab, ns.machine) ? ipTunnelLookup(ns, at, quoted.dst, quoted.src) : undefined;
  ctx.drop(skb, atDev(at, 'in'), 'NOT_SPECIFIED', 'ipip_err', {
    code: 'ipip-error',
    dst: formatIpv4(quoted.dst),
    ...(tun ? { tunnel: tun.name } : {}),
    nbma: tun?.tunnel.remote === undefined,
  });
}
