// Walks the scenario's zod schema (src/scenario/schema.ts) and lists every mapping a scenario
// file can hold: its path (`flows[]`, `variants[].expect{}`, `(top)` for the file itself) and
// its keys, each required, optional or with its default. docs/scenario-format.md is checked
// against this list, so the schema stays the source of truth for the reference.
import type { z } from 'zod';
import { I18nSchema, ScenarioSchema } from '../../src/scenario/schema';

export type KeyRule = { kind: 'required' } | { kind: 'optional' } | { kind: 'default'; value: unknown };

export interface SchemaObject {
  readonly path: string;
  readonly keys: Map<string, KeyRule>;
}

export const TOP = '(top)';

// Zod 4 keeps a schema's structure in `_zod.def`; only the fields read here are typed.
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** How a key's value schema treats a missing key. */
function ruleOf(value: z.ZodType): KeyRule {
  const def = defOf(value);
  if (def.type === 'default') return { kind: 'default', value: def.defaultValue };
  return value.safeParse(undefined).success ? { kind: 'optional' } : { kind: 'required' };
}

/** Every mapping of a scenario file, in the order the schema declares them. */
export function schemaObjects(): SchemaObject[] {
  const objects = new Map<string, SchemaObject>();
  // A schema used in two places (ExpectationSchema in flows and variants) is listed once, at
  // the first path it is met: the reference describes it there.
  const seen = new Set<z.ZodType>();

  const walk = (schema: z.ZodType, path: string): void => {
    if (schema === I18nSchema) return; // a text: one string or { en, zh-CN }, a leaf in the reference
    if (seen.has(schema)) return;
    seen.add(schema);
    const def = defOf(schema);
    switch (def.type) {
      case 'object': {
        const object = objects.get(path) ?? { path, keys: new Map<string, KeyRule>() };
        objects.set(path, object);
        for (const [key, value] of Object.entries(def.shape!)) {
          // a union's branches (switch and vpc networks) merge their keys; a key required in
          // one branch only (cidr) is not required of every network, so the first rule met stays
          if (!object.keys.has(key)) object.keys.set(key, ruleOf(value));
          walk(value, path === TOP ? key : `${path}.${key}`);
        }
        return;
      }
      case 'pipe':
        walk(def.in!, path);
        walk(def.out!, path);
        return;
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'nonoptional':
      case 'catch':
        walk(def.innerType!, path);
        return;
      case 'array':
        walk(def.element!, `${path}[]`);
        return;
      case 'record':
        walk(def.valueType!, `${path}{}`);
        return;
      case 'union':
        def.options!.forEach((option) => walk(option, path));
        return;
      default:
        return; // strings, numbers, enums, literals, tuples, transforms: values, not mappings
    }
  };
  walk(ScenarioSchema, TOP);
  return [...objects.values()];
}

/** How docs/scenario-format.md writes a key's rule in its "Required / default" column. */
export function ruleCell(rule: KeyRule): string {
  if (rule.kind !== 'default') return rule.kind;
  const v = rule.value;
  const text = typeof v === 'string' ? (v === '' ? '""' : v) : JSON.stringify(v);
  return `default \`${text}\``;
}
