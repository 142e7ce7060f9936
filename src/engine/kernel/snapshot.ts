// What a traced conversation changes in a lab, saved before and put back after, so one world
// serves many traces without being rebuilt: neighbour caches, next-hop exceptions (redirects),
// bridge and vxlan FDBs (learning), the
// conntrack table and IPVS connections. Everything else (devices, routes, rules, iptables)
// is only read by the walk.
import { ConntrackTable } from './conntrack/table';
import type { FdbEntry } from './dev/device';
import { copyVxlanFdb } from './dev/vxlanFdb';
import type { Lab } from './lab';
import type { NeighEntry } from './neigh/neighbour';

export function snapshotLab(lab: Lab): () => void {
  const saved = lab.allNamespaces().map((ns) => ({
    ns,
    /** the namespace's change count when its state was last as saved (Netns.stateVersion) */
    version: ns.stateVersion,
    neigh: [...ns.neigh].map(([k, e]) => [k, { ...e }] as [string, NeighEntry]),
    fnhe: [...ns.fnhe].map(([route, byDst]) => [route, new Map(byDst)] as const),
    fdbs: [...ns.devices.values()].filter((d) => d.fdb).map((d) => [d, new Map(d.fdb)] as const),
    vxlanFdbs: [...ns.devices.values()].filter((d) => d.vxlan).map((d) => [d.vxlan!, copyVxlanFdb(d.vxlan!.fdb)] as const),
  }));
  return () => {
    for (const s of saved) {
      // Untouched since it was as saved: every neighbour and FDB change counts in stateVersion,
      // and a conversation's conntrack and IPVS connections show in their tables. A lab of a
      // hundred namespaces whose conversations each touch a few is put back in those few.
      if (s.ns.stateVersion === s.version && s.ns.conntrack.version === 0 && s.ns.ipvs.conns.length === 0) continue;
      s.version = s.ns.stateVersion;
      s.ns.neigh.clear();
      for (const [k, e] of s.neigh) s.ns.neigh.set(k, { ...e });
      s.ns.fnhe.clear();
      for (const [route, byDst] of s.fnhe) s.ns.fnhe.set(route, new Map(byDst));
      for (const [dev, fdb] of s.fdbs) dev.fdb = new Map<string, FdbEntry>(fdb);
      for (const [vx, fdb] of s.vxlanFdbs) {
        vx.fdb.clear();
        for (const [mac, remotes] of copyVxlanFdb(fdb)) vx.fdb.set(mac, remotes);
      }
      s.ns.conntrack = new ConntrackTable();
      s.ns.ipvs.conns.length = 0;
    }
  };
}
