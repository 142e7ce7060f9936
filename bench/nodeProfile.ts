// Where bench:node's engine run spends its time: one warm-up, then a CPU profile of one run
// (the snapshot imported, the lab it wrote loaded and built), printed as self and total time
// per function and self time per file; the raw profile goes to bench/results/node.cpuprofile.
//
//   node --expose-gc --import tsx bench/nodeProfile.ts [--services N --pods N --top N]
import { mkdirSync } from 'node:fs';
import { importNode, planTraces } from './nodeImport';
import { ISSUE_14_NODE, nodeSnapshot } from './nodeSnapshot';
import { profile } from './profile';

const argv = process.argv.slice(2);
const num = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const node = nodeSnapshot({ services: num('--services', ISSUE_14_NODE.services), pods: num('--pods', ISSUE_14_NODE.pods), routes: num('--routes', ISSUE_14_NODE.routes), ipsetEntries: num('--ipset-entries', ISSUE_14_NODE.ipsetEntries), hostname: 'node-big' });
const plan = planTraces(node, 'node-big');
const run = () => importNode(node.text, 'node-big.json', plan);
run();
(globalThis as { gc?: () => void }).gc?.();
mkdirSync('bench/results', { recursive: true });
const summary = await profile(() => {
  const r = run();
  console.log(`import ${r.importMs.toFixed(0)} ms, load & build ${r.buildMs.toFixed(0)} ms`);
}, 'bench/results/node.cpuprofile', num('--top', 30));
const table = (title: string, rows: readonly { fn: string; ms: number; pct: number }[]) => {
  console.log(`\n${title}`);
  for (const r of rows) console.log(`  ${r.ms.toFixed(0).padStart(6)} ms ${r.pct.toFixed(1).padStart(5)}%  ${r.fn}`);
};
console.log(`profiled ${summary.totalMs.toFixed(0)} ms`);
table('self time', summary.self);
table('self time by file', summary.byFile);
table('total time', summary.total);
