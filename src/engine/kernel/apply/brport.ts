// A bridge port's own settings (net/bridge/br_netlink.c br_setport, br_port_slave_changelink,
// br_sysfs_if.c): the hairpin flag, set three ways, each failing with its own tool's words on a
// device that is no bridge port.
import type { Op } from '../../config/ops';
import type { Device } from '../dev/device';
import { fail, type ApplyContext } from './context';

/** `ip link set DEV type bridge_slave …`: a device without a bridge master has no slave ops. */
export function brportChangelink(dev: Device, hairpin: boolean | undefined): void {
  if (!dev.master) fail('RTNETLINK answers: Operation not supported');
  if (hairpin !== undefined) dev.hairpin = hairpin;
}

/** `bridge link set dev DEV hairpin on|off`: br_setlink needs a port (the bridge itself is none). */
export function applyBrlinkSet(ctx: ApplyContext, op: Extract<Op, { op: 'brlink-set' }>): void {
  const dev = ctx.ns.devices.get(op.dev);
  if (!dev) fail(`Cannot find bridge device "${op.dev}"`);
  if (!dev.master) fail('RTNETLINK answers: Operation not supported');
  dev.hairpin = op.hairpin;
}

/** `echo N > /sys/class/net/DEV/brport/hairpin_mode`: only a port has the brport directory. */
export function applyBrportSysfs(ctx: ApplyContext, op: Extract<Op, { op: 'brport-sysfs' }>): void {
  const dev = ctx.ns.devices.get(op.dev);
  if (!dev?.master) fail(`cannot create ${op.path}: Directory nonexistent`);
  dev.hairpin = op.hairpin;
}

