// `ip link add/set/del` (net/core/rtnetlink.c, drivers/net/veth.c, net/bridge/br_if.c; the
// macvlan and ipvlan specifics in macvlan.ts and ipvlan.ts).
import { deterministicMac } from '../../addr/mac';
import type { Op, OpBody } from '../../config/ops';
import { bridgePorts, type Device } from '../dev/device';
import { createDevice } from '../lab';
import { neighFlushDev } from '../neigh/neighbour';
import type { Netns } from '../netns';
import { RT_SCOPE_HOST, RT_SCOPE_NOWHERE } from '../fib/route';
import { addIfaddrRoutes, flushAddrs } from './addr';
import { brportChangelink } from './brport';
import { vxlanChangeMtu, vxlanNewlink } from './vxlan';
import { ipipNewlink } from '../dev/ipipTunnel';
import { ipvlanChangelink, ipvlanLowerMacChanged, ipvlanLowerMtuChanged, ipvlanNewlink, ipvlanSetMac } from './ipvlan';
import {
  macvlanChangelink, macvlanChangeMtu, macvlanLowerMacChanged, macvlanLowerMtuChanged, macvlanNewlink, macvlanOpen, macvlanSetMac, rxHandlerBusy, stackedDellink,
} from './macvlan';

const LOOPBACK_ADDR = 0x7f000001;
import { fail, findDevice, findNetns, type ApplyContext } from './context';
import { checkDeviceMac, checkIproute2Name, checkNewDeviceName, checkNewMtu, checkSetMtu } from './linkLimits';

type LinkAdd = Extract<OpBody, { op: 'link-add' }>;
type LinkSet = Extract<OpBody, { op: 'link-set' }>;

function ensureFree(ns: Netns, name: string): void {
  if (ns.devices.has(name)) fail('RTNETLINK answers: File exists');
}

export function applyLinkAdd(ctx: ApplyContext, op: LinkAdd): void {
  // iproute2 checks the peer's name before it asks anything; then the kernel's own checks
  if (op.kind === 'veth') checkIproute2Name(op.peer.name, 'name');
  checkNewDeviceName(op.name);
  checkNewMtu(op.kind, op.attrs.mtu);
  if (op.kind === 'veth') {
    checkNewMtu('veth', op.peer.mtu);
    checkDeviceMac(op.peer.address);
  }
  if (op.kind !== 'ipip') checkDeviceMac(op.attrs.address);
  if (op.kind === 'ipip') {
    finishAttrs(ctx, ipipNewlink(ctx.lab, ctx.ns, op.name, op.attrs, op.tunnel), op.attrs);
    return;
  }
  ensureFree(ctx.ns, op.name);
  if (op.kind === 'veth') {
    const peerNs = op.peer.netns !== undefined ? findNetns(ctx, op.peer.netns) : ctx.ns;
    if (peerNs === ctx.ns && op.peer.name === op.name) fail('RTNETLINK answers: File exists');
    ensureFree(peerNs, op.peer.name);
    // veth_newlink registers the peer first, so it gets the lower ifindex
    const peer = createDevice(peerNs, op.peer.name, 'veth', {
      mac: op.peer.address ?? deterministicMac(peerNs.machine, peerNs.name, op.peer.name),
      mtu: op.peer.mtu ?? op.attrs.mtu,
    });
    const dev = createDevice(ctx.ns, op.name, 'veth', { mac: op.attrs.address, mtu: op.attrs.mtu });
    dev.peer = peer;
    peer.peer = dev;
    finishAttrs(ctx, dev, op.attrs);
    return;
  }
  if (op.kind === 'vxlan') {
    finishAttrs(ctx, vxlanNewlink(ctx, op), op.attrs);
    return;
  }
  if (op.kind === 'macvlan') {
    finishAttrs(ctx, macvlanNewlink(ctx, op), op.attrs);
    return;
  }
  if (op.kind === 'ipvlan') {
    finishAttrs(ctx, ipvlanNewlink(ctx, op), op.attrs);
    return;
  }
  const dev = createDevice(ctx.ns, op.name, op.kind, { mac: op.attrs.address, mtu: op.attrs.mtu });
  if (dev.fdb) dev.fdb.set(dev.mac, { mac: dev.mac, local: true, static: true });
  finishAttrs(ctx, dev, op.attrs);
}

function finishAttrs(ctx: ApplyContext, dev: Device, attrs: LinkAdd['attrs']): void {
  if (attrs.master) setMaster(ctx.ns, dev, attrs.master);
  if (attrs.up) devOpen(dev);
}

/** dev_open as `ip link set X up` asks for it: the driver's ndo_open may refuse. */
function devOpen(dev: Device): void {
  if (!dev.up) macvlanOpen(dev);
  setUp(dev, true);
}

function setMaster(ns: Netns, dev: Device, masterName: string | null): void {
  // do_set_master: the master it already has is no change (the port keeps its flags)
  if (masterName !== null && dev.master?.name === masterName) return;
  if (dev.master) {
    dev.master.fdb?.delete(dev.mac);
    dev.master = undefined;
    dev.hairpin = undefined; // the port and its flags go with br_del_if
  }
  if (masterName === null) return;
  const master = findDevice(ns, masterName);
  if (master.kind !== 'bridge') fail('RTNETLINK answers: Operation not supported');
  if (master === dev) fail('RTNETLINK answers: Invalid argument');
  if (dev.kind === 'loopback' || dev.kind === 'bridge') fail('RTNETLINK answers: Invalid argument');
  // br_add_if → netdev_rx_handler_register: a macvlan/ipvlan port or an ipvlan has its hook
  if (rxHandlerBusy(dev)) fail('RTNETLINK answers: Device or resource busy');
  dev.portSeq = 1 + Math.max(0, ...bridgePorts(master).map((p) => p.portSeq ?? 0));
  dev.master = master;
  // br_fdb_insert: a port's own MAC is a local entry of the bridge
  master.fdb!.set(dev.mac, { mac: dev.mac, port: dev, local: true, static: true });
}

/** dev_open / dev_close and the routes that follow (fib_netdev_event NETDEV_UP/DOWN). */
export function setUp(dev: Device, up: boolean): void {
  if (dev.up === up) return;
  dev.up = up;
  if (up) {
    // inetdev_event NETDEV_UP: loopback gets 127.0.0.1/8 scope host
    if (dev.kind === 'loopback' && !dev.addrs.some((a) => a.local === LOOPBACK_ADDR)) {
      dev.addrs.unshift({ local: LOOPBACK_ADDR, len: 8, scope: RT_SCOPE_HOST, secondary: false });
    }
    for (const ifa of dev.addrs) addIfaddrRoutes(dev, ifa);
    return;
  }
  // fib_sync_down_dev: going down kills every route through the device except those whose
  // nexthop has scope nowhere (local addresses, `scope host` routes)
  for (const table of dev.ns.tables.values()) table.removeWhere((r) => r.dev === dev && r.nhScope !== RT_SCOPE_NOWHERE);
  neighFlushDev(dev.ns, dev);
}

/** dev_change_net_namespace: the device arrives down, without addresses, routes or master. */
function moveToNetns(ctx: ApplyContext, dev: Device, target: Netns): void {
  if (dev.kind === 'loopback' || dev.kind === 'bridge' || dev.tunnel?.fallback) fail('RTNETLINK answers: Invalid argument');
  // the kernel keeps the tunnel's outer side in its old namespace (x-netns); not modelled
  if (dev.kind === 'ipip') fail('podpath does not model ipip tunnels moved to another namespace; create the tunnel inside it');
  if (target.devices.has(dev.name)) fail('RTNETLINK answers: File exists');
  setUp(dev, false);
  flushAddrs(dev);
  for (const table of dev.ns.tables.values()) table.removeWhere((r) => r.dev === dev);
  if (dev.master) setMaster(ctx.ns, dev, null);
  dev.ns.devices.delete(dev.name);
  dev.ns.sysctl.dev.delete(dev.name);
  (dev as { ifindex: number }).ifindex = target.allocIfindex();
  dev.ns = target;
  target.devices.set(dev.name, dev);
  target.sysctl.dev.set(dev.name, { ...target.sysctl.dflt });
}

export function applyLinkSet(ctx: ApplyContext, op: LinkSet): void {
  if (op.name !== undefined) checkIproute2Name(op.name, 'name');
  const dev = findDevice(ctx.ns, op.dev);
  if (op.mtu !== undefined) checkSetMtu(dev.kind, op.mtu);
  if (op.address !== undefined && dev.kind !== 'ipip') checkDeviceMac(op.address);
  // rtnl_newlink on an existing device: the kind's changelink before the generic settings
  if (op.type?.kind === 'macvlan') macvlanChangelink(dev, op.type.mode);
  if (op.type?.kind === 'ipvlan') ipvlanChangelink(dev, op.type);
  if (op.type?.kind === 'bridge_slave') brportChangelink(dev, op.type.hairpin);
  if (op.name !== undefined && op.name !== dev.name) {
    if (dev.up) fail('RTNETLINK answers: Device or resource busy');
    ensureFree(ctx.ns, op.name);
    const conf = ctx.ns.sysctl.dev.get(dev.name);
    ctx.ns.devices.delete(dev.name);
    ctx.ns.sysctl.dev.delete(dev.name);
    dev.name = op.name;
    ctx.ns.devices.set(dev.name, dev);
    if (conf) ctx.ns.sysctl.dev.set(dev.name, conf);
  }
  if (op.address !== undefined && dev.ipvlan) ipvlanSetMac();
  if (op.address !== undefined && dev.macvlan) {
    macvlanSetMac(dev, op.address);
  } else if (op.address !== undefined) {
    if (dev.master?.fdb) {
      dev.master.fdb.delete(dev.mac);
      dev.master.fdb.set(op.address, { mac: op.address, port: dev, local: true, static: true });
    }
    if (dev.fdb) {
      dev.fdb.delete(dev.mac);
      dev.fdb.set(op.address, { mac: op.address, local: true, static: true });
    }
    dev.mac = op.address;
    macvlanLowerMacChanged(dev);
    ipvlanLowerMacChanged(dev);
  }
  if (op.mtu !== undefined) {
    if (dev.kind === 'vxlan') vxlanChangeMtu(ctx, dev, op.mtu);
    if (dev.macvlan) macvlanChangeMtu(dev, op.mtu);
    dev.mtu = op.mtu;
    macvlanLowerMtuChanged(dev);
    ipvlanLowerMtuChanged(dev);
  }
  if (op.promisc !== undefined) dev.promisc = op.promisc;
  if (op.master !== undefined) setMaster(ctx.ns, dev, op.master);
  if (op.toNetns !== undefined) {
    moveToNetns(ctx, dev, findNetns(ctx, op.toNetns));
    return;
  }
  if (op.up === true) devOpen(dev);
  else if (op.up === false) setUp(dev, false);
}

export function applyLinkDel(ctx: ApplyContext, op: Extract<Op, { op: 'link-del' }>): void {
  const dev = findDevice(ctx.ns, op.dev);
  if (dev.kind === 'loopback' || dev.kind === 'nic') fail('RTNETLINK answers: Operation not supported');
  // ip_tunnel_dellink leaves the fallback tunl0 alone, and says nothing
  if (dev.tunnel?.fallback) return;
  const pair = dev.peer ? [dev, dev.peer] : [dev];
  // NETDEV_UNREGISTER of a lower device takes its macvlans and ipvlans with it, wherever they live
  const doomed = [...pair, ...pair.flatMap((d) => [...(d.macvlanPort?.devices ?? []), ...(d.ipvlanPort?.devices ?? [])])];
  for (const d of doomed) {
    stackedDellink(d);
    setUp(d, false);
    flushAddrs(d);
    for (const table of d.ns.tables.values()) table.removeWhere((r) => r.dev === d);
    if (d.master) setMaster(d.ns, d, null);
    for (const port of d.kind === 'bridge' ? bridgePorts(d) : []) setMaster(d.ns, port, null);
    d.ns.devices.delete(d.name);
    d.ns.sysctl.dev.delete(d.name);
  }
}
