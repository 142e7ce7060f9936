// ipvlan l3s (drivers/net/ipvlan/ipvlan_l3s.c): the master's rx_handler lets every packet through
// to its own stack, so PREROUTING runs in the master's namespace; then ipvlan_l3_rcv (the
// master's l3mdev hook in ip_rcv_finish) routes a packet for an ipvlan's address as arriving on
// that ipvlan, in the ipvlan's namespace; ip_local_deliver still runs INPUT in the master's
// namespace (skb->dev is the master), where ipvlan_nf_input, the last function of the hook,
// hands the packet to the ipvlan, whose namespace's socket takes it. Conntrack in the master's
// namespace therefore sees both directions (hence "l3-symmetric").
import { formatIpv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { ipvlanAddrLookup } from '../kernel/dev/ipvlan';
import { ipRouteInput } from '../kernel/fib/routeInput';
import { atDev, placeOf, type WalkContext } from './context';
import { ipLocalDeliverFinish } from './ipLocalDeliver';
import { nfHook } from './netfilter';
import { ip, type Skb } from './skb';

/** ipvlan_l3_rcv and what follows; false when the packet is for no ipvlan (the master routes it). */
export function ipvlanL3sRcv(ctx: WalkContext, master: Device, skb: Skb): boolean {
  const iph = ip(skb);
  const owner = ipvlanAddrLookup(master.ipvlanPort!, iph.dst);
  if (!owner) return false;
  const rt = ipRouteInput(owner.ns, { saddr: iph.src, daddr: iph.dst, dev: owner, mark: skb.mark });
  // a failed lookup leaves the packet to the master's own routing (ip_rcv_finish_core)
  if (rt.kind !== 'local') return false;
  ctx.rec.emit(skb, atDev(master, 'in'), 'ipvlan_l3_rcv', 'ipvlan.l3s', { lower: master.name, addr: formatIpv4(iph.dst), dev: placeOf(owner) });
  if (nfHook(ctx, 'INPUT', master.ns, skb, master).verdict !== 'accept') return true;
  ctx.rec.emit(skb, atDev(owner, 'in'), 'ipvlan_nf_input', 'ipvlan.l3s-input', { dev: owner.name });
  skb.dev = owner;
  ipLocalDeliverFinish(ctx, owner.ns, owner, skb);
  return true;
}
