// ip_forward (net/ipv4/ip_forward.c): TTL, the MTU, the FORWARD hook, then out through ip_output.
import { formatIpv4, type Ipv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { t } from '../trace/recorder';
import { atDev, type WalkContext } from './context';
import { ICMP_TIME_EXCEEDED, icmpSend } from './icmp';
import { ipForwardMtuOk } from './ipFragment';
import { ipOutput } from './ipOutput';
import { nfHook } from './netfilter';
import { ip, popEth, replaceLayer, type Skb } from './skb';

export function ipForward(ctx: WalkContext, inDev: Device, skb: Skb, outDev: Device, nexthop: Ipv4): void {
  const ns = inDev.ns;
  const iph = ip(skb);
  if (iph.ttl <= 1) {
    ctx.drop(skb, atDev(inDev), 'IP_INHDR', 'ip_forward', t('TTL exhausted: ICMP time exceeded goes back', 'TTL 耗尽：回送 ICMP 超时'));
    icmpSend(ctx, ns, skb, ICMP_TIME_EXCEEDED, 0, false);
    return;
  }
  if (!ipForwardMtuOk(ctx, inDev, outDev, skb)) return;
  if (nfHook(ctx, 'FORWARD', ns, skb, inDev, outDev).verdict === 'drop') return;
  popEth(skb);
  replaceLayer(skb, iph, { ...iph, ttl: iph.ttl - 1 });
  ctx.rec.emit(skb, atDev(inDev), 'ip_forward', 'route', t(
    `forwarding from ${inDev.name} to ${outDev.name}, next hop ${formatIpv4(nexthop)}; TTL ${iph.ttl} → ${iph.ttl - 1}`,
    `从 ${inDev.name} 转发到 ${outDev.name}，下一跳 ${formatIpv4(nexthop)}；TTL ${iph.ttl} → ${iph.ttl - 1}`));
  ipOutput(ctx, ns, skb, outDev, nexthop);
}
