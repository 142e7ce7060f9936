// One machine's script from its snapshot, in the order a lab can be built in: namespaces,
// devices (parents first), their settings and addresses, links up, then routes (direct ones
// before those via a gateway), rules, neighbours, FDB entries, sysctls, ipsets, iptables and
// IPVS services.
import { addressCommands, createCommand, execIn, fdbCommands, ipIn, linkSettings, masterCommands, neighCommands, portNumber, routeCommands, ruleCommands, usableDevices, vethCommand } from './commands';
import { kindOf, namespaceNames, planDevices, type DeviceRef, type NsRef } from './devices';
import { iptablesCommand, ipsetCommands, ipvsCommands } from './netfilter';
import type { Snapshot } from './snapshot';
import { sysctlCommands } from './sysctls';

/** A command: one line, or a command with a here-document. */
export type ScriptCommand = string | { head: string; body: string[]; tail: string };

export interface MachineImport {
  readonly name: string;
  readonly role: 'node' | 'host';
  /** root-namespace devices plugged into a network, with their IPv4 networks (for grouping) */
  readonly nics: { name: string; address?: string; networks: string[]; wire?: string }[];
  readonly netns: string[];
  readonly commands: ScriptCommand[];
  readonly notes: string[];
}

export function machineImport(snapshot: Snapshot, name: string): MachineImport {
  const notes: string[] = [];
  const spaces = namespaceNames(snapshot);
  const root = spaces.find((s) => s.name === '');
  if (!root) notes.push('the snapshot has no root namespace: the first namespace collected is the machine');
  const plan = planDevices(root ? spaces : spaces.map((s, i) => (i === 0 ? { ...s, name: '' } : s)));
  notes.push(...plan.notes);
  for (const ns of snapshot.namespaces) {
    if (ns.link === null) notes.push(`namespace ${ns.name} left out: the collector could not read its devices (${ns.errors[0] ?? 'no reason given'})`);
    else for (const e of ns.errors) notes.push(`${ns.name}: the collector could not read ${e}`);
  }
  const commands: ScriptCommand[] = [];
  const others = spaces.filter((s) => s.name !== '');
  for (const ns of others) commands.push(`ip netns add ${ns.name}`);
  const tunl0 = spaces.some((s) => (s.ns.link ?? []).some((l) => l.ifname === 'tunl0' && kindOf(l) === 'ipip'));
  if (tunl0) commands.push('modprobe ipip');
  for (const dev of plan.created.filter((d) => kindOf(d.link) === 'bridge' || kindOf(d.link) === 'dummy')) commands.push(...createCommand(dev, spaces, notes));
  for (const pair of plan.veths) commands.push(vethCommand(pair));
  for (const dev of plan.created.filter((d) => kindOf(d.link) !== 'bridge' && kindOf(d.link) !== 'dummy')) commands.push(...createCommand(dev, spaces, notes));
  const devices: DeviceRef[] = [...plan.nics, ...plan.veths.flatMap((p) => [p.a, p.b]), ...plan.created];
  const nicSet = new Set(plan.nics);
  const ups: string[] = [];
  for (const ns of spaces) {
    const lo = (ns.ns.link ?? []).find((l) => l.ifname === 'lo');
    if (lo?.flags.includes('UP')) ups.push(ipIn(ns, 'link set lo up'));
  }
  for (const dev of devices) {
    const s = linkSettings(dev, nicSet.has(dev));
    commands.push(...s.before);
    ups.push(...s.up);
  }
  const ports = devices.filter((d) => d.link.master).sort((a, b) => portNumber(a.link) - portNumber(b.link));
  for (const dev of ports) commands.push(...masterCommands(dev));
  const byNs = (ns: NsRef) => usableDevices(ns, plan);
  const routeDels: string[] = [];
  for (const ns of spaces) {
    const a = addressCommands(ns, byNs(ns));
    commands.push(...a.adds);
    routeDels.push(...a.missingConnected);
  }
  commands.push(...ups, ...routeDels);
  for (const ns of spaces) commands.push(...routeCommands(ns, byNs(ns), notes));
  for (const ns of spaces) commands.push(...ruleCommands(ns, notes));
  for (const ns of spaces) commands.push(...neighCommands(ns, byNs(ns), notes));
  for (const ns of spaces) commands.push(...fdbCommands(ns, plan, notes));
  for (const ns of spaces) {
    const names = new Set(devices.filter((d) => d.ns === ns).map((d) => d.link.ifname).concat('lo'));
    commands.push(...sysctlCommands(ns, names, notes));
  }
  for (const ns of spaces) {
    commands.push(...ipsetCommands(ns, ns.ns.ipset_save));
    const ipt = iptablesCommand(ns, ns.ns.iptables_save);
    if (ipt) commands.push(ipt);
    commands.push(...ipvsCommands(ns, ns.ns.ipvsadm));
    if (ns.ns.conntrack) notes.push(`${ns.name || 'root namespace'}: the conntrack table was read but is not imported: a lab starts with none, each trace makes its own`);
  }
  const nics = plan.nics.map((d) => ({
    name: d.link.ifname,
    ...(d.link.address ? { address: d.link.address } : {}),
    ...wireOf(d),
    networks: (root?.ns.addr ?? [])
      .filter((e) => e.ifname === d.link.ifname)
      .flatMap((e) => e.addr_info.filter((a) => a.family === 'inet' && a.prefixlen < 32).map((a) => `${a.local}/${a.prefixlen}`)),
  }));
  return { name, role: others.length ? 'node' : 'host', nics, netns: others.map((s) => s.name), commands, notes };
}

/**
 * A NIC that is a veth into a named namespace that was not collected (a bridge namespace,
 * as a lab's switch): the namespace's name, which NICs on the same wire share.
 */
function wireOf(d: DeviceRef): { wire?: string } {
  const { link } = d;
  if (kindOf(link) !== 'veth' || link.link_netnsid === undefined) return {};
  const name = (d.ns.ns.netnsid ?? []).find((x) => x.nsid === link.link_netnsid)?.name;
  return name ? { wire: name } : {};
}

export { execIn };
