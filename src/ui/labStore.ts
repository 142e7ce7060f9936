// The page's stores — the lab (scenario, variant, flow, traces) and the playback — bound to
// the engine worker, the bundled scenarios and the URL, read by components through narrow
// selectors and the hooks below.
import { useStore } from 'zustand';
import type { Trace } from '../engine/trace/types';
import { detectLang, type MessageKey, pick, t } from '../i18n/index';
import { createLabStore, currentDescribed, type Described, type LabState, type Theme } from '../store/lab';
import { type CanvasState, createCanvasStore } from '../store/canvas';
import { createPlaybackStore, type PlaybackState } from '../store/playback';
import type { TopologyView } from '../worker/protocol';
import { createWorkerClient } from '../worker/client';
import { type Step, stepsOf } from './model/steps';
import { bundledScenarios } from './scenarios';
import { formatUrl, parseUrl } from './url';

const initial = parseUrl(window.location.search, bundledScenarios.map((s) => s.file));

function preferredTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export const labStore = createLabStore(
  createWorkerClient(),
  bundledScenarios,
  initial.lang ?? detectLang(navigator.languages ?? [navigator.language]),
  initial.theme ?? preferredTheme(),
);

export const playbackStore = createPlaybackStore();

export const canvasStore = createCanvasStore(initial.camera === true);

/** `?embed=1`: canvas and playback only, for an iframe in docs. Fixed for the page's life. */
export const embedded = initial.embed === true;

export function startLab(): void {
  let pendingStep = initial.step;
  let loadedTrace: Trace | undefined;

  // A new trace resets playback; the first one opens at the link's step.
  labStore.subscribe((s) => {
    const trace = s.trace.status === 'done' ? s.trace.trace : undefined;
    if (trace === loadedTrace) return;
    loadedTrace = trace;
    playbackStore.getState().dispatch({ type: 'load', total: trace ? stepsOf(trace).length : 0, index: pendingStep });
    if (trace) pendingStep = undefined;
  });

  const syncPage = () => {
    const lab = labStore.getState();
    const playback = playbackStore.getState();
    const search = formatUrl({ ...lab, step: playback.index, embed: embedded, camera: canvasStore.getState().camera });
    const url = `${window.location.pathname}${search}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(null, '', url);
    }
    document.documentElement.lang = lab.lang;
    const described = currentDescribed(lab);
    document.title = described?.status === 'ready' ? `${pick(described.scenario.title, lab.lang)} · podpath` : 'podpath';
    document.documentElement.classList.toggle('dark', lab.theme === 'dark');
  };
  labStore.subscribe(syncPage);
  playbackStore.subscribe(syncPage);
  canvasStore.subscribe(syncPage);
  syncPage();
  void labStore.getState().init(initial);
}

export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(labStore, selector);
}

export function useCanvas<T>(selector: (state: CanvasState) => T): T {
  return useStore(canvasStore, selector);
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

export function useTopology(): TopologyView | undefined {
  const described = useDescribed();
  return described?.status === 'ready' ? described.topology : undefined;
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

export function useSteps(): readonly Step[] {
  return stepsFor(useTrace());
}

/** The step the playback shows, or undefined before the first. */
export function useCurrentStep(): Step | undefined {
  const steps = useSteps();
  const index = usePlayback((p) => p.index);
  return index >= 0 ? steps[index] : undefined;
}
