// An embed's caption line (`?caption=1`): the current step's explanation — the sentence the
// inspector shows for it — and, at the last step of a dropped conversation, the flow's own drop
// (endViewDrop, never a later answer's) with its fix and the lab's fixing variant. Pure.
import type { Drop, Trace } from '../../engine/trace/types';
import { dropWords, eventText, type TraceLang } from '../../i18n/trace';
import type { ScenarioView } from '../../worker/protocol';
import { fixingVariant } from './fix';
import { endViewDrop, type Step } from './steps';

export interface Caption {
  /** 1-based, as the step counter shows it. */
  readonly n: number;
  readonly total: number;
  readonly text: string;
  /** Only at the end of a conversation whose packet died. */
  readonly end?: CaptionDrop;
}

export interface CaptionDrop {
  readonly drop: Drop;
  /** What the kernel's reason means. */
  readonly explain: string;
  readonly fix: string;
  /** The variant the lab offers as the fix: its id, undefined for the scenario as written, null for none. */
  readonly fixVariant: string | undefined | null;
}

/** The caption at playback `index` (-1: before the first step, no caption). */
export function captionAt(
  trace: Trace,
  steps: readonly Step[],
  index: number,
  lang: TraceLang,
  lab?: { readonly scenario: ScenarioView; readonly variant: string | undefined },
): Caption | undefined {
  const step = index >= 0 ? steps[index] : undefined;
  if (!step) return undefined;
  const caption = { n: index + 1, total: steps.length, text: eventText(step.event, lang) };
  const drop = index === steps.length - 1 ? endViewDrop(trace, steps) : undefined;
  if (!drop) return caption;
  const words = dropWords(drop, lang);
  const fixVariant = lab ? fixingVariant(lab.scenario, lab.variant, trace.flow.id) : null;
  return { ...caption, end: { drop, explain: words.explain, fix: words.fix, fixVariant } };
}
