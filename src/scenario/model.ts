// A validated scenario (DESIGN §4) as the rest of podpath sees it. Produced by
// loadScenario() (src/scenario/load.ts) from YAML text; scripts are already parsed into ops.
import type { Op } from '../engine/config/ops';
import type { MachineSpec, NetworkSpec, NicSpec } from '../engine/config/world';
import type { Expectation, Flow, I18nText } from '../engine/trace/types';

export interface MachineModel extends MachineSpec {
  readonly script: string; // the original text, for display and export
}

export interface VariantModel {
  readonly id: string;
  readonly title: I18nText;
  readonly explain?: I18nText;
  /** Extra ops per machine, run after that machine's script. */
  readonly append: Readonly<Record<string, readonly Op[]>>;
  readonly appendText: Readonly<Record<string, string>>;
  /** Networks replaced whole, by name (a switch lab's cloud variant). */
  readonly networks?: readonly NetworkSpec[];
  /** NIC settings changed, per machine: each entry names a NIC and sets some of its fields. */
  readonly nics?: Readonly<Record<string, readonly NicOverride[]>>;
  readonly expect: Readonly<Record<string, Expectation>>;
}

/** A variant's edit of one NIC: its name, and the fields that change. */
export type NicOverride = Pick<NicSpec, 'name'> & Partial<Omit<NicSpec, 'name'>>;

export interface TourStep {
  readonly flow: string;
  readonly at: string;
  readonly text: I18nText;
}

export interface Scenario {
  readonly file: string;
  readonly id: string;
  readonly title: I18nText;
  readonly summary: I18nText;
  readonly tags: readonly string[];
  readonly source: string;
  readonly networks: readonly NetworkSpec[];
  readonly machines: readonly MachineModel[];
  readonly flows: readonly Flow[];
  readonly variants: readonly VariantModel[];
  readonly tour: readonly TourStep[];
  readonly layout: Readonly<Record<string, readonly [number, number]>>;
}

/** An error in a scenario file: always with file, line and column, and what was expected. */
export interface ScenarioError {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly code: string; // 'yaml-syntax' | 'schema' | 'unknown-command' | 'bad-argument' | …
  readonly message: string;
}

export type LoadResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };
