// What the CLI needs from the scenario loader and the engine. main.ts wires the real
// functions; tests pass small fakes, so the command logic is tested without either.
import type { World } from '../engine/api';
import type { WorldSpec } from '../engine/config/world';
import type { Expectation } from '../engine/trace/types';
import type { LoadResult, Scenario } from '../scenario/model';

export interface CliDeps {
  loadScenarioFile(path: string): LoadResult | Promise<LoadResult>;
  worldSpecFor(scenario: Scenario, variantId?: string): WorldSpec;
  expectationsFor(scenario: Scenario, variantId?: string): Record<string, Expectation>;
  buildWorld(spec: WorldSpec): World;
  exportScript(scenario: Scenario, variantId: string | undefined, world: World, opts?: { prefix?: string }): string;
  /** Writes a file (`podpath pcap -o`); rejects with a Node errno error (EACCES, ENOENT …). */
  writeFile(path: string, data: Uint8Array): void | Promise<void>;
  /** podpath's version, for `podpath --version`. */
  readonly version?: string;
}
