// Loading a scenario from disk, for the CLI and tests (Node only: the browser bundle imports
// index.ts, never this file).
import { readFileSync } from 'node:fs';
import { loadScenario } from './load';
import type { LoadResult } from './model';

/**
 * Reads and validates a scenario file; errors name `path` as given. A file that cannot be
 * read throws the fs error (ENOENT …), which callers report as such.
 */
export function loadScenarioFile(path: string): LoadResult {
  return loadScenario(readFileSync(path, 'utf8'), path);
}
