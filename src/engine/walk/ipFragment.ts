// The MTU on the way out (net/ipv4/ip_forward.c ip_exceeds_mtu, net/ipv4/ip_output.c
// ip_finish_output / ip_fragment). A forwarded packet bigger than the outgoing device's MTU
// with DF set dies with ICMP "fragmentation needed"; without DF, and for local packets the
// sender allowed to fragment, it leaves as fragments, which the trace follows as one packet.
import type { Device } from '../kernel/dev/device';
import { t } from '../trace/recorder';
import { atDev, type WalkContext } from './context';
import { ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, icmpSend } from './icmp';
import { ip, type Skb } from './skb';

/** ip_forward's MTU check; false when the packet was dropped. */
export function ipForwardMtuOk(ctx: WalkContext, inDev: Device, outDev: Device, skb: Skb): boolean {
  const iph = ip(skb);
  if (iph.length <= outDev.mtu || !iph.df) return true;
  ctx.drop(skb, atDev(inDev), 'PKT_TOO_BIG', 'ip_forward', t(
    `${iph.length} bytes with DF set do not fit ${outDev.name}'s MTU ${outDev.mtu}: dropped, ICMP fragmentation needed (mtu ${outDev.mtu}) goes back to the sender`,
    `${iph.length} 字节且带 DF 位，超过 ${outDev.name} 的 MTU ${outDev.mtu}：丢弃，并向发送方回送 ICMP 需要分片（mtu ${outDev.mtu}）`));
  icmpSend(ctx, inDev.ns, skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, false, outDev.mtu);
  return false;
}

/** ip_finish_output: too big for the device, and allowed to be split: ip_fragment. */
export function ipFinishOutputMtu(ctx: WalkContext, dev: Device, skb: Skb): void {
  const iph = ip(skb);
  if (iph.length <= dev.mtu) return;
  const perFragment = Math.floor((dev.mtu - 20) / 8) * 8;
  const count = Math.ceil((iph.length - 20) / perFragment);
  ctx.rec.emit(skb, atDev(dev), 'ip_fragment', 'route', t(
    `${iph.length} bytes exceed ${dev.name}'s MTU ${dev.mtu}: sent as ${count} fragments, reassembled by the receiver (podpath follows them as one packet)`,
    `${iph.length} 字节超过 ${dev.name} 的 MTU ${dev.mtu}：分成 ${count} 个分片发送，由接收方重组（podpath 把它们当作一个包跟踪）`));
}
