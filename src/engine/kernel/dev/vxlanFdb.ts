// The vxlan forwarding database (drivers/net/vxlan/vxlan_core.c vxlan_find_mac, vxlan_fdb_add,
// vxlan_fdb_delete, vxlan_snoop): inner MAC → remote VTEPs. The all-zeros MAC is the default
// entry, flooded to every remote it lists; a unicast entry has one remote.
import { formatIpv4, type Ipv4 } from '../../addr/ipv4';
import { isMulticastMac, ZERO_MAC, type Mac } from '../../addr/mac';
import type { Device, VxlanRemote, VxlanState } from './device';

export type FdbChange = 'created' | 'appended' | 'unchanged';

function isUnicast(mac: Mac): boolean {
  return mac !== ZERO_MAC && !isMulticastMac(mac);
}

/** vxlan_xmit's lookup: the entry of the inner destination MAC, else the all-zeros default. */
export function vxlanFdbLookup(vx: VxlanState, dst: Mac): { readonly mac: Mac; readonly remotes: readonly VxlanRemote[] } | undefined {
  const exact = vx.fdb.get(dst);
  if (exact?.length) return { mac: dst, remotes: exact };
  const dflt = vx.fdb.get(ZERO_MAC);
  return dflt?.length ? { mac: ZERO_MAC, remotes: dflt } : undefined;
}

/**
 * `bridge fdb add` (exclusive) or `append`: a new entry, or one more remote of an all-zeros /
 * multicast entry. Appending to a unicast entry changes nothing, as in the kernel.
 */
export function vxlanFdbAdd(vx: VxlanState, mac: Mac, dst: Ipv4, append: boolean): FdbChange | 'exists' {
  const remotes = vx.fdb.get(mac);
  if (!remotes) {
    vx.fdb.set(mac, [{ dst, learned: false }]);
    return 'created';
  }
  if (!append) return 'exists';
  if (isUnicast(mac) || remotes.some((r) => r.dst === dst)) return 'unchanged';
  remotes.push({ dst, learned: false });
  return 'appended';
}

/** `bridge fdb del MAC [dst IP]`: one remote (the entry goes with its last one), or the whole entry. */
export function vxlanFdbDel(vx: VxlanState, mac: Mac, dst: Ipv4 | undefined): boolean {
  const remotes = vx.fdb.get(mac);
  if (!remotes) return false;
  if (dst === undefined) {
    vx.fdb.delete(mac);
    return true;
  }
  const i = remotes.findIndex((r) => r.dst === dst);
  if (i < 0) return true; // the kernel answers success and leaves the entry alone
  if (remotes.length === 1) vx.fdb.delete(mac);
  else remotes.splice(i, 1);
  return true;
}

export type SnoopResult =
  | { readonly kind: 'known' }
  | { readonly kind: 'learned' | 'migrated'; readonly from?: Ipv4 }
  | { readonly kind: 'drop'; readonly reason: 'MAC_INVALID_SOURCE' | 'VXLAN_ENTRY_EXISTS'; readonly owner?: Ipv4 };

/** vxlan_snoop: a received frame's source MAC is behind the VTEP that sent it. */
export function vxlanSnoop(vx: VxlanState, src: Mac, from: Ipv4): SnoopResult {
  if (!isUnicast(src)) return { kind: 'drop', reason: 'MAC_INVALID_SOURCE' };
  const remotes = vx.fdb.get(src);
  if (!remotes?.length) {
    vx.fdb.set(src, [{ dst: from, learned: true }]);
    return { kind: 'learned' };
  }
  const first = remotes[0];
  if (first.dst === from) return { kind: 'known' };
  // static entries are not migrated: the packet is dropped instead
  if (!first.learned) return { kind: 'drop', reason: 'VXLAN_ENTRY_EXISTS', owner: first.dst };
  remotes[0] = { dst: from, learned: true };
  return { kind: 'migrated', from: first.dst };
}

/** One line per remote, as `bridge fdb show` prints it (a learned entry ends in "self "). */
export function formatVxlanFdb(dev: Device, mac: Mac, remote: VxlanRemote): string {
  return `${mac} dev ${dev.name} dst ${formatIpv4(remote.dst)} self ${remote.learned ? '' : 'permanent'}`;
}

/** A deep copy, for the lab snapshot (learning changes the table during a trace). */
export function copyVxlanFdb(fdb: ReadonlyMap<Mac, readonly VxlanRemote[]>): Map<Mac, VxlanRemote[]> {
  return new Map([...fdb].map(([mac, remotes]) => [mac, [...remotes]]));
}
