// What changed when the learner switched variants: the lines each machine's script gained and
// lost (from the variants' declared changes), and, in a namespace's state panel, which lines of
// the lab as now built are new and which of the lab as built before are gone. Pure; no React.
import type { ShownLine } from '../../engine/trace/state';
import type { ScenarioView } from '../../worker/protocol';
import { own } from '../../scenario/own';

export interface LineDiff {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

export interface MachineDiff extends LineDiff {
  /** a machine's name, or '' for the networks a variant replaces */
  readonly machine: string;
}

/** Indexes of the lines of `lines` that `other` does not have (counting repeats). */
function unmatched(other: readonly string[], lines: readonly string[]): number[] {
  const left = new Map<string, number>();
  for (const l of other) left.set(l, (left.get(l) ?? 0) + 1);
  const out: number[] = [];
  lines.forEach((l, i) => {
    const n = left.get(l) ?? 0;
    if (n > 0) left.set(l, n - 1);
    else out.push(i);
  });
  return out;
}

/** Lines only in `after` (added) and only in `before` (removed), counting repeats, in order. */
export function lineDiff(before: readonly string[], after: readonly string[]): LineDiff {
  return { added: unmatched(before, after).map((i) => after[i]), removed: unmatched(after, before).map((i) => before[i]) };
}

function changesOf(view: ScenarioView, variant: string | undefined): Readonly<Record<string, readonly string[]>> {
  return variant === undefined ? {} : (view.variants.find((v) => v.id === variant)?.changes ?? {});
}

/** Per machine (scenario order, the networks last), what switching from one variant to another changes. */
export function variantDiff(view: ScenarioView, from: string | undefined, to: string | undefined): MachineDiff[] {
  const before = changesOf(view, from);
  const after = changesOf(view, to);
  const keys = [...view.machines.map((m) => m.name), ...Object.keys({ ...before, ...after }).filter((k) => !view.machines.some((m) => m.name === k))];
  return keys.flatMap((machine) => {
    // own properties only: a machine named `constructor` has no changes of Object's (issue 15)
    const d = lineDiff(own(before, machine) ?? [], own(after, machine) ?? []);
    return d.added.length || d.removed.length ? [{ machine, ...d }] : [];
  });
}

/** A state panel after a switch: indexes of the lines now shown that are new, and the old lines that are gone. */
export function stateDiff(before: readonly string[], after: readonly string[]): { readonly added: readonly number[]; readonly removed: readonly string[] } {
  return { added: unmatched(before, after), removed: unmatched(after, before).map((i) => before[i]) };
}

/**
 * A state panel after a switch: which of the lines shown (`shown`, the panel at the current
 * step) are new against the lab as built before the switch, and which built lines are gone.
 * `aligned`: the shown lines are the built ones one for one (else they are matched by key).
 */
export function panelSwitch(before: readonly ShownLine[], after: readonly ShownLine[], shown: readonly ShownLine[], aligned: boolean): { readonly added: readonly number[]; readonly removed: readonly string[] } {
  const d = stateDiff(
    before.map((l) => l.text),
    after.map((l) => l.text),
  );
  if (aligned) return d;
  const fresh = new Set(d.added.map((i) => after[i].key ?? after[i].text));
  return { added: shown.flatMap((l, i) => (fresh.has(l.key ?? l.text) ? [i] : [])), removed: d.removed };
}
