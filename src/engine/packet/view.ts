// Headers as the trace publishes them: the same layers and fields as headers.ts, with every
// IPv4 address written as a dotted string (what a reader of trace JSON expects) instead of
// the 32-bit number the engine computes with. One model, two spellings of an address: the
// view type is derived from the header types, never written out again.
import { formatIpv4, type DottedIpv4 } from '../addr/ipv4';
import type { ArpHeader, EthernetHeader, Header, IcmpHeader, Ipv4Header, TcpHeader, UdpHeader, VxlanHeader } from './headers';

/** Fields that hold an IPv4 address. */
type AddressField = 'src' | 'dst' | 'senderIp' | 'targetIp';

type ViewOf<H> = {
  readonly [K in keyof H]: K extends AddressField ? (H[K] extends number ? DottedIpv4 : H[K]) : H[K];
};

export type EthernetView = ViewOf<EthernetHeader>;
export type ArpView = ViewOf<ArpHeader>;
export type Ipv4View = ViewOf<Ipv4Header>;
export type TcpView = ViewOf<TcpHeader>;
export type UdpView = ViewOf<UdpHeader>;
/** An ICMP error's quoted packet is a stack of views itself; a redirect's gateway is dotted. */
export type IcmpView = Omit<ViewOf<IcmpHeader>, 'quoted' | 'gateway'> & { readonly quoted?: readonly HeaderView[]; readonly gateway?: DottedIpv4 };
export type VxlanView = ViewOf<VxlanHeader>;

export type HeaderView = EthernetView | ArpView | Ipv4View | TcpView | UdpView | IcmpView | VxlanView;

/** Outer first, like Headers. */
export type PacketView = readonly HeaderView[];

// Headers are immutable and shared between steps that do not rewrite them: convert each once.
const views = new WeakMap<Header, HeaderView>();

export function headerView(h: Header): HeaderView {
  // layers without addresses are their own view
  if (h.layer === 'eth' || h.layer === 'tcp' || h.layer === 'udp' || h.layer === 'vxlan') return h;
  const known = views.get(h);
  if (known) return known;
  const view = convert(h);
  views.set(h, view);
  return view;
}

function convert(h: ArpHeader | Ipv4Header | IcmpHeader): HeaderView {
  switch (h.layer) {
    case 'arp':
      return { layer: 'arp', op: h.op, senderMac: h.senderMac, senderIp: formatIpv4(h.senderIp), targetMac: h.targetMac, targetIp: formatIpv4(h.targetIp) };
    case 'ipv4':
      return { layer: 'ipv4', src: formatIpv4(h.src), dst: formatIpv4(h.dst), ttl: h.ttl, protocol: h.protocol, length: h.length, df: h.df };
    case 'icmp':
      if (!h.quoted && h.gateway === undefined) return h as IcmpView;
      // field order kept: the quoted packet as views, a redirect's gateway dotted
      return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, k === 'quoted' ? h.quoted!.map(headerView) : k === 'gateway' ? formatIpv4(h.gateway!) : v])) as IcmpView;
  }
}

// Stacks are immutable too (a rewrite makes a new one): steps that change nothing share one view.
const packets = new WeakMap<readonly Header[], PacketView>();

export function packetView(headers: readonly Header[]): PacketView {
  let view = packets.get(headers);
  if (!view) packets.set(headers, (view = headers.map(headerView)));
  return view;
}
