// The timeline as data: the conversation's steps grouped by leg, then by the namespace (or
// fabric network) they happen in; the look of each event kind; where each leg and each drop
// sits on the scrub bar. Pure; no React, no icons (the view maps `KindIcon` to a component).
import type { EventKind } from '../../engine/trace/events';
import type { Leg } from '../../engine/trace/types';
import type { MessageKey } from '../../i18n/index';
import type { ChainWalk } from './chainWalk';
import { placeOf, type Step } from './steps';

/** Colour families; the view turns each into light and dark classes. */
export type Tone = 'sky' | 'indigo' | 'amber' | 'orange' | 'fuchsia' | 'teal' | 'cyan' | 'lime' | 'violet' | 'slate' | 'emerald' | 'rose';

/** Names of the icons the view draws (one lucide icon each; the inspector's KindIcon draws the same). */
export type KindIcon =
  | 'route' | 'list-filter' | 'shield' | 'database' | 'arrow-right-left' | 'radio' | 'network' | 'table'
  | 'package' | 'package-open' | 'send' | 'inbox' | 'globe' | 'circle-check' | 'ban';

export interface KindStyle {
  readonly icon: KindIcon;
  readonly tone: Tone;
  /** What the kind is, in words (the icon's accessible name). */
  readonly label: MessageKey;
}

/**
 * One look per event kind. Families share a hue: routing blue, netfilter warm, L2 green-blue,
 * tunnels violet, moving the packet grey, the outcome green or red.
 */
export const KIND_STYLES: Readonly<Record<EventKind, KindStyle>> = {
  route: { icon: 'route', tone: 'sky', label: 'timeline.kind.route' },
  'nf-rule': { icon: 'shield', tone: 'amber', label: 'timeline.kind.nf-rule' },
  conntrack: { icon: 'database', tone: 'orange', label: 'timeline.kind.conntrack' },
  nat: { icon: 'arrow-right-left', tone: 'fuchsia', label: 'timeline.kind.nat' },
  arp: { icon: 'radio', tone: 'cyan', label: 'timeline.kind.arp' },
  neigh: { icon: 'network', tone: 'teal', label: 'timeline.kind.neigh' },
  fdb: { icon: 'table', tone: 'lime', label: 'timeline.kind.fdb' },
  encap: { icon: 'package', tone: 'violet', label: 'timeline.kind.encap' },
  decap: { icon: 'package-open', tone: 'violet', label: 'timeline.kind.decap' },
  xmit: { icon: 'send', tone: 'slate', label: 'timeline.kind.xmit' },
  recv: { icon: 'inbox', tone: 'slate', label: 'timeline.kind.recv' },
  fabric: { icon: 'globe', tone: 'slate', label: 'timeline.kind.fabric' },
  deliver: { icon: 'circle-check', tone: 'emerald', label: 'timeline.kind.deliver' },
  drop: { icon: 'ban', tone: 'rose', label: 'timeline.kind.drop' },
};

/** The look of a step: its kind's, except that the step where a leg died is always a drop. */
export function styleOf(step: Step): KindStyle {
  return step.isDrop ? KIND_STYLES.drop : KIND_STYLES[step.kind];
}

/** Consecutive steps of one leg in one place. */
export interface Run {
  /** Unique within the timeline: the index of the run's first step. */
  readonly key: number;
  readonly machine: string;
  readonly netns: string;
  /** `machine` or `machine/netns` (see placeOf). */
  readonly place: string;
  /** True when every step is the fabric's (a switch, a cloud network): `machine` names a network. */
  readonly network: boolean;
  readonly steps: readonly Step[];
}

/** One leg of the conversation (SYN, SYN-ACK …) and its runs. */
export interface LegGroup {
  readonly legIndex: number;
  readonly leg: Leg;
  /** Index of the leg's first and last steps in the conversation (of those grouped). */
  readonly first: number;
  readonly last: number;
  /** How many steps were grouped (fewer than last − first + 1 under a step filter). */
  readonly count: number;
  readonly runs: readonly Run[];
}

export function groupTimeline(steps: readonly Step[]): LegGroup[] {
  const legs: { legIndex: number; leg: Leg; first: number; last: number; runs: { key: number; machine: string; netns: string; place: string; steps: Step[] }[] }[] = [];
  for (const step of steps) {
    let group = legs.at(-1);
    if (!group || group.legIndex !== step.legIndex) {
      group = { legIndex: step.legIndex, leg: step.leg, first: step.index, last: step.index, runs: [] };
      legs.push(group);
    }
    group.last = step.index;
    const place = placeOf(step.event.at);
    let run = group.runs.at(-1);
    if (!run || run.place !== place) {
      run = { key: step.index, machine: step.event.at.machine, netns: step.event.at.netns, place, steps: [] };
      group.runs.push(run);
    }
    run.steps.push(step);
  }
  return legs.map((g) => ({
    ...g,
    count: g.runs.reduce((n, r) => n + r.steps.length, 0),
    runs: g.runs.map((r) => ({ ...r, network: r.steps.every((s) => s.kind === 'fabric') })),
  }));
}

/** A row of a run: a step, or a table walk shown as one row (its steps follow, nested, when open). */
export type TimelineItem =
  | { readonly type: 'step'; readonly step: Step; readonly nested: boolean }
  | { readonly type: 'walk'; readonly walk: ChainWalk; readonly open: boolean };

/**
 * A run's rows: each walk whose steps are all in the run becomes one row, followed by its steps
 * when it is in `expanded`; every other step is its own row.
 */
export function runItems(steps: readonly Step[], walks: ReadonlyMap<number, ChainWalk>, expanded: ReadonlySet<number>): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (let i = 0; i < steps.length; i++) {
    const walk = walks.get(steps[i].index);
    const n = walk ? walk.last - walk.first + 1 : 0;
    if (walk && steps[i + n - 1]?.index === walk.last) {
      const open = expanded.has(walk.key);
      items.push({ type: 'walk', walk, open });
      if (open) for (let k = 0; k < n; k++) items.push({ type: 'step', step: steps[i + k], nested: true });
      i += n - 1;
    } else items.push({ type: 'step', step: steps[i], nested: false });
  }
  return items;
}

/** Where a scrub value (-1 before the first step … total-1 at the last) sits along the bar, 0…1. */
export function scrubFraction(value: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(1, Math.max(0, (value + 1) / total));
}

/** A leg's stretch of the scrub bar: it starts where the step before its first ends. */
export interface LegSpan {
  readonly legIndex: number;
  readonly packet: Leg['packet'];
  readonly verdict: Leg['verdict'];
  readonly first: number;
  readonly last: number;
  /** 0…1 along the bar; the spans tile the bar. */
  readonly start: number;
  readonly end: number;
}

export function legSpans(steps: readonly Step[]): LegSpan[] {
  const total = steps.length;
  return groupTimeline(steps).map((g) => ({
    legIndex: g.legIndex,
    packet: g.leg.packet,
    verdict: g.leg.verdict,
    first: g.first,
    last: g.last,
    start: scrubFraction(g.first - 1, total),
    end: scrubFraction(g.last, total),
  }));
}

/**
 * The steps where a packet was dropped (a leg's drop, or a drop event on the way, such as an ARP
 * request a vxlan device could not send): `flow` marks the drop of the flow's own packet, the
 * verdict's; `other` every other one, drawn subordinate.
 */
export function dropSteps(steps: readonly Step[]): { readonly index: number; readonly role: 'flow' | 'other' }[] {
  return steps.filter((s) => s.isDrop || s.kind === 'drop').map((s) => ({ index: s.index, role: s.dropRole === 'flow' ? 'flow' : 'other' }));
}

/** 'past', 'current' or 'future' of a timeline row at `index` while playback shows `current`. */
export type RowState = 'past' | 'current' | 'future';

export function rowState(index: number, current: number): RowState {
  return index === current ? 'current' : index < current ? 'past' : 'future';
}
