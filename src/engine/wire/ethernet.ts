// Ethernet II (14 bytes: destination, source, ethertype). No FCS and no padding to 60 bytes:
// what tcpdump sees on a Linux device, where the NIC adds both.
import { concat, need, putMac, put16, readMac, u16 } from './bytes';
import type { EthernetView } from '../packet/view';

export const ETHERNET_LEN = 14;

export function emitEthernet(h: EthernetView, payload: Uint8Array): Uint8Array {
  const b = new Uint8Array(ETHERNET_LEN);
  putMac(b, 0, h.dst);
  putMac(b, 6, h.src);
  put16(b, 12, h.type);
  return concat(b, payload);
}

export function parseEthernet(b: Uint8Array): { header: EthernetView; payload: Uint8Array } {
  need(b, ETHERNET_LEN, 'ethernet');
  return { header: { layer: 'eth', dst: readMac(b, 0), src: readMac(b, 6), type: u16(b, 12) }, payload: b.subarray(ETHERNET_LEN) };
}
