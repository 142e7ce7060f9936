// The scenario loader and the engine, loaded at run time so the suite can say clearly which
// one is missing instead of failing to start.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { World } from '../../src/engine/api';
import type { WorldSpec } from '../../src/engine/config/world';
import type { LoadResult, Scenario } from '../../src/scenario/model';

export interface ParityDeps {
  loadScenarioFile(path: string): LoadResult | Promise<LoadResult>;
  worldSpecFor(scenario: Scenario, variantId?: string): WorldSpec;
  buildWorld(spec: WorldSpec): World;
}

const src = (rel: string) => new URL(`../../src/${rel}`, import.meta.url);

export async function loadEngine(): Promise<Pick<ParityDeps, 'buildWorld'> | string> {
  const url = src('engine/index.ts');
  if (!existsSync(fileURLToPath(url))) return 'src/engine/index.ts does not exist yet (the engine has not landed)';
  const m = (await import(url.href)) as { buildWorld?: ParityDeps['buildWorld'] };
  if (typeof m.buildWorld !== 'function') return 'src/engine/index.ts exports no buildWorld()';
  return { buildWorld: m.buildWorld };
}

export async function loadDeps(): Promise<ParityDeps | string> {
  const engine = await loadEngine();
  if (typeof engine === 'string') return engine;
  for (const rel of ['scenario/index.ts', 'scenario/node.ts']) {
    if (!existsSync(fileURLToPath(src(rel)))) return `src/${rel} does not exist yet (the scenario loader has not landed)`;
  }
  const index = (await import(src('scenario/index.ts').href)) as { worldSpecFor?: ParityDeps['worldSpecFor'] };
  const node = (await import(src('scenario/node.ts').href)) as { loadScenarioFile?: ParityDeps['loadScenarioFile'] };
  if (typeof index.worldSpecFor !== 'function') return 'src/scenario/index.ts exports no worldSpecFor()';
  if (typeof node.loadScenarioFile !== 'function') return 'src/scenario/node.ts exports no loadScenarioFile()';
  return { buildWorld: engine.buildWorld, worldSpecFor: index.worldSpecFor, loadScenarioFile: node.loadScenarioFile };
}
