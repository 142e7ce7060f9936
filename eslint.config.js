// ESLint for podpath: the layering of DESIGN §1.5 as import boundaries, and exhaustive
// `switch`es (type-aware). Deliberately few rules; `npm run lint` runs it, `npm test` too.
//
// typescript-eslint needs TypeScript's JavaScript API, which TypeScript 7 (the native `tsc`
// that `npm run typecheck` runs) does not ship: package.json aliases `typescript` to
// `@typescript/typescript6` (the TS 6 API) and installs TS 7 as `@typescript/native`, the
// side-by-side setup of the TypeScript 7 announcement. `require('typescript')` is TS 6 and
// the `tsc` binary is TS 7 (npm links `.bin/tsc` from `@typescript/native`, which sorts before
// TS 6's own `@typescript/old`). typescript-eslint names an optional peer `@typescript/native`
// too, for an experimental TS 7.1 backend this config does not use; package.json's `overrides`
// points it at the same alias so that `npm ls` sees no invalid peer.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, includeIgnoreFile } from 'eslint/config';
import tseslint from 'typescript-eslint';

// ---- import boundaries -----------------------------------------------------------------------
// Each boundary is a list of { regex, message } over module specifiers. Relative specifiers are
// matched by the top-level src/ directory they climb to (`../../ui/x`); the directories
// checked below have no subdirectory or module of those names, so `(\.\./)+` is exact here.

const up = (dirs) => `^(\\.\\./)+(${dirs.join('|')})(/|$)`;
const packages = (names) => `^(${names.join('|')})(/|$)`;
const nodeBuiltins = `^(node:|(${builtinModules.filter((m) => !m.includes('/')).join('|')})(/|$))`;

const ENGINE = 'src/engine is the pure dataplane that runs unchanged in the worker, the CLI and tests (DESIGN §1.5)';
const engineBoundary = [
  { regex: up(['ui', 'store', 'worker', 'cli', 'i18n']), message: `${ENGINE}: it imports nothing from ui/, store/, worker/, cli/ or i18n/.` },
  { regex: packages(['react', 'react-dom', 'zustand', '@xyflow/react', 'lucide-react']), message: `${ENGINE}: no React, React Flow, icons or zustand.` },
  { regex: nodeBuiltins, message: `${ENGINE}: no Node built-ins (it runs in the browser); the CLI does the I/O.` },
];
const storeBoundary = [
  { regex: up(['ui']), message: 'src/store imports nothing from ui/: the page binds the store, not the reverse.' },
];
const scenarioBoundary = [
  { regex: up(['ui', 'store', 'worker', 'cli']), message: 'src/scenario (schema, command parser) is shared by the CLI and the worker: it imports nothing from ui/, store/, worker/ or cli/.' },
];
const MODEL = 'src/ui/model holds pure view models, testable without React, the store or the worker';
const uiModelBoundary = [
  { regex: packages(['react', 'react-dom', 'zustand', '@xyflow/react', 'lucide-react']), allowTypeImports: true, message: `${MODEL}: only type imports from React and React Flow.` },
  { regex: '^\\.{1,2}/(.*/)?(labStore|worker/client)$', allowTypeImports: true, message: `${MODEL}: no store hooks, no worker client (their types are fine).` },
];

/** The rules enforcing one boundary: static imports and re-exports (`no-restricted-imports`),
 *  `import('…')` expressions, and `import('…')` types unless type imports are allowed
 *  (`no-restricted-syntax`; an esquery regex cannot hold a `/`, so it is written `\u002F`). */
function boundary(patterns) {
  const esquery = (regex) => `/${regex.replaceAll('/', '\\u002F')}/`;
  return {
    'no-restricted-imports': ['error', { patterns }],
    'no-restricted-syntax': [
      'error',
      ...patterns.flatMap(({ regex, message, allowTypeImports }) => [
        { selector: `ImportExpression > Literal.source[value=${esquery(regex)}]`, message },
        ...(allowTypeImports ? [] : [{ selector: `TSImportType > Literal.source[value=${esquery(regex)}]`, message }]),
      ]),
    ],
  };
}

export default defineConfig(
  includeIgnoreFile(fileURLToPath(new URL('.gitignore', import.meta.url))),
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommended],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The code base's convention: a leading `_` names an argument kept for its signature, and
      // `{ netns: _netns, ...rest }` drops a field.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A switch over a union (an event's code, a drop reason, a device kind) names every member
      // or says what happens to the rest with a `default`.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  { files: ['src/engine/**'], rules: boundary(engineBoundary) },
  { files: ['src/store/**'], rules: boundary(storeBoundary) },
  { files: ['src/scenario/**'], rules: boundary(scenarioBoundary) },
  { files: ['src/ui/model/**'], rules: boundary(uiModelBoundary) },
);
