// Watches the kernel state a conversation changes (neighbour tables, FDBs, conntrack) and
// reports each change once, as the recorder asks after every event. Each row has a key (its
// identity, refs.ts) and a signature (the fields a conversation can change); only rows whose
// signature moved are printed. A namespace is looked at only when its change counters moved
// (Netns.stateVersion, ConntrackTable.version), also at the end of a leg for every namespace
// (so a change where no event was is not lost), and watching costs next to nothing on the hot
// path, even in a node with hundreds of pod namespaces.
import { formatIpv4 } from '../addr/ipv4';
import type { CtEntry } from '../kernel/conntrack/table';
import type { Device, FdbEntry, VxlanRemote } from '../kernel/dev/device';
import type { Lab } from '../kernel/lab';
import type { NeighEntry } from '../kernel/neigh/neighbour';
import type { Netns } from '../kernel/netns';
import { bridgeFdbRow, conntrackRow, neighRow, vxlanFdbRow } from '../show';
import type { PendingDelta, StateWatcher } from '../trace/recorder';
import type { StateRow } from '../trace/state';
import type { At } from '../trace/types';

/** A row as last seen: what it is (to print it if it changed), and its signature. */
type Seen =
  | { readonly table: 'neigh'; readonly sig: string; readonly e: NeighEntry }
  | { readonly table: 'fdb'; readonly sig: string; readonly dev: Device; readonly e: FdbEntry }
  | { readonly table: 'fdb'; readonly sig: string; readonly dev: Device; readonly mac: string; readonly r: VxlanRemote }
  | { readonly table: 'conntrack'; readonly sig: string; readonly e: CtEntry };

function rowOf(s: Seen): StateRow {
  switch (s.table) {
    case 'neigh':
      return neighRow(s.e);
    case 'fdb':
      return 'r' in s ? vxlanFdbRow(s.dev, s.mac, s.r) : bridgeFdbRow(s.dev, s.e);
    case 'conntrack':
      return conntrackRow(s.e);
  }
}

// Keys need a formatted address; the objects live as long as the lab, so each is keyed once.
const neighKeys = new WeakMap<NeighEntry, string>();
const remoteKeys = new WeakMap<VxlanRemote, string>();

function neighKey(e: NeighEntry): string {
  let key = neighKeys.get(e);
  if (key === undefined) neighKeys.set(e, (key = `neigh|${e.dev.name}|${formatIpv4(e.ip)}`));
  return key;
}

function remoteKey(dev: Device, mac: string, r: VxlanRemote): string {
  let key = remoteKeys.get(r);
  if (key === undefined) remoteKeys.set(r, (key = `fdb|${dev.name}|${mac}|${formatIpv4(r.dst)}`));
  return key;
}

function ctSig(e: CtEntry): string {
  const r = e.reply;
  return `${e.tcp}|${e.seenReply}|${e.assured}|${e.mark}|${r.src}|${r.sport}|${r.dst}|${r.dport}`;
}

function bridgeSig(e: FdbEntry): string {
  return `${e.port?.name}|${e.local}|${e.static}`;
}

/** Two groups of rows, each with its own change counter: neighbours and FDBs; conntrack. */
type Group = 'l2' | 'ct';

/** The rows of one group, by key, each with its signature. */
function scan(ns: Netns, group: Group): Map<string, Seen> {
  const out = new Map<string, Seen>();
  if (group === 'ct') {
    for (const e of ns.conntrack.entries) out.set(`ct|${e.id}`, { table: 'conntrack', sig: ctSig(e), e });
    return out;
  }
  for (const e of ns.neigh.values()) out.set(neighKey(e), { table: 'neigh', sig: `${e.state}|${e.mac}`, e });
  for (const dev of ns.devices.values()) {
    if (dev.fdb) {
      for (const e of dev.fdb.values()) out.set(`fdb|${dev.name}|${e.mac}|`, { table: 'fdb', sig: bridgeSig(e), dev, e });
    }
    if (dev.vxlan) {
      for (const [mac, remotes] of dev.vxlan.fdb) {
        for (const r of remotes) out.set(remoteKey(dev, mac, r), { table: 'fdb', sig: String(r.learned), dev, mac, r });
      }
    }
  }
  return out;
}

/**
 * Whether the rows of a group are still the ones seen (same keys, same signatures), read
 * without building them: at the end of a leg every namespace is looked at, and in a node with
 * hundreds of pods almost none has changed.
 */
function unchanged(ns: Netns, group: Group, before: ReadonlyMap<string, Seen>): boolean {
  // (no closure here: tsx names every closure it creates, which costs more than the loop)
  let rows = 0;
  if (group === 'ct') {
    for (const e of ns.conntrack.entries) {
      rows++;
      if (before.get(`ct|${e.id}`)?.sig !== ctSig(e)) return false;
    }
    return rows === before.size;
  }
  for (const e of ns.neigh.values()) {
    rows++;
    if (before.get(neighKey(e))?.sig !== `${e.state}|${e.mac}`) return false;
  }
  for (const dev of ns.devices.values()) {
    if (dev.fdb) {
      for (const e of dev.fdb.values()) {
        rows++;
        if (before.get(`fdb|${dev.name}|${e.mac}|`)?.sig !== bridgeSig(e)) return false;
      }
    }
    if (dev.vxlan) {
      for (const [mac, remotes] of dev.vxlan.fdb) {
        for (const r of remotes) {
          rows++;
          if (before.get(remoteKey(dev, mac, r))?.sig !== String(r.learned)) return false;
        }
      }
    }
  }
  // (a key seen twice counts twice: then the rows are scanned again, which is only slower)
  return rows === before.size;
}

function versionOf(ns: Netns, group: Group): number {
  return group === 'l2' ? ns.stateVersion : ns.conntrack.version;
}

const GROUPS: readonly Group[] = ['l2', 'ct'];
const L2: readonly Group[] = ['l2'];
const CT: readonly Group[] = ['ct'];
const NONE: PendingDelta[] = [];

interface Watched {
  readonly rows: Map<string, Seen>;
  readonly version: number;
}

/**
 * The rows a namespace had when a watcher last started, with its counters (and conntrack
 * table) then: a lab is put back after each trace, so a namespace the traces do not touch
 * starts every trace with the same rows, read once instead of once per trace.
 */
const startRows = new WeakMap<Netns, { readonly l2: Watched; readonly ct: Watched; readonly conntrack: Netns['conntrack'] }>();

/** The namespace's rows now, read again only where its counters moved since they were last read at a start. */
function rowsAtStart(ns: Netns): Readonly<Record<Group, Watched>> {
  const last = startRows.get(ns);
  const l2 = last && last.l2.version === ns.stateVersion ? last.l2 : { rows: scan(ns, 'l2'), version: ns.stateVersion };
  const ct = last && last.conntrack === ns.conntrack && last.ct.version === ns.conntrack.version ? last.ct : { rows: scan(ns, 'ct'), version: ns.conntrack.version };
  if (l2 === last?.l2 && ct === last?.ct) return last;
  const now = { l2, ct, conntrack: ns.conntrack };
  startRows.set(ns, now);
  return now;
}

export class LabStateWatcher implements StateWatcher {
  /** the rows last seen, for the namespaces whose rows moved in this conversation (the others: startRows) */
  private readonly seen = new Map<Netns, Readonly<Record<Group, Watched>>>();

  /** `everyEvent`: look at the event's namespace after every event, whatever the counters say (tests compare the two). */
  constructor(
    private readonly lab: Lab,
    private readonly everyEvent = false,
  ) {
    for (const ns of lab.allNamespaces()) {
      if (everyEvent) this.seen.set(ns, { l2: { rows: scan(ns, 'l2'), version: versionOf(ns, 'l2') }, ct: { rows: scan(ns, 'ct'), version: versionOf(ns, 'ct') } });
      else rowsAtStart(ns);
    }
  }

  private seenOf(ns: Netns): Readonly<Record<Group, Watched>> | undefined {
    return this.seen.get(ns) ?? startRows.get(ns);
  }

  changesAt(at: At): PendingDelta[] {
    const ns = this.lab.netns(at.machine, at.netns);
    if (!ns) return NONE;
    const seen = this.seenOf(ns);
    // called after every event: no allocation unless a counter moved
    const l2 = this.everyEvent || !seen || seen.l2.version !== ns.stateVersion;
    const ct = this.everyEvent || !seen || seen.ct.version !== ns.conntrack.version;
    if (!l2 && !ct) return NONE;
    return this.changesIn(ns, l2 && ct ? GROUPS : l2 ? L2 : CT);
  }

  /**
   * At the end of a leg: every namespace whose counters moved since it was last looked at (a
   * change in a namespace no event of the leg was in, such as a neighbour learned by the
   * receiver of an ARP request). Looking at all of them (`everyEvent`) finds the same, as a
   * test checks for every shipped scenario; the lab's restore relies on the counters alike.
   */
  changesAnywhere(): PendingDelta[] {
    const out: PendingDelta[] = [];
    for (const ns of this.lab.allNamespaces()) {
      const seen = this.seenOf(ns);
      if (!this.everyEvent && seen && seen.l2.version === ns.stateVersion && seen.ct.version === ns.conntrack.version) continue;
      out.push(...this.changesIn(ns, GROUPS));
    }
    return out;
  }

  private changesIn(ns: Netns, groups: readonly Group[]): PendingDelta[] {
    const out: PendingDelta[] = [];
    const place = { machine: ns.machine, netns: ns.name };
    // a record of this watcher's own: the start rows are shared by every conversation (their Watched are never changed)
    const seen = { ...(this.seenOf(ns) ?? { l2: { rows: new Map(), version: -1 }, ct: { rows: new Map(), version: -1 } }) };
    for (const g of groups) {
      const before = seen[g].rows;
      const version = versionOf(ns, g);
      if (unchanged(ns, g, before)) {
        if (seen[g].version !== version) seen[g] = { rows: before, version };
        continue;
      }
      const now = scan(ns, g);
      for (const [key, s] of now) {
        if (before.get(key)?.sig !== s.sig) out.push({ op: 'set', ...place, ...rowOf(s) });
      }
      for (const [key, s] of before) {
        if (!now.has(key)) out.push({ op: 'del', ...place, table: s.table, key });
      }
      seen[g] = { rows: now, version };
    }
    this.seen.set(ns, seen);
    return out;
  }
}
