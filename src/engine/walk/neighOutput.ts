// ip_finish_output2 → neigh_output / neigh_resolve_output (net/ipv4/ip_output.c,
// net/core/neighbour.c): find the next hop's MAC, asking with ARP when it is unknown,
// then frame the packet and queue it on the device.
import { formatIpv4, type Ipv4 } from '../addr/ipv4';
import { isNoArp, type Device } from '../kernel/dev/device';
import { formatNeigh, neighLookup, neighUpdate, neighValid } from '../kernel/neigh/neighbour';
import { ETH_P_IP } from '../packet/headers';
import { t } from '../trace/recorder';
import { arpSolicit } from './arp';
import { atDev, type WalkContext } from './context';
import { devQueueXmit } from './devXmit';
import { ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, icmpSend } from './icmp';
import { ip, pushEth, type Skb } from './skb';

/** ARP tries before giving up (mcast_solicit); the trace shows one request. */
export function ipFinishOutput2(ctx: WalkContext, dev: Device, nexthop: Ipv4, skb: Skb): void {
  const at = atDev(dev);
  if (dev.kind === 'ipip') {
    // no link layer: ip_tunnel_header_ops build no header, the NOARP neighbour resolves nothing
    ctx.rec.emit(skb, at, 'neigh_output', 'neigh', t(`${dev.name} has no link layer (NOARP): no ARP, no Ethernet header`, `${dev.name} 没有链路层（NOARP）：不发 ARP，也不加以太网头`));
    devQueueXmit(ctx, dev, skb);
    return;
  }
  if (dev.kind === 'loopback' || isNoArp(dev)) {
    pushEth(skb, { layer: 'eth', src: dev.mac, dst: dev.mac, type: ETH_P_IP });
    devQueueXmit(ctx, dev, skb);
    return;
  }
  let entry = neighLookup(dev.ns, dev, nexthop);
  if (neighValid(entry)) {
    ctx.rec.emit(skb, at, 'neigh_output', 'neigh', t(`next hop ${formatIpv4(nexthop)} is at ${entry.mac} (${entry.state})`, `下一跳 ${formatIpv4(nexthop)} 位于 ${entry.mac}（${entry.state}）`), formatNeigh(entry));
  } else {
    entry = neighUpdate(dev.ns, dev, nexthop, undefined, 'incomplete');
    ctx.rec.emit(skb, at, 'neigh_resolve_output', 'neigh', t(`next hop ${formatIpv4(nexthop)} unknown on ${dev.name}: queue the packet and ask with ARP`, `下一跳 ${formatIpv4(nexthop)} 在 ${dev.name} 上未知：包先排队，用 ARP 询问`));
    arpSolicit(ctx, dev, nexthop, ip(skb).src);
    entry = neighLookup(dev.ns, dev, nexthop);
    if (!neighValid(entry)) {
      if (entry) entry.state = 'failed';
      ctx.drop(skb, at, 'NEIGH_FAILED', 'neigh_resolve_output', t(
        `no ARP reply for ${formatIpv4(nexthop)}: neighbour FAILED, the queued packet is dropped`,
        `${formatIpv4(nexthop)} 没有 ARP 应答：邻居表项 FAILED，排队的包被丢弃`));
      // arp_error_report → dst_link_failure: the sender hears "host unreachable"
      icmpSend(ctx, dev.ns, skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, false);
      return;
    }
    ctx.rec.emit(skb, at, 'neigh_resolve_output', 'neigh', t(`resolved ${formatIpv4(nexthop)} → ${entry.mac}: send the queued packet`, `已解析 ${formatIpv4(nexthop)} → ${entry.mac}：发送排队的包`), formatNeigh(entry));
  }
  pushEth(skb, { layer: 'eth', src: dev.mac, dst: entry.mac, type: ETH_P_IP });
  devQueueXmit(ctx, dev, skb);
}
