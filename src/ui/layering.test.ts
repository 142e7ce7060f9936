// The layering rule of DESIGN §1.5 / STYLE ("src/engine imports nothing from ui/ or store/"),
// checked on the source text so it holds without a linter: the engine is pure TypeScript that
// runs unchanged in the browser worker, the CLI and tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(sources(path));
    else if (/\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** Every module specifier imported or re-exported by a file, resolved to src-relative when relative. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
  return specs.map((s) => (s.startsWith('.') ? relative(SRC, resolve(file, '..', s)).split(sep).join('/') : s));
}

describe('layering', () => {
  it('src/engine imports nothing from ui/, store/, worker/, cli/, React, zustand or Node', () => {
    const bad: string[] = [];
    for (const file of sources(join(SRC, 'engine'))) {
      for (const spec of imports(file)) {
        if (/^(ui|store|worker|cli|i18n)(\/|$)/.test(spec) || /^(react|react-dom|zustand)(\/|$)/.test(spec) || /^node:|^(fs|path|os|child_process)$/.test(spec)) {
          bad.push(`${relative(SRC, file)} imports ${spec}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
  it('src/store imports nothing from ui/ (the page binds the store, not the reverse)', () => {
    const bad = sources(join(SRC, 'store')).flatMap((file) =>
      imports(file).filter((s) => /^ui(\/|$)/.test(s)).map((s) => `${relative(SRC, file)} imports ${s}`),
    );
    expect(bad).toEqual([]);
  });
  it('src/ui/model holds pure view models: no React, no DOM stores, no worker (types only from React Flow)', () => {
    const bad = sources(join(SRC, 'ui', 'model')).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const valueImports = [...text.matchAll(/(?:^|\n)\s*import\s+(?!type\b)[^'"]*?from\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
      return valueImports
        .filter((s) => /^(react|react-dom|zustand|@xyflow\/react|lucide-react)(\/|$)/.test(s) || /labStore|worker\/client/.test(s))
        .map((s) => `${relative(SRC, file)} imports ${s}`);
    });
    expect(bad).toEqual([]);
  });
});
