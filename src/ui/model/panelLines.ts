// A state panel's lines at one step of a trace: the lab as built (the worker's lines), with the
// conversation's changes up to that step replayed onto them — neighbour entries resolved, FDB
// entries learnt, conntrack entries created and moved on, iptables counters counted — and which
// lines changed at exactly that step. Pure; no React.
import { changedAt, countersAt, shownText, tableAt, type ShownLine, type StateTable } from '../../engine/trace/state';
import type { Trace } from '../../engine/trace/types';
import type { Panel } from './highlight';

export interface PanelAt {
  readonly lines: readonly ShownLine[];
  /** indexes of the lines that changed at this very step */
  readonly changed: readonly number[];
}

const TABLE: Partial<Record<Panel, StateTable>> = { neigh: 'neigh', fdb: 'fdb', conntrack: 'conntrack' };

/** Whether a panel's lines at a step are the built lines one for one (the others replay a table's changes). */
export function alignedWithBuilt(panel: Panel): boolean {
  return TABLE[panel] === undefined;
}

/**
 * `seq` is the current event's (-1: before the conversation). Without a trace the lab as built
 * is shown as it is.
 */
export function panelAt(panel: Panel, base: readonly ShownLine[], trace: Trace | undefined, machine: string, netns: string, seq: number): PanelAt {
  if (!trace) return { lines: base.map((l) => ({ ...l, text: shownText(l) })), changed: [] };
  const at = { machine, netns, seq };
  const table = TABLE[panel];
  let lines: readonly ShownLine[];
  if (table) lines = tableAt(base, trace.state, { ...at, table });
  else if (panel === 'iptables') {
    const counts = countersAt(trace.state, at);
    lines = base.map((l) => {
      const c = l.key !== undefined ? counts.get(l.key) : undefined;
      const total = l.counters && c ? { packets: l.counters.packets + c.packets, bytes: l.counters.bytes + c.bytes } : undefined;
      return { ...l, text: shownText(l, total, true) };
    });
  } else lines = base.map((l) => ({ ...l, text: shownText(l) }));
  const now = changedAt(trace.state, at);
  const changed = lines.flatMap((l, i) => (l.key !== undefined && now.has(l.key) ? [i] : []));
  return { lines, changed };
}

/** Whether a conversation touched a table of this namespace at all (the conntrack tab shows then). */
export function touched(trace: Trace | undefined, table: StateTable, machine: string, netns: string): boolean {
  return trace?.state.some((d) => d.table === table && d.machine === machine && d.netns === netns) ?? false;
}
