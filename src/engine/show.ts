// The state of a namespace printed as Linux prints it: `ip addr`, `ip route show table all`,
// `ip rule`, `ip neigh`, `bridge fdb`, `iptables-save`, `ipvsadm -Ln`, `conntrack -L`. Each
// line that prints one object carries that object's key (trace/refs.ts refKey), so a trace
// event's refs find their line without reading text, and the trace's state deltas (keyed
// the same way) replay onto it.
import { formatIpv4 } from './addr/ipv4';
import type { Netns } from './kernel/netns';
import { formatRoute, scopeName } from './kernel/fib/route';
import { formatRule } from './kernel/fib/rules';
import { formatNeigh, type NeighEntry } from './kernel/neigh/neighbour';
import { isOperational, lowerDevice, type Device, type FdbEntry, type VxlanRemote } from './kernel/dev/device';
import { formatVxlanFdb } from './kernel/dev/vxlanFdb';
import { ipipIflink, ipipLinkFlags, ipipLinkLine, isIpip } from './kernel/dev/ipipTunnel';
import { formatDest, formatService } from './kernel/ipvs/ipvs';
import { formatCtEntry, type CtEntry } from './kernel/conntrack/table';
import type { CtTuple } from './kernel/conntrack/tuple';
import { iptablesSaveRows } from './kernel/netfilter/save';
import { saveTables } from './kernel/netfilter/ruleLine';
import { refKey } from './trace/refs';
import type { ShownLine, StateRow } from './trace/state';

/** What world.show prints. */
export type ShowWhat = 'addr' | 'route' | 'rule' | 'neigh' | 'fdb' | 'iptables' | 'ipvs' | 'conntrack';

function plain(texts: readonly string[]): ShownLine[] {
  return texts.map((text) => ({ text }));
}

export function showAddr(ns: Netns): ShownLine[] {
  const lines: string[] = [];
  for (const dev of ns.orderedDevices()) {
    const ipip = isIpip(dev) ? dev : undefined;
    const kindFlags = dev.kind === 'loopback' ? 'LOOPBACK' : ipip ? ipipLinkFlags(ipip).join(',') : 'BROADCAST,MULTICAST';
    const flags = [kindFlags, ...(dev.up ? ['UP'] : []), ...(isOperational(dev) ? ['LOWER_UP'] : [])];
    // a veth's peer, a macvlan's or ipvlan's lower device: by name in this namespace, else ifN
    const link = dev.peer ?? lowerDevice(dev);
    const peer = link ? `@${link.ns === ns ? link.name : `if${link.ifindex}`}` : ipip ? ipipIflink(ipip) : '';
    const master = dev.master ? ` master ${dev.master.name}` : '';
    // tunnels, like loopback, have no carrier of their own: operstate UNKNOWN
    const state = !dev.up ? 'DOWN' : isOperational(dev) ? (dev.kind === 'loopback' || dev.kind === 'vxlan' || ipip ? 'UNKNOWN' : 'UP') : 'LOWERLAYERDOWN';
    lines.push(`${dev.ifindex}: ${dev.name}${peer}: <${flags.join(',')}> mtu ${dev.mtu}${master} state ${state}`);
    if (ipip) lines.push(`    ${ipipLinkLine(ipip)}`);
    else lines.push(`    link/${dev.kind === 'loopback' ? 'loopback' : 'ether'} ${dev.mac} brd ${dev.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff'}`);
    for (const a of dev.addrs) {
      const brd = a.broadcast !== undefined ? ` brd ${formatIpv4(a.broadcast)}` : '';
      lines.push(`    inet ${formatIpv4(a.local)}/${a.len}${brd} scope ${scopeName(a.scope)}${a.secondary ? ' secondary' : ''} ${dev.name}`);
    }
  }
  return plain(lines);
}

/** Table ids in the order `ip route show table all` lists them: main, the numbered ones, local last. */
function tableOrder(ns: Netns): number[] {
  return [...ns.tables.keys()].sort((a, b) => (a === 254 ? -1 : b === 254 ? 1 : a === 255 ? 1 : b === 255 ? -1 : a - b));
}

export function showRoutes(ns: Netns): ShownLine[] {
  return tableOrder(ns).flatMap((id) =>
    ns.tables.get(id)!.routes.map((r, index) => ({ text: formatRoute(r), key: refKey({ type: 'route', table: id, index, line: '' }) })),
  );
}

export function showRules(ns: Netns): ShownLine[] {
  return ns.rules.map((r, index) => ({ text: formatRule(r), key: refKey({ type: 'rule', index, priority: r.priority, line: '' }) }));
}

export function neighRow(e: NeighEntry): StateRow {
  const addr = formatIpv4(e.ip);
  return {
    table: 'neigh',
    key: refKey({ type: 'neigh', dev: e.dev.name, addr, line: '' }),
    line: formatNeigh(e),
    entry: { addr, dev: e.dev.name, ...(e.mac ? { lladdr: e.mac } : {}), state: e.state.toUpperCase() },
  };
}

/** Bridge and vxlan FDB entries of every device, in `bridge fdb show`'s order. */
export function fdbRows(ns: Netns): StateRow[] {
  const rows: StateRow[] = [];
  for (const dev of ns.orderedDevices()) {
    rows.push(...vxlanFdbRows(dev));
    if (dev.fdb) for (const e of dev.fdb.values()) rows.push(bridgeFdbRow(dev, e));
  }
  return rows;
}

export function bridgeFdbRow(bridge: Device, e: FdbEntry): StateRow {
  const port = e.port ?? bridge;
  const flags = e.local ? ['permanent'] : e.static ? ['static'] : [];
  return {
    table: 'fdb',
    key: refKey({ type: 'fdb', dev: bridge.name, mac: e.mac, line: '' }),
    line: `${e.mac} dev ${port.name}${e.port ? ` master ${bridge.name}` : ''}${flags.map((f) => ` ${f}`).join('')}`,
    entry: { dev: bridge.name, mac: e.mac, ...(e.port ? { port: e.port.name } : {}), flags },
  };
}

export function vxlanFdbRow(dev: Device, mac: string, r: VxlanRemote): StateRow {
  const dst = formatIpv4(r.dst);
  return {
    table: 'fdb',
    key: refKey({ type: 'fdb', dev: dev.name, mac, dst, line: '' }),
    line: formatVxlanFdb(dev, mac, r),
    entry: { dev: dev.name, mac, dst, flags: ['self', ...(r.learned ? [] : ['permanent'])] },
  };
}

/** A vxlan device's table, newest entry first (the kernel's fdb list adds at the head). */
function vxlanFdbRows(dev: Device): StateRow[] {
  const vx = dev.vxlan;
  if (!vx) return [];
  return [...vx.fdb].reverse().flatMap(([mac, remotes]) => remotes.map((r) => vxlanFdbRow(dev, mac, r)));
}

function tupleState(t: CtTuple) {
  return { src: formatIpv4(t.src), dst: formatIpv4(t.dst), sport: t.sport, dport: t.dport };
}

export function conntrackRow(e: CtEntry): StateRow {
  return {
    table: 'conntrack',
    key: refKey({ type: 'conntrack', id: e.id, line: '' }),
    line: formatCtEntry(e),
    entry: {
      id: e.id,
      proto: e.orig.proto,
      orig: tupleState(e.orig),
      reply: tupleState(e.reply),
      ...(e.tcp ? { tcp: e.tcp } : {}),
      seenReply: e.seenReply,
      assured: e.assured,
      mark: e.mark,
    },
  };
}

function rowLines(rows: readonly StateRow[]): ShownLine[] {
  return rows.map((r) => ({ text: r.line, key: r.key }));
}

/** `ipvsadm -Ln` */
export function showIpvs(ns: Netns): ShownLine[] {
  if (ns.ipvs.services.size === 0) return [];
  const lines: ShownLine[] = plain(['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn']);
  for (const s of ns.ipvs.services.values()) {
    const service = formatService(s);
    lines.push({ text: service, key: refKey({ type: 'ipvs-service', line: service }) });
    for (const d of s.dests) {
      const dest = formatDest(d);
      lines.push({ text: dest, key: refKey({ type: 'ipvs-dest', service, line: dest }) });
    }
  }
  return lines;
}

/** `iptables-save` of the loaded tables, each chain and rule keyed, counters apart. */
export function showIptables(ns: Netns): ShownLine[] {
  return iptablesSaveRows(saveTables(ns.nf.loadedTables())).map((row): ShownLine => {
    switch (row.kind) {
      case 'table':
      case 'commit':
        return { text: row.text };
      case 'chain':
        return { text: row.text, key: refKey({ type: 'nf-policy', table: row.table, chain: row.chain, policy: row.policy, line: '' }), counters: { packets: row.packets, bytes: row.bytes, place: 'suffix' } };
      case 'rule':
        return { text: row.text, key: refKey({ type: 'nf-rule', table: row.table, chain: row.chain, index: row.index, line: '' }), counters: { packets: row.packets, bytes: row.bytes, place: 'prefix' } };
    }
  });
}

export const SHOW: Readonly<Record<ShowWhat, (ns: Netns) => ShownLine[]>> = {
  addr: showAddr,
  route: showRoutes,
  rule: showRules,
  neigh: (ns) => rowLines([...ns.neigh.values()].map(neighRow)),
  fdb: (ns) => rowLines(fdbRows(ns)),
  iptables: showIptables,
  ipvs: showIpvs,
  conntrack: (ns) => rowLines(ns.conntrack.entries.map(conntrackRow)),
};
