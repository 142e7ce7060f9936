// `npm run golden:update`: the only writer of golden files. Renders every golden case, writes
// the files whose text changed (or that are missing), removes golden files no case produces,
// and lists what it changed with the new hashes: each changed file needs a review record
// (reviews.yaml) before golden.test.ts passes again.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { goldenCases, goldenHash } from './goldens';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.txt') ? [p] : [];
  });
}

const cases = goldenCases();
const wanted = new Set(cases.map((c) => c.path));
let changed = 0;
let unchanged = 0;
for (const c of cases) {
  const text = c.render();
  const old = existsSync(c.path) ? readFileSync(c.path, 'utf8') : undefined;
  if (old === text) {
    unchanged++;
    continue;
  }
  mkdirSync(dirname(c.path), { recursive: true });
  writeFileSync(c.path, text);
  changed++;
  process.stdout.write(`${old === undefined ? 'new' : 'changed'} ${c.path}: ${await goldenHash(text)} (read it; record the review in test/golden/reviews.yaml)\n`);
}
for (const p of walk('test/golden')) {
  if (!wanted.has(p)) {
    rmSync(p);
    changed++;
    process.stdout.write(`removed ${p} (no golden case produces it; drop it from test/golden/reviews.yaml)\n`);
  }
}
process.stdout.write(`golden:update: ${changed} file(s) written or removed, ${unchanged} unchanged\n`);
