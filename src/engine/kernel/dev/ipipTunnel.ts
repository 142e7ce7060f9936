// IP-in-IP tunnel devices (net/ipv4/ipip.c, net/ipv4/ip_tunnel.c): the fallback tunl0 the
// module creates in every namespace, tunnel creation and change with the kernel's checks
// (ip_tunnel_find, ip_tunnel_bind_dev, ip_tunnel_ctl), ip_tunnel_lookup for received
// packets, and how iproute2 prints the devices.
import { formatIpv4, type Ipv4 } from '../../addr/ipv4';
import { ZERO_MAC } from '../../addr/mac';
import type { LinkAttrs, TunnelAttrs, TunnelChange } from '../../config/ops';
import { fail, findDevice } from '../apply/context';
import { deviceOfAddress } from '../fib/lookup';
import { ipRouteOutput } from '../fib/routeOutput';
import type { Lab } from '../lab';
import { createDevice } from '../lab';
import type { Netns } from '../netns';
import type { Device, TunnelState } from './device';

/** ipip_init_net: the fallback device's name (ipip's MODULE_ALIAS_NETDEV). */
export const IPIP_FALLBACK = 'tunl0';
/** The outer IPv4 header an ipip tunnel adds (t_hlen: no tunnel header of its own). */
export const IPIP_HLEN = 20;
const ETH_DATA_LEN = 1500;
const IPV4_MIN_MTU = 68;
const IP_MAX_MTU = 0xffff;

export type IpipDevice = Device & { tunnel: TunnelState };

export function isIpip(dev: Device | undefined): dev is IpipDevice {
  return dev?.kind === 'ipip' && dev.tunnel !== undefined;
}

function tunnelsOf(ns: Netns): IpipDevice[] {
  return ns.orderedDevices().filter(isIpip);
}

/** The module is loaded on a machine once its root namespace has the fallback device. */
export function ipipLoaded(lab: Lab, machine: string): boolean {
  const root = lab.netns(machine, '');
  return !!root && tunnelsOf(root).some((d) => d.tunnel.fallback);
}

/**
 * ipip_init_net → ip_tunnel_init_net: tunl0, down, NOARP, MTU 1500 - 20, and zeroed
 * parameters: no endpoints, TTL inherited, no DF in the template (`nopmtudisc`).
 */
export function ipipInitNet(ns: Netns): void {
  if (tunnelsOf(ns).some((d) => d.tunnel.fallback) || ns.devices.has(IPIP_FALLBACK)) return;
  const dev = createDevice(ns, IPIP_FALLBACK, 'ipip', { mac: ZERO_MAC, mtu: ETH_DATA_LEN - IPIP_HLEN });
  dev.tunnel = { ttl: 0, pmtudisc: false, fallback: true };
}

/** modprobe ipip (or the autoload `ip tunnel add` / `ip link add type ipip` cause): every namespace gets tunl0. */
export function ipipModuleLoad(lab: Lab, machine: string): void {
  for (const ns of lab.machines.get(machine)?.values() ?? []) ipipInitNet(ns);
}

const same = (a: Ipv4 | undefined, b: Ipv4 | undefined) => (a ?? 0) === (b ?? 0);

/** ip_tunnel_find: a tunnel with the same endpoints and underlay already exists. */
function ipTunnelFind(ns: Netns, p: TunnelState, except?: Device): IpipDevice | undefined {
  return tunnelsOf(ns).find((t) => t !== except && same(t.tunnel.local, p.local) && same(t.tunnel.remote, p.remote) && (t.tunnel.link ?? '') === (p.link ?? ''));
}

/** ip_tunnel_bind_dev: the MTU a tunnel starts with, from the underlay its remote routes through (or its `dev`). */
function ipTunnelBindDev(ns: Netns, p: TunnelState): number {
  let tdev: Device | undefined;
  const link = p.link !== undefined ? ns.devices.get(p.link) : undefined;
  if (p.remote !== undefined) {
    const rt = ipRouteOutput(ns, { daddr: p.remote, saddr: p.local, oif: link });
    if (rt.ok) tdev = rt.dev;
  }
  tdev ??= link;
  return Math.max((tdev ? Math.min(tdev.mtu, IP_MAX_MTU) : ETH_DATA_LEN) - IPIP_HLEN, IPV4_MIN_MTU);
}

function stateOf(t: TunnelAttrs): TunnelState {
  return {
    ...(t.local !== undefined ? { local: t.local } : {}),
    ...(t.remote !== undefined ? { remote: t.remote } : {}),
    ttl: t.ttl,
    ...(t.dev !== undefined ? { link: t.dev } : {}),
    ...(t.pmtudisc === false ? { pmtudisc: false } : {}),
  };
}

/**
 * `ip tunnel add` (ip_tunnel_ctl SIOCADDTUNNEL → ip_tunnel_create) and `ip link add type ipip`
 * (ipip_newlink → ip_tunnel_newlink). Both load the module first, so tunl0 exists everywhere.
 */
export function ipipNewlink(lab: Lab, ns: Netns, name: string, attrs: LinkAttrs, t: TunnelAttrs): IpipDevice {
  const tool = (errno: string) => (t.ioctl ? `add tunnel "${IPIP_FALLBACK}" failed: ${errno}` : `RTNETLINK answers: ${errno}`);
  // iproute2 refuses these before asking the kernel (so the module is not loaded yet)
  if (t.dev !== undefined && !ns.devices.has(t.dev)) fail(t.ioctl ? `Cannot find device "${t.dev}"` : `Error: argument "${t.dev}" is wrong: "dev" is invalid`);
  if (t.ttl && t.pmtudisc === false) fail('ttl != 0 and nopmtudisc are incompatible');
  ipipModuleLoad(lab, ns.machine);
  const p = stateOf(t);
  if (ipTunnelFind(ns, p) || ns.devices.has(name)) fail(tool('File exists'));
  let mtu = ipTunnelBindDev(ns, p);
  if (attrs.mtu !== undefined) mtu = Math.min(Math.max(attrs.mtu, IPV4_MIN_MTU), IP_MAX_MTU - IPIP_HLEN);
  const dev = createDevice(ns, name, 'ipip', { mac: ZERO_MAC, mtu });
  dev.tunnel = p;
  return dev as IpipDevice;
}

/** `ip tunnel change NAME …` (ip_tunnel_ctl SIOCCHGTUNNEL → ip_tunnel_update). */
export function ipipChangelink(ns: Netns, name: string, c: TunnelChange): void {
  const dev = ns.devices.get(name);
  if (!dev) fail(`get tunnel "${name}" failed: No such device`);
  if (!isIpip(dev)) fail(`get tunnel "${name}" failed: Operation not supported`);
  const err: (errno: string) => never = (errno) => fail(`add tunnel "${name}" failed: ${errno}`);
  const pick = <T>(v: T | null | undefined, old: T | undefined) => (v === null ? undefined : v === undefined ? old : v);
  const old = dev.tunnel;
  const p = stateOf({
    local: pick(c.local, old.local),
    remote: pick(c.remote, old.remote),
    ttl: c.ttl ?? old.ttl,
    dev: pick(c.dev, old.link),
    pmtudisc: c.pmtudisc ?? old.pmtudisc,
  });
  if (p.link !== undefined && !ns.devices.has(p.link)) fail(`Cannot find device "${p.link}"`);
  if (p.ttl && p.pmtudisc === false) fail('ttl != 0 and nopmtudisc are incompatible');
  const found = ipTunnelFind(ns, p);
  let target: IpipDevice = dev;
  if (old.fallback) {
    // on tunl0 the parameters choose the tunnel to change
    if (!found) err('No such file or directory');
    target = found;
  } else if (found && found !== dev) {
    err('File exists');
  } else if (!found && (old.remote !== undefined) !== (p.remote !== undefined)) {
    // a one-to-many tunnel cannot become point-to-point, nor the reverse (IFF_POINTOPOINT)
    err('Invalid argument');
  }
  const rebind = (target.tunnel.link ?? '') !== (p.link ?? '');
  target.tunnel = { ...p, ...(target.tunnel.fallback ? { fallback: true } : {}) };
  if (rebind) target.mtu = ipTunnelBindDev(ns, target.tunnel);
}

/** `ip tunnel del NAME` (SIOCDELTUNNEL): the fallback refuses; the caller unregisters the rest. */
export function ipipDellinkCheck(ns: Netns, name: string): Device {
  const dev = ns.devices.get(name);
  if (!dev) fail(`delete tunnel "${name}" failed: No such device`);
  if (!isIpip(dev)) fail(`delete tunnel "${name}" failed: Operation not supported`);
  if (dev.tunnel.fallback) fail(`delete tunnel "${name}" failed: Operation not permitted`);
  return findDevice(ns, name);
}

/**
 * ip_tunnel_lookup for a received packet of protocol 4 on `link`, from `remote` to `local`:
 * exact endpoints, then `local any`, then one-to-many (`remote any`), then both any (tunl0
 * among them); a tunnel bound to the receiving device wins within a pass. Only tunnels that
 * are up match. Chains are newest first (hlist_add_head).
 */
export function ipTunnelLookup(ns: Netns, link: Device, remote: Ipv4, local: Ipv4): IpipDevice | undefined {
  const tunnels = tunnelsOf(ns).reverse().filter((t) => t.up);
  const passes: ((t: TunnelState) => boolean)[] = [
    (t) => same(t.local, local) && same(t.remote, remote),
    (t) => same(t.remote, remote) && !t.local,
    (t) => same(t.local, local) && !t.remote,
    (t) => !t.local && !t.remote,
  ];
  let cand: IpipDevice | undefined;
  for (const [pass, match] of passes.entries()) {
    for (const t of tunnels) {
      if (!match(t.tunnel)) continue;
      if (t.tunnel.link === link.name) return t;
      if (pass === 0 || !cand) cand = t;
    }
  }
  return cand;
}

/** iproute2's flags for an ipip device: POINTOPOINT only with a remote (ip_tunnel_bind_dev). */
export function ipipLinkFlags(dev: IpipDevice): string[] {
  return [...(dev.tunnel.remote !== undefined ? ['POINTOPOINT'] : []), 'NOARP'];
}

/** `@NONE` (no underlay: IFLA_LINK 0) or `@eth0`. */
export function ipipIflink(dev: IpipDevice): string {
  return `@${dev.tunnel.link ?? 'NONE'}`;
}

/** The `ip link` address line: the local address, and the remote as peer (p2p) or brd. */
export function ipipLinkLine(dev: IpipDevice): string {
  const { local, remote } = dev.tunnel;
  return `link/ipip ${formatIpv4(local ?? 0)} ${remote !== undefined ? 'peer' : 'brd'} ${formatIpv4(remote ?? 0)}`;
}

function endpoints(dev: IpipDevice): string {
  const { local, remote, link, ttl, pmtudisc } = dev.tunnel;
  const at = (a: Ipv4 | undefined) => (a === undefined ? 'any' : formatIpv4(a));
  return `remote ${at(remote)} local ${at(local)}${link ? ` dev ${link}` : ''} ttl ${ttl || 'inherit'}${pmtudisc === false ? ' nopmtudisc' : ''}`;
}

/** The tunnel as `ip tunnel show` prints it (print_tunnel). */
export function ipipTunnelLine(dev: IpipDevice): string {
  return `${dev.name}: ip/ip ${endpoints(dev)}`;
}

/** For the device's tooltip, as `ip -d link` sketches it. */
export function ipipDetail(dev: IpipDevice): string {
  return `ipip ${endpoints(dev)}`;
}

/**
 * The tunnels at the far ends, for the canvas: whoever owns each outer destination (the
 * remote, or the gateways of the routes through a one-to-many tunnel) and the tunnel there
 * that would take this one's packets (ip_tunnel_lookup).
 */
export function ipipTunnelPeers(lab: Lab, dev: IpipDevice): IpipDevice[] {
  const ns = dev.ns;
  const routes = [...ns.tables.values()].flatMap((t) => t.routes).filter((r) => r.dev === dev && r.via !== undefined);
  const dsts = dev.tunnel.remote !== undefined ? [dev.tunnel.remote] : [...new Set(routes.map((r) => r.via!))];
  const peers: IpipDevice[] = [];
  for (const dst of dsts) {
    const rt = ipRouteOutput(ns, { daddr: dst, saddr: dev.tunnel.local });
    if (!rt.ok || rt.dev === dev) continue;
    for (const other of lab.allNamespaces()) {
      const owner = other === ns ? undefined : deviceOfAddress(other, dst);
      const far = owner && ipTunnelLookup(other, owner, rt.saddr, dst);
      if (far && !peers.includes(far)) peers.push(far);
    }
  }
  return peers;
}
