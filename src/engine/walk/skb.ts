// The packet as it travels (struct sk_buff): its header stack plus what the kernel keeps
// beside it. Headers are immutable values; a step that rewrites a field replaces the stack.
import type { Ipv4 } from '../addr/ipv4';
import type { CtInfo } from '../kernel/conntrack/table';
import type { Device } from '../kernel/dev/device';
import type { EthernetHeader, Header, Headers, Ipv4Header } from '../packet/headers';
import type { Traced } from '../trace/recorder';
import type { FloodWave } from './flood';

export type PktType = 'host' | 'broadcast' | 'otherhost';

export interface Skb extends Traced {
  headers: Headers;
  /** skb->mark (fwmark) */
  mark: number;
  /** the device the packet last arrived on (skb->dev on receive) */
  dev?: Device;
  pktType?: PktType;
  /** the conntrack entry and state nf_conntrack_in attached (skb->_nfct) */
  ct?: CtInfo;
  /** br_netfilter ran PREROUTING for this frame already; ip_rcv must not run it again */
  preroutingDone?: boolean;
  /** bridge ports for -m physdev */
  physIn?: Device;
  physOut?: Device;
  /** handled by IPVS already (skb->ipvs_property): its hooks leave it alone */
  ipvsProperty?: boolean;
  /** NOTRACK / CT --notrack in raw */
  untracked?: boolean;
  /** the next hop chosen by routing (rt_nexthop), for MASQUERADE's source choice */
  nexthop?: Ipv4;
  /**
   * The conversation's own packet of this leg (its copies too), as opposed to the packets the
   * kernel makes on its way (an ARP request): a leg's verdict and drop are this packet's.
   */
  leg?: boolean;
  /**
   * Devices this packet (and the copy it was cloned from) has crossed: the bound on its path.
   * Layer 2 has no TTL, so this is what stops a frame no loop check caught.
   */
  hops?: number;
  /** the flood this copy belongs to, still being walked breadth first (flood.ts) */
  wave?: FloodWave;
}

/**
 * skb_scrub_packet: a packet handed to another device by a veth loses its conntrack
 * reference, and crossing into another namespace also loses its mark.
 */
export function scrub(skb: Skb, crossesNetns: boolean): void {
  skb.ct = undefined;
  skb.untracked = false;
  skb.ipvsProperty = false;
  skb.preroutingDone = false;
  skb.physIn = skb.physOut = undefined;
  if (crossesNetns) skb.mark = 0;
}

export function newSkb(headers: Headers, mark = 0): Skb {
  return { headers, mark };
}

/** A copy for a flooded frame: each copy walks on its own. */
export function cloneSkb(skb: Skb): Skb {
  return { ...skb };
}

export function eth(skb: Skb): EthernetHeader | undefined {
  const h = skb.headers[0];
  return h?.layer === 'eth' ? h : undefined;
}

export function ip(skb: Skb): Ipv4Header {
  const h = skb.headers.find((x): x is Ipv4Header => x.layer === 'ipv4');
  if (!h) throw new Error('invariant: no IPv4 header on an IP packet');
  return h;
}

export function l4(skb: Skb): Header | undefined {
  const i = skb.headers.findIndex((x) => x.layer === 'ipv4');
  return i >= 0 ? skb.headers[i + 1] : undefined;
}

export function replaceLayer<H extends Header>(skb: Skb, old: H, next: H): void {
  skb.headers = skb.headers.map((h) => (h === old ? next : h));
}

export function pushEth(skb: Skb, header: EthernetHeader): void {
  skb.headers = [header, ...skb.headers.filter((h, i) => !(i === 0 && h.layer === 'eth'))];
}

export function popEth(skb: Skb): void {
  if (skb.headers[0]?.layer === 'eth') skb.headers = skb.headers.slice(1);
}
