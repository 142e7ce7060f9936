// Messages between the page and the engine worker. Everything here is plain data
// (structured-clone safe): the page never holds engine objects.
import type { BuildError } from '../engine/config/world';
import type { Expectation, Flow, I18nText, Trace } from '../engine/trace/types';
import type { Scenario, ScenarioError } from '../scenario/model';

/** What the page shows of a scenario: no ops, no engine state. */
export interface ScenarioView extends Pick<Scenario, 'file' | 'id' | 'title' | 'summary' | 'tags' | 'source'> {
  readonly machines: readonly { readonly name: string; readonly role: string }[];
  readonly flows: readonly Flow[];
  readonly variants: readonly { readonly id: string; readonly title: I18nText; readonly explain?: I18nText }[];
}

interface Base {
  readonly file: string;
  readonly scenarioText: string;
  /** Variant id; undefined = the scenario as written. */
  readonly variant?: string;
}

export type EngineRequest =
  | (Base & { readonly kind: 'describe' })
  | (Base & { readonly kind: 'trace'; readonly flowId: string });

/** A request as posted: with the id its answer carries back. */
export type EngineEnvelope = EngineRequest & { readonly id: number };

export type EngineResult =
  /** The scenario, and for the requested variant its build errors and expectations. */
  | {
      readonly kind: 'scenario';
      readonly scenario: ScenarioView;
      readonly buildErrors: readonly BuildError[];
      readonly expectations: Readonly<Record<string, Expectation>>;
    }
  | { readonly kind: 'trace'; readonly trace: Trace; readonly expectation?: Expectation; readonly met?: boolean }
  /** The scenario does not load, or its lab does not build. */
  | { readonly kind: 'invalid'; readonly errors: readonly ScenarioError[]; readonly buildErrors: readonly BuildError[] }
  /** Unknown flow or variant, or the engine threw (a bug). */
  | { readonly kind: 'failed'; readonly message: string };

export type EngineResponse = EngineResult & { readonly id: number };
