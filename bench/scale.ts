// Scale figures for issue 15: load (parse), build and trace of generated labs at two sizes,
// 10,000 and 100,000 routes or ipset members, and the growth ratio between them (10 means
// linear; the lists this replaced grew about 100× from 10k to 100k, as n²). Also a ping across a
// 254-machine switch and a 3,000-port bridge. Medians of --runs runs (default 3), each on a
// fresh world; --expose-gc (npm run bench:scale) collects garbage before each timed stage.
//
//   npm run bench:scale                 # about a minute on this 2-core machine
//   npm run bench:scale -- --runs 5
import { buildWorld } from '../src/engine';
import { loadScenario } from '../src/scenario/load';
import { worldSpecFor } from '../src/scenario/variant';
import { bridgeLab, ipsetLab, routesLab, switchLab } from './scaleLabs';
import { median } from './stats';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Math.max(1, Number(process.argv[runsArg + 1])) : 3;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

interface Figures {
  readonly load: number;
  readonly build: number;
  readonly trace: number;
  readonly verdict: string;
}

function once(text: string): Figures {
  gc();
  let t = performance.now();
  const loaded = loadScenario(text, 'generated.yaml');
  const load = performance.now() - t;
  if (!loaded.ok) throw new Error(loaded.errors.slice(0, 3).map((e) => e.message).join('\n'));
  gc();
  t = performance.now();
  const world = buildWorld(worldSpecFor(loaded.scenario, undefined));
  const build = performance.now() - t;
  if (world.errors.length) throw new Error(world.errors[0].message);
  t = performance.now();
  const trace = world.trace(loaded.scenario.flows[0]);
  return { load, build, trace: performance.now() - t, verdict: trace.verdict };
}

function measure(text: string): Figures {
  const runs = Array.from({ length: RUNS }, () => once(text));
  return {
    load: median(runs.map((r) => r.load)),
    build: median(runs.map((r) => r.build)),
    trace: median(runs.map((r) => r.trace)),
    verdict: runs.every((r) => r.verdict === 'delivered') ? 'delivered' : 'NOT DELIVERED',
  };
}

const ms = (x: number) => `${x.toFixed(0)} ms`;
const rows: string[] = [];
const results: Record<string, unknown> = {};

for (const [name, lab] of [['routes', routesLab], ['ipset members', ipsetLab]] as const) {
  const small = measure(lab(10_000));
  const big = measure(lab(100_000));
  results[name] = { small, big };
  const ratio = (k: keyof Omit<Figures, 'verdict'>) => (big[k] / small[k]).toFixed(1);
  rows.push(
    `| ${name} | ${ms(small.load)} / ${ms(big.load)} (×${ratio('load')}) | ${ms(small.build)} / ${ms(big.build)} (×${ratio('build')}) | ${ms(small.trace)} / ${ms(big.trace)} | ${big.verdict} |`,
  );
  process.stderr.write(`${rows.at(-1)}\n`);
}

for (const [name, text] of [['switch, 254 machines', switchLab(254)], ['bridge, 3,000 ports', bridgeLab(3000)]] as const) {
  const f = measure(text);
  results[name] = f;
  rows.push(`| ${name} | ${ms(f.load)} | ${ms(f.build)} | ${ms(f.trace)} | ${f.verdict} |`);
  process.stderr.write(`${rows.at(-1)}\n`);
}

console.log(`medians of ${RUNS} runs; 10k / 100k (growth ratio; 10 is linear)\n`);
console.log('| lab | load (parse) | build | ping trace | verdict |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
