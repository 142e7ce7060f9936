// The header stack of a packet, outer first, as plain readonly data (printed in traces,
// compared in tests, written to pcap). Field names follow the RFCs / Linux struct names.
import type { Ipv4 } from '../addr/ipv4';
import type { Mac } from '../addr/mac';

export const ETH_P_IP = 0x0800;
export const ETH_P_ARP = 0x0806;
export const IPPROTO_ICMP = 1;
export const IPPROTO_IPIP = 4;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;

export interface EthernetHeader {
  readonly layer: 'eth';
  readonly src: Mac;
  readonly dst: Mac;
  readonly type: number; // ethertype
}

export interface ArpHeader {
  readonly layer: 'arp';
  readonly op: 'request' | 'reply';
  readonly senderMac: Mac;
  readonly senderIp: Ipv4;
  readonly targetMac: Mac;
  readonly targetIp: Ipv4;
}

export interface Ipv4Header {
  readonly layer: 'ipv4';
  readonly src: Ipv4;
  readonly dst: Ipv4;
  readonly ttl: number;
  readonly protocol: number;
  readonly length: number; // total length in bytes
  readonly df: boolean;
}

export type TcpFlag = 'SYN' | 'ACK' | 'FIN' | 'RST' | 'PSH';

export interface TcpHeader {
  readonly layer: 'tcp';
  readonly sport: number;
  readonly dport: number;
  readonly flags: readonly TcpFlag[];
  readonly seq: number;
  readonly ack: number;
  readonly payload: number; // bytes of data
}

export interface UdpHeader {
  readonly layer: 'udp';
  readonly sport: number;
  readonly dport: number;
  readonly payload: number;
}

export interface IcmpHeader {
  readonly layer: 'icmp';
  readonly type: number; // 0 echo reply, 3 dest unreachable, 8 echo request, 11 time exceeded
  readonly code: number;
  readonly id?: number;
  readonly seq?: number;
  /** For errors: the offending packet's IPv4 + first 8 bytes of L4 (RFC 792). */
  readonly quoted?: readonly Header[];
  /** Fragmentation needed (type 3 code 4): the next-hop MTU (RFC 1191). */
  readonly mtu?: number;
  /** Redirect (type 5): the better first hop for the quoted packet's destination (RFC 792). */
  readonly gateway?: number;
}

/** RFC 7348: 8 bytes after the outer UDP header; the I flag set and a 24-bit VNI. */
export interface VxlanHeader {
  readonly layer: 'vxlan';
  readonly vni: number;
}

export type Header = EthernetHeader | ArpHeader | Ipv4Header | TcpHeader | UdpHeader | IcmpHeader | VxlanHeader;

/** Outer first: [eth, ipv4, tcp] or, once tunnels exist, [eth, ipv4, udp, vxlan, eth, ipv4, tcp]. */
export type Headers = readonly Header[];

export interface FieldChange {
  readonly layer: string; // 'eth', 'ipv4', 'tcp' … (index-qualified for nested stacks: 'inner ipv4')
  readonly field: string;
  readonly from: string;
  readonly to: string;
}
