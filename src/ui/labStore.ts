// The page's stores — the lab (scenario, variant, flow, traces) and the playback — bound to
// the engine worker, the bundled scenarios and the URL, read by components through narrow
// selectors and the hooks below.
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Trace } from '../engine/trace/types';
import { detectLang, type MessageKey, pick, t } from '../i18n/index';
import { createLabStore, currentDescribed, type Described, type LabState, type Theme } from '../store/lab';
import { type CanvasState, createCanvasStore } from '../store/canvas';
import { createPlaybackStore, type PlaybackState } from '../store/playback';
import type { TopologyView } from '../worker/protocol';
import { createWorkerClient } from '../worker/client';
import { startingLabs } from './editor/startup';
import { type ChainWalk, chainWalks } from './model/chainWalk';
import { jumpTarget, type JumpTarget, legStarts, stopsOf } from './model/pacing';
import type { StepFilter } from './model/stepFilter';
import { type Step, stepsOf } from './model/steps';
import { concealed, flowKey } from './model/predict';
import { createPredictStore } from './predict/store';
import { bundledScenarios } from './scenarios';
import { formatUrl, parseUrl, type StepsView } from './url';

// the labs kept in this browser are sources too; a lab in the link's fragment opens first
const starting = startingLabs(bundledScenarios);
const allSources = [...bundledScenarios, ...starting.myLabs];
const fromUrl = parseUrl(window.location.search, allSources.map((s) => s.file));
/** The page's query as the link gave it (startLab rewrites the URL); empty when a #lab= fragment overrides it. */
export const linkSearch = starting.linked ? '' : window.location.search;
const initial = starting.linked ? { ...fromUrl, file: starting.linked, variant: undefined, flow: undefined, custom: undefined, step: undefined, view: undefined } : fromUrl;

function preferredTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The engine worker: the lab store's, and the importer's (editor/actions.ts). */
export const engineClient = createWorkerClient();

export const labStore = createLabStore(
  engineClient,
  allSources,
  initial.lang ?? detectLang(navigator.languages ?? [navigator.language]),
  initial.theme ?? preferredTheme(),
);

// held at its start while predict mode waits for the guess (the steps would show the answer)
export const playbackStore = createPlaybackStore({}, (action) => !awaitingGuess() || (action.type === 'seek' && action.index < 0));

/** How long the URL may lag behind playback (see startLab). */
const URL_DELAY_MS = 1000;

/** What playback shows of the trace: the step filter, and the table walks opened in the timeline (by key). */
export interface PacingState {
  readonly filter: StepFilter;
  readonly expanded: ReadonlySet<number>;
  setFilter(filter: StepFilter): void;
  toggleWalk(key: number): void;
}

export const pacingStore = createStore<PacingState>()((set) => ({
  filter: initial.filter ?? 'all',
  expanded: new Set(),
  setFilter: (filter) => set({ filter }),
  toggleWalk: (key) =>
    set((s) => {
      const expanded = new Set(s.expanded);
      if (!expanded.delete(key)) expanded.add(key);
      return { expanded };
    }),
}));

/** Where playback stops in `trace` under the current filter and expanded walks. */
function trackFor(trace: Trace | undefined): { stops?: readonly number[]; legStarts?: readonly number[] } {
  if (!trace) return {};
  const steps = stepsFor(trace);
  const { filter, expanded } = pacingStore.getState();
  return { stops: stopsOf(steps, filter, walksFor(trace), expanded), legStarts: legStarts(steps) };
}
/** Predict mode (`?predict=1` or its toggle): verdicts hidden until the learner guesses. */
export const predictStore = createPredictStore(initial.predict === true);

/** Predict mode and the chosen flow not guessed yet: playback waits for the guess (it would show the answer). */
export function awaitingGuess(): boolean {
  return concealed(predictStore.getState(), flowKey(labStore.getState()));
}
export const canvasStore = createCanvasStore(initial.camera === true, initial.showAll === true);

/** What the box under the playback bar shows: the timeline or the ladder (`?steps=ladder`). */
export interface StepsViewState {
  readonly view: StepsView;
  setView(view: StepsView): void;
}

export const stepsViewStore = createStore<StepsViewState>()((set) => ({
  view: initial.stepsView ?? 'timeline',
  setView: (view) => set({ view }),
}));

/** `?embed=1`: canvas and playback only, for an iframe in docs. Fixed for the page's life. */
export const embedded = initial.embed === true;

/** An embed's own options from its link (autoplay, loop, caption), fixed for the page's life. */
export const embedOptions = { autoplay: initial.autoplay === true, loop: initial.loop === true, caption: initial.caption === true };

/** Pause at the end of a looping embed before it plays again, so the drop can be read. */
const LOOP_PAUSE_MS = 2500;

export function startLab(): void {
  let pendingStep = initial.step;
  let pendingAutoplay = embedOptions.autoplay;
  let loadedTrace: Trace | undefined;

  // A new trace resets playback; the first one opens at the link's step.
  labStore.subscribe((s) => {
    const trace = s.trace.status === 'done' ? s.trace.trace : undefined;
    if (trace === loadedTrace) return;
    loadedTrace = trace;
    // Walks are named by their first step's index: a new trace starts with every walk closed.
    if (pacingStore.getState().expanded.size > 0) pacingStore.setState({ expanded: new Set() });
    // In predict mode the link's step would show the answer: hold it until the guess (playAfterGuess).
    if (trace && pendingStep !== undefined && awaitingGuess()) {
      heldStep = { key: flowKey(s), index: pendingStep };
      pendingStep = undefined;
    }
    playbackStore.getState().dispatch({ type: 'load', total: stepsFor(trace).length, index: pendingStep, ...trackFor(trace) });
    if (trace) pendingStep = undefined;
    if (trace && pendingAutoplay) {
      pendingAutoplay = false;
      playbackStore.getState().dispatch({ type: 'play' });
    }
  });
  pacingStore.subscribe((s, prev) => {
    if (s.filter !== prev.filter || s.expanded !== prev.expanded) playbackStore.getState().dispatch({ type: 'stops', ...trackFor(loadedTrace) });
  });

  if (initial.speed !== undefined) playbackStore.getState().dispatch({ type: 'speed', speed: initial.speed });
  if (embedOptions.loop) {
    let again: ReturnType<typeof setTimeout> | undefined;
    playbackStore.subscribe((p, prev) => {
      if (p.status === 'finished' && prev.status === 'playing') {
        again = setTimeout(() => {
          if (playbackStore.getState().status === 'finished') playbackStore.getState().dispatch({ type: 'play' });
        }, LOOP_PAUSE_MS);
      } else if (p.status !== 'finished' && again !== undefined) {
        clearTimeout(again);
        again = undefined;
      }
    });
  }

  // The URL follows the view. Writing it costs a few ms in Chromium, so while playback moves it
  // is written at most every URL_DELAY_MS (the last step always lands); other changes at once.
  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  const writeUrl = () => {
    if (urlTimer !== undefined) clearTimeout(urlTimer);
    urlTimer = undefined;
    const playback = playbackStore.getState();
    // the embed's options stay in its URL, so a reload (or "Open in podpath") keeps them
    const search = formatUrl({ ...labStore.getState(), step: heldStep && awaitingGuess() ? heldStep.index : playback.index, embed: embedded, ...embedOptions, speed: playback.speed, filter: pacingStore.getState().filter, predict: predictStore.getState().enabled, camera: canvasStore.getState().camera, showAll: canvasStore.getState().showAll, stepsView: stepsViewStore.getState().view });
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(null, '', url);
    }
  };
  const writeUrlSoon = () => {
    if (urlTimer === undefined) urlTimer = setTimeout(writeUrl, URL_DELAY_MS);
  };
  // Only what changed: setting <html lang> or its class, even to the same value, makes the
  // browser restyle the whole page.
  const syncDocument = () => {
    const lab = labStore.getState();
    const root = document.documentElement;
    if (root.lang !== lab.lang) root.lang = lab.lang;
    const described = currentDescribed(lab);
    const title = described?.status === 'ready' ? `${pick(described.scenario.title, lab.lang)} · podpath` : 'podpath';
    if (document.title !== title) document.title = title;
    if (root.classList.contains('dark') !== (lab.theme === 'dark')) root.classList.toggle('dark', lab.theme === 'dark');
  };
  // A lab change writes the URL at once only when it changes what the URL says of the lab (not,
  // say, a namespace's state arriving from the worker, which would write a moving step each time).
  let labPart = formatUrl(labStore.getState());
  labStore.subscribe((lab) => {
    const part = formatUrl(lab);
    if (part !== labPart) {
      labPart = part;
      writeUrl();
    }
    syncDocument();
  });
  playbackStore.subscribe(writeUrlSoon);
  pacingStore.subscribe(writeUrl);
  predictStore.subscribe(writeUrl);
  canvasStore.subscribe(writeUrl);
  stepsViewStore.subscribe(writeUrl);
  window.addEventListener('pagehide', () => {
    if (urlTimer !== undefined) writeUrl();
  });
  writeUrl();
  syncDocument();
  void labStore.getState().init(initial);
}

/** The link's step held back in predict mode until the flow it was for is guessed. */
let heldStep: { readonly key: string; readonly index: number } | undefined;

/**
 * After the learner's guess: to the link's step if one was held back for this flow (paused
 * there, as the link opens), else the flow plays from its start.
 */
export function playAfterGuess(): void {
  const held = heldStep;
  heldStep = undefined;
  const { dispatch } = playbackStore.getState();
  if (held && held.key === flowKey(labStore.getState())) {
    dispatch({ type: 'seek', index: held.index });
    return;
  }
  dispatch({ type: 'seek', index: -1 });
  dispatch({ type: 'play' });
}

/** The step "next machine / rewrite / drop" would land on from the step shown, if any. */
export function jumpIndex(to: JumpTarget): number | undefined {
  const lab = labStore.getState();
  const steps = stepsFor(lab.trace.status === 'done' ? lab.trace.trace : undefined);
  const p = playbackStore.getState();
  return jumpTarget(steps, p.stops ?? steps.map((s) => s.index), p.index, to);
}

/** Jump there (and pause); nothing when there is nowhere to go. */
export function jump(to: JumpTarget): void {
  const index = jumpIndex(to);
  if (index !== undefined) playbackStore.getState().dispatch({ type: 'seek', index });
}

export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(labStore, selector);
}

export function useCanvas<T>(selector: (state: CanvasState) => T): T {
  return useStore(canvasStore, selector);
}

export function useStepsView<T>(selector: (state: StepsViewState) => T): T {
  return useStore(stepsViewStore, selector);
}

export function usePlayback<T>(selector: (state: PlaybackState) => T): T {
  return useStore(playbackStore, selector);
}

/** The translator for the current language. */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useLab((s) => s.lang);
  return (key, vars) => t(lang, key, vars);
}

/** The chosen scenario's answer for the chosen variant (or the base one while it loads). */
export function useDescribed(): Described | undefined {
  return useLab(currentDescribed);
}

/** The last topology each file built: while an edited lab is re-read or has an error, the canvas keeps it (and its place). */
const lastTopology = new Map<string, TopologyView>();

export function useTopology(): TopologyView | undefined {
  const described = useDescribed();
  const file = useLab((s) => s.file);
  if (file === undefined) return undefined;
  if (described?.status === 'ready') {
    lastTopology.set(file, described.topology);
    return described.topology;
  }
  return lastTopology.get(file);
}

/** The finished trace of the chosen flow, if any. */
export function useTrace(): Trace | undefined {
  return useLab((s) => (s.trace.status === 'done' ? s.trace.trace : undefined));
}

const stepCache = new WeakMap<Trace, readonly Step[]>();

export function stepsFor(trace: Trace | undefined): readonly Step[] {
  if (!trace) return [];
  let steps = stepCache.get(trace);
  if (!steps) stepCache.set(trace, (steps = stepsOf(trace)));
  return steps;
}

const walkCache = new WeakMap<Trace, readonly ChainWalk[]>();

/** The trace's netfilter table walks (see chainWalks), computed once per trace. */
export function walksFor(trace: Trace | undefined): readonly ChainWalk[] {
  if (!trace) return [];
  let walks = walkCache.get(trace);
  if (!walks) walkCache.set(trace, (walks = chainWalks(stepsFor(trace))));
  return walks;
}

export function useWalks(): readonly ChainWalk[] {
  return walksFor(useTrace());
}

export function usePacing<T>(selector: (state: PacingState) => T): T {
  return useStore(pacingStore, selector);
}

export function useSteps(): readonly Step[] {
  return stepsFor(useTrace());
}

/** The step the playback shows, or undefined before the first. */
export function useCurrentStep(): Step | undefined {
  const steps = useSteps();
  const index = usePlayback((p) => p.index);
  return index >= 0 ? steps[index] : undefined;
}
