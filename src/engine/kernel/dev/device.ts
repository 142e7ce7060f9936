// Network devices of one namespace (include/linux/netdevice.h, drivers/net/veth.c,
// net/bridge/, drivers/net/macvlan.c, drivers/net/ipvlan/). A device belongs to exactly one
// namespace at a time; a veth knows its peer, a bridge port knows its master, a NIC knows the
// network it is plugged into, a macvlan or ipvlan knows its lower device (which may live in
// another namespace) and the lower device keeps the port that lists them.
import type { Ipv4 } from '../../addr/ipv4';
import type { Mac } from '../../addr/mac';
import type { IpvlanFlag, IpvlanMode, MacvlanMode } from '../../config/ops';
import type { Netns } from '../netns';

export type DevKind = 'loopback' | 'veth' | 'bridge' | 'dummy' | 'nic' | 'vxlan' | 'ipip' | 'macvlan' | 'ipvlan';

/** A macvlan device (struct macvlan_dev): the real lower device it sits on, and its mode. */
export interface MacvlanState {
  readonly lower: Device;
  mode: MacvlanMode;
}

/** The macvlan port a lower device carries (struct macvlan_port): its devices, oldest first. */
export interface MacvlanPort {
  readonly devices: Device[];
  /** a passthru device owns the port: no other device may join it */
  passthru: boolean;
}

/** An ipvlan device (struct ipvl_dev): its master. Mode and flag are the port's. */
export interface IpvlanState {
  readonly lower: Device;
}

/** The ipvlan port on a master (struct ipvl_port): one mode and flag for every device on it. */
export interface IpvlanPort {
  mode: IpvlanMode;
  flag: IpvlanFlag;
  readonly devices: Device[];
}

/** One remote of a vxlan FDB entry (`bridge fdb append MAC dev vxlan0 dst IP`). */
export interface VxlanRemote {
  readonly dst: Ipv4;
  /** `permanent`/`static` by hand, or learned from a received packet */
  readonly learned: boolean;
}

/** A vxlan device's configuration and forwarding database (drivers/net/vxlan/). */
export interface VxlanState {
  readonly vni: number;
  readonly local?: Ipv4;
  /** the underlay device's name (`dev eth0`), in the vxlan's namespace */
  readonly link?: string;
  readonly dstport: number;
  readonly learning: boolean;
  /** MAC → remotes; the all-zeros MAC is the default entry, flooded to every remote listed */
  readonly fdb: Map<Mac, VxlanRemote[]>;
}

/** An IP-in-IP tunnel's parameters (net/ipv4/ipip.c, ip_tunnel.c). */
export interface TunnelState {
  readonly local?: Ipv4;
  readonly remote?: Ipv4;
  readonly ttl: number;
  readonly link?: string;
  /** DF in the outer header's template (iph.frag_off); undefined = on, iproute2's default */
  readonly pmtudisc?: boolean;
  /** the module's tunl0 (itn->fb_tunnel_dev): one per namespace, never deleted or moved */
  readonly fallback?: boolean;
}

/** An IPv4 address on a device (struct in_ifaddr). */
export interface IfAddr {
  readonly local: Ipv4;
  readonly len: number;
  readonly scope: number; // RT_SCOPE_*
  readonly broadcast?: Ipv4;
  /** IFA_F_SECONDARY: another address of the same subnet was there first. */
  readonly secondary: boolean;
}

/** One bridge forwarding database entry (net/bridge/br_fdb.c). */
export interface FdbEntry {
  readonly mac: Mac;
  /** the port the MAC lives behind; undefined for the bridge's own (local) addresses */
  readonly port?: Device;
  readonly local: boolean;
  readonly static: boolean;
}

export interface Device {
  readonly ifindex: number;
  name: string;
  readonly kind: DevKind;
  mac: Mac;
  mtu: number;
  /** IFF_UP, set by `ip link set X up` */
  up: boolean;
  promisc: boolean;
  ns: Netns;
  addrs: IfAddr[];
  /** the bridge this device is a port of */
  master?: Device;
  /** bridge port: when it joined (br_add_if puts each new port at the head of br->port_list) */
  portSeq?: number;
  /**
   * A bridge port's BR_HAIRPIN_MODE: the bridge may send a frame back out of the port it came
   * in on (br_forward.c should_deliver). Off on every new port.
   */
  hairpin?: boolean;
  /** veth: the other end (possibly in another namespace) */
  peer?: Device;
  /** bridge: forwarding database keyed by MAC */
  fdb?: Map<Mac, FdbEntry>;
  /** nic: the fabric network it plugs into */
  network?: string;
  /** vxlan: VNI, VTEP address, port, learning and the vxlan FDB */
  vxlan?: VxlanState;
  /** ipip: the tunnel's endpoints */
  tunnel?: TunnelState;
  /** macvlan: its lower device and mode */
  macvlan?: MacvlanState;
  /** the macvlan devices on this device (rx_handler macvlan_handle_frame) */
  macvlanPort?: MacvlanPort;
  /** ipvlan: its master */
  ipvlan?: IpvlanState;
  /** the ipvlan devices on this master (rx_handler ipvlan_handle_frame) */
  ipvlanPort?: IpvlanPort;
}

/**
 * netif_carrier_ok: a veth has carrier only while its peer is up; a NIC while plugged in; a
 * macvlan or ipvlan while its lower device is up with carrier (netif_stacked_transfer_operstate).
 */
export function hasCarrier(dev: Device): boolean {
  if (dev.kind === 'veth') return dev.peer !== undefined && dev.peer.up;
  if (dev.kind === 'nic') return dev.network !== undefined;
  const lower = lowerDevice(dev);
  if (lower) return isOperational(lower);
  return true;
}

/** A macvlan's or ipvlan's lower device (its parent, maybe in another namespace). */
export function lowerDevice(dev: Device): Device | undefined {
  return dev.macvlan?.lower ?? dev.ipvlan?.lower;
}

/** netif_running && carrier: the device can move packets now. */
export function isOperational(dev: Device): boolean {
  return dev.up && hasCarrier(dev);
}

/**
 * IFF_NOARP devices resolve neighbours without ARP: loopback, ipip (it has no link layer), and
 * ipvlan devices in l3 and l3s mode (ipvlan_set_port_mode sets the flag on every device).
 */
export function isNoArp(dev: Device): boolean {
  if (dev.ipvlan) return dev.ipvlan.lower.ipvlanPort?.mode !== 'l2';
  return dev.kind === 'loopback' || dev.kind === 'ipip';
}

/** A bridge's ports in br->port_list order, the order br_flood sends: the newest port first. */
export function bridgePorts(bridge: Device): Device[] {
  return [...bridge.ns.devices.values()].filter((d) => d.master === bridge).sort((a, b) => (b.portSeq ?? 0) - (a.portSeq ?? 0));
}
