// UDP (RFC 768): ports, length and a checksum over the pseudo-header. A zero checksum means
// "none" (a sender may leave it out over IPv4); a computed zero is sent as 0xffff.
import { concat, need, put16, u16 } from './bytes';
import { fold, pseudoHeaderSum, sum16 } from './checksum';
import { IPPROTO_UDP } from '../packet/headers';
import type { UdpView } from '../packet/view';
import type { Pseudo } from './tcp';

export const UDP_LEN = 8;

export interface UdpWire extends Omit<UdpView, 'layer' | 'payload'> {
  /** send 0 (no checksum) instead of computing one */
  readonly noChecksum: boolean;
}

export function emitUdp(h: UdpWire, payload: Uint8Array, ip: Pseudo): Uint8Array {
  const b = new Uint8Array(UDP_LEN);
  put16(b, 0, h.sport);
  put16(b, 2, h.dport);
  put16(b, 4, UDP_LEN + payload.length);
  const datagram = concat(b, payload);
  if (!h.noChecksum) put16(datagram, 6, fold(sum16(datagram, pseudoHeaderSum(ip.src, ip.dst, IPPROTO_UDP, datagram.length))) || 0xffff);
  return datagram;
}

export function parseUdp(b: Uint8Array): { header: UdpWire; payload: Uint8Array } {
  need(b, UDP_LEN, 'udp');
  const length = u16(b, 4);
  return { header: { sport: u16(b, 0), dport: u16(b, 2), noChecksum: u16(b, 6) === 0 }, payload: b.subarray(UDP_LEN, Math.min(b.length, length)) };
}
