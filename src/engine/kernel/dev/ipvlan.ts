// The ipvlan port's lookups (drivers/net/ipvlan/ipvlan_core.c): which device owns an IPv4
// address (ipvlan_ht_addr_lookup: the addresses of open devices, ipvlan_open/ipvlan_stop) and
// whether an address is taken by any device of the port (ipvlan_addr_busy).
import type { Ipv4 } from '../../addr/ipv4';
import type { Device, IpvlanPort } from './device';

/** ipvlan_ht_addr_lookup: the open device of the port that holds `addr`. */
export function ipvlanAddrLookup(port: IpvlanPort, addr: Ipv4): Device | undefined {
  return port.devices.find((d) => d.up && d.addrs.some((a) => a.local === addr));
}

/** ipvlan_addr_busy: a device of the port (open or not) already holds `addr`. */
export function ipvlanAddrBusy(port: IpvlanPort, addr: Ipv4): boolean {
  return port.devices.some((d) => d.addrs.some((a) => a.local === addr));
}

/** ipvlan_process_multicast: the open devices a group frame is copied to (not its sender). */
export function ipvlanMulticastTargets(port: IpvlanPort, sender?: Device): Device[] {
  return port.devices.filter((d) => d.up && d !== sender);
}
