// What a language provides to speak about traces: one renderer per event code and per drop
// cause, the catalogue of drop reasons (what each means, its fix, what the application sees,
// and the same per cause for the drops the kernel leaves unnamed), the outcome and the lab's
// warnings. The mapped types make a missing code a compile error, so a new event, cause or
// reason cannot be forgotten in any language.
import type { DropCause } from '../../engine/trace/causes';
import type { DropReason, UnnamedCause } from '../../engine/trace/dropReasons';
import type { EventCode } from '../../engine/trace/events';
import type { Outcome, TraceEvent } from '../../engine/trace/types';

export type EventOf<C extends EventCode> = Extract<TraceEvent, { readonly code: C }>;
export type CauseOf<K extends DropCause['code']> = Extract<DropCause, { readonly code: K }>;

export type EventWords = { readonly [C in EventCode]: (e: EventOf<C>) => string };
export type CauseWords = { readonly [K in DropCause['code']]: (c: CauseOf<K>) => string };

export interface ReasonWords {
  /** what the kernel's reason means, for a learner */
  readonly explain: string;
  /** the usual fix */
  readonly fix: string;
  /** what the application that sent the packet sees */
  readonly app: string;
}

export interface TraceWords {
  readonly events: EventWords;
  readonly causes: CauseWords;
  readonly reasons: { readonly [R in DropReason]: ReasonWords };
  /** NOT_SPECIFIED says nothing: for each cause the kernel frees unnamed, what it means */
  readonly unnamed: { readonly [K in UnnamedCause]: ReasonWords };
  readonly outcome: (o: Outcome) => string;
}
