// IP-in-IP on the wire (net/ipv4/ipip.c ipip_tunnel_xmit / ipip_rcv, net/ipv4/ip_tunnel.c
// ip_tunnel_xmit / ip_tunnel_rcv, net/ipv4/tunnel4.c, RFC 2003): an IPv4 packet sent on an
// ipip device gets an outer IPv4 header (protocol 4) and is routed again in the namespace; a
// received protocol-4 packet is matched to a tunnel, stripped, and received on that device.
import { formatIpv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { IPIP_HLEN, ipipLoaded, ipipTunnelLine, ipTunnelLookup, isIpip } from '../kernel/dev/ipipTunnel';
import { ipRouteOutput } from '../kernel/fib/routeOutput';
import type { Netns } from '../kernel/netns';
import { formatHeaders } from '../packet/format';
import { IPPROTO_IPIP, type Ipv4Header } from '../packet/headers';
import { t } from '../trace/recorder';
import { atDev, type WalkContext } from './context';
import { matchedOf } from './explain';
import { ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, ICMP_PORT_UNREACH, icmpSend } from './icmp';
import { ipRcv } from './ipInput';
import { ipLocalOut } from './ipOutput';
import { ip, scrub, type Skb } from './skb';

const ICMP_PROT_UNREACH = 2;

/** An IPv4 packet sent on an ipip device: the outer IPv4 header (protocol 4), then outer routing. */
export function ipipXmit(ctx: WalkContext, dev: Device, skb: Skb): void {
  if (!isIpip(dev)) throw new Error(`invariant: ${dev.name} is an ipip device without tunnel parameters`);
  if (skb.headers[0]?.layer !== 'ipv4') throw new Error('invariant: an ipip device sends bare IPv4 packets');
  const at = atDev(dev);
  const ns = dev.ns;
  const tun = dev.tunnel;
  const inner = ip(skb);
  ctx.rec.emit(skb, at, 'ipip_tunnel_xmit', 'xmit', t(`sent on ${dev.name}: ${formatHeaders(skb.headers)}`, `从 ${dev.name} 发出：${formatHeaders(skb.headers)}`));
  // ip_tunnel_xmit: a one-to-many (NBMA) tunnel sends to rt_nexthop(), the gateway of the
  // route that chose the tunnel, or the inner destination when that route has none
  const dst = tun.remote ?? skb.nexthop ?? inner.dst;
  const why = tun.remote !== undefined
    ? t(`the tunnel's remote ${formatIpv4(dst)}`, `隧道的 remote ${formatIpv4(dst)}`)
    : dst !== inner.dst
      ? t(`one-to-many tunnel: the gateway ${formatIpv4(dst)} of the route that chose ${dev.name}`, `一对多隧道：选中 ${dev.name} 的那条路由的网关 ${formatIpv4(dst)}`)
      : t(`one-to-many tunnel and a route without gateway: the inner destination ${formatIpv4(dst)} itself`, `一对多隧道而路由没有网关：就用内层目的地址 ${formatIpv4(dst)}`);
  const link = tun.link !== undefined ? ns.devices.get(tun.link) : undefined;
  // the outer lookup carries the tunnel's fwmark (none here), not the packet's mark
  const rt = ipRouteOutput(ns, { daddr: dst, saddr: tun.local, oif: link, mark: 0 });
  if (!rt.ok) {
    ctx.rec.emit(skb, at, 'ip_route_output', 'route', t(`outer destination: ${why.en}; no route to it (${rt.errno})`, `外层目的地址：${why['zh-CN']}；没有去往它的路由（${rt.errno}）`), matchedOf(rt.fib));
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'ip_tunnel_xmit', t(
      `no route for the outer packet to ${formatIpv4(dst)}: ${dev.name} counts a carrier error and frees the packet`,
      `外层包去往 ${formatIpv4(dst)} 没有路由：${dev.name} 记一次 carrier 错误并释放该包`));
    return;
  }
  const via = rt.gateway !== undefined ? ` via ${formatIpv4(rt.gateway)}` : '';
  ctx.rec.emit(skb, { ...at, dev: rt.dev.name }, 'ip_route_output', 'route', t(
    `outer destination: ${why.en}; routed${via} dev ${rt.dev.name}, source ${formatIpv4(rt.saddr)}`,
    `外层目的地址：${why['zh-CN']}；路由${via ? `经 ${formatIpv4(rt.gateway!)}` : ''}从 ${rt.dev.name} 出去，源地址 ${formatIpv4(rt.saddr)}`), matchedOf(rt.fib));
  if (rt.dev === dev) {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'ip_tunnel_xmit', t(
      `the outer packet to ${formatIpv4(dst)} would go back into ${dev.name} itself: the kernel counts a collision and frees it`,
      `去往 ${formatIpv4(dst)} 的外层包又会回到 ${dev.name} 自己：内核记一次 collision 并释放它`));
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
  ctx.rec.emit(skb, at, 'iptunnel_xmit', 'encap', t(
    `IP-in-IP: outer IPv4 ${formatIpv4(outer.src)} > ${formatIpv4(outer.dst)} protocol 4, ttl ${outer.ttl}${tun.ttl ? '' : ' (inherited)'}${outer.df ? ', DF' : ''} around ${formatIpv4(inner.src)} > ${formatIpv4(inner.dst)}`,
    `IP-in-IP：在 ${formatIpv4(inner.src)} > ${formatIpv4(inner.dst)} 外面加上外层 IPv4 ${formatIpv4(outer.src)} > ${formatIpv4(outer.dst)}，协议号 4，ttl ${outer.ttl}${tun.ttl ? '' : '（继承内层）'}${outer.df ? '，DF' : ''}`), ipipTunnelLine(dev));
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
  ctx.drop(skb, atDev(dev), 'NOT_SPECIFIED', 'tnl_update_pmtu', t(
    `${inner.length} bytes with DF set do not fit the tunnel path (${df ? `${underlay.name}'s MTU ${underlay.mtu} minus the outer 20 bytes` : `${dev.name}'s MTU`} = ${mtu}): ICMP fragmentation needed (mtu ${mtu}) goes back, the packet is freed`,
    `${inner.length} 字节且带 DF 位，超出隧道路径（${df ? `${underlay.name} 的 MTU ${underlay.mtu} 减去外层 20 字节` : `${dev.name} 的 MTU`} = ${mtu}）：回送 ICMP 需要分片（mtu ${mtu}），包被释放`));
  icmpSend(ctx, dev.ns, skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, false, mtu);
  return false;
}

/** A locally delivered IPv4 packet of protocol 4: find the tunnel, decapsulate, receive on it. */
export function ipipRcv(ctx: WalkContext, ns: Netns, skb: Skb, at: Device): void {
  const outer = ip(skb);
  if (!ipipLoaded(ctx.lab, ns.machine)) {
    // ip_protocol_deliver_rcu: nothing registered for protocol 4 without the module
    ctx.drop(skb, atDev(at), 'IP_NOPROTO', 'ip_protocol_deliver_rcu', t(
      `no handler for IP protocol 4 (the ipip module is not loaded): ICMP protocol unreachable goes back to ${formatIpv4(outer.src)}`,
      `IP 协议 4 没有处理者（未加载 ipip 模块）：向 ${formatIpv4(outer.src)} 回送 ICMP 协议不可达`));
    icmpSend(ctx, ns, skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, true);
    return;
  }
  const tun = ipTunnelLookup(ns, at, outer.src, outer.dst);
  if (!tun) {
    // ipip_rcv declines, tunnel4_rcv answers port unreachable and frees the packet
    ctx.drop(skb, atDev(at), 'NOT_SPECIFIED', 'tunnel4_rcv', t(
      `no ipip tunnel that is up matches ${formatIpv4(outer.src)} > ${formatIpv4(outer.dst)} (and tunl0 is down): ICMP port unreachable goes back`,
      `没有处于 up 状态的 ipip 隧道匹配 ${formatIpv4(outer.src)} > ${formatIpv4(outer.dst)}（tunl0 也是 down）：回送 ICMP 端口不可达`));
    icmpSend(ctx, ns, skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, true);
    return;
  }
  // ip_tunnel_rcv: pull the outer header, scrub, and hand the inner packet to the tunnel device
  const i = skb.headers.indexOf(outer);
  skb.headers = skb.headers.slice(i + 1);
  scrub(skb, false);
  skb.dev = tun;
  skb.pktType = 'host';
  ctx.rec.emit(skb, atDev(tun), 'ipip_rcv', 'decap', t(
    `${tun.name} takes the packet from ${formatIpv4(outer.src)}: outer header removed, ${formatHeaders(skb.headers)}`,
    `${tun.name} 接收来自 ${formatIpv4(outer.src)} 的包：剥掉外层头，${formatHeaders(skb.headers)}`), ipipTunnelLine(tun));
  if (!ctx.hop(skb, atDev(tun))) return;
  ctx.rec.emit(skb, atDev(tun), 'netif_receive_skb', 'recv', t(`received on ${tun.name}: ${formatHeaders(skb.headers)}`, `在 ${tun.name} 上收到：${formatHeaders(skb.headers)}`));
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
  const what = !tun
    ? t('no tunnel of this namespace sent it', '本命名空间没有隧道发过它')
    : tun.tunnel.remote === undefined
      ? t(`${tun.name} is one-to-many and ignores it`, `${tun.name} 是一对多隧道，忽略它`)
      : t(`${tun.name} only counts it, to report "link failure" on its next packets`, `${tun.name} 只记下它，在后续包上报告链路故障`);
  ctx.drop(skb, atDev(at), 'NOT_SPECIFIED', 'ipip_err', t(
    `ICMP error about an IP-in-IP packet to ${formatIpv4(quoted.dst)}: ${what.en}; the sender of the inner packet hears nothing`,
    `关于发往 ${formatIpv4(quoted.dst)} 的 IP-in-IP 包的 ICMP 差错：${what['zh-CN']}；内层包的发送方什么也收不到`));
}
