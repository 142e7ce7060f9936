// The MTU on the way out (net/ipv4/ip_forward.c ip_exceeds_mtu, net/ipv4/ip_output.c
// ip_finish_output / ip_fragment). A forwarded packet bigger than the outgoing device's MTU
// with DF set dies with ICMP "fragmentation needed"; without DF, and for local packets the
// sender allowed to fragment, it leaves as fragments, which the trace follows as one packet.
import type { Device } from '../kernel/dev/device';
import { ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED } from '../packet/names';
import { atDev, type WalkContext } from './context';
import { icmpSend } from './icmp';
import { ip, type Skb } from './skb';

/** ip_forward's MTU check; false when the packet was dropped. */
export function ipForwardMtuOk(ctx: WalkContext, inDev: Device, outDev: Device, skb: Skb): boolean {
  const iph = ip(skb);
  if (iph.length <= outDev.mtu || !iph.df) return true;
  ctx.drop(skb, atDev(inDev, 'in'), 'PKT_TOO_BIG', 'ip_forward', { code: 'frag-needed', length: iph.length, dev: outDev.name, mtu: outDev.mtu });
  icmpSend(ctx, inDev.ns, skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, false, outDev.mtu);
  return false;
}

/** ip_finish_output: too big for the device, and allowed to be split: ip_fragment. */
export function ipFinishOutputMtu(ctx: WalkContext, dev: Device, skb: Skb): void {
  const iph = ip(skb);
  if (iph.length <= dev.mtu) return;
  const perFragment = Math.floor((dev.mtu - 20) / 8) * 8;
  const count = Math.ceil((iph.length - 20) / perFragment);
  ctx.rec.emit(skb, atDev(dev, 'out'), 'ip_fragment', 'ip.fragment', { length: iph.length, dev: dev.name, mtu: dev.mtu, count });
}
