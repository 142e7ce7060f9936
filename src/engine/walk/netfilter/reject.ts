// ipt_REJECT (net/ipv4/netfilter/ipt_REJECT.c, nf_reject_ipv4.c): a TCP reset (nf_send_reset)
// or an ICMP error (nf_send_unreach → icmp_send) goes back to the sender of the rejected packet.
// Both carry the rejected packet's connection (nf_ct_attach), so they leave as RELATED packets
// of its other direction and its NAT is undone on them: a client that dialled a Service address
// hears the reset or the error from that address.
import { isLocalAddress } from '../../kernel/fib/lookup';
import type { Netns } from '../../kernel/netns';
import { IPPROTO_TCP, type TcpHeader } from '../../packet/headers';
import { ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, rejectCode } from '../../packet/names';
import type { WalkContext } from '../context';
import { icmpSend } from '../icmp';
import { ip, l4, type Skb } from '../skb';
import { ctAttach } from './conntrackIn';
import { defaultTtl } from '../../kernel/sysctl';

export function reject(ctx: WalkContext, ns: Netns, skb: Skb, how: string): void {
  const iph = ip(skb);
  const seg = l4(skb);
  if (how === 'tcp-reset') {
    // nf_reject_ip_tcphdr_get: a reset answers TCP only, and never a reset
    if (seg?.layer !== 'tcp' || seg.flags.includes('RST')) return;
    const ct = ctAttach(skb);
    ctx.responses.push({
      ns,
      name: 'RST',
      by: 'nf_send_reset',
      // nf_reject_iphdr_put: the rejected packet's addresses swapped, DF, the route's TTL
      headers: [{ layer: 'ipv4', src: iph.dst, dst: iph.src, ttl: defaultTtl(ns.sysctl), protocol: IPPROTO_TCP, length: 40, df: true }, resetFor(seg)],
      ...(ct ? { ct } : {}),
      anySrc: true,
    });
    return;
  }
  icmpSend(ctx, ns, skb, ICMP_DEST_UNREACH, rejectCode(how) ?? ICMP_PORT_UNREACH, isLocalAddress(ns, iph.dst));
}

/**
 * The reset's TCP header (nf_reject_ip_tcphdr_put, tcp_v4_send_reset): to a segment that
 * acknowledges something, a bare RST with that sequence number; to one that does not (a SYN),
 * RST+ACK acknowledging what it occupied (SYN and FIN count one each, then the payload).
 */
export function resetFor(seg: TcpHeader): TcpHeader {
  const base = { layer: 'tcp' as const, sport: seg.dport, dport: seg.sport, payload: 0 };
  if (seg.flags.includes('ACK')) return { ...base, flags: ['RST'], seq: seg.ack, ack: 0 };
  const ack = seg.seq + (seg.flags.includes('SYN') ? 1 : 0) + (seg.flags.includes('FIN') ? 1 : 0) + seg.payload;
  return { ...base, flags: ['RST', 'ACK'], seq: 0, ack };
}
