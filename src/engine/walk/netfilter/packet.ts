// What netfilter reads of a packet: its conntrack tuple and the fields matches test.
import type { Device } from '../../kernel/dev/device';
import type { CtTuple } from '../../kernel/conntrack/tuple';
import type { NfPacket } from '../../kernel/netfilter/match';
import type { Netns } from '../../kernel/netns';
import type { WalkContext } from '../context';
import { ip, l4, type Skb } from '../skb';

/** nf_ct_get_tuple: ports for TCP/UDP, the echo id for ICMP, nothing else for other protocols. */
export function packetTuple(skb: Skb): CtTuple {
  const iph = ip(skb);
  const seg = l4(skb);
  if (seg?.layer === 'tcp' || seg?.layer === 'udp') return { proto: iph.protocol, src: iph.src, dst: iph.dst, sport: seg.sport, dport: seg.dport };
  if (seg?.layer === 'icmp') return { proto: 1, src: iph.src, dst: iph.dst, sport: seg.id ?? 0, dport: seg.id ?? 0 };
  return { proto: iph.protocol, src: iph.src, dst: iph.dst, sport: 0, dport: 0 };
}

export function tcpFlagsOf(skb: Skb): readonly string[] | undefined {
  const seg = l4(skb);
  return seg?.layer === 'tcp' ? seg.flags : undefined;
}

export function nfPacket(ctx: WalkContext, ns: Netns, skb: Skb, inDev?: Device, outDev?: Device): NfPacket {
  const iph = ip(skb);
  const seg = l4(skb);
  return {
    ns,
    ip: iph,
    proto: iph.protocol,
    sport: seg?.layer === 'tcp' || seg?.layer === 'udp' ? seg.sport : undefined,
    dport: seg?.layer === 'tcp' || seg?.layer === 'udp' ? seg.dport : undefined,
    tcpFlags: seg?.layer === 'tcp' ? seg.flags : undefined,
    icmp: seg?.layer === 'icmp' ? { type: seg.type, code: seg.code } : undefined,
    in: inDev,
    out: outDev,
    mark: skb.mark,
    ct: skb.ct,
    physIn: skb.physIn,
    physOut: skb.physOut,
    draw: (key) => ctx.draw(`${ns.label}|${key}`),
  };
}
