// The values `ip link add` and `ip link set` hand the kernel that it refuses, with the words
// the tools print (issue 15). Measured with iproute2 on kernel 6.18 in a namespace: veth,
// bridge, vxlan and macvlan take an MTU from 68 to 65535 (min_mtu/max_mtu of ether_setup),
// the loopback any; a multicast or all-zero MAC is refused by eth_validate_addr; a name is at
// most IFNAMSIZ - 1 = 15 bytes (UTF-8 bytes, not characters), and neither "." nor "..".
// ipip (68 to 65535 - 20, ip_tunnel.c) and ipvlan (ether_setup's) are read from the source:
// this kernel has neither module, so they are not measured.
import { isMulticastMac, ZERO_MAC, type Mac } from '../../addr/mac';
import type { DevKind } from '../dev/device';
import { fail } from './context';

const IFNAMSIZ = 16;
const ETH_MIN_MTU = 68;
const ETH_MAX_MTU = 65535;
const IPIP_HLEN = 20;

const utf8 = new TextEncoder();

/** The bytes the kernel counts in a device name. */
export function nameBytes(name: string): number {
  return utf8.encode(name).length;
}

/** The MTU range of a kind of device (dev->min_mtu, dev->max_mtu); undefined: no bounds (lo). */
export function mtuRange(kind: DevKind): { min: number; max: number } | undefined {
  if (kind === 'loopback') return undefined;
  if (kind === 'ipip') return { min: ETH_MIN_MTU, max: ETH_MAX_MTU - IPIP_HLEN };
  return { min: ETH_MIN_MTU, max: ETH_MAX_MTU };
}

/** `ip link set DEV mtu N` (dev_validate_mtu's extack messages). */
export function checkSetMtu(kind: DevKind, mtu: number): void {
  const range = mtuRange(kind);
  if (!range) return;
  if (mtu < range.min) fail('Error: mtu less than device minimum.');
  if (mtu > range.max) fail('Error: mtu greater than device maximum.');
}

/**
 * `ip link add … mtu N type KIND`: veth checks both ends itself and says only EINVAL, vxlan
 * has its own message, the others go through dev_validate_mtu.
 */
export function checkNewMtu(kind: DevKind, mtu: number | undefined): void {
  if (mtu === undefined) return;
  const range = mtuRange(kind);
  if (!range || (mtu >= range.min && mtu <= range.max)) return;
  if (kind === 'veth') fail('RTNETLINK answers: Invalid argument');
  if (kind === 'vxlan') fail(`Error: MTU must be between ${range.min} and ${range.max}.`);
  checkSetMtu(kind, mtu);
}

/** eth_validate_addr: a device's own address is a unicast, non-zero one. */
export function checkDeviceMac(mac: Mac | undefined): void {
  if (mac === undefined) return;
  if (isMulticastMac(mac) || mac === ZERO_MAC) fail('RTNETLINK answers: Cannot assign requested address');
}

/** The name of the device `ip link add NAME` creates: the kernel's netlink policy (IFLA_IFNAME) and dev_valid_name. */
export function checkNewDeviceName(name: string): void {
  if (nameBytes(name) >= IFNAMSIZ) fail('Error: Attribute failed policy validation.');
  if (name === '.' || name === '..') fail('RTNETLINK answers: Invalid argument');
}

/** A name iproute2 itself checks first (`peer name`, `set … name`): check_ifname counts bytes. */
export function checkIproute2Name(name: string, keyword: string): void {
  if (nameBytes(name) >= IFNAMSIZ) fail(`Error: argument "${name}" is wrong: "${keyword}" not a valid ifname`);
  if (name === '.' || name === '..') fail('RTNETLINK answers: Invalid argument');
}
