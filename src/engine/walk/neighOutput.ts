// ip_finish_output2 → neigh_output / neigh_resolve_output (net/ipv4/ip_output.c,
// net/core/neighbour.c): find the next hop's MAC, asking with ARP when it is unknown,
// then frame the packet and queue it on the device.
import { formatIpv4, type Ipv4 } from '../addr/ipv4';
import type { Mac } from '../addr/mac';
import { isNoArp, type Device } from '../kernel/dev/device';
import { neighFail, neighLookup, neighUpdate, neighValid } from '../kernel/neigh/neighbour';
import { ETH_P_IP } from '../packet/headers';
import { ICMP_DEST_UNREACH, ICMP_HOST_UNREACH } from '../packet/names';
import { arpSolicit } from './arp';
import { atDev, type WalkContext } from './context';
import { devQueueXmit } from './devXmit';
import { icmpSend } from './icmp';
import { neighRef } from './refs';
import { ip, pushEth, type Skb } from './skb';

/** ARP tries before giving up (mcast_solicit); the trace shows one request. */
export function ipFinishOutput2(ctx: WalkContext, dev: Device, nexthop: Ipv4, skb: Skb): void {
  if (dev.kind === 'ipip') {
    // no link layer: ip_tunnel_header_ops build no header, the NOARP neighbour resolves nothing
    ctx.rec.emit(skb, atDev(dev, 'out'), 'neigh_output', 'neigh.noarp', { dev: dev.name });
    devQueueXmit(ctx, dev, skb);
    return;
  }
  if (dev.kind === 'loopback' || isNoArp(dev)) {
    pushEth(skb, { layer: 'eth', src: dev.mac, dst: dev.mac, type: ETH_P_IP });
    devQueueXmit(ctx, dev, skb);
    return;
  }
  const mac = neighResolve(ctx, dev, nexthop, skb);
  if (mac === undefined) return;
  pushEth(skb, { layer: 'eth', src: dev.mac, dst: mac, type: ETH_P_IP });
  devQueueXmit(ctx, dev, skb);
}

/**
 * neigh_output / neigh_resolve_output: the next hop's MAC on `dev`, asked for with ARP when it
 * is unknown; undefined when nobody answered (the packet is dropped and the sender told).
 */
export function neighResolve(ctx: WalkContext, dev: Device, nexthop: Ipv4, skb: Skb): Mac | undefined {
  const at = atDev(dev, 'out');
  const hop = formatIpv4(nexthop);
  let entry = neighLookup(dev.ns, dev, nexthop);
  if (neighValid(entry)) {
    ctx.rec.emit(skb, at, 'neigh_output', 'neigh.output', { nexthop: hop, lladdr: entry.mac, state: entry.state.toUpperCase() }, [neighRef(entry)]);
    entry.hh = true;
    return entry.mac;
  }
  entry = neighUpdate(dev.ns, dev, nexthop, undefined, 'incomplete');
  ctx.rec.emit(skb, at, 'neigh_resolve_output', 'neigh.solicit', { nexthop: hop, dev: dev.name });
  arpSolicit(ctx, dev, nexthop, ip(skb).src);
  entry = neighLookup(dev.ns, dev, nexthop);
  if (!neighValid(entry)) {
    if (entry) neighFail(dev.ns, entry);
    // the packet waited in the neighbour's queue; when the entry fails, neigh_invalidate hands
    // it to arp_error_report, which frees it NEIGH_FAILED whatever became of the ARP requests
    // themselves (a vxlan with no FDB entry frees those NO_TX_TARGET): the leg's drop is this one
    ctx.drop(skb, at, 'NEIGH_FAILED', 'neigh_invalidate', { code: 'neigh-failed', nexthop: hop, dev: dev.name });
    // arp_error_report → dst_link_failure: the sender hears "host unreachable"
    icmpSend(ctx, dev.ns, skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, false);
    return undefined;
  }
  ctx.rec.emit(skb, at, 'neigh_resolve_output', 'neigh.resolved', { nexthop: hop, lladdr: entry.mac }, [neighRef(entry)]);
  entry.hh = true;
  return entry.mac;
}
