// Loading a scenario from disk, for the CLI and tests (Node only: the browser bundle imports
// index.ts, never this file).
import { readFileSync, statSync } from 'node:fs';
import { scenarioError } from './errors';
import { MAX_FILE_BYTES } from './inputLimits';
import { loadScenario } from './load';
import type { LoadResult } from './model';

/**
 * Reads and validates a scenario file; errors name `path` as given. A file that cannot be
 * read throws the fs error (ENOENT …), which callers report as such. Only a regular file of
 * at most MAX_FILE_BYTES is read: /dev/zero, a FIFO or a directory is refused unopened
 * (reading one would never end, block, or fail obscurely).
 */
export function loadScenarioFile(path: string): LoadResult {
  const stat = statSync(path);
  const refuse = (message: string): LoadResult => ({ ok: false, errors: [scenarioError(path, { line: 1, col: 1 }, 'too-large', message)] });
  if (!stat.isFile()) return refuse(`not a regular file (${kindOf(stat)}): a scenario is a YAML file; podpath does not read devices, pipes or directories`);
  if (stat.size > MAX_FILE_BYTES) return refuse(`the file is ${stat.size} bytes; a scenario may have at most ${MAX_FILE_BYTES} (${MAX_FILE_BYTES / 1024 / 1024} MiB)`);
  return loadScenario(readFileSync(path, 'utf8'), path);
}

function kindOf(stat: ReturnType<typeof statSync> & object): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}
