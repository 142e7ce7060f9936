// The lab's state: which scenario, variant and flow are chosen, which view (the lab or the
// reachability matrix), the language, and what the engine worker answered for them. A vanilla zustand store, created with its engine and
// scenario sources so tests drive it with fakes; the page binds it to React in ui/.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { BuildError, BuildWarning } from '../engine/config/world';
import { MATRIX_FLOW_ID } from '../engine/matrix';
import type { Expectation, Flow, Trace } from '../engine/trace/types';
import type { Lang } from '../i18n/index';
import type { MatrixMode, ScenarioMatrix } from '../scenario/matrix';
import type { ScenarioError } from '../scenario/model';
import { CANCELLED_MESSAGE, type EngineClient } from '../worker/client';
import type { NamespaceState, ScenarioView, TopologyView } from '../worker/protocol';

/** One bundled scenario file: its path (as errors name it) and its YAML text. */
export interface ScenarioSource {
  readonly file: string;
  readonly text: string;
}

export type Described =
  | { readonly status: 'loading' }
  | {
      readonly status: 'ready';
      readonly scenario: ScenarioView;
      readonly buildErrors: readonly BuildError[];
      /** what the lab sets that podpath accepted without modelling (shown above the lab) */
      readonly buildWarnings: readonly BuildWarning[];
      readonly expectations: Readonly<Record<string, Expectation>>;
      readonly topology: TopologyView;
    }
  | { readonly status: 'invalid'; readonly errors: readonly ScenarioError[]; readonly buildErrors: readonly BuildError[] }
  | { readonly status: 'failed'; readonly message: string };

/** One namespace's `ip …`/`iptables-save` output, as the worker answered it. */
export type StateLoad =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly state: NamespaceState }
  | { readonly status: 'failed'; readonly message: string };

export type Theme = 'light' | 'dark';

/**
 * The id a flow built in the page carries (scenario flow ids cannot clash: the builder's flow is
 * never in a file). The matrix traces its pairs under the same id, so a clicked cell's trace
 * draws the same random choices as the cell did.
 */
export const CUSTOM_FLOW_ID = MATRIX_FLOW_ID;

/** The middle of the page: the topology and playback, or the reachability matrix. */
export type LabView = 'lab' | 'matrix';

/** A reachability matrix, as the worker answered it. */
export type MatrixLoad =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly matrix: ScenarioMatrix }
  | { readonly status: 'invalid'; readonly errors: readonly ScenarioError[]; readonly buildErrors: readonly BuildError[] }
  | { readonly status: 'failed'; readonly message: string };

export type TraceState =
  | { readonly status: 'idle' }
  | { readonly status: 'running' }
  | { readonly status: 'done'; readonly trace: Trace; readonly expectation?: Expectation; readonly met?: boolean }
  | { readonly status: 'invalid'; readonly errors: readonly ScenarioError[]; readonly buildErrors: readonly BuildError[] }
  | { readonly status: 'failed'; readonly message: string; readonly cancelled?: boolean };

export interface Selection {
  readonly file?: string;
  readonly variant?: string;
  /** A scenario flow id, or CUSTOM_FLOW_ID with `custom` set. */
  readonly flow?: string;
  /** The flow built in the page (flow builder), when `flow` is CUSTOM_FLOW_ID. */
  readonly custom?: Flow;
  /** undefined: the lab (topology and playback) */
  readonly view?: LabView;
  /** the matrix's layout; undefined: the declared flows */
  readonly matrixMode?: MatrixMode;
}

export interface LabState extends Selection {
  readonly lang: Lang;
  readonly sources: readonly ScenarioSource[];
  /** Keyed by describeKey(file, variant). */
  readonly described: Readonly<Record<string, Described>>;
  readonly trace: TraceState;
  readonly theme: Theme;
  /** Keyed by stateKey(file, variant, machine, netns). */
  readonly states: Readonly<Record<string, StateLoad>>;
  /** Keyed by matrixKey(file, variant, mode). */
  readonly matrices: Readonly<Record<string, MatrixLoad>>;
  /**
   * The variant the learner last switched away from in this scenario ('variant' undefined: the
   * scenario as written), so the page can show what the switch changed; undefined before any switch.
   */
  readonly switchedFrom?: { readonly variant?: string };
  /** Shows the lab or the matrix (asking the worker for the matrix when it is not known yet). */
  setView(view: LabView): Promise<void>;
  setMatrixMode(mode: MatrixMode): Promise<void>;
  /** Asks the worker for the chosen scenario's matrix in the chosen variant and mode (cached). */
  loadMatrix(): Promise<void>;
  /** A matrix cell's conversation: back to the lab, with that flow (a scenario's, or a built one) traced. */
  openMatrixFlow(flow: Flow): Promise<void>;
  setLang(lang: Lang): void;
  setTheme(theme: Theme): void;
  /** Asks the worker for a namespace's state (cached per scenario, variant and namespace); the chosen variant unless one is given ('' = the scenario as written). */
  loadState(machine: string, netns: string, variant?: string): Promise<void>;
  /**
   * Stops the trace being computed (a long or runaway one): the engine worker is terminated and
   * started again, and the trace shows as cancelled until the next one is asked for.
   */
  cancelTrace(): void;
  /** Traces a flow the user built; it becomes the selected flow. */
  traceCustom(flow: Flow): Promise<void>;
  /** Describes every source (for the list), then applies the initial selection or picks the first. */
  init(initial?: Selection): Promise<void>;
  selectScenario(file: string | undefined): Promise<void>;
  selectVariant(variant: string | undefined): Promise<void>;
  selectFlow(flow: string | undefined): Promise<void>;
  /**
   * Adds a scenario source, or replaces the text of one (a lab edited in the page): what was
   * known of its old text is forgotten and, when it is the chosen one, it is described again and
   * its flow traced again (the first flow if the chosen one is gone).
   */
  putSource(source: ScenarioSource): Promise<void>;
  /** Removes a source (a deleted lab); when it was chosen, the first source is chosen instead. */
  removeSource(file: string): Promise<void>;
}

export type LabStore = StoreApi<LabState>;

export function describeKey(file: string, variant: string | undefined): string {
  return `${file}\u0000${variant ?? ''}`;
}

export function matrixKey(file: string, variant: string | undefined, mode: MatrixMode): string {
  return `${file}\u0000${variant ?? ''}\u0000${mode}`;
}

/** The chosen scenario's matrix for the chosen variant and mode, if asked for. */
export function currentMatrix(state: LabState): MatrixLoad | undefined {
  if (state.file === undefined) return undefined;
  return state.matrices[matrixKey(state.file, state.variant, state.matrixMode ?? 'declared')];
}

export function stateKey(file: string, variant: string | undefined, machine: string, netns: string): string {
  return `${file}\u0000${variant ?? ''}\u0000${machine}\u0000${netns}`;
}

/** What the page shows for the chosen scenario: the variant's answer, or the base one while it loads. */
export function currentDescribed(state: LabState): Described | undefined {
  if (state.file === undefined) return undefined;
  const exact = state.described[describeKey(state.file, state.variant)];
  if (exact && exact.status !== 'loading') return exact;
  return state.described[describeKey(state.file, undefined)] ?? exact;
}

export function createLabStore(engine: EngineClient, sources: readonly ScenarioSource[], lang: Lang = 'en', theme: Theme = 'light'): LabStore {
  let traceToken = 0;

  return createStore<LabState>()((set, get) => {
    // read from the state: labs edited in the page come and go
    const sourceOf = (file: string) => get().sources.find((s) => s.file === file);
    /** Drops every answer about `file` (its text changed or it is gone), but the descriptions in `keep`. */
    const forget = (file: string, keep: readonly string[] = []) => {
      const other = <T>(record: Readonly<Record<string, T>>, kept: readonly string[] = []) =>
        Object.fromEntries(Object.entries(record).filter(([key]) => !key.startsWith(`${file}\u0000`) || kept.includes(key)));
      set((s) => ({ described: other(s.described, keep), states: other(s.states), matrices: other(s.matrices) }));
    };

    /** `refresh`: ask again for an edited text, showing the old answer until the new one is in. */
    async function describe(file: string, variant: string | undefined, refresh = false): Promise<Described> {
      const key = describeKey(file, variant);
      const known = get().described[key];
      if (!refresh && known && known.status !== 'loading') return known;
      const source = sourceOf(file);
      if (!source) return { status: 'failed', message: `no scenario file ${file}` };
      if (!known) set((s) => ({ described: { ...s.described, [key]: { status: 'loading' } } }));
      const result = await engine.request({ kind: 'describe', file, scenarioText: source.text, variant });
      const described: Described =
        result.kind === 'scenario'
          ? { status: 'ready', scenario: result.scenario, buildErrors: result.buildErrors, buildWarnings: result.buildWarnings, expectations: result.expectations, topology: result.topology }
          : result.kind === 'invalid'
            ? { status: 'invalid', errors: result.errors, buildErrors: result.buildErrors }
            : { status: 'failed', message: result.kind === 'failed' ? result.message : 'unexpected answer from the engine' };
      // an answer for a text edited since is dropped: the new text's answer is on its way
      if (sourceOf(file) === source) set((s) => ({ described: { ...s.described, [key]: described } }));
      return described;
    }

    async function runTrace(): Promise<void> {
      const { file, variant, flow, custom } = get();
      const token = ++traceToken;
      const source = file === undefined ? undefined : sourceOf(file);
      if (!source || flow === undefined || (flow === CUSTOM_FLOW_ID && !custom)) {
        set({ trace: { status: 'idle' } });
        return;
      }
      set({ trace: { status: 'running' } });
      const base = { kind: 'trace', file: source.file, scenarioText: source.text, variant } as const;
      const result = await engine.request(flow === CUSTOM_FLOW_ID && custom ? { ...base, flow: custom } : { ...base, flowId: flow });
      if (token !== traceToken) return; // the selection changed meanwhile
      const trace: TraceState =
        result.kind === 'trace'
          ? { status: 'done', trace: result.trace, expectation: result.expectation, met: result.met }
          : result.kind === 'invalid'
            ? { status: 'invalid', errors: result.errors, buildErrors: result.buildErrors }
            : { status: 'failed', message: result.kind === 'failed' ? result.message : 'unexpected answer from the engine' };
      set({ trace });
    }

    /** A scenario opens on its first flow, so play works at once. */
    async function openFirstFlow(file: string, described: Described): Promise<void> {
      if (get().file !== file || get().flow !== undefined || described.status !== 'ready') return;
      const first = described.scenario.flows[0];
      if (!first) return;
      set({ flow: first.id });
      await runTrace();
    }

    return {
      lang,
      sources,
      described: {},
      trace: { status: 'idle' },
      theme,
      states: {},
      matrices: {},

      cancelTrace() {
        if (get().trace.status !== 'running') return;
        traceToken++; // the answer the cancelled request still gets is not this trace's
        engine.cancel?.();
        set({ trace: { status: 'failed', message: CANCELLED_MESSAGE, cancelled: true } });
      },

      async setView(view) {
        set({ view: view === 'lab' ? undefined : view });
        if (view === 'matrix') await get().loadMatrix();
      },

      async setMatrixMode(mode) {
        set({ matrixMode: mode === 'declared' ? undefined : mode });
        if (get().view === 'matrix') await get().loadMatrix();
      },

      async loadMatrix() {
        const { file, variant } = get();
        const mode = get().matrixMode ?? 'declared';
        const source = file === undefined ? undefined : sourceOf(file);
        if (!source) return;
        const key = matrixKey(source.file, variant, mode);
        const known = get().matrices[key];
        if (known && known.status !== 'failed') return;
        set((s) => ({ matrices: { ...s.matrices, [key]: { status: 'loading' } } }));
        const result = await engine.request({ kind: 'matrix', file: source.file, scenarioText: source.text, variant, mode });
        const load: MatrixLoad =
          result.kind === 'matrix'
            ? { status: 'ready', matrix: result.matrix }
            : result.kind === 'invalid'
              ? { status: 'invalid', errors: result.errors, buildErrors: result.buildErrors }
              : { status: 'failed', message: result.kind === 'failed' ? result.message : 'unexpected answer from the engine' };
        if (sourceOf(source.file) === source) set((s) => ({ matrices: { ...s.matrices, [key]: load } }));
      },

      async openMatrixFlow(flow) {
        set({ view: undefined });
        if (flow.id === CUSTOM_FLOW_ID) await get().traceCustom(flow);
        else await get().selectFlow(flow.id);
      },

      setLang(next) {
        set({ lang: next });
      },

      setTheme(next) {
        set({ theme: next });
      },

      async loadState(machine, netns, asked) {
        const { file } = get();
        const variant = asked === undefined ? get().variant : asked || undefined;
        const source = file === undefined ? undefined : sourceOf(file);
        if (!source) return;
        const key = stateKey(source.file, variant, machine, netns);
        const known = get().states[key];
        if (known && known.status !== 'failed') return;
        set((s) => ({ states: { ...s.states, [key]: { status: 'loading' } } }));
        const result = await engine.request({ kind: 'state', file: source.file, scenarioText: source.text, variant, machine, netns });
        const load: StateLoad =
          result.kind === 'state'
            ? { status: 'ready', state: result.state }
            : { status: 'failed', message: result.kind === 'failed' ? result.message : 'the lab does not build' };
        if (sourceOf(source.file) === source) set((s) => ({ states: { ...s.states, [key]: load } }));
      },

      async traceCustom(flow) {
        set({ flow: CUSTOM_FLOW_ID, custom: { ...flow, id: CUSTOM_FLOW_ID } });
        await runTrace();
      },

      async init(initial) {
        const first = initial?.file !== undefined && sourceOf(initial.file) ? initial : { file: get().sources[0]?.file };
        set({ file: first.file, variant: first.variant, flow: first.flow, custom: first.custom, trace: { status: 'idle' }, view: initial?.view, matrixMode: initial?.matrixMode });
        // The chosen scenario first, so it shows before the rest of the list is described.
        if (first.file !== undefined) {
          const chosen = await describe(first.file, first.variant);
          if (chosen.status === 'failed' && first.variant !== undefined && get().file === first.file) {
            // An unknown variant in a link: fall back to the scenario as written.
            set({ variant: undefined });
            await describe(first.file, undefined);
          }
          if (get().flow !== undefined) void runTrace();
          else void openFirstFlow(first.file, get().described[describeKey(first.file, get().variant)] ?? chosen);
          if (get().view === 'matrix') void get().loadMatrix();
        }
        for (const source of get().sources) await describe(source.file, undefined);
      },

      async selectScenario(file) {
        if (file === get().file) return;
        set({ file, variant: undefined, flow: undefined, custom: undefined, trace: { status: 'idle' }, switchedFrom: undefined });
        traceToken++;
        const matrix = get().view === 'matrix' ? get().loadMatrix() : Promise.resolve();
        if (file !== undefined) await Promise.all([openFirstFlow(file, await describe(file, undefined)), matrix]);
      },

      async selectVariant(variant) {
        const { file } = get();
        if (file === undefined || variant === get().variant) return;
        set({ variant, switchedFrom: { variant: get().variant } });
        const tracing = get().flow !== undefined ? runTrace() : Promise.resolve();
        const matrix = get().view === 'matrix' ? get().loadMatrix() : Promise.resolve();
        await Promise.all([describe(file, variant), tracing, matrix]);
      },

      async selectFlow(flow) {
        set({ flow, custom: undefined });
        await runTrace();
      },

      async putSource(source) {
        const known = sourceOf(source.file);
        if (known?.text === source.text) return;
        set((s) => ({ sources: known ? s.sources.map((x) => (x.file === source.file ? source : x)) : [...s.sources, source] }));
        // the shown answers stay until the new ones replace them: the page does not blink while typing
        const { variant } = get();
        const shown = get().file === source.file ? [describeKey(source.file, undefined), describeKey(source.file, variant)] : [describeKey(source.file, undefined)];
        forget(source.file, shown);
        if (get().file !== source.file) {
          await describe(source.file, undefined, true);
          return;
        }
        if (variant !== undefined) void describe(source.file, undefined, true);
        const described = await describe(source.file, variant, true);
        if (get().file !== source.file || sourceOf(source.file) !== source) return; // typed on, or left
        if (described.status === 'ready') {
          const flows = described.scenario.flows;
          const variantGone = variant !== undefined && !described.scenario.variants.some((v) => v.id === variant);
          if (variantGone) set({ variant: undefined });
          const { flow } = get();
          if (flow !== CUSTOM_FLOW_ID && !flows.some((f) => f.id === flow)) set({ flow: flows[0]?.id, custom: undefined });
          if (variantGone) await describe(source.file, undefined);
        }
        if (get().view === 'matrix') void get().loadMatrix();
        await runTrace();
      },

      async removeSource(file) {
        set((s) => ({ sources: s.sources.filter((x) => x.file !== file) }));
        forget(file);
        if (get().file === file) await get().selectScenario(get().sources[0]?.file);
      },
    };
  });
}
