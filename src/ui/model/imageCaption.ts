// The caption strip under a step picture: which lab it is, what the current step does (the
// embed caption's sentence, captionAt), and at the last step how the conversation ended: the
// flow's drop with its fix, or the verdict and what the client sees. Plain texts with a tone;
// imageSvg lays them out. Pure.
import type { At, Trace } from '../../engine/trace/types';
import { type Lang, t } from '../../i18n/index';
import { outcomeText } from '../../i18n/trace';
import type { Caption } from './caption';

export type CaptionTone = 'title' | 'step' | 'drop' | 'delivered';

export interface CaptionBlock {
  readonly tone: CaptionTone;
  readonly text: string;
}

export interface ImageCaptionInput {
  readonly lang: Lang;
  /** The scenario's title in `lang`, and the flow as the trace summary writes it. */
  readonly title: string;
  readonly flow: string;
  readonly trace: Trace;
  /** captionAt at the playback index; undefined before the first step. */
  readonly caption: Caption | undefined;
  /** 'host1/pod-a eth0' for a drop's place (the inspector's placeText). */
  readonly place: (at: At) => string;
  /** The title of the variant that fixes the drop, when the lab has one. */
  readonly fixVariantTitle?: string;
}

export function imageCaption(input: ImageCaptionInput): CaptionBlock[] {
  const { lang, caption, trace } = input;
  const blocks: CaptionBlock[] = [{ tone: 'title', text: `podpath · ${input.title} · ${input.flow}` }];
  if (!caption) return [...blocks, { tone: 'step', text: t(lang, 'export.caption.start') }];
  blocks.push({ tone: 'step', text: t(lang, 'export.caption.step', { current: caption.n, total: caption.total, text: caption.text }) });
  if (caption.n < caption.total) return blocks;
  const end = caption.end;
  if (end) {
    const parts = [t(lang, 'embed.caption.drop', { reason: end.drop.reason, at: input.place(end.drop.at) }), t(lang, 'embed.caption.fix', { fix: end.fix })];
    if (end.fixVariant === undefined) parts.push(t(lang, 'embed.caption.fixBack'));
    if (input.fixVariantTitle) parts.push(t(lang, 'embed.caption.fixVariant', { variant: input.fixVariantTitle }));
    return [...blocks, { tone: 'drop', text: parts.join(' ') }];
  }
  const verdict = t(lang, trace.verdict === 'delivered' ? 'verdict.delivered' : 'verdict.dropped');
  return [...blocks, { tone: trace.verdict === 'delivered' ? 'delivered' : 'drop', text: t(lang, 'export.caption.verdict', { verdict, outcome: outcomeText(trace.outcome, lang) }) }];
}
