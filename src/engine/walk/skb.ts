// The packet as it travels (struct sk_buff): its header stack plus what the kernel keeps
// beside it. Headers are immutable values; a step that rewrites a field replaces the stack.
import type { Device } from '../kernel/dev/device';
import type { EthernetHeader, Header, Headers, Ipv4Header } from '../packet/headers';
import type { Traced } from '../trace/recorder';

export type PktType = 'host' | 'broadcast' | 'otherhost';

export interface Skb extends Traced {
  headers: Headers;
  /** skb->mark (fwmark) */
  mark: number;
  /** the device the packet last arrived on (skb->dev on receive) */
  dev?: Device;
  pktType?: PktType;
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
