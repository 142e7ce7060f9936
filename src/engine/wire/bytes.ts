// Big-endian field access and address spelling for the wire layer: every header module reads
// and writes through these, so byte order is handled in one place.
import type { DottedIpv4 } from '../addr/ipv4';
import type { Mac } from '../addr/mac';

export const u16 = (b: Uint8Array, o: number): number => (b[o] << 8) | b[o + 1];
export const u32 = (b: Uint8Array, o: number): number => ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;

export function put16(b: Uint8Array, o: number, v: number): void {
  b[o] = (v >>> 8) & 0xff;
  b[o + 1] = v & 0xff;
}

export function put32(b: Uint8Array, o: number, v: number): void {
  put16(b, o, (v >>> 16) & 0xffff);
  put16(b, o + 2, v & 0xffff);
}

export function readMac(b: Uint8Array, o: number): Mac {
  return Array.from(b.subarray(o, o + 6), (x) => x.toString(16).padStart(2, '0')).join(':');
}

export function putMac(b: Uint8Array, o: number, mac: Mac): void {
  mac.split(':').forEach((part, i) => (b[o + i] = parseInt(part, 16)));
}

export function readIpv4(b: Uint8Array, o: number): DottedIpv4 {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

export function putIpv4(b: Uint8Array, o: number, addr: DottedIpv4): void {
  addr.split('.').forEach((part, i) => (b[o + i] = Number(part)));
}

export function concat(...parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Thrown by a parser when the bytes are not the header it reads (too short, wrong version …). */
export class WireError extends Error {}

export function need(b: Uint8Array, n: number, what: string): void {
  if (b.length < n) throw new WireError(`${what}: ${b.length} bytes, need ${n}`);
}
