// Generators: configuration podpath writes for the user from a scenario's higher-level
// blocks (today the `kubernetes:` block → kube-proxy), in Linux's own language. The text is
// appended to the machine's script and parsed like the rest, so what the lab runs is always
// a script one could type (and `podpath export-script` replays) on a real box.
import type { Op } from '../../engine/config/ops';
import { parseScript } from '../commands/dispatch';
import type { ScriptLine } from '../commands/tokenize';
import { scenarioError, type Position } from '../errors';
import type { ScenarioError } from '../model';
import type { KubernetesData } from '../schema';
import { generateKubeProxy, type ClusterProblem, type MachineOps } from './kubeProxy';

export { generateKubeProxy, kubeProxyScript, resolveCluster } from './kubeProxy';
export type { Cluster, ClusterProblem, GeneratedScript, KubeNode, MachineOps, ServicePort } from './kubeProxy';

export interface MachineScripts {
  /** Each machine's ops: its own script's, then the generated ones. */
  readonly ops: readonly (readonly Op[])[];
  /** Each machine's script text, with the generated text appended. */
  readonly scripts: readonly string[];
  readonly errors: readonly ScenarioError[];
}

/** `script` + a blank line + `extra`, however `script` ends. */
function appendText(script: string, extra: string): string {
  if (script.trim() === '') return `${extra}\n`;
  return `${script.replace(/\n*$/, '')}\n\n${extra}\n`;
}

/**
 * Appends kube-proxy's commands to every machine that runs it. Generated commands are placed
 * at `at` (the `kubernetes:` key) in the file, so anything said about them points there.
 * Resolution problems are reported by crossRefs.ts; here they only stop generation.
 */
export function appendKubeProxy(
  kubernetes: KubernetesData,
  machines: readonly (MachineOps & { readonly script: string })[],
  at: Position,
  file: string,
): MachineScripts {
  const ops = machines.map((m) => m.ops);
  const scripts = machines.map((m) => m.script);
  const { scripts: generated, problems } = generateKubeProxy(kubernetes, machines);
  if (problems.length > 0) return { ops, scripts, errors: [] };
  const errors: ScenarioError[] = [];
  const index = new Map(machines.map((m, i) => [m.name, i]));
  const opsOut = [...ops];
  const scriptsOut = [...scripts];
  for (const { machine, text } of generated) {
    const i = index.get(machine);
    if (i === undefined) continue;
    const lines: ScriptLine[] = text.split('\n').map((line) => ({ text: line, line: at.line, col: at.col }));
    const parsed = parseScript(lines, file);
    for (const error of parsed.errors) {
      errors.push(
        scenarioError(file, at, 'internal', `kubernetes: podpath generated a command for ${machine} that it cannot read back (a bug): ${error.message}`),
      );
    }
    opsOut[i] = [...ops[i], ...parsed.ops];
    scriptsOut[i] = appendText(scripts[i], text);
  }
  return { ops: opsOut, scripts: scriptsOut, errors };
}

/** Resolution problems as scenario errors, each at its value in the file. */
export function clusterProblemErrors(problems: readonly ClusterProblem[], locate: (path: readonly (string | number)[]) => Position, file: string, formatPath: (path: readonly (string | number)[]) => string): ScenarioError[] {
  return problems.map((p) => scenarioError(file, locate(p.path), p.code, `${formatPath(p.path)}: ${p.message}`));
}
