// Generates the trace contract's JSON Schema (docs/trace.schema.json) from the TypeScript
// types in src/engine/trace/types.ts, so the schema cannot drift from the code:
// `npm run schema` writes it; test/contract/traceSchema.test.ts checks the file is current.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';

export const SCHEMA_PATH = resolve(import.meta.dirname, '../docs/trace.schema.json');

export function traceSchema(): string {
  const schema = createGenerator({
    path: resolve(import.meta.dirname, '../src/engine/trace/types.ts'),
    tsconfig: resolve(import.meta.dirname, '../tsconfig.json'),
    type: 'Trace',
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    skipTypeCheck: true,
    additionalProperties: false,
    sortProps: true,
  }).createSchema('Trace');
  const doc = {
    title: 'podpath trace, version 2',
    description: 'What `podpath trace --json` prints and world.trace() returns. Generated from src/engine/trace/types.ts by `npm run schema`.',
    ...schema,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeFileSync(SCHEMA_PATH, traceSchema());
  console.log(`wrote ${SCHEMA_PATH}`);
}
