// Reviewed golden traces for what the kernel here cannot run (IPVS: no ip_vs or dummy
// support; IP-in-IP: no ipip module; ipvlan: no ipvlan module) or what is no kernel at all (a
// vpc network's fabric), so kernel parity cannot check it. A change to one of these files is a
// change in behaviour: read the diff before accepting it (UPDATE_GOLDEN=1 rewrites them).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/engine';
import { worldSpecFor } from '../../src/scenario';
import { loadScenarioFile } from '../../src/scenario/node';
import { renderTrace } from './render';

/** A scenario file, and where only part of it is beyond this kernel, the variants and flows that are. */
interface Golden {
  readonly file: string;
  readonly variants?: readonly string[];
  readonly flows?: readonly string[];
}

const GOLDEN: readonly Golden[] = [
  { file: 'scenarios/kube-proxy-ipvs.yaml' },
  { file: 'scenarios/ipip.yaml' },
  { file: 'scenarios/calico-ipip.yaml' },
  { file: 'scenarios/vpc-cni-nodeport.yaml' },
  // the ipvlan pods exist only in these two variants; the other flows there are the base lab's (next test)
  { file: 'scenarios/same-host-modes.yaml', variants: ['ipvlan-l2', 'ipvlan-l3'], flows: ['ipvl-a-to-ipvl-b', 'ipvl-a-to-clusterip', 'host-to-ipvl-b'] },
];

function load(file: string) {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  return loaded.scenario;
}

for (const golden of GOLDEN) {
  const s = load(golden.file);
  describe(`golden traces of ${s.id}`, () => {
    for (const variant of golden.variants ?? [undefined, ...s.variants.map((v) => v.id)]) {
      const world = buildWorld(worldSpecFor(s, variant));
      for (const flow of s.flows.filter((f) => !golden.flows || golden.flows.includes(f.id))) {
        const path = `test/golden/${s.id}/${variant ?? 'base'}/${flow.id}.txt`;
        it(`${variant ?? 'base'} / ${flow.id} matches ${path}`, () => {
          const text = renderTrace(world.trace(flow));
          if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
            mkdirSync(dirname(path), { recursive: true });
            writeFileSync(path, text);
          }
          expect(text).toBe(readFileSync(path, 'utf8'));
        });
      }
    }
  });
}

describe('same-host-modes: the ipvlan variants change nothing but the ipvlan pods', () => {
  const s = load('scenarios/same-host-modes.yaml');
  const base = buildWorld(worldSpecFor(s, undefined));
  const ipvlanFlows = GOLDEN.find((g) => g.file.endsWith('same-host-modes.yaml'))!.flows!;
  for (const variant of ['ipvlan-l2', 'ipvlan-l3']) {
    const world = buildWorld(worldSpecFor(s, variant));
    it.each(s.flows.filter((f) => !ipvlanFlows.includes(f.id)).map((f) => f.id))(`${variant}: %s traces exactly as in the base lab, which parity checks`, (id) => {
      const flow = s.flows.find((f) => f.id === id)!;
      expect(renderTrace(world.trace(flow))).toBe(renderTrace(base.trace(flow)));
    });
  }
});
