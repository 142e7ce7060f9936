// `ip link add … type vxlan` (vxlan_newlink → vxlan_dev_configure), `ip link set … mtu` on a
// vxlan (vxlan_change_mtu), and `bridge fdb add|append|del` on a vxlan (vxlan_fdb_add/delete),
// with the errors iproute2 prints for what the kernel refuses.
import { ZERO_MAC } from '../../addr/mac';
import type { OpBody } from '../../config/ops';
import type { Device } from '../dev/device';
import { vxlanFdbAdd, vxlanFdbDel } from '../dev/vxlanFdb';
import { createDevice } from '../lab';
import { fail, findDevice, type ApplyContext } from './context';

/** IPv4 + UDP + VXLAN + inner Ethernet: what encapsulation adds (VXLAN_HEADROOM). */
export const VXLAN_HEADROOM = 50;

type VxlanAdd = Extract<OpBody, { op: 'link-add'; kind: 'vxlan' }>;
type FdbOp = Extract<OpBody, { op: 'fdb-add' | 'fdb-append' | 'fdb-del' }>;

export function vxlanNewlink(ctx: ApplyContext, op: VxlanAdd): Device {
  const cfg = op.vxlan;
  const lower = cfg.dev !== undefined ? findDevice(ctx.ns, cfg.dev) : undefined;
  // vxlan_vni_in_use: one device per VNI and UDP port in a namespace
  const clash = [...ctx.ns.devices.values()].some((d) => d.vxlan && d.vxlan.vni === cfg.vni && d.vxlan.dstport === cfg.dstport);
  if (clash) fail('Error: A VXLAN device with the specified VNI already exists.');
  // without a lower device the MTU is Ethernet's; with one, what fits in it (and no more)
  const max = lower ? lower.mtu - VXLAN_HEADROOM : undefined;
  const mtu = Math.min(op.attrs.mtu ?? max ?? 1500, max ?? Infinity);
  const dev = createDevice(ctx.ns, op.name, 'vxlan', { mac: op.attrs.address, mtu });
  dev.vxlan = {
    vni: cfg.vni,
    ...(cfg.local !== undefined ? { local: cfg.local } : {}),
    ...(lower ? { link: lower.name } : {}),
    dstport: cfg.dstport,
    learning: cfg.learning,
    fdb: new Map(),
  };
  // `remote IP` is the default destination: an all-zeros entry
  if (cfg.remote !== undefined) vxlanFdbAdd(dev.vxlan, ZERO_MAC, cfg.remote, false);
  return dev;
}

/** vxlan_change_mtu: never more than the lower device can carry once encapsulated. */
export function vxlanChangeMtu(ctx: ApplyContext, dev: Device, mtu: number): void {
  const link = dev.vxlan?.link !== undefined ? ctx.ns.devices.get(dev.vxlan.link) : undefined;
  if (link && mtu > link.mtu - VXLAN_HEADROOM) fail('RTNETLINK answers: Invalid argument');
}

export function vxlanFdbApply(dev: Device, op: FdbOp): void {
  const vx = dev.vxlan!;
  if (op.master) fail('RTNETLINK answers: Operation not supported');
  if (op.op === 'fdb-del') {
    if (!vxlanFdbDel(vx, op.mac, op.dst)) fail('RTNETLINK answers: No such file or directory');
    return;
  }
  if (op.dst === undefined) fail('RTNETLINK answers: Invalid argument');
  if (vxlanFdbAdd(vx, op.mac, op.dst, op.op === 'fdb-append') === 'exists') fail('RTNETLINK answers: File exists');
}
