// ARP for IPv4 over Ethernet (RFC 826): 28 bytes, every field in the view.
import { need, putIpv4, putMac, put16, readIpv4, readMac, u16, WireError } from './bytes';
import type { ArpView } from '../packet/view';

export const ARP_LEN = 28;
const HTYPE_ETHERNET = 1;
const PTYPE_IPV4 = 0x0800;

export function emitArp(h: ArpView): Uint8Array {
  const b = new Uint8Array(ARP_LEN);
  put16(b, 0, HTYPE_ETHERNET);
  put16(b, 2, PTYPE_IPV4);
  b[4] = 6;
  b[5] = 4;
  put16(b, 6, h.op === 'request' ? 1 : 2);
  putMac(b, 8, h.senderMac);
  putIpv4(b, 14, h.senderIp);
  putMac(b, 18, h.targetMac);
  putIpv4(b, 24, h.targetIp);
  return b;
}

export function parseArp(b: Uint8Array): ArpView {
  need(b, ARP_LEN, 'arp');
  if (u16(b, 0) !== HTYPE_ETHERNET || u16(b, 2) !== PTYPE_IPV4) throw new WireError('arp: not IPv4 over Ethernet');
  const op = u16(b, 6);
  if (op !== 1 && op !== 2) throw new WireError(`arp: opcode ${op}`);
  return { layer: 'arp', op: op === 1 ? 'request' : 'reply', senderMac: readMac(b, 8), senderIp: readIpv4(b, 14), targetMac: readMac(b, 18), targetIp: readIpv4(b, 24) };
}
