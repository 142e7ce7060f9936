// `ip link add … type ipvlan` (drivers/net/ipvlan/ipvlan_main.c ipvlan_link_new,
// ipvlan_port_create, ipvlan_set_port_mode), the addresses an ipvlan may take
// (ipvlan_addr4_validator_event) and what the master's changes do to its devices
// (ipvlan_device_event), with the errors the kernel reports.
import type { Ipv4 } from '../../addr/ipv4';
import type { IpvlanFlag, IpvlanMode, OpBody } from '../../config/ops';
import type { Device } from '../dev/device';
import { ipvlanAddrBusy } from '../dev/ipvlan';
import { createDevice } from '../lab';
import { fail, findDevice, type ApplyContext } from './context';
import { isEtherLower, rxHandlerBusy } from './macvlan';

type IpvlanAdd = Extract<OpBody, { op: 'link-add'; kind: 'ipvlan' }>;

export function ipvlanNewlink(ctx: ApplyContext, op: IpvlanAdd): Device {
  let lower = findDevice(ctx.ns, op.link);
  // an ipvlan on an ipvlan sits on its master
  if (lower.ipvlan) lower = lower.ipvlan.lower;
  else if (!lower.ipvlanPort) {
    if (!isEtherLower(lower)) fail('RTNETLINK answers: Invalid argument');
    if (rxHandlerBusy(lower)) fail('RTNETLINK answers: Device or resource busy');
  }
  // every ipvlan shares its master's MAC (eth_hw_addr_set), whatever was asked; the MTU is the
  // master's unless given
  const dev = createDevice(ctx.ns, op.name, 'ipvlan', { mac: lower.mac, mtu: op.attrs.mtu ?? lower.mtu });
  dev.ipvlan = { lower };
  const port = (lower.ipvlanPort ??= { mode: 'l3', flag: 'bridge', devices: [] });
  // the newest device sets the port's flag and mode for all (the kernel's default mode is l3)
  port.flag = op.flag;
  port.mode = op.mode ?? 'l3';
  port.devices.push(dev);
  return dev;
}

/** ipvlan_nl_changelink: the port's mode (when given) and flag; another kind's options: EOPNOTSUPP. */
export function ipvlanChangelink(dev: Device, change: { readonly mode?: IpvlanMode; readonly flag?: IpvlanFlag }): void {
  if (change.mode === undefined && change.flag === undefined) return;
  const port = dev.ipvlan?.lower.ipvlanPort;
  if (!port) fail('RTNETLINK answers: Operation not supported');
  if (change.mode !== undefined) port.mode = change.mode;
  if (change.flag !== undefined) port.flag = change.flag;
}

/** ipvlan_addr4_validator_event: an address another ipvlan of the port holds is refused. */
export function ipvlanAddrCheck(dev: Device, addr: Ipv4): void {
  const port = dev.ipvlan?.lower.ipvlanPort;
  if (port && ipvlanAddrBusy(port, addr)) fail('Error: Address already assigned to an ipvlan device.');
}

/** An ipvlan has no ndo_set_mac_address: its MAC is its master's. */
export function ipvlanSetMac(): never {
  fail('RTNETLINK answers: Operation not supported');
}

/** NETDEV_CHANGEADDR on the master: every ipvlan takes its new MAC. */
export function ipvlanLowerMacChanged(lower: Device): void {
  for (const d of lower.ipvlanPort?.devices ?? []) d.mac = lower.mac;
}

/** NETDEV_CHANGEMTU on the master: every ipvlan takes its MTU (ipvlan_adjust_mtu), up or down. */
export function ipvlanLowerMtuChanged(lower: Device): void {
  for (const d of lower.ipvlanPort?.devices ?? []) d.mtu = lower.mtu;
}
