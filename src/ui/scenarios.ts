// The scenario files, bundled into the build (the lab works offline, with no server).
import type { ScenarioSource } from '../store/lab';

const raw = import.meta.glob('/scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** Sorted by path; `file` is repository-relative so errors read `scenarios/x.yaml:3:5: …`. */
export const bundledScenarios: readonly ScenarioSource[] = Object.entries(raw)
  .map(([path, text]) => ({ file: path.replace(/^\//, ''), text }))
  .sort((a, b) => a.file.localeCompare(b.file));
