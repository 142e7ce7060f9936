// Receiving an IP packet (net/ipv4/ip_input.c ip_rcv, ip_rcv_finish; net/ipv4/route.c
// ip_route_input_slow and ip_error): PREROUTING, the input route, then local delivery,
// forwarding, or a drop with the kernel's reason.
import { formatIpv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { ipRouteInput, type InputRoute } from '../kernel/fib/routeInput';
import { t } from '../trace/recorder';
import { atDev, type WalkContext } from './context';
import { matchedOf } from './explain';
import { ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, ICMP_NET_UNREACH, ICMP_PKT_FILTERED, icmpSend } from './icmp';
import { ipForward } from './ipForward';
import { ipLocalDeliver } from './ipLocalDeliver';
import { nfHook } from './netfilter';
import { ip, type Skb } from './skb';

export function ipRcv(ctx: WalkContext, dev: Device, skb: Skb): void {
  const at = atDev(dev);
  if (skb.pktType === 'otherhost') {
    ctx.drop(skb, at, 'OTHERHOST', 'ip_rcv', t(
      `frame for ${skb.headers[0].layer === 'eth' ? skb.headers[0].dst : '?'}, not ${dev.name}'s MAC ${dev.mac}: dropped`,
      `帧的目的 MAC 是 ${skb.headers[0].layer === 'eth' ? skb.headers[0].dst : '?'}，不是 ${dev.name} 的 ${dev.mac}：丢弃`));
    return;
  }
  const ns = dev.ns;
  if (dev.kind === 'loopback') {
    // looped-back packets keep the route chosen on output (skb_dst): straight to local delivery
    return ipLocalDeliver(ctx, ns, dev, skb);
  }
  if (skb.preroutingDone) skb.preroutingDone = false; // br_netfilter ran it at the bridge port
  else if (nfHook(ctx, 'PREROUTING', ns, skb, dev).verdict === 'drop') return;
  const iph = ip(skb);
  const rt = ipRouteInput(ns, { saddr: iph.src, daddr: iph.dst, dev, mark: skb.mark });
  routeEvent(ctx, dev, skb, rt);
  switch (rt.kind) {
    case 'local':
    case 'broadcast':
      return ipLocalDeliver(ctx, ns, dev, skb);
    case 'forward':
      return ipForward(ctx, dev, skb, rt.dev, rt.gateway ?? iph.dst);
    case 'martian':
      ctx.drop(skb, at, rt.reason, rt.reason === 'IP_RPFILTER' || rt.reason === 'IP_LOCAL_SOURCE' ? 'fib_validate_source' : 'ip_route_input_slow', t(
        `martian ${rt.what}: ${rt.why}`, `火星${rt.what === 'source' ? '源' : '目的'}地址：${rt.why}`));
      return;
    case 'error':
      return ipError(ctx, dev, skb, rt);
  }
}

function routeEvent(ctx: WalkContext, dev: Device, skb: Skb, rt: InputRoute): void {
  const iph = ip(skb);
  const dst = formatIpv4(iph.dst);
  const at = atDev(dev);
  const matched = 'fib' in rt ? matchedOf(rt.fib) : undefined;
  switch (rt.kind) {
    case 'local':
      ctx.rec.emit(skb, at, 'ip_route_input', 'route', t(`${dst} is a local address: deliver here`, `${dst} 是本机地址：本地交付`), matched);
      return;
    case 'broadcast':
      ctx.rec.emit(skb, at, 'ip_route_input', 'route', t(`${dst} is a broadcast: deliver here`, `${dst} 是广播地址：本地交付`), matched);
      return;
    case 'forward': {
      const via = rt.gateway !== undefined ? ` via ${formatIpv4(rt.gateway)}` : '';
      ctx.rec.emit(skb, at, 'ip_route_input', 'route', t(`${dst} is not local: forward${via} out ${rt.dev.name}`, `${dst} 不是本机地址：经${via ? ` ${formatIpv4(rt.gateway!)}` : ''} ${rt.dev.name} 转发`), matched);
      if (rt.validate.rpFilter) ctx.rec.emit(skb, at, 'fib_validate_source', 'route', t(`rp_filter=${rt.validate.rpFilter}: ${rt.validate.why}`, `rp_filter=${rt.validate.rpFilter}：${rt.validate.why}`), matchedOf(rt.validate.reverse));
      return;
    }
    case 'martian':
      ctx.rec.emit(skb, at, 'ip_route_input', 'route', t(`route lookup for ${dst}`, `为 ${dst} 查路由`), matched ?? matchedOf(rt.validate?.reverse));
      return;
    case 'error':
      ctx.rec.emit(skb, at, 'ip_route_input', 'route', rt.forwarding
        ? t(`no usable route to ${dst} (${rt.errno})`, `没有去往 ${dst} 的可用路由（${rt.errno}）`)
        : t(`${dst} is not local and forwarding is off on ${dev.name}`, `${dst} 不是本机地址，且 ${dev.name} 上转发已关闭`), matched);
  }
}

/** ip_error: the packet dies here; a forwarding router tells the sender why. */
function ipError(ctx: WalkContext, dev: Device, skb: Skb, rt: Extract<InputRoute, { kind: 'error' }>): void {
  const at = atDev(dev);
  if (!rt.forwarding) {
    ctx.drop(skb, at, rt.errno === 'EHOSTUNREACH' ? 'IP_INADDRERRORS' : rt.errno === 'ENETUNREACH' ? 'IP_INNOROUTES' : 'NOT_SPECIFIED', 'ip_error');
    return;
  }
  const codes: Record<string, number | undefined> = { ENETUNREACH: ICMP_NET_UNREACH, EHOSTUNREACH: ICMP_HOST_UNREACH, EACCES: ICMP_PKT_FILTERED };
  const code = codes[rt.errno];
  const reason = rt.errno === 'ENETUNREACH' ? 'IP_INNOROUTES' : 'NOT_SPECIFIED';
  ctx.drop(skb, at, reason, 'ip_error', code !== undefined
    ? t(`no route: dropped, ICMP destination unreachable (code ${code}) goes back to the sender`, `无路由：丢弃，并向发送方回送 ICMP 目的不可达（code ${code}）`)
    : undefined);
  if (code !== undefined) icmpSend(ctx, dev.ns, skb, ICMP_DEST_UNREACH, code, false);
}
