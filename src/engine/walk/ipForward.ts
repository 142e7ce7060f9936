// ip_forward (net/ipv4/ip_forward.c): the TTL check (ICMP time exceeded), the MTU check, then
// ip_decrease_ttl — before the FORWARD hook, so FORWARD's rules (-m ttl) and its view of the
// header see the decremented TTL — then the redirect the input route asked for
// (IPSKB_DOREDIRECT: ip_rt_send_redirect, whatever FORWARD decides next) and, as the kernel
// does, the FORWARD hook last, then out through ip_output.
import { formatIpv4, type Ipv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { ICMP_TIME_EXCEEDED } from '../packet/names';
import { atDev, type WalkContext } from './context';
import { icmpSend } from './icmp';
import { ipRtSendRedirect } from './icmpRedirect';
import { ipForwardMtuOk } from './ipFragment';
import { ipOutput } from './ipOutput';
import { nfHook } from './netfilter';
import { ip, popEth, replaceLayer, type Skb } from './skb';

export function ipForward(ctx: WalkContext, inDev: Device, skb: Skb, outDev: Device, nexthop: Ipv4, doRedirect = false): void {
  const ns = inDev.ns;
  const iph = ip(skb);
  if (iph.ttl <= 1) {
    // the TTL ran out: ICMP time exceeded goes back
    ctx.drop(skb, atDev(inDev, 'in'), 'IP_INHDR', 'ip_forward', { code: 'ttl-exceeded', ttl: iph.ttl });
    icmpSend(ctx, ns, skb, ICMP_TIME_EXCEEDED, 0, false);
    return;
  }
  if (!ipForwardMtuOk(ctx, inDev, outDev, skb)) return;
  // skb_cow, then ip_decrease_ttl: from here on every hook sees TTL - 1
  popEth(skb);
  replaceLayer(skb, iph, { ...iph, ttl: iph.ttl - 1 });
  ctx.rec.emit(skb, atDev(inDev, 'in'), 'ip_forward', 'ip.forward', { inDev: inDev.name, outDev: outDev.name, nexthop: formatIpv4(nexthop), ttl: iph.ttl, newTtl: iph.ttl - 1 });
  if (doRedirect) ipRtSendRedirect(ctx, inDev, outDev, skb, nexthop);
  if (nfHook(ctx, 'FORWARD', ns, skb, inDev, outDev).verdict === 'drop') return;
  ipOutput(ctx, ns, skb, outDev, nexthop);
}
