// The neighbour (ARP) cache of a namespace (net/core/neighbour.c, net/ipv4/arp.c).
import { formatIpv4, type Ipv4 } from '../../addr/ipv4';
import type { Mac } from '../../addr/mac';
import type { Device } from '../dev/device';
import type { Netns } from '../netns';

export type NudState = 'incomplete' | 'reachable' | 'stale' | 'failed' | 'permanent' | 'noarp';

export interface NeighEntry {
  readonly ip: Ipv4;
  readonly dev: Device;
  mac?: Mac;
  state: NudState;
  /** the cached hardware header (neigh_hh_init): filled by the first packet sent through the entry */
  hh?: boolean;
}

function key(dev: Device, ip: Ipv4): string {
  return `${dev.ifindex}|${ip}`;
}

export function neighLookup(ns: Netns, dev: Device, ip: Ipv4): NeighEntry | undefined {
  return ns.neigh.get(key(dev, ip));
}

/** A usable entry: one that holds a link-layer address (NUD_VALID). */
export function neighValid(entry: NeighEntry | undefined): entry is NeighEntry & { mac: Mac } {
  return entry !== undefined && entry.mac !== undefined && entry.state !== 'incomplete' && entry.state !== 'failed';
}

export function neighUpdate(ns: Netns, dev: Device, ip: Ipv4, mac: Mac | undefined, state: NudState): NeighEntry {
  const existing = neighLookup(ns, dev, ip);
  // permanent entries are only changed by the administrator
  if (existing && existing.state === 'permanent' && state !== 'permanent') return existing;
  const entry: NeighEntry = existing ?? { ip, dev, state };
  entry.mac = mac ?? entry.mac;
  entry.state = state;
  ns.neigh.set(key(dev, ip), entry);
  ns.stateVersion++;
  return entry;
}

/** neigh_invalidate: resolution gave up; the entry stays, FAILED. */
export function neighFail(ns: Netns, entry: NeighEntry): void {
  entry.state = 'failed';
  ns.stateVersion++;
}

export function neighDelete(ns: Netns, dev: Device, ip: Ipv4): boolean {
  ns.stateVersion++;
  return ns.neigh.delete(key(dev, ip));
}

/** Flush every entry on a device (neigh_ifdown): the device went down or left the namespace. */
export function neighFlushDev(ns: Netns, dev: Device): void {
  ns.stateVersion++;
  for (const [k, e] of ns.neigh) if (e.dev === dev) ns.neigh.delete(k);
}

/** An entry as `ip neigh` prints it. */
export function formatNeigh(e: NeighEntry): string {
  const lladdr = e.mac ? ` lladdr ${e.mac}` : '';
  return `${formatIpv4(e.ip)} dev ${e.dev.name}${lladdr} ${e.state.toUpperCase()}`;
}
