// The `podpath` command line (DESIGN §6), run by bin/podpath.mjs through tsx. Wires the
// real scenario loader and engine into the dispatcher in cli.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { buildWorld } from '../engine/index';
import { expectationsFor, worldSpecFor } from '../scenario/index';
import { loadScenarioFile } from '../scenario/node';
import { runCli } from './cli';
import type { CliDeps } from './deps';
import { exportScript } from './exportScript';
import { type CliIo, processIo } from './io';

function packageVersion(): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version;
  } catch {
    return undefined;
  }
}

export const realDeps: CliDeps = {
  loadScenarioFile,
  worldSpecFor,
  expectationsFor,
  buildWorld,
  exportScript,
  writeFile: (path, data) => writeFileSync(path, data),
  version: packageVersion(),
};

/** Runs `podpath ARGV…` and resolves to the exit code. */
export function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  return runCli(argv, io, realDeps);
}
