// Which lines of a state panel (`ip route show table all`, `iptables-save`, `conntrack -L` …)
// the current step used, and which panel to open for it. No text is read: an event names the
// objects it used (refs), each panel line names the object it prints (its key), and a line is
// highlighted when the two are the same object. Pure; no React.
import type { EventKind } from '../../engine/trace/events';
import { refKey, type StateRef, type StateRefType } from '../../engine/trace/refs';
import type { ShownLine } from '../../engine/trace/state';
import type { TraceEvent } from '../../engine/trace/types';

/** The panels, in the order the page shows their tabs. */
export const PANELS = ['addr', 'route', 'rule', 'neigh', 'fdb', 'iptables', 'ipvs', 'conntrack'] as const;
export type Panel = (typeof PANELS)[number];

/** The panel that prints each kind of object (fabric objects are in no namespace's panels). */
const PANEL_OF: { readonly [T in StateRefType]: Panel | undefined } = {
  route: 'route',
  rule: 'rule',
  neigh: 'neigh',
  fdb: 'fdb',
  'nf-rule': 'iptables',
  'nf-policy': 'iptables',
  conntrack: 'conntrack',
  'ipvs-service': 'ipvs',
  'ipvs-dest': 'ipvs',
  listener: undefined,
  tunnel: undefined,
  eni: undefined,
  'vpc-route': undefined,
  'security-group': undefined,
};

export function panelOf(ref: StateRef): Panel | undefined {
  return PANEL_OF[ref.type];
}

/** The keys of the objects an event used, per panel. */
export function usedKeys(event: TraceEvent | undefined): Map<Panel, Set<string>> {
  const out = new Map<Panel, Set<string>>();
  for (const ref of event?.refs ?? []) {
    const panel = panelOf(ref);
    if (!panel) continue;
    let keys = out.get(panel);
    if (!keys) out.set(panel, (keys = new Set()));
    keys.add(refKey(ref));
  }
  return out;
}

/** The indexes of the lines whose object is one of `keys`. */
export function highlightLines(lines: readonly ShownLine[], keys: ReadonlySet<string> | undefined): number[] {
  if (!keys || keys.size === 0) return [];
  const out: number[] = [];
  lines.forEach((line, i) => {
    if (line.key !== undefined && keys.has(line.key)) out.push(i);
  });
  return out;
}

/** Which panels show what a step of each kind decided, most telling first. */
const PANELS_FOR: Partial<Record<EventKind, readonly Panel[]>> = {
  route: ['route', 'rule'],
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
 * The event whose refs explain a step: its own, or for a drop that names nothing itself
 * (a filter drop) the step before it in the same namespace (the rule or policy that said DROP).
 */
export function decidingEvent(step: { readonly event: TraceEvent; readonly previous?: TraceEvent; readonly isDrop: boolean }): TraceEvent | undefined {
  const { event, previous } = step;
  if (event.refs?.length) return event;
  if (step.isDrop && previous?.refs?.length && previous.at.machine === event.at.machine && previous.at.netns === event.at.netns) return previous;
  return undefined;
}
