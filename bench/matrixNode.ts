// The Node half of `npm run bench:matrix`: the worker's handler (src/worker/handle.ts, wired as
// src/worker/engine.worker.ts wires it) answering the benchmark's requests, timed. bench/matrix.ts
// bundles this file with Vite, as the page's worker is bundled (no tsx: its keepNames wrappers
// cost about a fifth of the time here), runs it, and reads one JSON line from stdout.
//   node matrixNode.mjs JOB.json RUNS
import { readFileSync } from 'node:fs';
import { buildWorld } from '../src/engine';
import { expectationsFor, loadScenario, worldSpecFor } from '../src/scenario';
import { createHandler } from '../src/worker/handle';
import type { EngineRequest } from '../src/worker/protocol';

const [jobFile, runsText] = process.argv.slice(2);
const job = JSON.parse(readFileSync(jobFile, 'utf8')) as { describe: EngineRequest; matrix: EngineRequest };
const runs = Number(runsText) || 5;

const handle = createHandler({ loadScenario, worldSpecFor, expectationsFor, buildWorld });
let t = performance.now();
const described = handle(job.describe);
const loadBuildMs = performance.now() - t;
if (described.kind !== 'scenario') throw new Error(`describe answered ${described.kind}`);

const wall: number[] = [];
const cpu: number[] = [];
let verdicts = { delivered: 0, dropped: 0 };
let cells = 0;
for (let i = 0; i < runs; i++) {
  const c = process.cpuUsage();
  t = performance.now();
  const answer = handle(job.matrix);
  wall.push(performance.now() - t);
  const used = process.cpuUsage(c);
  cpu.push((used.user + used.system) / 1000);
  if (answer.kind !== 'matrix') throw new Error(`matrix answered ${answer.kind}: ${JSON.stringify(answer).slice(0, 300)}`);
  const entries = answer.matrix.cells.flat(2);
  cells = entries.length;
  verdicts = { delivered: entries.filter((e) => e.reach.verdict === 'delivered').length, dropped: entries.filter((e) => e.reach.verdict === 'dropped').length };
}
process.stdout.write(`${JSON.stringify({ loadBuildMs, wall, cpu, cells, verdicts })}\n`);
