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

/** A panel's lines as built, with their text, and where each keyed line is. */
interface Built {
  readonly lines: readonly ShownLine[];
  readonly byKey: ReadonlyMap<string, readonly number[]>;
}

// Per built array (the worker's answer, kept in the store): a real node's iptables-save has
// 100,000 lines, and a step must not rebuild them all to change the few its packets counted.
const builtCache = { plain: new WeakMap<readonly ShownLine[], Built>(), counted: new WeakMap<readonly ShownLine[], Built>() };

function built(base: readonly ShownLine[], withPrefix: boolean): Built {
  const cache = withPrefix ? builtCache.counted : builtCache.plain;
  const known = cache.get(base);
  if (known) return known;
  const byKey = new Map<string, number[]>();
  base.forEach((l, i) => {
    if (l.key === undefined) return;
    const at = byKey.get(l.key);
    if (at) at.push(i);
    else byKey.set(l.key, [i]);
  });
  const out = { lines: base.map((l) => ({ ...l, text: shownText(l, undefined, withPrefix) })), byKey };
  cache.set(base, out);
  return out;
}

/**
 * `seq` is the current event's (-1: before the conversation). Without a trace the lab as built
 * is shown as it is.
 */
export function panelAt(panel: Panel, base: readonly ShownLine[], trace: Trace | undefined, machine: string, netns: string, seq: number): PanelAt {
  if (!trace) return { lines: built(base, false).lines, changed: [] };
  const at = { machine, netns, seq };
  const table = TABLE[panel];
  const now = changedAt(trace.state, at);
  if (table) {
    const lines = tableAt(base, trace.state, { ...at, table });
    return { lines, changed: lines.flatMap((l, i) => (l.key !== undefined && now.has(l.key) ? [i] : [])) };
  }
  const b = built(base, panel === 'iptables');
  let lines = b.lines;
  if (panel === 'iptables') {
    const counts = countersAt(trace.state, at);
    if (counts.size > 0) {
      const copy = [...b.lines];
      for (const [key, c] of counts) {
        for (const i of b.byKey.get(key) ?? []) {
          const l = base[i];
          if (l.counters) copy[i] = { ...l, text: shownText(l, { packets: l.counters.packets + c.packets, bytes: l.counters.bytes + c.bytes }, true) };
        }
      }
      lines = copy;
    }
  }
  const changed = [...now].flatMap((key) => b.byKey.get(key) ?? []).sort((x, y) => x - y);
  return { lines, changed };
}

/** Whether a conversation touched a table of this namespace at all (the conntrack tab shows then). */
export function touched(trace: Trace | undefined, table: StateTable, machine: string, netns: string): boolean {
  return trace?.state.some((d) => d.table === table && d.machine === machine && d.netns === netns) ?? false;
}
