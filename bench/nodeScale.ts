// Issue 14 at the size of a real node: a collector snapshot of a node with 10,000 Services × 3
// endpoints, 2,000 extra routes, 20,000 ipset entries and 500 pod namespaces
// (bench/nodeSnapshot.ts), imported and built by the engine, against the kernel's
// `iptables-legacy-restore --noflush` of the same kube-proxy ruleset in a fresh namespace. The
// two alternate run by run (engine, kernel, engine, kernel …) so a shared machine's load falls
// on both alike. Then the median of a traced conversation, a pod to a Service's ClusterIP:port,
// on the last world built.
//
//   flock /tmp/podpath-kernel.lock npm run bench:node [-- --runs 5 --traces 101 --no-kernel]
//   options: --services N --pods N --routes N --ipset-entries N --runs N --traces N --no-kernel
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flow, World } from '../src/engine';
import { legacyRestoreOnce } from './kernel';
import { importNode, planTraces, traceProblem, type ImportedNode, type NodeImportPlan } from './nodeImport';
import { ISSUE_14_NODE, nodeSnapshot } from './nodeSnapshot';
import { fmtMs, median } from './stats';

const argv = process.argv.slice(2);
const num = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const opts = {
  services: num('--services', ISSUE_14_NODE.services),
  pods: num('--pods', ISSUE_14_NODE.pods),
  routes: num('--routes', ISSUE_14_NODE.routes),
  ipsetEntries: num('--ipset-entries', ISSUE_14_NODE.ipsetEntries),
};
const runs = num('--runs', 5);
const traces = Math.max(50, num('--traces', 101));
const withKernel = !argv.includes('--no-kernel');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const log = (line: string) => process.stderr.write(`${line}\n`);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
const MACHINE = 'node-big';

/** One engine run: the snapshot file read, imported, the lab it wrote loaded and built. */
function engineRun(file: string, plan: NodeImportPlan): ImportedNode & { readMs: number } {
  gc();
  const t = performance.now();
  const text = readFileSync(file, 'utf8');
  const readMs = performance.now() - t;
  return { ...importNode(text, file, plan), readMs };
}

/**
 * `count` timed traces of each flow on one world, the flows taken in turn (a, b, c, a, b, c …)
 * so that a slow stretch of the machine or a collection falls on all of them alike; one
 * collection first, none between (see bench/README). The samples of each flow, in ms.
 */
function traceSamples(world: World, flows: readonly Flow[], count: number): number[][] {
  gc();
  const samples = flows.map(() => [] as number[]);
  for (let k = 0; k < count; k++) {
    flows.forEach((flow, i) => {
      const t = performance.now();
      world.trace(flow);
      samples[i].push(performance.now() - t);
    });
  }
  return samples;
}

async function main(): Promise<void> {
  log(`load average before: ${load()}`);
  let t = performance.now();
  const node = nodeSnapshot({ ...opts, hostname: MACHINE });
  log(`node: ${opts.services} Services (${node.stats.rules} rules), ${opts.pods} pods, ${opts.routes} extra routes, ${opts.ipsetEntries} ipset entries; snapshot ${(node.stats.bytes / 1e6).toFixed(1)} MB (generated in ${fmtMs(performance.now() - t)})`);
  const dir = mkdtempSync(join(tmpdir(), 'ppnode'));
  const snapshotFile = join(dir, `${MACHINE}.json`);
  const dumpFile = join(dir, 'iptables.txt');
  writeFileSync(snapshotFile, node.text);
  writeFileSync(dumpFile, node.dump.text);
  const plan = planTraces(node, MACHINE);
  try {
    // one untimed engine run first: the JIT's warm-up, as the kernel's binary has none
    t = performance.now();
    let last = engineRun(snapshotFile, plan);
    log(`warm-up: ${fmtMs(performance.now() - t)}; ${last.notes.length} note(s)${last.notes.length ? `: ${last.notes.slice(0, 3).join(' | ')}` : ''}`);
    const pairs: { read: number; import: number; build: number; engine: number; kernel?: number }[] = [];
    for (let k = 0; k < runs; k++) {
      last = engineRun(snapshotFile, plan);
      const engine = last.readMs + last.importMs + last.buildMs;
      const kernel = withKernel ? await legacyRestoreOnce(dumpFile) : undefined;
      pairs.push({ read: last.readMs, import: last.importMs, build: last.buildMs, engine, kernel });
      log(`pair ${k + 1}/${runs}: engine read ${fmtMs(last.readMs)} + import ${fmtMs(last.importMs)} + load & build ${fmtMs(last.buildMs)} = ${fmtMs(engine)}${kernel === undefined ? '' : `; kernel ${fmtMs(kernel)}; ratio ${(engine / kernel).toFixed(2)}`}`);
    }
    const m = (f: (p: (typeof pairs)[number]) => number) => median(pairs.map(f));
    console.log(`node: ${opts.services} Services × 3 endpoints (${node.stats.rules} rules), ${opts.pods} pods, ${opts.routes} routes, ${opts.ipsetEntries} ipset entries; ${runs} interleaved pairs, medians:`);
    console.log(`  engine: read ${fmtMs(m((p) => p.read))}, import ${fmtMs(m((p) => p.import))}, load & build ${fmtMs(m((p) => p.build))}; total ${fmtMs(m((p) => p.engine))}`);
    if (withKernel) {
      const ratio = m((p) => p.engine / p.kernel!);
      console.log(`  kernel iptables-legacy-restore: ${fmtMs(m((p) => p.kernel!))}`);
      console.log(`  ratio (median of per-pair ratios) ${ratio.toFixed(2)}×; ratio of medians ${(m((p) => p.engine) / m((p) => p.kernel!)).toFixed(2)}×; goal ≤ 0.5×: ${ratio <= 0.5 ? 'PASS' : 'FAIL'}`);
    }
    let slowest = 0;
    // the JIT's warm-up for the trace code: every traced flow a few times before any is timed
    for (let k = 0; k < 10; k++) for (const f of last.flows) last.world.trace(f);
    const flows = plan.traced.map((svc) => last.flows.find((f) => f.id === svc.flowId)!);
    const problems = plan.traced.map((svc, i) => traceProblem(last.world.trace(flows[i]), svc));
    const samples = traceSamples(last.world, flows, traces);
    plan.traced.forEach((svc, i) => {
      if (problems[i]) log(`  WARNING: ${problems[i]}`);
      const ms = median(samples[i]);
      slowest = Math.max(slowest, ms);
      console.log(`  trace ${svc.label} Service (pod → ClusterIP:port, TCP), ${traces} traces: median ${fmtMs(ms)}, min ${fmtMs(Math.min(...samples[i]))}, max ${fmtMs(Math.max(...samples[i]))}${problems[i] ? ' (not delivered as expected!)' : ''}`);
    });
    console.log(`  slowest traced Service's median ${fmtMs(slowest)}; goal < 1 ms: ${slowest < 1 ? 'PASS' : 'FAIL'}`);
    console.log(`  load average after: ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
