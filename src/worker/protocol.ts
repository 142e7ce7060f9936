// Messages between the page and the engine worker. Everything here is plain data
// (structured-clone safe): the page never holds engine objects.
import type { DeviceInfo, ShowWhat } from '../engine/api';
import type { BuildError, BuildWarning } from '../engine/config/world';
import type { ShownLine } from '../engine/trace/state';
import type { Expectation, Flow, I18nText, Trace } from '../engine/trace/types';
import type { MatrixMode, PairSubset, ScenarioMatrix } from '../scenario/matrix';
import type { Scenario, ScenarioError, TourStep } from '../scenario/model';

/** What the page shows of a scenario: no ops, no engine state. */
export interface ScenarioView extends Pick<Scenario, 'file' | 'id' | 'title' | 'summary' | 'tags' | 'source' | 'track' | 'level' | 'articles'> {
  readonly machines: readonly { readonly name: string; readonly role: string }[];
  readonly flows: readonly Flow[];
  readonly variants: readonly {
    readonly id: string;
    readonly title: I18nText;
    readonly explain?: I18nText;
    readonly fixes?: string;
    /** What the variant changes, per machine ('' = the networks it replaces): see scenario/variantChanges.ts */
    readonly changes?: Readonly<Record<string, readonly string[]>>;
  }[];
  /** Each flow's expected outcome per variant ('' = the scenario as written), variant overrides applied. */
  readonly expectations: Readonly<Record<string, Readonly<Record<string, Expectation>>>>;
  readonly tour: readonly TourStep[];
}

/** The lab as built for one variant, for the topology canvas. */
export interface TopologyView {
  /** In scenario order; `namespaces` lists '' (the machine's root namespace) first. */
  readonly machines: readonly { readonly name: string; readonly role: string; readonly namespaces: readonly string[] }[];
  readonly networks: readonly { readonly name: string; readonly kind: string }[];
  readonly devices: readonly DeviceInfo[];
  /** The scenario's `layout` hints: machine name → [x, y]. */
  readonly layout: Readonly<Record<string, readonly [number, number]>>;
  /**
   * The Services a flow can be aimed at, by name: the `kubernetes:` block's ClusterIPs and
   * those the lab's own KUBE-SERVICES rules name (a lab imported from a real node has no block).
   */
  readonly services?: readonly TopologyService[];
}

export interface TopologyService {
  readonly name: string;
  readonly addr: string;
  readonly port: number;
  readonly protocol: 'tcp' | 'udp';
}

/**
 * One namespace's state as built, printed as Linux prints it (`ip addr`, `ip route show table
 * all` …), line by line, each line keyed by the object it prints; a trace's state deltas replay
 * onto these lines to give the tables at any step.
 */
export type NamespaceState = Readonly<Record<ShowWhat, readonly ShownLine[]>>;

interface Base {
  readonly file: string;
  readonly scenarioText: string;
  /** Variant id; undefined = the scenario as written. */
  readonly variant?: string;
}

export type EngineRequest =
  | (Base & { readonly kind: 'describe' })
  /** A scenario flow by id, or a flow the user built (`flow`). */
  | (Base & { readonly kind: 'trace'; readonly flowId: string; readonly flow?: undefined })
  | (Base & { readonly kind: 'trace'; readonly flow: Flow; readonly flowId?: undefined })
  | (Base & { readonly kind: 'state'; readonly machine: string; readonly netns: string })
  /**
   * The reachability matrix (docs/matrix.md): the declared flows, or every source × every
   * destination (`only`: the pairs among some of them).
   */
  | (Base & { readonly kind: 'matrix'; readonly mode: MatrixMode; readonly only?: PairSubset });

/** Node snapshots (scripts/podpath-collect.sh's JSON) made into a lab: docs/debug-your-node.md. */
export interface ImportRequest {
  readonly kind: 'import';
  readonly snapshots: readonly { readonly file: string; readonly text: string }[];
}

/** A request as posted: with the id its answer carries back. */
export type EngineEnvelope = (EngineRequest | ImportRequest) & { readonly id: number };

export type EngineResult =
  /**
   * The scenario, and for the requested variant its build errors, what the build accepted
   * without modelling it (buildWarnings), expectations and topology.
   */
  | {
      readonly kind: 'scenario';
      readonly scenario: ScenarioView;
      readonly buildErrors: readonly BuildError[];
      readonly buildWarnings: readonly BuildWarning[];
      readonly expectations: Readonly<Record<string, Expectation>>;
      readonly topology: TopologyView;
    }
  | { readonly kind: 'trace'; readonly trace: Trace; readonly expectation?: Expectation; readonly met?: boolean }
  | { readonly kind: 'state'; readonly state: NamespaceState }
  | { readonly kind: 'matrix'; readonly matrix: ScenarioMatrix }
  /** The scenario does not load, or its lab does not build. */
  | { readonly kind: 'invalid'; readonly errors: readonly ScenarioError[]; readonly buildErrors: readonly BuildError[] }
  /** The scenario YAML made of snapshots, and what it could not represent (also written in it). */
  | { readonly kind: 'imported'; readonly yaml: string; readonly notes: readonly string[] }
  /** Unknown flow, variant or namespace, or the engine threw (a bug). */
  | { readonly kind: 'failed'; readonly message: string };

export type EngineResponse = EngineResult & { readonly id: number };
