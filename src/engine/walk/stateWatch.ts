// Watches the kernel state a conversation changes (neighbour tables, FDBs, conntrack) and
// reports each change once, as the recorder asks after every event: it compares a
// namespace's rows with what it saw last time, by key and printed line.
import type { Lab } from '../kernel/lab';
import type { Netns } from '../kernel/netns';
import { stateRows } from '../show';
import type { PendingDelta, StateWatcher } from '../trace/recorder';
import type { StateRow } from '../trace/state';
import type { At } from '../trace/types';

function rowsOf(ns: Netns): Map<string, StateRow> {
  return new Map(stateRows(ns).map((r) => [r.key, r]));
}

export class LabStateWatcher implements StateWatcher {
  private readonly seen = new Map<Netns, Map<string, StateRow>>();

  constructor(private readonly lab: Lab) {
    for (const ns of lab.allNamespaces()) this.seen.set(ns, rowsOf(ns));
  }

  changesAt(at: At): PendingDelta[] {
    const ns = this.lab.netns(at.machine, at.netns);
    return ns ? this.changesIn(ns) : [];
  }

  changesAnywhere(): PendingDelta[] {
    return this.lab.allNamespaces().flatMap((ns) => this.changesIn(ns));
  }

  private changesIn(ns: Netns): PendingDelta[] {
    const before = this.seen.get(ns) ?? new Map<string, StateRow>();
    const now = rowsOf(ns);
    const out: PendingDelta[] = [];
    const place = { machine: ns.machine, netns: ns.name };
    for (const [key, row] of now) {
      if (before.get(key)?.line !== row.line) out.push({ op: 'set', ...place, ...row });
    }
    for (const [key, row] of before) {
      if (!now.has(key)) out.push({ op: 'del', ...place, table: row.table, key });
    }
    this.seen.set(ns, now);
    return out;
  }
}
