// A validated scenario (DESIGN §4) as the rest of podpath sees it. Produced by
// loadScenario() (src/scenario/load.ts) from YAML text; scripts are already parsed into ops.
import type { Op } from '../engine/config/ops';
import type { MachineSpec, NetworkSpec, NicSpec } from '../engine/config/world';
import type { Expectation, Flow, I18nText } from '../engine/trace/types';
import type { Track } from './track';

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
  /**
   * A machine's whole ops under this variant, where its appended commands change what a
   * generator writes (kube-proxy restarted on the node as the variant leaves it: script, the
   * appended commands, then kube-proxy's rules as it now writes them). Absent: script, the
   * generated rules, then the appended commands.
   */
  readonly regenerated?: Readonly<Record<string, readonly Op[]>>;
  /** Networks replaced whole, by name (a switch lab's cloud variant). */
  readonly networks?: readonly NetworkSpec[];
  /** NIC settings changed, per machine: each entry names a NIC and sets some of its fields. */
  readonly nics?: Readonly<Record<string, readonly NicOverride[]>>;
  readonly expect: Readonly<Record<string, Expectation>>;
  /** The variant (or `base`, the scenario as written) this one is declared the fix for. */
  readonly fixes?: string;
}

/** A variant's edit of one NIC: its name, and the fields that change. */
export type NicOverride = Pick<NicSpec, 'name'> & Partial<Omit<NicSpec, 'name'>>;

export interface TourStep {
  readonly flow: string;
  readonly at: string;
  readonly text: I18nText;
}

/** What a source article says of a matrix cell: delivered, dropped (no reason given), or a drop as a flow expects one. */
export type ArticleVerdict = 'delivered' | 'dropped' | { readonly dropped: string; readonly at?: string };

/** A flow's `article:` record (schema.ts): what the source article says of its cell. */
export interface ArticleClaim {
  /** for the lab as written */
  readonly says: ArticleVerdict;
  /** once the article has made a variant's change, by variant id */
  readonly variants: Readonly<Record<string, ArticleVerdict>>;
  /** why the computed verdict differs, where it does */
  readonly note?: I18nText;
}

/** A flow's place in the matrix view's declared-flows table (`matrix:`) and its `article:` record. */
export interface FlowCell {
  readonly row?: I18nText;
  readonly column?: I18nText;
  readonly article?: ArticleClaim;
}

/**
 * A Service port the `kubernetes:` block declares, as the matrix's all-pairs destinations list
 * it: the ClusterIP and port, or a NodePort on one node's first address.
 */
export interface ServiceTarget {
  /** kube-proxy's name for the port: `default/web` or `default/web:http` */
  readonly service: string;
  readonly kind: 'cluster-ip' | 'node-port';
  readonly protocol: 'tcp' | 'udp';
  readonly addr: string;
  readonly port: number;
  /** node-port: the node whose address this is */
  readonly node?: string;
}

/** An article a scenario's facts come from, named by its title (`articles:`). */
export interface ArticleRef {
  readonly file?: string;
  readonly title: I18nText;
  readonly part?: I18nText;
}

export interface Scenario {
  readonly file: string;
  readonly id: string;
  readonly title: I18nText;
  readonly summary: I18nText;
  readonly tags: readonly string[];
  readonly source: string;
  /** the learning path's track and level (track.ts); absent in a scenario that gives none */
  readonly track?: Track;
  readonly level?: number;
  readonly articles?: readonly ArticleRef[];
  readonly networks: readonly NetworkSpec[];
  readonly machines: readonly MachineModel[];
  readonly flows: readonly Flow[];
  readonly variants: readonly VariantModel[];
  readonly tour: readonly TourStep[];
  readonly layout: Readonly<Record<string, readonly [number, number]>>;
  /** flow id → its matrix row and column and its article record, for the flows that give any */
  readonly flowCells?: Readonly<Record<string, FlowCell>>;
  /** the Service ports of the `kubernetes:` block (none without one) */
  readonly services?: readonly ServiceTarget[];
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
