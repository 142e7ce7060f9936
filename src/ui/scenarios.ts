// The scenario files, bundled into the build (the lab works offline, with no server).
import type { ScenarioSource } from '../store/lab';
import { onPath, peekPlace } from './model/learningPath';

const raw = import.meta.glob('/scenarios/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/**
 * In learning-path order (each file's `track:` and `level:`), so the catalogue reads as a course
 * and the page opens on its first lab; `file` is repository-relative so errors read
 * `scenarios/x.yaml:3:5: …`.
 */
export const bundledScenarios: readonly ScenarioSource[] = onPath(
  Object.entries(raw).map(([path, text]) => ({ file: path.replace(/^\//, ''), text })),
  (s) => peekPlace(s.text),
);
