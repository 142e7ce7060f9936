// Traces in words: every event, drop and outcome rendered from its data in the reader's
// language. The page, the CLI's text output and the docs all speak through here; adding a
// language means adding a TraceWords (types.ts) and nothing in the engine.
import type { DropCause } from '../../engine/trace/causes';
import { UNNAMED_CAUSES, type DropReason, type UnnamedCause } from '../../engine/trace/dropReasons';
import type { Drop, Outcome, TraceEvent } from '../../engine/trace/types';
import { en } from './en';
import type { ReasonWords, TraceWords } from './types';
import { zhCN } from './zh-CN';

export type TraceLang = 'en' | 'zh-CN';

const WORDS: Readonly<Record<TraceLang, TraceWords>> = { en, 'zh-CN': zhCN };

/** What happened at this step, in one sentence. */
export function eventText(e: TraceEvent, lang: TraceLang): string {
  return (WORDS[lang].events[e.code] as (x: TraceEvent) => string)(e);
}

/** What killed the packet: its cause when the engine knows one, else the reason's name. */
export function dropText(drop: Drop, lang: TraceLang): string {
  const words = WORDS[lang];
  return drop.cause ? (words.causes[drop.cause.code] as (c: typeof drop.cause) => string)(drop.cause) : drop.reason;
}

/** What a drop reason means, its usual fix and what the application sees. */
export function reasonText(reason: DropReason, lang: TraceLang): ReasonWords {
  return WORDS[lang].reasons[reason];
}

/**
 * What this drop means, its fix and what the application sees: the reason's entry, or, when the
 * kernel left the drop unnamed (NOT_SPECIFIED), the entry for its cause.
 */
export function dropWords(drop: Pick<Drop, 'reason' | 'cause'>, lang: TraceLang): ReasonWords {
  const words = WORDS[lang];
  if (drop.reason === 'NOT_SPECIFIED' && drop.cause && isUnnamed(drop.cause.code)) return words.unnamed[drop.cause.code];
  return words.reasons[drop.reason];
}

function isUnnamed(code: DropCause['code']): code is UnnamedCause {
  return (UNNAMED_CAUSES as readonly string[]).includes(code);
}

export function outcomeText(outcome: Outcome, lang: TraceLang): string {
  return WORDS[lang].outcome(outcome);
}

export { stepLabel } from '../../engine/trace/label';
