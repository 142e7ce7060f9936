// The page's one lab store, bound to the engine worker and the bundled scenarios, read by
// components through narrow selectors.
import { useStore } from 'zustand';
import { detectLang, type MessageKey, t } from '../i18n/index';
import { createLabStore, type LabState } from '../store/lab';
import { createWorkerClient } from '../worker/client';
import { bundledScenarios } from './scenarios';
import { formatUrl, parseUrl } from './url';

const initial = parseUrl(window.location.search, bundledScenarios.map((s) => s.file));

export const labStore = createLabStore(
  createWorkerClient(),
  bundledScenarios,
  initial.lang ?? detectLang(navigator.languages ?? [navigator.language]),
);

export function startLab(): void {
  void labStore.getState().init(initial);
  labStore.subscribe((s) => {
    const url = `${window.location.pathname}${formatUrl(s)}${window.location.hash}`;
    if (url !== `${window.location.pathname}${window.location.search}${window.location.hash}`) {
      window.history.replaceState(null, '', url);
    }
    document.documentElement.lang = s.lang;
  });
  document.documentElement.lang = labStore.getState().lang;
}

export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(labStore, selector);
}

/** The translator for the current language. */
export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useLab((s) => s.lang);
  return (key, vars) => t(lang, key, vars);
}
