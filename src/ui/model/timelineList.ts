// The timeline as one flat list, for a virtual list that draws only the entries in view: each
// leg's header, each run's header, then the run's rows (a step, or a table walk, with its
// steps after it when open). Besides the list: which leg and run header each entry sits
// under (the headers that stay at the top while their entries scroll by), and which row shows
// each step (the row to bring into view when playback gets there). Pure; no React.
import type { ChainWalk } from './chainWalk';
import type { Step } from './steps';
import { type LegGroup, type Run, runItems, styleOf } from './timeline';

export type TimelineEntry =
  | { readonly type: 'leg'; readonly group: LegGroup }
  | { readonly type: 'run'; readonly run: Run }
  | { readonly type: 'step'; readonly step: Step; readonly nested: boolean; readonly lastOfRun: boolean }
  | { readonly type: 'walk'; readonly walk: ChainWalk; readonly open: boolean; readonly label: string; readonly lastOfRun: boolean };

export interface TimelineList {
  readonly entries: readonly TimelineEntry[];
  /** Per entry: the index of its leg's header entry. */
  readonly legOf: readonly number[];
  /** Per entry: the index of its run's header entry (-1 for a leg header). */
  readonly runOf: readonly number[];
  /** Step index → the entry that shows it: its own row, or its walk's row while the walk is closed. */
  readonly rowOf: ReadonlyMap<number, number>;
  /** How many rows (steps and walks) the list has, and how many of them are drops. */
  readonly rows: number;
  readonly drops: number;
}

export function timelineList(groups: readonly LegGroup[], walks: ReadonlyMap<number, ChainWalk>, expanded: ReadonlySet<number>): TimelineList {
  const entries: TimelineEntry[] = [];
  const legOf: number[] = [];
  const runOf: number[] = [];
  const rowOf = new Map<number, number>();
  let rows = 0;
  let drops = 0;
  for (const group of groups) {
    const leg = entries.length;
    entries.push({ type: 'leg', group });
    legOf.push(leg);
    runOf.push(-1);
    for (const run of group.runs) {
      const header = entries.length;
      entries.push({ type: 'run', run });
      legOf.push(leg);
      runOf.push(header);
      const items = runItems(run.steps, walks, expanded);
      items.forEach((item, i) => {
        const lastOfRun = i === items.length - 1;
        const at = entries.length;
        if (item.type === 'walk') {
          const label = run.steps.find((s) => s.index === item.walk.first)?.label ?? '';
          entries.push({ type: 'walk', walk: item.walk, open: item.open, label, lastOfRun });
          if (!item.open) for (let s = item.walk.first; s <= item.walk.last; s++) rowOf.set(s, at);
        } else {
          entries.push({ type: 'step', step: item.step, nested: item.nested, lastOfRun });
          rowOf.set(item.step.index, at);
          if (styleOf(item.step).tone === 'rose') drops++; // drawn as a drop (the timeline's data-drop)
        }
        legOf.push(leg);
        runOf.push(header);
        rows++;
      });
    }
  }
  return { entries, legOf, runOf, rowOf, rows, drops };
}

/**
 * Where to scroll so the row at `start` (height `size`) is in view below the headers: nothing
 * when it is in view already, else the offset that puts it a third of the way down what the
 * headers leave free.
 */
export function revealOffset(start: number, size: number, view: { offset: number; height: number; top: number; bottom: number }): number | undefined {
  const free = view.height - view.top - view.bottom;
  if (start >= view.offset + view.top && start + size <= view.offset + view.height - view.bottom) return undefined;
  return Math.max(0, start - (view.top + free / 3));
}
