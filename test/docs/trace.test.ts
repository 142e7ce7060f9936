// docs/trace.md against the trace's JSON Schema (docs/trace.schema.json, generated from
// src/engine/trace/types.ts and checked current by test/contract/traceSchema.test.ts): every
// field of the trace, its legs, drops, places, flow, warnings and events is named on the page.
// (test/contract/traceSchema.test.ts checks the event and warning codes.)
import { describe, expect, it } from 'vitest';
import { readDoc } from './markdown';

interface JsonSchema {
  properties?: Record<string, unknown>;
  anyOf?: JsonSchema[];
}
const schema = JSON.parse(readDoc('docs/trace.schema.json')) as { $ref: string; definitions: Record<string, JsonSchema> };
const doc = readDoc('docs/trace.md');

/** The fields of an object definition; for a union of objects, the fields every member has. */
function fieldsOf(name: string): string[] {
  const def = schema.definitions[name];
  if (def.properties) return Object.keys(def.properties);
  const members = def.anyOf!.map((m) => Object.keys(m.properties ?? {}));
  return members[0].filter((field) => members.every((m) => m.includes(field)));
}

describe('docs/trace.md', () => {
  it('links the JSON Schema and names the contract version', () => {
    expect(schema.$ref).toBe('#/definitions/Trace');
    expect(doc).toContain('](trace.schema.json)');
    expect(doc).toMatch(/^# The trace contract \(version 2\)/);
  });

  for (const name of ['Trace', 'Leg', 'Drop', 'At', 'Flow', 'LabWarning', 'TraceEvent']) {
    it(`names every field of ${name}`, () => {
      const fields = fieldsOf(name);
      expect(fields.length).toBeGreaterThan(1);
      expect(fields.filter((field) => !doc.includes(`\`${field}\``))).toEqual([]);
    });
  }
});
