// Which lines of a state panel (`ip route show table all`, `iptables-save`, `conntrack -L` …)
// the current step matched, and which panel to open for it. Pure; no React.
import type { EventKind, TraceEvent } from '../../engine/trace/types';

/** The panels, in the order the page shows their tabs. */
export const PANELS = ['addr', 'route', 'rule', 'neigh', 'fdb', 'iptables', 'ipvs', 'conntrack'] as const;
export type Panel = (typeof PANELS)[number];

/** Whitespace as `ip` prints it varies (`ip rule` puts a tab after the priority): compare words. */
export function normaliseLine(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

export interface HighlightContext {
  /** For `iptables-save`: only lines of this table's section (`*nat` … `COMMIT`) can match. */
  readonly table?: string;
}

/** The iptables table a netfilter step names ('nf PREROUTING nat' → 'nat'). */
export function iptablesTableOf(step: string): string | undefined {
  return /^nf \S+ (\w+)$/.exec(step)?.[1];
}

/** `10.0.0.1 dev eth0 lladdr … REACHABLE` → '10.0.0.1 dev eth0': a neighbour entry's identity. */
function neighKey(line: string): string | undefined {
  const m = /^(\S+) dev (\S+)(?: |$)/.exec(normaliseLine(line));
  return m && /^[\d.:a-f]+$/i.test(m[1]) && !/ via /.test(line) ? `${m[1]} dev ${m[2]}` : undefined;
}

const NEIGH_STATES = /\b(REACHABLE|STALE|DELAY|PROBE|FAILED|INCOMPLETE|PERMANENT|NOARP|NONE)$/;

/** The original-direction tuple of a conntrack line ('src=… dst=… sport=… dport=…'), if it is one. */
export function conntrackTuple(line: string): string | undefined {
  const m = /\bsrc=(\S+) dst=(\S+)(?: sport=(\S+) dport=(\S+))?(?: type=(\S+) code=(\S+) id=(\S+))?/.exec(normaliseLine(line));
  if (!m) return undefined;
  return m.slice(1).filter((x) => x !== undefined).join(' ');
}

/** The line range a table's section covers in `iptables-save` output ([start, end), all lines when absent). */
function tableRange(lines: readonly string[], table: string | undefined): [number, number] {
  if (table === undefined) return [0, lines.length];
  const start = lines.findIndex((l) => l.trim() === `*${table}`);
  if (start < 0) return [0, lines.length];
  const end = lines.findIndex((l, i) => i > start && l.trim() === 'COMMIT');
  return [start, end < 0 ? lines.length : end];
}

/**
 * The indexes of the panel lines `matched` names. Each non-empty line of `matched` counts
 * on its own (a route step names the `ip rule` line and then the route). Lines compare with
 * whitespace normalised; when a line occurs more than once (`ipvsadm` lists a real server
 * under each service) the first after the previous match wins. Rules of thumb where the
 * built lab prints the same entry otherwise: a neighbour entry matches on address and
 * device whatever its state, a conntrack entry on its original tuple.
 */
export function highlightLines(panelText: string, matched: string | undefined, context: HighlightContext = {}): number[] {
  if (!matched || !panelText) return [];
  const lines = panelText.split('\n');
  const [from, to] = tableRange(lines, context.table);
  const normal = lines.map(normaliseLine);
  const hits = new Set<number>();
  let last = -1;

  const candidates = (test: (line: string, i: number) => boolean): number[] => {
    const found: number[] = [];
    for (let i = from; i < to; i++) if (normal[i] !== '' && test(normal[i], i)) found.push(i);
    return found;
  };

  for (const raw of matched.split('\n')) {
    const want = normaliseLine(raw);
    if (want === '') continue;
    let found = candidates((line) => line === want);
    if (found.length === 0 && NEIGH_STATES.test(want)) {
      const key = neighKey(want);
      if (key) found = candidates((line) => NEIGH_STATES.test(line) && neighKey(line) === key);
    }
    if (found.length === 0) {
      const tuple = conntrackTuple(want);
      if (tuple) found = candidates((line) => conntrackTuple(line) === tuple);
    }
    if (found.length === 0) continue;
    const after = found.filter((i) => i > last);
    const chosen = found.length > 1 && last >= 0 && after.length > 0 ? [after[0]] : found;
    for (const i of chosen) hits.add(i);
    last = Math.max(...chosen);
  }
  return [...hits].sort((a, b) => a - b);
}

/** Which panels show what a step of each kind decided, most telling first. */
const PANELS_FOR: Partial<Record<EventKind, readonly Panel[]>> = {
  route: ['route', 'rule'],
  rule: ['rule', 'route'],
  'nf-rule': ['iptables'],
  neigh: ['neigh', 'route'],
  arp: ['neigh', 'route'],
  fdb: ['fdb'],
  conntrack: ['conntrack', 'iptables'],
  nat: ['ipvs', 'conntrack', 'iptables'],
};

/**
 * The panel to open for a step: the first of its kind's panels that has a highlighted line,
 * else any panel that has one (in tab order); undefined when nothing matched (stay put).
 */
export function autoPanel(kind: EventKind, highlighted: (panel: Panel) => boolean): Panel | undefined {
  const preferred = PANELS_FOR[kind] ?? [];
  return preferred.find(highlighted) ?? PANELS.find(highlighted);
}

/**
 * The event whose `matched` line explains a step: its own, or for a drop that names nothing
 * itself (`nf FORWARD filter` → drop) the step before it in the same namespace (the rule that said DROP).
 */
export function decidingEvent(step: { readonly event: TraceEvent; readonly previous?: TraceEvent; readonly isDrop: boolean }): TraceEvent | undefined {
  const { event, previous } = step;
  if (event.matched) return event;
  if (step.isDrop && previous?.matched && previous.at.machine === event.at.machine && previous.at.netns === event.at.netns) return previous;
  return undefined;
}
