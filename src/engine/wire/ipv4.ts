// IPv4 (RFC 791) with a 20-byte header (IHL 5: Linux sends no options on these paths) and no
// fragments. The trace's view has addresses, TTL, protocol, length and DF; the wire adds the
// identification and the TOS byte, which the caller chooses (see packet.ts).
import { concat, need, putIpv4, put16, readIpv4, u16, WireError } from './bytes';
import { internetChecksum } from './checksum';
import type { Ipv4View } from '../packet/view';

export const IPV4_LEN = 20;

export interface Ipv4Wire extends Omit<Ipv4View, 'layer'> {
  readonly id: number;
  readonly tos: number;
}

/** Writes the header (total length as given, checksum computed) followed by `payload`. */
export function emitIpv4(h: Ipv4Wire, payload: Uint8Array): Uint8Array {
  const b = new Uint8Array(IPV4_LEN);
  b[0] = 0x45;
  b[1] = h.tos;
  put16(b, 2, h.length);
  put16(b, 4, h.id);
  put16(b, 6, h.df ? 0x4000 : 0);
  b[8] = h.ttl;
  b[9] = h.protocol;
  putIpv4(b, 12, h.src);
  putIpv4(b, 16, h.dst);
  put16(b, 10, internetChecksum(b));
  return concat(b, payload);
}

/** Reads the header; the payload is what the total length covers (or what is there, if less). */
export function parseIpv4(b: Uint8Array): { header: Ipv4Wire; payload: Uint8Array } {
  need(b, IPV4_LEN, 'ipv4');
  if (b[0] >> 4 !== 4) throw new WireError(`ipv4: version ${b[0] >> 4}`);
  if ((b[0] & 0xf) !== 5) throw new WireError('ipv4: options are not supported (IHL is not 5)');
  const frag = u16(b, 6);
  if (frag & 0x3fff) throw new WireError('ipv4: fragments are not supported');
  const length = u16(b, 2);
  const header: Ipv4Wire = { src: readIpv4(b, 12), dst: readIpv4(b, 16), ttl: b[8], protocol: b[9], length, df: (frag & 0x4000) !== 0, id: u16(b, 4), tos: b[1] };
  return { header, payload: b.subarray(IPV4_LEN, Math.min(b.length, length)) };
}
