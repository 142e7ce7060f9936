// Where playback stops and where its jumps land: the steps the filter shows, with each
// collapsed table walk reduced to its last step (the walk's outcome); "next machine", "next
// rewrite" and "next drop" look only among those stops. Pure; no React.
import type { ChainWalk } from './chainWalk';
import { isDropStep, isRewrite, legEnds, stepVisible, type StepFilter } from './stepFilter';
import type { Step } from './steps';

/**
 * The indices playback stops at, ascending. A walk whose steps all show collapses to its last
 * step unless it is in `expanded` (keys of walks the learner opened).
 */
export function stopsOf(steps: readonly Step[], filter: StepFilter, walks: readonly ChainWalk[], expanded: ReadonlySet<number>): number[] {
  const ends = legEnds(steps);
  const visible = steps.map((s, i) => stepVisible(s, filter, ends[i]));
  for (const w of walks) {
    if (expanded.has(w.key)) continue;
    if (!visible.slice(w.first, w.last + 1).every(Boolean)) continue;
    for (let i = w.first; i < w.last; i++) visible[i] = false;
  }
  return steps.flatMap((s, i) => (visible[i] ? [s.index] : []));
}

/** The index of each leg's first step. */
export function legStarts(steps: readonly Step[]): number[] {
  return steps.flatMap((s, i) => (i === 0 || steps[i - 1].legIndex !== s.legIndex ? [s.index] : []));
}

export type JumpTarget = 'machine' | 'rewrite' | 'drop';

/** The first stop after `index` that matches (stops of another trace, met while a new one loads, never do). */
function nextStop(steps: readonly Step[], stops: readonly number[], index: number, matches: (s: Step) => boolean): number | undefined {
  return stops.find((i) => i > index && steps[i] !== undefined && matches(steps[i]));
}

/**
 * Where a jump from `index` lands: the first stop on another machine (the fabric between
 * machines is not one; before the start, the first stop), the next stop that rewrote the
 * packet's headers, or the next drop. Undefined when there is none.
 */
export function jumpTarget(steps: readonly Step[], stops: readonly number[], index: number, what: JumpTarget): number | undefined {
  switch (what) {
    case 'machine': {
      const here = steps[index]?.event.at.machine;
      return nextStop(steps, stops, index, (s) => s.kind !== 'fabric' && s.event.at.machine !== here);
    }
    case 'rewrite':
      return nextStop(steps, stops, index, isRewrite);
    case 'drop':
      return nextStop(steps, stops, index, isDropStep);
  }
}

/**
 * The step counter's place among the stops: how many stops lie at or before `index` (0 before
 * the first), out of how many. Under a filter the learner counts what the filter shows; a step
 * shown while it is not a stop (a walk step reached from the timeline) counts as the last stop
 * before it.
 */
export function stopPosition(stops: readonly number[], index: number): { shown: number; shownTotal: number } {
  return { shown: stops.filter((s) => s <= index).length, shownTotal: stops.length };
}
