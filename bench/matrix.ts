// The reachability matrix at scale (issue 10: all-pairs reachability of 100 × 100 endpoints in a
// generated lab, in the worker, under 2 s on this 2-core machine). The lab is bench/matrixLab.ts
// (4 nodes × 24 pods, 12 Services through kube-proxy); the job is 100 sources × 100 destinations
// of its all-pairs matrix (bench/matrixJob.ts: 40 pinged addresses, 40 TCP and 8 UDP listeners,
// 8 ClusterIPs, 4 NodePorts), 10,000 conversations. Timed twice, with the code the page runs:
//
// - in Chromium: the production build's engine worker (vite build), sent the page's `matrix`
//   request; the time is from posting the request to receiving the answer (structured clone of
//   the 10,000 cells included);
// - in Node: the same handler (src/worker/handle.ts) bundled by Vite (bench/matrixNode.ts), with
//   wall and CPU time (CPU time is what a busy machine moves least).
//
//   npm run bench:matrix                    # 5 runs each
//   npm run bench:matrix -- --runs 3 --no-browser
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import { DEFAULT_LAB } from './matrixLab';
import { matrixJob } from './matrixJob';
import { fmtSummary, summarize, type Summary } from './stats';

const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1]) || 5;
const browserToo = !argv.includes('--no-browser');
const GOAL_MS = 2000;
const PORT = 4177;

/** Runs in the page: starts the built engine worker, asks it to describe the lab, then times the matrix. */
const IN_PAGE = `async ({ url, describe, matrix, matrixAll, runs }) => {
  const worker = new Worker(url, { type: 'module' });
  let id = 0;
  const ask = (req) => new Promise((resolve) => {
    const mine = ++id;
    worker.onmessage = (e) => { if (e.data.id === mine) resolve(e.data); };
    worker.postMessage({ ...req, id: mine });
  });
  let t = performance.now();
  const described = await ask(describe);
  const loadBuildMs = performance.now() - t;
  if (described.kind !== 'scenario') throw new Error('describe answered ' + described.kind);
  const wall = [];
  let cells = 0;
  for (let i = 0; i < runs; i++) {
    t = performance.now();
    const answer = await ask(matrix);
    wall.push(performance.now() - t);
    if (answer.kind !== 'matrix') throw new Error('matrix answered ' + answer.kind);
    cells = answer.matrix.cells.flat(2).length;
  }
  t = performance.now();
  const all = await ask(matrixAll);
  const allMs = performance.now() - t;
  const allCells = all.matrix.cells.flat(2).length;
  worker.terminate();
  return { wall, loadBuildMs, cells, allMs, allCells };
}`;

const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

const job = matrixJob(DEFAULT_LAB);
const loadBefore = load();
log(`lab: ${DEFAULT_LAB.nodes} nodes × ${DEFAULT_LAB.podsPerNode} pods, ${DEFAULT_LAB.services} Services; ${job.sources.length} sources, ${job.allTargets} destinations in all; timing ${job.sources.length} × ${job.targets.length}`);

const tmp = mkdtempSync(join(tmpdir(), 'podpath-bench-matrix-'));
let node: { loadBuildMs: number; wall: Summary; cpu: Summary; cells: number; verdicts: { delivered: number; dropped: number } };
let browser: { wall: Summary; loadBuildMs: number; cells: number; allMs: number; allCells: number } | undefined;
try {
  const jobFile = join(tmp, 'job.json');
  writeFileSync(jobFile, JSON.stringify({ describe: job.describe, matrix: job.matrix }));

  log('bundling the worker handler for Node (vite build --ssr) …');
  const nodeOut = join(tmp, 'node');
  await build({
    logLevel: 'warn',
    ssr: { noExternal: true },
    build: { ssr: 'bench/matrixNode.ts', outDir: nodeOut, emptyOutDir: true, minify: true, rollupOptions: { output: { entryFileNames: 'matrixNode.mjs' } } },
  });
  log(`Node: ${runs} runs …`);
  const run = spawnSync(process.execPath, [join(nodeOut, 'matrixNode.mjs'), jobFile, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`the Node run failed:\n${run.stderr}`);
  const raw = JSON.parse(run.stdout.trim().split('\n').pop()!) as { loadBuildMs: number; wall: number[]; cpu: number[]; cells: number; verdicts: { delivered: number; dropped: number } };
  node = { ...raw, wall: summarize(raw.wall), cpu: summarize(raw.cpu) };

  if (browserToo) {
    log('building the page (vite build) …');
    const webOut = join(tmp, 'web');
    await build({ logLevel: 'warn', build: { outDir: webOut, emptyOutDir: true } });
    const workerAsset = readdirSync(join(webOut, 'assets')).find((f) => /^engine\.worker.*\.js$/.test(f));
    if (!workerAsset) throw new Error('no engine worker in the build');
    const server = await preview({ logLevel: 'warn', build: { outDir: webOut }, preview: { host: '127.0.0.1', port: PORT, strictPort: true } });
    const chrome = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    try {
      log(`Chromium's worker: ${runs} runs …`);
      const page = await chrome.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/favicon.svg`); // same origin as the worker, without starting the app
      const args = { url: `/assets/${workerAsset}`, describe: job.describe, matrix: job.matrix, matrixAll: job.matrixAll, runs };
      // passed as text: tsx would wrap a function's inner closures in its __name helper, which
      // the page does not have
      const answer = (await page.evaluate(`(${IN_PAGE})(${JSON.stringify(args)})`)) as { wall: number[]; loadBuildMs: number; cells: number; allMs: number; allCells: number };
      browser = { ...answer, wall: summarize(answer.wall) };
    } finally {
      await chrome.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const loadAfter = load();
const verdict = (ms: number) => (ms < GOAL_MS ? 'PASS' : 'FAIL');
const perConv = (s: Summary) => `${((s.median * 1000) / node.cells).toFixed(0)} µs per conversation`;
const lines = [
  `reachability matrix: ${job.sources.length} × ${job.targets.length} = ${node.cells} conversations (${node.verdicts.delivered} delivered, ${node.verdicts.dropped} dropped)`,
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; load average before ${loadBefore}, after ${loadAfter}`,
  '',
  `load + build the lab (first request)   Node ${node.loadBuildMs.toFixed(0)} ms${browser ? `, Chromium ${browser.loadBuildMs.toFixed(0)} ms` : ''}`,
  ...(browser ? [`Chromium worker, request → answer       ${fmtSummary(browser.wall)}  ${perConv(browser.wall)}  goal < ${GOAL_MS} ms: ${verdict(browser.wall.median)}`] : []),
  `Node (Vite bundle), wall               ${fmtSummary(node.wall)}  ${perConv(node.wall)}  goal < ${GOAL_MS} ms: ${verdict(node.wall.median)}`,
  `Node (Vite bundle), CPU                ${fmtSummary(node.cpu)}`,
  ...(browser ? [`the lab's whole all-pairs matrix, ${job.sources.length} × ${job.allTargets} = ${browser.allCells} conversations, in Chromium's worker: ${browser.allMs.toFixed(0)} ms (one run)`] : []),
];
console.log(lines.join('\n'));
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/matrix.json',
  JSON.stringify({ lab: DEFAULT_LAB, sources: job.sources.length, targets: job.targets.length, allTargets: job.allTargets, loadBefore, loadAfter, node, browser, goalMs: GOAL_MS }, null, 2),
);
