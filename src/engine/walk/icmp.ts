// icmp_send (net/ipv4/icmp.c): build an ICMP error about `skb` to go back to its sender. The
// error carries `skb`'s connection (icmp_glue_bits → nf_ct_attach), so conntrack sees it as
// RELATED to that connection even before the connection is confirmed, and NAT translates it
// (outer and quoted headers) like any packet of the connection's other direction.
import { isMulticast, LIMITED_BROADCAST } from '../addr/ipv4';
import type { Netns } from '../kernel/netns';
import { IPPROTO_ICMP, type Header, type IcmpHeader } from '../packet/headers';
import { ICMP_ECHO, ICMP_ECHOREPLY, ICMP_REDIRECT } from '../packet/names';
import type { WalkContext } from './context';
import { ctAttach } from './netfilter/conntrackIn';
import { ip, l4, type Skb } from './skb';
import { defaultTtl } from '../kernel/sysctl';

/**
 * Queues an ICMP error as a response leg. `fromLocal`: the offending packet was for us; `mtu`:
 * for fragmentation needed; `gateway`: for a redirect (its leg is walked whatever becomes of
 * the packet it is about).
 */
export function icmpSend(ctx: WalkContext, ns: Netns, skb: Skb, type: number, code: number, fromLocal: boolean, mtu?: number, gateway?: number): void {
  const iph = ip(skb);
  if (isMulticast(iph.dst) || iph.dst === LIMITED_BROADCAST || isMulticast(iph.src) || iph.src === 0) return;
  const inner = l4(skb);
  // never answer an ICMP error with another
  if (inner?.layer === 'icmp' && inner.type !== ICMP_ECHO && inner.type !== ICMP_ECHOREPLY) return;
  const quoted: Header[] = [iph, ...(inner ? [inner] : [])];
  const icmp: IcmpHeader = { layer: 'icmp', type, code, quoted, ...(mtu !== undefined ? { mtu } : {}), ...(gateway !== undefined ? { gateway } : {}) };
  // icmp_glue_bits: an error type (redirects included, icmp_pointers[].error) takes the
  // connection of the packet it quotes (nf_ct_attach)
  const ct = ctAttach(skb);
  ctx.responses.push({
    ns,
    name: type === ICMP_REDIRECT ? 'redirect' : 'icmp-error',
    by: 'icmp_send',
    headers: [{ layer: 'ipv4', src: fromLocal ? iph.dst : 0, dst: iph.src, ttl: defaultTtl(ns.sysctl), protocol: IPPROTO_ICMP, length: 56, df: false }, icmp],
    ...(ct ? { ct } : {}),
  });
}
