// docs/tutorial.md, "Writing your first lab", followed step by step: every stage's YAML (the
// fenced block after `<!-- stage: N flow: ID expect: … -->`) loads with the real loader,
// builds, and its flow ends the way the marker and the stage's text say. Stage files that
// declare expectations must meet all of them, in every variant.
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/engine';
import { expectationMet, traceDrop } from '../../src/engine/trace/expectation';
import type { Expectation } from '../../src/engine/trace/types';
import { loadOk } from '../../src/scenario/testing';
import { expectationsFor, worldSpecFor } from '../../src/scenario/variant';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/cli';
import { realDeps } from '../../src/cli/main';
import { markedBlocks, readDoc } from './markdown';

const DOC = 'docs/tutorial.md';
const text = readDoc(DOC);
const stages = markedBlocks(text, 'stage');

/** `1 flow: ID expect: delivered` or `3 flow: ID expect: dropped REASON at MACHINE`. */
function parseMarker(marker: string): { stage: number; flow: string; expect: Expectation } {
  const m = /^(\d+) flow: (\S+) expect: (?:(delivered)|dropped ([A-Z0-9_]+) at (\S+))$/.exec(marker);
  if (!m) throw new Error(`bad stage marker "${marker}"`);
  return { stage: Number(m[1]), flow: m[2], expect: m[3] ? 'delivered' : { dropped: m[4], at: m[5] } };
}

/** The stage's prose: from its block to the next `## ` heading. */
function stageText(line: number): string {
  const after = text.split('\n').slice(line);
  const end = after.findIndex((l) => l.startsWith('## '));
  return after.slice(0, end < 0 ? undefined : end).join('\n');
}

describe(DOC, () => {
  it('has its stages in order, each a yaml block', () => {
    expect(stages.map((s) => parseMarker(s.marker).stage)).toEqual([1, 2, 3, 4]);
    for (const s of stages) expect(s.body.lang).toBe('yaml');
  });

  for (const s of stages) {
    const marker = parseMarker(s.marker);
    it(`stage ${marker.stage}: loads, builds, and ${marker.flow} ends as the page says`, () => {
      const scenario = loadOk(s.body.code, `${DOC} stage ${marker.stage}`);
      const world = buildWorld(worldSpecFor(scenario));
      expect(world.errors).toEqual([]);
      expect(world.warnings).toEqual([]);
      const flow = scenario.flows.find((f) => f.id === marker.flow);
      expect(flow, `stage ${marker.stage} has no flow ${marker.flow}`).toBeDefined();
      const trace = world.trace(flow!);
      const drop = traceDrop(trace);
      expect({ verdict: trace.verdict, reason: drop?.reason, at: drop?.at.machine }).toEqual(
        marker.expect === 'delivered'
          ? { verdict: 'delivered', reason: undefined, at: undefined }
          : { verdict: 'dropped', reason: marker.expect.dropped, at: marker.expect.at },
      );
      // the prose names the same outcome the marker does
      const prose = stageText(s.line);
      // (`podpath trace`'s last line, or the flow's row in `podpath matrix`'s table)
      if (marker.expect === 'delivered') expect(prose).toMatch(new RegExp(`verdict: delivered|\\n${marker.flow} +\\S+ +\\S+ +delivered`));
      else expect(prose).toContain(`drop:    ${marker.expect.dropped} at ${marker.expect.at}`);
    });
  }

  it('stage 4 meets every expectation it declares, as written and in each variant', () => {
    const scenario = loadOk(stages[3].body.code, `${DOC} stage 4`);
    const checked: string[] = [];
    for (const variant of [undefined, ...scenario.variants.map((v) => v.id)]) {
      const world = buildWorld(worldSpecFor(scenario, variant));
      const expectations = expectationsFor(scenario, variant);
      for (const flow of scenario.flows) {
        expect(expectationMet(world.trace(flow), expectations[flow.id]), `${flow.id} in ${variant ?? 'base'}`).toBe(true);
        checked.push(`${variant ?? 'base'}:${flow.id}`);
      }
    }
    expect(checked).toEqual(['base:ns1-ping-ns2', 'base:ns1-to-server', 'no-route-back:ns1-ping-ns2', 'no-route-back:ns1-to-server']);
  });

  // `<!-- output: STAGE COMMAND ARGS… -->` before a text block: run `podpath COMMAND first-lab.yaml
  // ARGS…` on that stage's file; the block's lines must appear in the output, in order.
  const dir = mkdtempSync(join(tmpdir(), 'podpath-tutorial-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const shown of markedBlocks(text, 'output')) {
    const [stage, command, ...args] = shown.marker.split(' ');
    it(`stage ${stage}: \`podpath ${command} first-lab.yaml ${args.join(' ')}\` prints the lines shown`, async () => {
      // one directory per stage, so every stage's file is first-lab.yaml, as the page names it
      mkdirSync(join(dir, `stage-${stage}`), { recursive: true });
      const file = join(dir, `stage-${stage}`, 'first-lab.yaml');
      writeFileSync(file, stages[Number(stage) - 1].body.code);
      const out: string[] = [];
      await runCli([command, file, ...args], { out: (t) => out.push(t), err: (t) => out.push(t), color: false }, realDeps);
      const printed = out.join('\n').replaceAll(file, 'first-lab.yaml').split('\n');
      let at = 0;
      for (const line of shown.body.code.split('\n')) {
        const found = printed.indexOf(line, at);
        expect(found, `"${line}" (in this order) in:\n${printed.join('\n')}`).toBeGreaterThanOrEqual(0);
        at = found + 1;
      }
    });
  }
});
