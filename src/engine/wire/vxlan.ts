// VXLAN (RFC 7348): 8 bytes after the outer UDP header, the I flag (0x08) set and a 24-bit VNI,
// then the inner Ethernet frame.
import { concat, need, WireError } from './bytes';
import type { VxlanView } from '../packet/view';

export const VXLAN_LEN = 8;
const FLAG_VNI_VALID = 0x08;

export function emitVxlan(h: VxlanView, frame: Uint8Array): Uint8Array {
  const b = new Uint8Array(VXLAN_LEN);
  b[0] = FLAG_VNI_VALID;
  b[4] = (h.vni >>> 16) & 0xff;
  b[5] = (h.vni >>> 8) & 0xff;
  b[6] = h.vni & 0xff;
  return concat(b, frame);
}

export function parseVxlan(b: Uint8Array): { header: VxlanView; frame: Uint8Array } {
  need(b, VXLAN_LEN, 'vxlan');
  if (!(b[0] & FLAG_VNI_VALID)) throw new WireError('vxlan: the I flag (VNI valid) is not set');
  return { header: { layer: 'vxlan', vni: (b[4] << 16) | (b[5] << 8) | b[6] }, frame: b.subarray(VXLAN_LEN) };
}
