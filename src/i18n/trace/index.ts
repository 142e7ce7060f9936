// Traces in words: every event, drop and outcome rendered from its data in the reader's
// language. The page, the CLI's text output and the docs all speak through here; adding a
// language means adding a TraceWords (types.ts) and nothing in the engine.
import type { DropReason } from '../../engine/trace/dropReasons';
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

/** What a drop reason means and its usual fix. */
export function reasonText(reason: DropReason, lang: TraceLang): ReasonWords {
  return WORDS[lang].reasons[reason];
}

export function outcomeText(outcome: Outcome, lang: TraceLang): string {
  return WORDS[lang].outcome(outcome);
}

export { stepLabel } from '../../engine/trace/label';
