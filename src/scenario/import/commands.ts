// The commands that recreate a namespace's links, addresses, routes, rules, neighbours and FDB
// entries, from iproute2's JSON as the collector saved it. Kernel-made state (connected and
// local routes, the default rules, learned neighbours and FDB entries) is not written: the
// lab makes it again, or learns it, the same way.
import { CREATABLE, devKey, kindOf, parentOf, type DeviceRef, type DevicePlan, type NsRef } from './devices';
import type { SnapshotLink, SnapshotRoute, SnapshotRule } from './snapshot';

export const ipIn = (ns: NsRef, rest: string) => (ns.name === '' ? `ip ${rest}` : `ip -n ${ns.name} ${rest}`);
export const execIn = (ns: NsRef, cmd: string) => (ns.name === '' ? cmd : `ip netns exec ${ns.name} ${cmd}`);

const isV4 = (a: string | undefined) => a !== undefined && !a.includes(':');

/** `ip link add` for one created device (not veth: see vethCommand). */
export function createCommand(dev: DeviceRef, all: readonly NsRef[], notes: string[]): string[] {
  const { link, ns } = dev;
  const kind = kindOf(link)!;
  const data = link.linkinfo?.info_data ?? {};
  switch (kind) {
    case 'bridge': {
      if (data.vlan_filtering === 1) notes.push(`${ns.name || 'root namespace'}: bridge ${link.ifname} filters VLANs (vlan_filtering 1): podpath's bridges do not model VLANs`);
      if (typeof data.stp_state === 'number' && data.stp_state !== 0) notes.push(`${ns.name || 'root namespace'}: bridge ${link.ifname} runs STP: podpath's bridges forward on every port at once`);
      return [ipIn(ns, `link add ${link.ifname} type bridge`)];
    }
    case 'dummy':
      return [ipIn(ns, `link add ${link.ifname} type dummy`)];
    case 'vxlan': {
      const parts = [`link add ${link.ifname} type vxlan id ${String(data.id)}`];
      if (typeof data.local === 'string') parts.push(`local ${data.local}`);
      if (typeof data.remote === 'string') parts.push(`remote ${data.remote}`);
      if (typeof data.link === 'string') parts.push(`dev ${data.link}`);
      parts.push(`dstport ${typeof data.port === 'number' ? data.port : 0}`);
      if (data.learning === false) parts.push('nolearning');
      if (typeof data.group === 'string') notes.push(`${ns.name || 'root namespace'}: vxlan ${link.ifname} uses multicast group ${data.group}: not modelled, left out of the command`);
      return [ipIn(ns, parts.join(' '))];
    }
    case 'ipip': {
      const parts = [`link add ${link.ifname} type ipip`];
      if (typeof data.remote === 'string' && data.remote !== 'any') parts.push(`remote ${data.remote}`);
      if (typeof data.local === 'string' && data.local !== 'any') parts.push(`local ${data.local}`);
      if (typeof data.ttl === 'number' && data.ttl !== 0) parts.push(`ttl ${data.ttl}`);
      if (typeof data.link === 'string') parts.push(`dev ${data.link}`);
      if (data.pmtudisc === false) parts.push('nopmtudisc');
      return [ipIn(ns, parts.join(' '))];
    }
    case 'macvlan':
    case 'ipvlan': {
      const parent = parentOf(dev, all);
      if (!parent) {
        notes.push(`${ns.name || 'root namespace'}: ${kind} ${link.ifname} left out: its parent device was not collected`);
        return [];
      }
      const mode = typeof data.mode === 'string' ? ` mode ${data.mode}` : '';
      const add = (name: string) => ipIn(parent.ns, `link add link ${parent.link.ifname} name ${name} type ${kind}${mode}`);
      if (parent.ns === ns) return [add(link.ifname)];
      if (ns.name === '') {
        notes.push(`root namespace: ${kind} ${link.ifname} has its parent in namespace ${parent.ns.name}: a script cannot move a device into the machine's root namespace, left out`);
        return [];
      }
      // made beside its parent under a name of its own (its final name may be taken there, as
      // a pod's eth0 beside the node's), moved, then named as in the snapshot
      const temporary = `pp-tmp-${link.ifindex}`;
      return [add(temporary), ipIn(parent.ns, `link set ${temporary} netns ${ns.name}`), ipIn(ns, `link set ${temporary} name ${link.ifname}`)];
    }
  }
  return [];
}

export function vethCommand(pair: { a: DeviceRef; b: DeviceRef }): string {
  const { a, b } = pair;
  const where = a.ns === b.ns ? '' : ` netns ${b.ns.name}`;
  return ipIn(a.ns, `link add ${a.link.ifname} type veth peer name ${b.link.ifname}${where}`);
}

/** MAC, MTU, bridge port, hairpin: what `ip link set` says of a device that now exists. */
export function linkSettings(dev: DeviceRef, isNic: boolean): { before: string[]; up: string[] } {
  const { link, ns } = dev;
  const before: string[] = [];
  if (!isNic && link.address && link.link_type === 'ether') before.push(ipIn(ns, `link set ${link.ifname} address ${link.address}`));
  const defaultMtu = link.ifname === 'lo' ? 65536 : kindOf(link) === 'ipip' ? 1480 : 1500;
  if (link.mtu !== undefined && link.mtu !== defaultMtu) before.push(ipIn(ns, `link set ${link.ifname} mtu ${link.mtu}`));
  const up = link.flags.includes('UP') ? [ipIn(ns, `link set ${link.ifname} up`)] : [];
  return { before, up };
}

/** The bridge port number: ports are numbered as they join (br_if.c find_portno). */
export const portNumber = (link: SnapshotLink) => Number(link.linkinfo?.info_slave_data?.no ?? Infinity);

/** `master` (and a port's hairpin), for devices given in the order they joined their bridge. */
export function masterCommands(dev: DeviceRef): string[] {
  const { link, ns } = dev;
  if (!link.master) return [];
  const out = [ipIn(ns, `link set ${link.ifname} master ${link.master}`)];
  if (link.linkinfo?.info_slave_kind === 'bridge' && link.linkinfo.info_slave_data?.hairpin === true) {
    out.push(ipIn(ns, `link set dev ${link.ifname} type bridge_slave hairpin on`));
  }
  return out;
}

/** The IPv4 network of an address, as `A.B.C.D/N`. */
export function networkOf(local: string, prefixlen: number): string {
  const n = local.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const mask = prefixlen === 0 ? 0 : 2 ** 32 - 2 ** (32 - prefixlen);
  const net = Number((BigInt(n) & BigInt(mask)) >> 0n);
  return `${[24, 16, 8, 0].map((s) => Math.floor(net / 2 ** s) % 256).join('.')}/${prefixlen}`;
}

export interface AddrCommands {
  readonly adds: string[];
  /** connected routes the kernel would make that the snapshot does not have */
  readonly missingConnected: string[];
}

export function addressCommands(ns: NsRef, usable: (dev: string) => boolean): AddrCommands {
  const adds: string[] = [];
  const missingConnected: string[] = [];
  const links = new Map((ns.ns.link ?? []).map((l) => [l.ifname, l]));
  for (const entry of ns.ns.addr ?? []) {
    if (!usable(entry.ifname)) continue;
    for (const a of entry.addr_info) {
      if (a.family !== 'inet') continue;
      if (entry.ifname === 'lo' && a.local === '127.0.0.1' && a.prefixlen === 8) continue;
      const scope = a.scope && a.scope !== 'global' ? ` scope ${a.scope}` : '';
      adds.push(ipIn(ns, `addr add ${a.local}/${a.prefixlen} dev ${entry.ifname}${scope}`));
      const up = links.get(entry.ifname)?.flags.includes('UP');
      if (a.prefixlen < 32 && up && !a.noprefixroute) {
        const net = networkOf(a.local, a.prefixlen);
        const has = (ns.ns.route ?? []).some((r) => (r.table ?? 'main') === 'main' && r.dst === net && r.dev === entry.ifname);
        if (!has) missingConnected.push(ipIn(ns, `route del ${net} dev ${entry.ifname}`));
      }
    }
  }
  return { adds, missingConnected };
}

/** A route the kernel made for an address: `ip addr add` makes it again. */
function kernelMade(r: SnapshotRoute, ns: NsRef): boolean {
  if (r.protocol !== 'kernel') return false;
  if ((r.table ?? 'main') === 'local') return true;
  return (ns.ns.addr ?? []).some((e) => e.ifname === r.dev && e.addr_info.some((a) => a.family === 'inet' && networkOf(a.local, a.prefixlen) === r.dst));
}

const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'blackhole', 'unreachable', 'prohibit']);
const PROTOS = new Set(['kernel', 'static', 'boot', 'redirect', 'dhcp']);

export function routeCommands(ns: NsRef, usable: (dev: string) => boolean, notes: string[]): string[] {
  const direct: string[] = [];
  const viaGateway: string[] = [];
  const where = ns.name || 'root namespace';
  let v6 = 0;
  for (const r of ns.ns.route ?? []) {
    if (!isV4(r.dst) || (r.gateway !== undefined && !isV4(r.gateway)) || (r.prefsrc !== undefined && !isV4(r.prefsrc))) {
      v6++;
      continue;
    }
    if (kernelMade(r, ns)) continue;
    const text = routeText(r);
    const type = r.type ?? 'unicast';
    if (r.nexthops) {
      notes.push(`${where}: multipath route ${text}: not modelled by podpath, left out`);
      continue;
    }
    if (!ROUTE_TYPES.has(type)) {
      notes.push(`${where}: route type ${type} (${text}): not modelled by podpath, left out`);
      continue;
    }
    if (r.dev && !usable(r.dev)) {
      notes.push(`${where}: route ${text} left out: its device ${r.dev} was left out`);
      continue;
    }
    (r.gateway ? viaGateway : direct).push(ipIn(ns, `route add ${text}`));
  }
  if (v6) notes.push(`${where}: ${v6} IPv6 route(s) left out: podpath models IPv4 only`);
  return [...direct, ...viaGateway];
}

function routeText(r: SnapshotRoute): string {
  const type = r.type ?? 'unicast';
  const parts: string[] = [];
  if (type !== 'unicast') parts.push(type);
  parts.push(r.dst);
  if (r.gateway) parts.push(`via ${r.gateway}`);
  if (r.dev) parts.push(`dev ${r.dev}`);
  if (r.flags.includes('onlink')) parts.push('onlink');
  const defaultScope = type === 'local' ? 'host' : type === 'broadcast' || (type === 'unicast' && !r.gateway && r.dev) ? 'link' : 'global';
  if (r.scope && r.scope !== defaultScope && ['unicast', 'local', 'broadcast'].includes(type)) parts.push(`scope ${r.scope}`);
  if (r.prefsrc) parts.push(`src ${r.prefsrc}`);
  if (r.metric !== undefined) parts.push(`metric ${r.metric}`);
  if (r.protocol && r.protocol !== 'boot') parts.push(`proto ${PROTOS.has(r.protocol) || /^\d+$/.test(r.protocol) ? r.protocol : 'static'}`);
  const defaultTable = type === 'local' || type === 'broadcast' ? 'local' : 'main';
  if (r.table && r.table !== defaultTable) parts.push(`table ${r.table}`);
  return parts.join(' ');
}

const DEFAULT_RULES: readonly [number, string][] = [[0, 'local'], [32766, 'main'], [32767, 'default']];
const isDefaultRule = (r: SnapshotRule) =>
  DEFAULT_RULES.some(([p, t]) => r.priority === p && r.table === t) && (r.src ?? 'all') === 'all' && !r.dst && !r.fwmark && !r.iif && !r.oif && r.not === undefined;

export function ruleCommands(ns: NsRef, notes: string[]): string[] {
  const rules = ns.ns.rule ?? [];
  const out: string[] = [];
  for (const [p, t] of DEFAULT_RULES) {
    if (!rules.some((r) => isDefaultRule(r) && r.priority === p && r.table === t)) out.push(ipIn(ns, `rule del priority ${p}`));
  }
  for (const r of rules) {
    if (isDefaultRule(r)) continue;
    const parts = ['rule add'];
    if (r.not !== undefined) parts.push('not');
    if (r.src && r.src !== 'all') parts.push(`from ${r.src}${r.srclen !== undefined ? `/${r.srclen}` : ''}`);
    if (r.dst && r.dst !== 'all') parts.push(`to ${r.dst}${r.dstlen !== undefined ? `/${r.dstlen}` : ''}`);
    if (r.fwmark) parts.push(`fwmark ${r.fwmark}${r.fwmask && r.fwmask !== '0xffffffff' ? `/${r.fwmask}` : ''}`);
    if (r.iif) parts.push(`iif ${r.iif}`);
    if (r.oif) parts.push(`oif ${r.oif}`);
    if (r.action && ['blackhole', 'unreachable', 'prohibit'].includes(r.action)) parts.push(r.action);
    else if (r.table) parts.push(`lookup ${r.table}`);
    else {
      notes.push(`${ns.name || 'root namespace'}: rule ${r.priority} (${r.action ?? 'no action'}) is not modelled by podpath, left out`);
      continue;
    }
    parts.push(`priority ${r.priority}`);
    out.push(ipIn(ns, parts.join(' ')));
  }
  return out;
}

export function neighCommands(ns: NsRef, usable: (dev: string) => boolean, notes: string[]): string[] {
  const out: string[] = [];
  let learned = 0;
  for (const n of ns.ns.neigh ?? []) {
    if (!isV4(n.dst) || !n.dev || !usable(n.dev)) continue;
    const state = n.state.includes('PERMANENT') ? 'permanent' : n.state.includes('NOARP') ? 'noarp' : undefined;
    if (!state || !n.lladdr) {
      learned++;
      continue;
    }
    out.push(ipIn(ns, `neigh add ${n.dst} lladdr ${n.lladdr} dev ${n.dev} nud ${state}`));
  }
  if (learned) notes.push(`${ns.name || 'root namespace'}: ${learned} learned neighbour entr${learned === 1 ? 'y' : 'ies'} left out: the lab learns its own by ARP`);
  return out;
}

export function fdbCommands(ns: NsRef, plan: DevicePlan, notes: string[]): string[] {
  const out: string[] = [];
  const links = new Map((ns.ns.link ?? []).map((l) => [l.ifname, l]));
  const ownMacs = new Set((ns.ns.link ?? []).map((l) => l.address?.toLowerCase()));
  let learned = 0;
  for (const e of ns.ns.fdb ?? []) {
    const dev = e.ifname ? links.get(e.ifname) : undefined;
    if (!dev || plan.skipped.has(devKey(ns, dev.ifname))) continue;
    const mac = e.mac.toLowerCase();
    const permanent = e.state === 'permanent' || e.state === 'static';
    if (kindOf(dev) === 'vxlan' && e.dst) {
      if (!permanent) learned++;
      else if (mac === '00:00:00:00:00:00') out.push(execIn(ns, `bridge fdb append ${mac} dev ${dev.ifname} dst ${e.dst}`));
      else out.push(execIn(ns, `bridge fdb add ${mac} dev ${dev.ifname} dst ${e.dst} self permanent`));
      continue;
    }
    if (!e.master) continue; // a device's own multicast filter list: not forwarding state
    if (!permanent) learned++;
    else if (!ownMacs.has(mac)) out.push(execIn(ns, `bridge fdb add ${mac} dev ${dev.ifname} master ${e.state === 'static' ? 'static' : 'permanent'}`));
  }
  if (learned) notes.push(`${ns.name || 'root namespace'}: ${learned} learned FDB entr${learned === 1 ? 'y' : 'ies'} left out: the lab learns its own`);
  return out;
}

/** Creatable kinds and NICs: whether a device's other state can be written. */
export function usableDevices(ns: NsRef, plan: DevicePlan): (dev: string) => boolean {
  return (dev: string) => {
    if (plan.skipped.has(devKey(ns, dev))) return false;
    const link = (ns.ns.link ?? []).find((l) => l.ifname === dev);
    if (!link) return false;
    const kind = kindOf(link);
    return dev === 'lo' || kind === undefined || CREATABLE.has(kind);
  };
}

export type { SnapshotLink };
