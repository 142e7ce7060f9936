// The Internet checksum (RFC 1071): the ones' complement of the ones' complement sum of 16-bit
// words. IPv4 covers its header; TCP, UDP (RFC 768) add a pseudo-header; ICMP covers itself.
import { putIpv4 } from './bytes';
import type { DottedIpv4 } from '../addr/ipv4';

/** The running 32-bit sum of `b`'s 16-bit words (an odd last byte is padded with zero). */
export function sum16(b: Uint8Array, start = 0): number {
  let sum = start;
  for (let i = 0; i + 1 < b.length; i += 2) sum += (b[i] << 8) | b[i + 1];
  if (b.length % 2) sum += b[b.length - 1] << 8;
  return sum;
}

/** Folds a running sum into the 16-bit checksum to store. */
export function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

export function internetChecksum(b: Uint8Array): number {
  return fold(sum16(b));
}

/** The sum of the TCP/UDP pseudo-header: source, destination, protocol, L4 length. */
export function pseudoHeaderSum(src: DottedIpv4, dst: DottedIpv4, protocol: number, length: number): number {
  const p = new Uint8Array(12);
  putIpv4(p, 0, src);
  putIpv4(p, 4, dst);
  p[9] = protocol;
  p[10] = length >>> 8;
  p[11] = length & 0xff;
  return sum16(p);
}
