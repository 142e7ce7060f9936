// The layering of DESIGN §1.5 is enforced by eslint.config.js (`npm run lint`); these tests lint
// offending snippets at made-up paths inside each layer, so a boundary cannot silently stop
// firing (a glob that no longer matches, a pattern that no longer catches).
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

// Import boundaries need no type information: lint without a TypeScript program (fast, and
// the made-up files need not exist).
const untyped = new ESLint({
  cwd: ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/switch-exhaustiveness-check': 'off' },
  },
});

// The first lint loads the config and its plugins (seconds on a busy 2-core machine): done once
// here, with room, so no single test pays for it against the default timeout.
beforeAll(() => untyped.lintText('', { filePath: resolve(ROOT, 'src/engine/kernel/probe.ts') }), 60_000);

const IMPORT = 'no-restricted-imports';
const DYNAMIC = 'no-restricted-syntax';

/** The boundary rules (and parse errors, rule id null) reported for `code` in a file at `path`
 *  (relative to the repository). */
async function violations(code: string, path: string): Promise<(string | null)[]> {
  const [result] = await untyped.lintText(code, { filePath: resolve(ROOT, path) });
  return result.messages.map((m) => m.ruleId).filter((id) => id === null || id === IMPORT || id === DYNAMIC);
}

describe('src/engine imports nothing from ui/, store/, worker/, cli/, i18n/, React, zustand or Node', () => {
  const file = 'src/engine/kernel/probe.ts';

  it.each(['ui/labStore', 'store/lab', 'worker/protocol', 'cli/main', 'i18n', 'ui'])('../../%s', async (target) => {
    expect(await violations(`import { x } from '../../${target}';\nexport const y = x;\n`, file)).toEqual([IMPORT]);
  });

  it('at any depth, in re-exports and in type-only imports', async () => {
    expect(await violations(`import { x } from '../ui/x';\n`, 'src/engine/probe.ts')).toEqual([IMPORT]);
    expect(await violations(`import { x } from '../../../../store/lab';\n`, 'src/engine/kernel/netfilter/deep/probe.ts')).toEqual([IMPORT]);
    expect(await violations(`export { x } from '../../store/lab';\n`, file)).toEqual([IMPORT]);
    expect(await violations(`export * from '../../worker/protocol';\n`, file)).toEqual([IMPORT]);
    expect(await violations(`import type { X } from '../../ui/labStore';\nexport type Y = X;\n`, file)).toEqual([IMPORT]);
  });

  it.each(['react', 'react-dom', 'react-dom/client', 'zustand', '@xyflow/react', 'lucide-react'])('%s', async (pkg) => {
    expect(await violations(`import * as m from '${pkg}';\nexport const y = m;\n`, file)).toEqual([IMPORT]);
  });

  it.each(['node:fs', 'node:path', 'fs', 'fs/promises', 'path', 'os', 'child_process'])('Node built-in %s', async (mod) => {
    expect(await violations(`import * as m from '${mod}';\nexport const y = m;\n`, file)).toEqual([IMPORT]);
  });

  it('import() in code and in types', async () => {
    expect(await violations(`export const m = import('../../cli/main');\n`, file)).toEqual([DYNAMIC]);
    expect(await violations(`export const m = import('node:fs');\n`, file)).toEqual([DYNAMIC]);
    expect(await violations(`export type C = import('react').FC;\n`, file)).toEqual([DYNAMIC]);
  });

  it('its own modules, the scenario types and vitest are fine', async () => {
    const code = `import { describe } from 'vitest';\nimport { a } from '../walk/skb';\nimport { b } from '../../engine/addr/ipv4';\nimport { c } from './conntrack/table';\nimport type { D } from '../../scenario/model';\nexport const y = [describe, a, b, c] as D;\n`;
    expect(await violations(code, file)).toEqual([]);
  });
});

describe('src/store imports nothing from ui/', () => {
  it('ui/ is refused, the worker protocol and the engine are not', async () => {
    expect(await violations(`import { useT } from '../ui/labStore';\nexport const y = useT;\n`, 'src/store/probe.ts')).toEqual([IMPORT]);
    expect(await violations(`export const m = import('../ui/labStore');\n`, 'src/store/probe.ts')).toEqual([DYNAMIC]);
    const ok = `import type { EngineClient } from '../worker/client';\nimport { buildWorld } from '../engine';\nimport { create } from 'zustand';\nexport const y: [EngineClient?, unknown?, unknown?] = [undefined, buildWorld, create];\n`;
    expect(await violations(ok, 'src/store/probe.ts')).toEqual([]);
  });
});

describe('src/scenario imports nothing from ui/, store/, worker/ or cli/', () => {
  it.each(['ui/labStore', 'store/lab', 'worker/protocol', 'cli/expectation'])('../../%s', async (target) => {
    expect(await violations(`import { x } from '../../${target}';\nexport const y = x;\n`, 'src/scenario/commands/probe.ts')).toEqual([IMPORT]);
    expect(await violations(`import { x } from '../${target}';\nexport const y = x;\n`, 'src/scenario/probe.test.ts')).toEqual([IMPORT]);
  });

  it('the engine is fine', async () => {
    expect(await violations(`import { buildWorld } from '../engine';\nexport const y = buildWorld;\n`, 'src/scenario/probe.ts')).toEqual([]);
  });
});

describe('src/ui/model holds pure view models: types only from React and React Flow, no store, no worker client', () => {
  const file = 'src/ui/model/probe.ts';

  it.each(['react', 'react-dom', 'zustand', '@xyflow/react', 'lucide-react'])('a value import from %s is refused, a type import is not', async (pkg) => {
    expect(await violations(`import { x } from '${pkg}';\nexport const y = x;\n`, file)).toEqual([IMPORT]);
    expect(await violations(`import type { X } from '${pkg}';\nexport type Y = X;\n`, file)).toEqual([]);
    expect(await violations(`import { type X } from '${pkg}';\nexport type Y = X;\n`, file)).toEqual([]);
    expect(await violations(`import { type X, x } from '${pkg}';\nexport const y: X = x;\n`, file)).toEqual([IMPORT]);
  });

  it('the store hooks and the worker client: values refused, types fine', async () => {
    expect(await violations(`import { useT } from '../labStore';\nexport const y = useT;\n`, file)).toEqual([IMPORT]);
    expect(await violations(`import { createClient } from '../../worker/client';\nexport const y = createClient;\n`, file)).toEqual([IMPORT]);
    expect(await violations(`export const m = import('../labStore');\n`, file)).toEqual([DYNAMIC]);
    expect(await violations(`import type { EngineClient } from '../../worker/client';\nexport type Y = EngineClient;\n`, file)).toEqual([]);
  });

  it('the worker protocol, the engine and Node (in tests) are fine', async () => {
    const code = `import { readFileSync } from 'node:fs';\nimport { createHandler } from '../../worker/handle';\nimport type { TopologyView } from '../../worker/protocol';\nimport { buildWorld } from '../../engine';\nexport const y: [unknown, unknown, unknown, TopologyView?] = [readFileSync, createHandler, buildWorld];\n`;
    expect(await violations(code, 'src/ui/model/probe.test.ts')).toEqual([]);
  });
});

describe('the boundaries stay inside their layers', () => {
  it('the page, the worker and the CLI may import React, the store and Node', async () => {
    expect(await violations(`import { useState } from 'react';\nimport { useT } from './labStore';\nexport const y = [useState, useT];\n`, 'src/ui/probe.tsx')).toEqual([]);
    expect(await violations(`import { handle } from './handle';\nimport type { EngineRequest } from './protocol';\nexport const y: [unknown, EngineRequest?] = [handle];\n`, 'src/worker/probe.ts')).toEqual([]);
    expect(await violations(`import { readFileSync } from 'node:fs';\nimport { expectationMet } from './expectation';\nexport const y = [readFileSync, expectationMet];\n`, 'src/cli/probe.ts')).toEqual([]);
  });
});

describe('switch-exhaustiveness-check', () => {
  it('is on for every directory of src/, test/, bench/ and e2e/', async () => {
    const dirs = ['src/engine/walk', 'src/engine/trace', 'src/scenario/commands', 'src/store', 'src/worker', 'src/cli', 'src/ui', 'src/ui/model', 'src/i18n', 'test/parity', 'bench', 'e2e'];
    const real = new ESLint({ cwd: ROOT });
    for (const dir of dirs) {
      const config = await real.calculateConfigForFile(resolve(ROOT, dir, 'probe.ts'));
      expect(config.rules?.['@typescript-eslint/switch-exhaustiveness-check'], dir).toEqual([2, { considerDefaultExhaustiveForUnions: true }]);
    }
  });

  it('reports a switch over a union that misses a member and has no default (type-aware, through the TS 6 API)', async () => {
    // A made-up file outside the tsconfig, typed with the default project.
    const typed = new ESLint({
      cwd: ROOT,
      overrideConfig: { languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['lint-probe/*.ts'] } } } },
    });
    const code = [
      `type Code = 'recv' | 'xmit' | 'drop';`,
      `export function missing(c: Code): number { switch (c) { case 'recv': return 1; case 'xmit': return 2; } return 0; }`,
      `export function withDefault(c: Code): number { switch (c) { case 'recv': return 1; default: return 0; } }`,
      `export function every(c: Code): number { switch (c) { case 'recv': return 1; case 'xmit': return 2; case 'drop': return 3; } }`,
      '',
    ].join('\n');
    const [result] = await typed.lintText(code, { filePath: resolve(ROOT, 'lint-probe/switch.ts') });
    expect(result.messages.map((m) => [m.ruleId, m.line, m.message])).toEqual([
      ['@typescript-eslint/switch-exhaustiveness-check', 2, 'Switch is not exhaustive. Cases not matched: "drop"'],
    ]);
  }, 60_000);
});
