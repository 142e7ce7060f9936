// Which traces are pinned as golden files, where each one lives, and its text: shared by the
// test (golden.test.ts, which only reads) and `npm run golden:update` (update.ts, the only writer).
import { buildWorld } from '../../src/engine';
import type { Flow } from '../../src/engine/trace/types';
import { worldSpecFor } from '../../src/scenario';
import type { Scenario } from '../../src/scenario/model';
import { loadScenarioFile } from '../../src/scenario/node';
import { renderTrace } from './render';

/** A scenario file, and where only part of it is beyond this kernel, the variants and flows that are. */
export interface Golden {
  readonly file: string;
  readonly variants?: readonly string[];
  readonly flows?: readonly string[];
}

export const GOLDEN: readonly Golden[] = [
  { file: 'scenarios/kube-proxy-ipvs.yaml' },
  { file: 'scenarios/ipip.yaml' },
  { file: 'scenarios/calico-ipip.yaml' },
  { file: 'scenarios/vpc-cni-nodeport.yaml' },
  // the ipvlan pods exist only in these two variants; the other flows there are the base lab's (golden.test.ts)
  { file: 'scenarios/same-host-modes.yaml', variants: ['ipvlan-l2', 'ipvlan-l3'], flows: ['ipvl-a-to-ipvl-b', 'ipvl-a-to-clusterip', 'host-to-ipvl-b'] },
];

export function loadScenario(file: string): Scenario {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  return loaded.scenario;
}

export interface GoldenCase {
  readonly scenario: Scenario;
  readonly variant: string | undefined;
  readonly flow: Flow;
  /** repository-relative path of the golden file */
  readonly path: string;
  /** the trace as the golden file must hold it */
  readonly render: () => string;
}

/** Every golden case, in a stable order. */
export function goldenCases(): GoldenCase[] {
  const out: GoldenCase[] = [];
  for (const golden of GOLDEN) {
    const s = loadScenario(golden.file);
    for (const variant of golden.variants ?? [undefined, ...s.variants.map((v) => v.id)]) {
      let world: ReturnType<typeof buildWorld> | undefined;
      for (const flow of s.flows.filter((f) => !golden.flows || golden.flows.includes(f.id))) {
        out.push({
          scenario: s,
          variant,
          flow,
          path: `test/golden/${s.id}/${variant ?? 'base'}/${flow.id}.txt`,
          render: () => renderTrace((world ??= buildWorld(worldSpecFor(s, variant))).trace(flow)),
        });
      }
    }
  }
  return out;
}

/** The first 16 hex digits of the sha256 of a golden file's text: what a review record pins. */
export async function goldenHash(text: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
