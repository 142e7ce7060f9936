// Reviewed golden traces for what the kernel here cannot run (IPVS: no ip_vs or dummy
// support; IP-in-IP: no ipip module; ipvlan: no ipvlan module) or what is no kernel at all (a
// vpc network's fabric), so kernel parity cannot check it. This test only reads: a golden file
// is written by `npm run golden:update` alone (update.ts), a missing one fails, and each one
// must carry a review record (reviews.yaml) of the very text it holds.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/engine';
import { worldSpecFor } from '../../src/scenario';
import { GOLDEN, goldenCases, goldenHash, loadScenario } from './goldens';
import { renderTrace } from './render';
import { readReviews, REVIEWS_FILE } from './reviews';

const cases = goldenCases();
const { reviews, problems } = readReviews();
const reviewOf = new Map<string, { id: string; hash: string }[]>();
for (const r of reviews) for (const [path, hash] of Object.entries(r.files)) reviewOf.set(path, [...(reviewOf.get(path) ?? []), { id: r.id, hash }]);

describe('golden traces', () => {
  for (const c of cases) {
    it(`${c.scenario.id} / ${c.variant ?? 'base'} / ${c.flow.id} matches ${c.path}, as reviewed`, async () => {
      if (!existsSync(c.path)) throw new Error(`${c.path} is missing: run \`npm run golden:update\`, read the new file and record its review in ${REVIEWS_FILE}`);
      const text = readFileSync(c.path, 'utf8');
      expect(c.render(), `${c.path} differs from the engine's trace: read the difference; if Linux would do what the engine now does, \`npm run golden:update\` and review it`).toBe(text);
      const records = reviewOf.get(c.path) ?? [];
      const hash = await goldenHash(text);
      if (records.length !== 1) throw new Error(`${c.path} must be listed under exactly one review in ${REVIEWS_FILE} (it is under ${records.length}); its hash is ${hash}`);
      if (records[0].hash !== hash) {
        throw new Error(`${c.path} changed since review ${records[0].id} (reviewed ${records[0].hash}, now ${hash}): read it against the kernel and record the new review in ${REVIEWS_FILE}`);
      }
    });
  }
});

describe(`the review records (${REVIEWS_FILE})`, () => {
  it('are complete: who, when, how deep, which sources, what was found, which files', () => {
    expect(problems).toEqual([]);
  });

  it('name only golden files that exist and that a golden case produces', () => {
    const paths = new Set(cases.map((c) => c.path));
    const stray = [...reviewOf.keys()].filter((p) => !paths.has(p) || !existsSync(p));
    expect(stray).toEqual([]);
  });

  it('leave no golden file on disk that no case produces', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? walk(p) : p.endsWith('.txt') ? [p] : [];
      });
    const paths = new Set(cases.map((c) => c.path));
    expect(walk('test/golden').filter((p) => !paths.has(p))).toEqual([]);
  });

  it('a golden file that changed is refused until its review is recorded', async () => {
    const c = cases[0];
    const other = await goldenHash(`${readFileSync(c.path, 'utf8')}\nchanged`);
    expect(other).not.toBe(reviewOf.get(c.path)![0].hash);
  });

  it('reject a record without its sources, and a malformed hash', () => {
    const bad = readReviews('reviews:\n  - id: x\n    by: me\n    date: 2026-01-01\n    depth: events\n    note: n\n    files:\n      test/golden/a.txt: nothex\n');
    expect(bad.problems).toEqual([
      `${REVIEWS_FILE}: review x: "read" must list the sources the traces were read against`,
      `${REVIEWS_FILE}: review x: test/golden/a.txt: the hash must be 16 hex digits`,
    ]);
  });
});

describe('same-host-modes: the ipvlan variants change nothing but the ipvlan pods', () => {
  const s = loadScenario('scenarios/same-host-modes.yaml');
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
