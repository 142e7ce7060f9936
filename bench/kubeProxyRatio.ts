// Issue 14's goal, measured as a pair: the engine's parse + build of the N-Service kube-proxy
// node script against the kernel's `iptables-legacy-restore --noflush` of the same dump, the
// two interleaved run by run (engine, kernel, engine, kernel …) so that a shared machine's load
// falls on both alike. Prints each pair, the medians, and the median of the per-pair ratios.
// Needs root (a fresh network namespace per kernel run, deleted right after).
//
//   flock /tmp/podpath-kernel.lock node --expose-gc --import tsx bench/kubeProxyRatio.ts [--services N] [--runs N]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { legacyRestoreOnce } from './kernel';
import { build, makeLab, parseLab } from './lab';
import { median } from './stats';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const services = arg('--services', 10_000);
const runs = arg('--runs', 7);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

const lab = makeLab(services);
const dir = mkdtempSync(join(tmpdir(), 'ppratio'));
const file = join(dir, 'dump.txt');
writeFileSync(file, lab.dump.text);
try {
  // one untimed engine run first: the JIT's warm-up, as the kernel's binary has none
  build(parseLab(lab).ops);
  const pairs: { parse: number; build: number; kernel: number }[] = [];
  for (let k = 0; k < runs; k++) {
    gc();
    let t = performance.now();
    const { ops, errors } = parseLab(lab);
    const parse = performance.now() - t;
    if (errors.length) throw new Error(errors[0]);
    gc();
    t = performance.now();
    const world = build(ops);
    const buildMs = performance.now() - t;
    if (world.errors.length) throw new Error(world.errors[0].message);
    const kernel = await legacyRestoreOnce(file);
    pairs.push({ parse, build: buildMs, kernel });
    process.stderr.write(`run ${k + 1}/${runs}: parse ${parse.toFixed(0)} ms + build ${buildMs.toFixed(0)} ms = ${(parse + buildMs).toFixed(0)} ms; kernel ${kernel.toFixed(0)} ms; ratio ${((parse + buildMs) / kernel).toFixed(2)}\n`);
  }
  const m = (f: (p: (typeof pairs)[number]) => number) => median(pairs.map(f));
  console.log(`${services} Services (${lab.dump.stats.rules} rules), ${runs} interleaved pairs, medians:`);
  console.log(`  engine parse ${m((p) => p.parse).toFixed(0)} ms, build ${m((p) => p.build).toFixed(0)} ms, parse + build ${m((p) => p.parse + p.build).toFixed(0)} ms`);
  console.log(`  kernel iptables-legacy-restore ${m((p) => p.kernel).toFixed(0)} ms`);
  console.log(`  ratio (median of per-pair ratios) ${m((p) => (p.parse + p.build) / p.kernel).toFixed(2)}×; ratio of medians ${(m((p) => p.parse + p.build) / m((p) => p.kernel)).toFixed(2)}×`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
