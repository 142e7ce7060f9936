// The state of a namespace printed as Linux prints it: `ip addr`, `ip route show table all`,
// `ip rule`, `ip neigh`, `bridge fdb`.
import { formatIpv4 } from './addr/ipv4';
import type { Netns } from './kernel/netns';
import { formatRoute, scopeName } from './kernel/fib/route';
import { formatRule } from './kernel/fib/rules';
import { formatNeigh } from './kernel/neigh/neighbour';
import { isOperational } from './kernel/dev/device';
import { showVxlanFdb } from './kernel/dev/vxlanFdb';
import { ipipIflink, ipipLinkFlags, ipipLinkLine, isIpip } from './kernel/dev/ipipTunnel';
import { formatDest, formatService } from './kernel/ipvs/ipvs';
import { iptablesSave } from './kernel/netfilter/ruleLine';

export function showAddr(ns: Netns): string {
  const lines: string[] = [];
  for (const dev of ns.orderedDevices()) {
    const ipip = isIpip(dev) ? dev : undefined;
    const kindFlags = dev.kind === 'loopback' ? 'LOOPBACK' : ipip ? ipipLinkFlags(ipip).join(',') : 'BROADCAST,MULTICAST';
    const flags = [kindFlags, ...(dev.up ? ['UP'] : []), ...(isOperational(dev) ? ['LOWER_UP'] : [])];
    const peer = dev.peer ? `@${dev.peer.ns === ns ? dev.peer.name : `if${dev.peer.ifindex}`}` : ipip ? ipipIflink(ipip) : '';
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
  return lines.join('\n');
}

export function showRoutes(ns: Netns): string {
  const ids = [...ns.tables.keys()].sort((a, b) => (a === 254 ? -1 : b === 254 ? 1 : a === 255 ? 1 : b === 255 ? -1 : a - b));
  return ids.flatMap((id) => ns.tables.get(id)!.map((r) => formatRoute(r))).join('\n');
}

export function showRules(ns: Netns): string {
  return ns.rules.map(formatRule).join('\n');
}

export function showNeigh(ns: Netns): string {
  return [...ns.neigh.values()].map(formatNeigh).join('\n');
}

/** `ipvsadm -Ln` */
export function showIpvs(ns: Netns): string {
  if (ns.ipvs.services.size === 0) return '';
  const lines = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn'];
  for (const s of ns.ipvs.services.values()) {
    lines.push(formatService(s));
    for (const d of s.dests) lines.push(formatDest(d));
  }
  return lines.join('\n');
}

/** `iptables-save` of the loaded tables. */
export function showIptables(ns: Netns): string {
  return iptablesSave(ns.nf.loadedTables());
}

export function showFdb(ns: Netns): string {
  const lines: string[] = [];
  for (const dev of ns.orderedDevices()) {
    lines.push(...showVxlanFdb(dev));
    if (!dev.fdb) continue;
    for (const e of dev.fdb.values()) {
      const port = e.port ?? dev;
      lines.push(`${e.mac} dev ${port.name}${e.port ? ` master ${dev.name}` : ''}${e.local ? ' permanent' : e.static ? ' static' : ''}`);
    }
  }
  return lines.join('\n');
}
