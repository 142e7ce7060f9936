// ipt_REJECT (net/ipv4/netfilter/ipt_REJECT.c, nf_reject_ipv4.c): an ICMP error or a TCP
// reset goes back to the sender of the rejected packet.
import { isLocalAddress } from '../../kernel/fib/lookup';
import type { Netns } from '../../kernel/netns';
import { IPPROTO_TCP } from '../../packet/headers';
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, rejectCode } from '../../packet/names';
import type { WalkContext } from '../context';
import { icmpSend } from '../icmp';
import { ip, l4, type Skb } from '../skb';

export function reject(ctx: WalkContext, ns: Netns, skb: Skb, how: string): void {
  const iph = ip(skb);
  const seg = l4(skb);
  if (how === 'tcp-reset' && seg?.layer === 'tcp') {
    ctx.responses.push({
      ns,
      name: 'RST',
      headers: [
        { layer: 'ipv4', src: iph.dst, dst: iph.src, ttl: 64, protocol: IPPROTO_TCP, length: 40, df: true },
        { layer: 'tcp', sport: seg.dport, dport: seg.sport, flags: ['RST', 'ACK'], seq: 0, ack: seg.seq + 1, payload: 0 },
      ],
    });
    return;
  }
  icmpSend(ctx, ns, skb, ICMP_DEST_UNREACH, rejectCode(how) ?? ICMP_PORT_UNREACH, isLocalAddress(ns, iph.dst));
}
