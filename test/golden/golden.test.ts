// Reviewed golden traces for what the kernel here cannot run (IPVS: no ip_vs or dummy
// support; IP-in-IP: no ipip module) or what is no kernel at all (a vpc network's fabric), so
// kernel parity cannot check it. A change to one of these files is a change in behaviour: read
// the diff before accepting it (UPDATE_GOLDEN=1 rewrites them).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/engine';
import { worldSpecFor } from '../../src/scenario';
import { loadScenarioFile } from '../../src/scenario/node';
import { renderTrace } from './render';

const GOLDEN = ['scenarios/kube-proxy-ipvs.yaml', 'scenarios/ipip.yaml', 'scenarios/calico-ipip.yaml', 'scenarios/vpc-cni-nodeport.yaml'];

for (const file of GOLDEN) {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new Error(`${file}: ${loaded.errors.map((e) => e.message).join('; ')}`);
  const s = loaded.scenario;
  describe(`golden traces of ${s.id}`, () => {
    for (const variant of [undefined, ...s.variants.map((v) => v.id)]) {
      const world = buildWorld(worldSpecFor(s, variant));
      for (const flow of s.flows) {
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
