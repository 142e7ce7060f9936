// The kernel state a conversation changes, step by step: neighbour tables, bridge and vxlan
// FDBs, conntrack tables and iptables counters. The trace records each change as a delta
// stamped with the event from which it is visible; applying the deltas up to a step to the
// lab as built gives every table as it was at that step (a page shows the conntrack entry
// appear at the SYN and turn ESTABLISHED at the SYN-ACK). Pure data and pure functions.
import type { Addr } from './causes';

export type StateTable = 'neigh' | 'fdb' | 'conntrack';

export interface NeighState {
  readonly addr: Addr;
  readonly dev: string;
  readonly lladdr?: string;
  /** NUD state as `ip neigh` prints it: REACHABLE, STALE, INCOMPLETE, FAILED, PERMANENT … */
  readonly state: string;
}

export interface FdbState {
  /** the bridge or vxlan device whose FDB holds the entry */
  readonly dev: string;
  readonly mac: string;
  /** a bridge entry's port */
  readonly port?: string;
  /** a vxlan entry's remote VTEP */
  readonly dst?: Addr;
  readonly flags: readonly string[];
}

export interface CtTupleState {
  readonly src: Addr;
  readonly dst: Addr;
  readonly sport: number;
  readonly dport: number;
}

export interface CtState {
  readonly id: number;
  readonly proto: number;
  readonly orig: CtTupleState;
  readonly reply: CtTupleState;
  readonly tcp?: string;
  readonly seenReply: boolean;
  readonly assured: boolean;
  readonly mark: number;
}

/** One row of a table as the lab holds it: its identity (refs.ts refKey), its tool line, its fields. */
export type StateRow =
  | { readonly table: 'neigh'; readonly key: string; readonly line: string; readonly entry: NeighState }
  | { readonly table: 'fdb'; readonly key: string; readonly line: string; readonly entry: FdbState }
  | { readonly table: 'conntrack'; readonly key: string; readonly line: string; readonly entry: CtState };

interface DeltaBase {
  /** visible from the event with this seq on */
  readonly seq: number;
  readonly machine: string;
  readonly netns: string;
}

export type StateDelta =
  | (DeltaBase & { readonly op: 'set' } & StateRow)
  | (DeltaBase & { readonly op: 'del'; readonly table: StateTable; readonly key: string })
  /** an iptables rule or chain policy counted a packet of `bytes` (IP total length) */
  | (DeltaBase & { readonly op: 'count'; readonly table: 'counters'; readonly key: string; readonly packets: number; readonly bytes: number });

/**
 * A line of a state panel: the text, and the identity of the object it prints. iptables-save
 * lines carry their counters apart from the text, so a page can show them as they were at a
 * step: `place` says where the tool prints them (`:INPUT ACCEPT [p:b]`, `[p:b] -A …` with -c).
 */
export interface ShownLine {
  readonly text: string;
  readonly key?: string;
  readonly counters?: { readonly packets: number; readonly bytes: number; readonly place: 'prefix' | 'suffix' };
}

/** The line as the tool prints it, with `counters` (or its own) where it has any; rule counters only `withPrefix` (iptables-save -c). */
export function shownText(line: ShownLine, counters?: { readonly packets: number; readonly bytes: number }, withPrefix = false): string {
  const c = line.counters;
  if (!c) return line.text;
  const n = `[${counters?.packets ?? c.packets}:${counters?.bytes ?? c.bytes}]`;
  if (c.place === 'suffix') return `${line.text} ${n}`;
  return withPrefix ? `${n} ${line.text}` : line.text;
}

function inNs(d: StateDelta, machine: string, netns: string): boolean {
  return d.machine === machine && d.netns === netns;
}

/**
 * A table's lines as they were at event `seq`: `base` (the lab as built) with every change
 * visible by then applied. Changed rows keep their place; new rows go to the end, as the
 * kernel's tables list them.
 */
export function tableAt(base: readonly ShownLine[], deltas: readonly StateDelta[], at: { machine: string; netns: string; table: StateTable; seq: number }): ShownLine[] {
  const rows = new Map<string, ShownLine>();
  const loose: ShownLine[] = [];
  for (const line of base) {
    if (line.key === undefined) loose.push(line);
    else rows.set(line.key, line);
  }
  for (const d of deltas) {
    if (d.seq > at.seq) break;
    if (d.table !== at.table || !inNs(d, at.machine, at.netns)) continue;
    if (d.op === 'set') rows.set(d.key, { text: d.line, key: d.key });
    else if (d.op === 'del') rows.delete(d.key);
  }
  return [...loose, ...rows.values()];
}

/** The keys of rows of a table that changed at exactly event `seq` (set or count). */
export function changedAt(deltas: readonly StateDelta[], at: { machine: string; netns: string; seq: number }): Set<string> {
  const keys = new Set<string>();
  for (const d of deltas) if (d.seq === at.seq && inNs(d, at.machine, at.netns) && d.op !== 'del') keys.add(d.key);
  return keys;
}

/** Packet and byte counts each iptables rule and policy (by key) gained up to event `seq`. */
export function countersAt(deltas: readonly StateDelta[], at: { machine: string; netns: string; seq: number }): Map<string, { packets: number; bytes: number }> {
  const out = new Map<string, { packets: number; bytes: number }>();
  for (const d of deltas) {
    if (d.seq > at.seq) break;
    if (d.op !== 'count' || !inNs(d, at.machine, at.netns)) continue;
    const c = out.get(d.key) ?? { packets: 0, bytes: 0 };
    out.set(d.key, { packets: c.packets + d.packets, bytes: c.bytes + d.bytes });
  }
  return out;
}

/**
 * The rows a conversation set in a table and left there, per namespace (`machine\0netns`):
 * `conntrack -L` at the end.
 */
export function finalRows(deltas: readonly StateDelta[], table: StateTable): Map<string, Map<string, StateRow>> {
  const out = new Map<string, Map<string, StateRow>>();
  for (const d of deltas) {
    if (d.table !== table) continue;
    const ns = `${d.machine}\u0000${d.netns}`;
    let rows = out.get(ns);
    if (!rows) out.set(ns, (rows = new Map()));
    if (d.op === 'set') rows.set(d.key, { table: d.table, key: d.key, line: d.line, entry: d.entry } as StateRow);
    else if (d.op === 'del') rows.delete(d.key);
  }
  return out;
}
