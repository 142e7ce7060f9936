// Loading a scenario file and building its world for one variant, with every failure
// turned into printed `file:line:col: message` lines and exit code 2 (DESIGN §6).
import type { World } from '../engine/api';
import type { BuildError, BuildWarning } from '../engine/config/world';
import { warningText } from '../i18n';
import type { Expectation } from '../engine/trace/types';
import type { Scenario, ScenarioError } from '../scenario/model';
import type { CliDeps } from './deps';
import { EXIT_BAD_INPUT } from './exitCodes';

export function formatScenarioError(e: ScenarioError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.message}`;
}

export function formatBuildError(e: BuildError, variants: readonly string[] = []): string {
  const where = variants.length ? ` [variant ${variants.join(', ')}]` : '';
  return `${e.loc.file}:${e.loc.line}:${e.loc.col}: ${e.machine}: ${e.command}: ${e.message}${where}`;
}

/** A command podpath accepted without modelling it: file:line:col: warning: machine: command: what. */
export function formatBuildWarning(w: BuildWarning, variants: readonly string[] = []): string {
  const where = variants.length ? ` [variant ${variants.join(', ')}]` : '';
  const ns = w.netns ? ` (netns ${w.netns})` : '';
  return `${w.loc.file}:${w.loc.line}:${w.loc.col}: warning: ${w.machine}${ns}: ${w.command}: ${warningText(w, 'en')}${where}`;
}

/** "a, b, c" or "(none)": what exists, for messages about unknown ids. */
export function listIds(ids: readonly string[]): string {
  return ids.length ? ids.join(', ') : '(none)';
}

export type Loaded = { ok: true; scenario: Scenario } | { ok: false; lines: string[] };

/** Reads and validates one file; a file that cannot be read is one error line, not a crash. */
export async function loadFile(file: string, deps: CliDeps): Promise<Loaded> {
  let result;
  try {
    result = await deps.loadScenarioFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && code.startsWith('E')) {
      return { ok: false, lines: [`${file}: cannot read: ${(error as Error).message}`] };
    }
    throw error; // a bug in the loader: the dispatcher reports it as an internal error
  }
  if (!result.ok) return { ok: false, lines: result.errors.map(formatScenarioError) };
  return { ok: true, scenario: result.scenario };
}

export interface Opened {
  readonly scenario: Scenario;
  readonly variant: string | undefined;
  readonly world: World;
  readonly expectations: Record<string, Expectation>;
}

/**
 * Loads FILE, checks the variant id, builds the world. On failure the errors are already
 * printed to stderr and the result is the exit code.
 */
export async function openScenario(
  file: string,
  variant: string | undefined,
  deps: CliDeps,
  err: (line: string) => void,
): Promise<Opened | number> {
  const loaded = await loadFile(file, deps);
  if (!loaded.ok) {
    loaded.lines.forEach(err);
    return EXIT_BAD_INPUT;
  }
  const { scenario } = loaded;
  if (variant !== undefined && !scenario.variants.some((v) => v.id === variant)) {
    err(`${file}: unknown variant "${variant}"; variants: ${listIds(scenario.variants.map((v) => v.id))}`);
    return EXIT_BAD_INPUT;
  }
  const world = deps.buildWorld(deps.worldSpecFor(scenario, variant));
  if (world.errors.length) {
    world.errors.forEach((e) => err(formatBuildError(e)));
    return EXIT_BAD_INPUT;
  }
  return { scenario, variant, world, expectations: deps.expectationsFor(scenario, variant) };
}

/**
 * The flow `--flow ID` names in an opened scenario (trace, pcap). On failure the error is
 * already printed to stderr and the result is the exit code.
 */
export function pickFlow(
  command: string,
  file: string,
  opened: Opened,
  flowId: string | undefined,
  err: (line: string) => void,
): Scenario['flows'][number] | number {
  const flowIds = opened.scenario.flows.map((f) => f.id);
  if (flowId === undefined) {
    err(`podpath ${command}: missing --flow ID; flows in ${file}: ${listIds(flowIds)}`);
    return EXIT_BAD_INPUT;
  }
  const flow = opened.scenario.flows.find((f) => f.id === flowId);
  if (!flow) {
    err(`${file}: unknown flow "${flowId}"; flows: ${listIds(flowIds)}`);
    return EXIT_BAD_INPUT;
  }
  return flow;
}
