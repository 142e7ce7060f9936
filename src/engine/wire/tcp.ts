// TCP (RFC 9293). The view has ports, the flags podpath models, sequence and ACK numbers and
// the payload length; the wire adds the window, urgent pointer, options and the flag bits the
// view has no names for (URG, ECE, CWR), which the caller chooses. The checksum covers the
// pseudo-header, so emitting needs the IPv4 addresses around the segment.
import { concat, need, put16, put32, u16, u32 } from './bytes';
import { fold, pseudoHeaderSum, sum16 } from './checksum';
import type { DottedIpv4 } from '../addr/ipv4';
import type { TcpFlag } from '../packet/headers';
import type { TcpView } from '../packet/view';
import { IPPROTO_TCP } from '../packet/headers';

export const TCP_LEN = 20;

const FLAG_BITS: Readonly<Record<TcpFlag, number>> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };
/** The order tcpdump and the trace list them in. */
const FLAG_ORDER: readonly TcpFlag[] = ['SYN', 'ACK', 'FIN', 'RST', 'PSH'];

export interface TcpWire extends Omit<TcpView, 'layer' | 'payload'> {
  readonly window: number;
  readonly urgent: number;
  /** URG, ECE and CWR (0x20, 0x40, 0x80) */
  readonly otherFlags: number;
  /** the option bytes, a multiple of 4 long */
  readonly options: Uint8Array;
}

export interface Pseudo {
  readonly src: DottedIpv4;
  readonly dst: DottedIpv4;
}

export function emitTcp(h: TcpWire, payload: Uint8Array, ip: Pseudo): Uint8Array {
  const hlen = TCP_LEN + h.options.length;
  const b = new Uint8Array(hlen);
  put16(b, 0, h.sport);
  put16(b, 2, h.dport);
  put32(b, 4, h.seq);
  put32(b, 8, h.ack);
  b[12] = (hlen / 4) << 4;
  b[13] = h.flags.reduce((bits, f) => bits | FLAG_BITS[f], h.otherFlags);
  put16(b, 14, h.window);
  put16(b, 18, h.urgent);
  b.set(h.options, TCP_LEN);
  const segment = concat(b, payload);
  put16(segment, 16, fold(sum16(segment, pseudoHeaderSum(ip.src, ip.dst, IPPROTO_TCP, segment.length))));
  return segment;
}

export function parseTcp(b: Uint8Array): { header: TcpWire; payload: Uint8Array } {
  need(b, TCP_LEN, 'tcp');
  const hlen = (b[12] >> 4) * 4;
  need(b, hlen, 'tcp with options');
  const bits = b[13];
  const header: TcpWire = {
    sport: u16(b, 0),
    dport: u16(b, 2),
    flags: FLAG_ORDER.filter((f) => bits & FLAG_BITS[f]),
    seq: u32(b, 4),
    ack: u32(b, 8),
    window: u16(b, 14),
    urgent: u16(b, 18),
    otherFlags: bits & 0xe0,
    options: b.slice(TCP_LEN, hlen),
  };
  return { header, payload: b.subarray(hlen) };
}
