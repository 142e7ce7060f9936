// `ip link add … type macvlan` (drivers/net/macvlan.c macvlan_common_newlink,
// macvlan_port_create), bringing one up (macvlan_open), its MAC and MTU (macvlan_set_mac_address,
// macvlan_change_mtu) and what the lower device's changes do to its macvlans
// (macvlan_device_event), with the errors iproute2 prints for what the kernel refuses.
import { deterministicMac, type Mac } from '../../addr/mac';
import type { MacvlanMode, OpBody } from '../../config/ops';
import { lowerDevice, type Device } from '../dev/device';
import { macvlanAddrBusy } from '../dev/macvlan';
import { createDevice } from '../lab';
import { fail, findDevice, type ApplyContext } from './context';

type MacvlanAdd = Extract<OpBody, { op: 'link-add'; kind: 'macvlan' }>;

const EINVAL = 'RTNETLINK answers: Invalid argument';
const EBUSY = 'RTNETLINK answers: Device or resource busy';

/** ARPHRD_ETHER and not loopback: what a macvlan or ipvlan may sit on. */
export function isEtherLower(dev: Device): boolean {
  return dev.kind !== 'loopback' && dev.kind !== 'ipip';
}

/**
 * netdev_is_rx_handler_busy: a bridge port, a macvlan or ipvlan port already has its receive
 * hook; an ipvlan device may have none (IFF_NO_RX_HANDLER).
 */
export function rxHandlerBusy(dev: Device): boolean {
  return (dev.master !== undefined && dev.kind !== 'bridge') || dev.macvlanPort !== undefined || dev.ipvlanPort !== undefined || dev.ipvlan !== undefined;
}

export function macvlanNewlink(ctx: ApplyContext, op: MacvlanAdd): Device {
  let lower = findDevice(ctx.ns, op.link);
  // a macvlan on a macvlan sits on the real lower device
  if (lower.macvlan) lower = lower.macvlan.lower;
  if (op.attrs.mtu !== undefined && op.attrs.mtu > lower.mtu) fail(EINVAL);
  const port = lower.macvlanPort;
  if (!port) {
    if (!isEtherLower(lower)) fail(EINVAL);
    if (rxHandlerBusy(lower)) fail(EBUSY);
  }
  // only one device on a passthru port, and a passthru device only on an empty one
  if (port?.passthru || (op.mode === 'passthru' && port && port.devices.length > 0)) fail(EINVAL);
  const passthru = op.mode === 'passthru';
  // eth_hw_addr_inherit: a passthru device takes the lower device's MAC, whatever was asked
  const mac: Mac = passthru ? lower.mac : (op.attrs.address ?? deterministicMac(ctx.ns.machine, ctx.ns.name, op.name));
  const dev = createDevice(ctx.ns, op.name, 'macvlan', { mac, mtu: op.attrs.mtu ?? lower.mtu });
  dev.macvlan = { lower, mode: op.mode };
  if (port) port.devices.push(dev);
  else lower.macvlanPort = { devices: [dev], passthru };
  if (passthru) lower.macvlanPort!.passthru = true;
  return dev;
}

/** macvlan_changelink: a new mode, but never into or out of passthru; another kind's options: EOPNOTSUPP. */
export function macvlanChangelink(dev: Device, mode: MacvlanMode | undefined): void {
  // without options iproute2 sends no IFLA_INFO_DATA: nothing to change, whatever the device
  if (mode === undefined) return;
  const m = dev.macvlan;
  if (!m) fail('RTNETLINK answers: Operation not supported');
  if ((mode === 'passthru') !== (m.mode === 'passthru')) fail(EINVAL);
  m.mode = mode;
}

/** macvlan_open: a device whose MAC the lower device or an open sibling uses cannot come up. */
export function macvlanOpen(dev: Device): void {
  const m = dev.macvlan;
  if (!m) return;
  const port = m.lower.macvlanPort!;
  if (!port.passthru && macvlanAddrBusy(m.lower, port, dev.mac, dev)) fail('RTNETLINK answers: Address already in use');
}

/**
 * `ip link set X address MAC` on a macvlan (macvlan_set_mac_address): a passthru device changes
 * its lower device's MAC (and follows it); another may not take a MAC in use.
 */
export function macvlanSetMac(dev: Device, mac: Mac): void {
  const m = dev.macvlan!;
  if (dev.mac === mac) return;
  if (m.mode === 'passthru') {
    m.lower.mac = mac;
    dev.mac = mac;
    return;
  }
  if (macvlanAddrBusy(m.lower, m.lower.macvlanPort!, mac, dev)) fail('RTNETLINK answers: Address already in use');
  dev.mac = mac;
}

/** NETDEV_CHANGEADDR on a passthru port's lower device: its macvlan follows (macvlan_sync_address). */
export function macvlanLowerMacChanged(lower: Device): void {
  const port = lower.macvlanPort;
  if (port?.passthru) for (const d of port.devices) d.mac = lower.mac;
}

/** macvlan_change_mtu: never more than the lower device's. */
export function macvlanChangeMtu(dev: Device, mtu: number): void {
  if (mtu > dev.macvlan!.lower.mtu) fail(EINVAL);
}

/** NETDEV_CHANGEMTU on the lower device: macvlans bigger than it shrink to it. */
export function macvlanLowerMtuChanged(lower: Device): void {
  for (const d of lower.macvlanPort?.devices ?? []) if (d.mtu > lower.mtu) d.mtu = lower.mtu;
}

/**
 * macvlan_dellink / ipvlan_link_delete, then ndo_uninit: the device leaves its lower device's
 * port, and the last one takes the port away (macvlan_port_destroy, ipvlan_port_destroy).
 */
export function stackedDellink(dev: Device): void {
  const lower = lowerDevice(dev);
  const key = dev.macvlan ? 'macvlanPort' : 'ipvlanPort';
  const port = lower?.[key];
  if (!lower || !port) return;
  port.devices.splice(port.devices.indexOf(dev), 1);
  if (port.devices.length === 0) lower[key] = undefined;
}
