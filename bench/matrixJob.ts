// The benchmark's job, as the page's engine worker would be asked it: which 100 sources and 100
// destinations of the generated lab (bench/matrixLab.ts) to trace, and the requests that do it.
import { buildWorld } from '../src/engine';
import type { MatrixTarget } from '../src/engine/matrix';
import type { Endpoint } from '../src/engine/trace/types';
import { loadScenario, worldSpecFor } from '../src/scenario';
import { pairEndpoints, type PairTarget, type TargetKind } from '../src/scenario/matrix';
import type { EngineRequest } from '../src/worker/protocol';
import { matrixLabYaml, type MatrixLabOptions } from './matrixLab';

export const LAB_FILE = 'bench/matrix-lab.yaml';

/** How many destinations of each kind the 100 hold (the lab has more of each). */
export const MIX: readonly { readonly kind: TargetKind; readonly protocol: MatrixTarget['protocol']; readonly count: number }[] = [
  { kind: 'address', protocol: 'icmp', count: 40 },
  { kind: 'listener', protocol: 'tcp', count: 40 },
  { kind: 'listener', protocol: 'udp', count: 8 },
  { kind: 'cluster-ip', protocol: 'tcp', count: 8 },
  { kind: 'node-port', protocol: 'tcp', count: 4 },
];

export interface MatrixJob {
  readonly text: string;
  readonly sources: readonly Endpoint[];
  readonly targets: readonly PairTarget[];
  /** every destination of the lab's all-pairs matrix */
  readonly allTargets: number;
  readonly describe: EngineRequest;
  readonly matrix: EngineRequest;
  /** the lab's whole all-pairs matrix, for scale */
  readonly matrixAll: EngineRequest;
}

/** Evenly spread picks: `count` of `list`, first and last included. */
function spread<T>(list: readonly T[], count: number): T[] {
  if (count >= list.length) return [...list];
  return Array.from({ length: count }, (_, i) => list[Math.round((i * (list.length - 1)) / Math.max(1, count - 1))]);
}

export function matrixJob(lab: MatrixLabOptions): MatrixJob {
  const text = matrixLabYaml(lab);
  const loaded = loadScenario(text, LAB_FILE);
  if (!loaded.ok) throw new Error(`the generated lab does not load: ${loaded.errors[0]?.message}`);
  const world = buildWorld(worldSpecFor(loaded.scenario));
  if (world.errors.length) throw new Error(`the generated lab does not build: ${world.errors[0].message}`);
  const { sources, targets } = pairEndpoints(loaded.scenario, world);
  const picked = MIX.flatMap((m) => spread(targets.filter((t) => t.kind === m.kind && t.protocol === m.protocol), m.count));
  const only = { sources, targets: picked.map(({ protocol, addr, port }) => ({ protocol, addr, ...(port !== undefined ? { port } : {}) })) };
  return {
    text,
    sources,
    targets: picked,
    allTargets: targets.length,
    describe: { kind: 'describe', file: LAB_FILE, scenarioText: text },
    matrix: { kind: 'matrix', mode: 'pairs', file: LAB_FILE, scenarioText: text, only },
    matrixAll: { kind: 'matrix', mode: 'pairs', file: LAB_FILE, scenarioText: text },
  };
}
