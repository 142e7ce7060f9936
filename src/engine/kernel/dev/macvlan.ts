// The macvlan port's lookups (drivers/net/macvlan.c): which device owns a MAC
// (macvlan_hash_lookup: only open devices are hashed, macvlan_open/macvlan_stop), whether a MAC
// is taken (macvlan_addr_busy), and which devices a group frame is copied to (macvlan_broadcast,
// macvlan_multicast_rx), by the devices' modes.
import type { Mac } from '../../addr/mac';
import type { MacvlanMode } from '../../config/ops';
import type { Device, MacvlanPort } from './device';

/** macvlan_hash_lookup: the open macvlan device on this port whose MAC is `mac`. */
export function macvlanHashLookup(port: MacvlanPort, mac: Mac): Device | undefined {
  return port.devices.find((d) => d.up && d.mac === mac);
}

/** macvlan_addr_busy: the lower device's own MAC (unless passthru) or an open device's. */
export function macvlanAddrBusy(lower: Device, port: MacvlanPort, mac: Mac, self?: Device): boolean {
  if (!port.passthru && lower.mac === mac) return true;
  const owner = macvlanHashLookup(port, mac);
  return owner !== undefined && owner !== self;
}

/** The modes macvlan_broadcast delivers to, by where the frame comes from. */
export type BroadcastSource =
  /** a frame from the wire whose source is no device of the port */
  | { readonly from: 'wire' }
  /** a frame from the wire whose source MAC is one of the port's devices (a hairpin) */
  | { readonly from: 'hairpin'; readonly src: Device }
  /** sent by a bridge-mode device: its bridge-mode siblings */
  | { readonly from: 'bridge'; readonly src: Device };

const ALL_MODES: readonly MacvlanMode[] = ['private', 'vepa', 'passthru', 'bridge'];

function modesFor(source: BroadcastSource): readonly MacvlanMode[] {
  switch (source.from) {
    case 'wire':
      return ALL_MODES;
    case 'hairpin':
      // a vepa sender floods to every vepa and bridge device but itself; a bridge device's
      // siblings saw the frame on its way out, so only vepa devices get it now
      return source.src.macvlan?.mode === 'vepa' ? ['vepa', 'bridge'] : ['vepa'];
    case 'bridge':
      return ['bridge'];
  }
}

/**
 * macvlan_broadcast: the open devices of the port a group frame is copied to, oldest first (the
 * kernel walks its hash; every device's filter takes the broadcast address).
 */
export function macvlanBroadcastTargets(port: MacvlanPort, source: BroadcastSource): Device[] {
  const modes = modesFor(source);
  const src = source.from === 'wire' ? undefined : source.src;
  return port.devices.filter((d) => d.up && d !== src && modes.includes(d.macvlan!.mode));
}
