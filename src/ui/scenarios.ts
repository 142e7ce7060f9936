// The scenario files, bundled into the build (the lab works offline, with no server).
import type { ScenarioSource } from '../store/lab';
import { onPath, peekPlace } from './model/learningPath';

// A chunk of its own, awaited before the stores start: ~90 KB (gzipped) of YAML kept out of
// the main chunk (issue 4's 300 KB budget) costs one request made in parallel with the app's start.
const { scenarioTexts } = await import('./scenarioTexts');

/**
 * In learning-path order (each file's `track:` and `level:`), so the catalogue reads as a course
 * and the page opens on its first lab; `file` is repository-relative so errors read
 * `scenarios/x.yaml:3:5: …`.
 */
export const bundledScenarios: readonly ScenarioSource[] = onPath(
  Object.entries(scenarioTexts).map(([path, text]) => ({ file: path.replace(/^\//, ''), text })),
  (s) => peekPlace(s.text),
);
