// ICMP (RFC 792): type, code, checksum over the whole message, then 4 bytes whose meaning
// depends on the type (echo: identifier and sequence; fragmentation needed: the next-hop MTU
// in the low half, RFC 1191; redirect: the gateway), then the data (echo: the payload; errors:
// the offending packet's IPv4 header and first 8 bytes of what follows).
import { concat, need, put16, put32, putIpv4, readIpv4, u32 } from './bytes';
import { internetChecksum } from './checksum';

export const ICMP_LEN = 8;

export interface IcmpWire {
  readonly type: number;
  readonly code: number;
  /** bytes 4..8: the "rest of header" */
  readonly rest: number;
}

export function emitIcmp(h: IcmpWire, data: Uint8Array): Uint8Array {
  const b = new Uint8Array(ICMP_LEN);
  b[0] = h.type;
  b[1] = h.code;
  put32(b, 4, h.rest);
  const message = concat(b, data);
  put16(message, 2, internetChecksum(message));
  return message;
}

export function parseIcmp(b: Uint8Array): { header: IcmpWire; data: Uint8Array } {
  need(b, ICMP_LEN, 'icmp');
  return { header: { type: b[0], code: b[1], rest: u32(b, 4) }, data: b.subarray(ICMP_LEN) };
}

export const isEcho = (type: number): boolean => type === 0 || type === 8;
export const isError = (type: number): boolean => type === 3 || type === 5 || type === 11 || type === 12;

/** The rest-of-header word for the view's fields. */
export function icmpRest(v: { type: number; code: number; id?: number; seq?: number; mtu?: number; gateway?: string }): number {
  if (isEcho(v.type)) return (((v.id ?? 0) << 16) | (v.seq ?? 0)) >>> 0;
  if (v.type === 3 && v.code === 4) return v.mtu ?? 0;
  if (v.type === 5 && v.gateway) {
    const b = new Uint8Array(4);
    putIpv4(b, 0, v.gateway);
    return u32(b, 0);
  }
  return 0;
}

/** The view's fields read back from the rest-of-header word. */
export function restFields(h: IcmpWire): { id?: number; seq?: number; mtu?: number; gateway?: string } {
  if (isEcho(h.type)) return { id: h.rest >>> 16, seq: h.rest & 0xffff };
  if (h.type === 3 && h.code === 4) return { mtu: h.rest & 0xffff };
  if (h.type === 5) {
    const b = new Uint8Array(4);
    put32(b, 0, h.rest);
    return { gateway: readIpv4(b, 0) };
  }
  return {};
}

