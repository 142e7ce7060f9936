// The keys a scenario file may have at a place, read from the zod schema itself (not a copy
// that would drift): the mapping at `path` (keys from the top, list items skipped) lists its
// shape's keys. Wrappers (optional, default, pipe, array, union …) are looked through.
import type { z } from 'zod';
import { ScenarioSchema } from '../../../scenario/schema';

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly valueType?: z.ZodType;
  readonly getter?: () => z.ZodType;
  /** z.enum */
  readonly entries?: Record<string, string | number>;
  /** z.literal */
  readonly values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The objects and records `schema` may be, through its wrappers. */
function containers(schema: z.ZodType, out: z.ZodType[] = [], depth = 0): z.ZodType[] {
  if (depth > 12) return out;
  const def = defOf(schema);
  if (def.type === 'object' || def.type === 'record') out.push(schema);
  const next = [def.innerType, def.element, def.in, def.out, ...(def.options ?? []), def.type === 'lazy' ? def.getter?.() : undefined];
  for (const inner of next) if (inner) containers(inner, out, depth + 1);
  return out;
}

/** Every schema `path` may lead to. */
function schemasAt(path: readonly string[], root: z.ZodType): z.ZodType[] {
  let here = [root];
  for (const key of path) {
    here = here.flatMap((schema) =>
      containers(schema).flatMap((c) => {
        const def = defOf(c);
        const child = def.type === 'object' ? def.shape?.[key] : def.valueType;
        return child ? [child] : [];
      }),
    );
  }
  return here;
}

/** The words a value may be (enums and literals: `protocol`, `role`, `kind` …), through wrappers. */
function words(schema: z.ZodType, out: Set<string>, depth = 0): Set<string> {
  if (depth > 12) return out;
  const def = defOf(schema);
  if (def.type === 'enum') for (const v of Object.values(def.entries ?? {})) out.add(String(v));
  if (def.type === 'literal') for (const v of def.values ?? []) if (typeof v === 'string') out.add(v);
  for (const inner of [def.innerType, def.in, def.out, ...(def.options ?? [])]) if (inner) words(inner, out, depth + 1);
  return out;
}

/** The words the value of `path`'s last key may be, from the schema's enums and literals. */
export function valuesAt(path: readonly string[], root: z.ZodType = ScenarioSchema): readonly string[] {
  const out = new Set<string>();
  for (const schema of schemasAt(path, root)) words(schema, out);
  return [...out];
}

export interface KeysAt {
  /** The keys the schema names at this place, in its order. */
  readonly keys: readonly string[];
  /** The mapping's keys are free (names: `layout`'s machines, a variant's `expect` flows …). */
  readonly free: boolean;
}

/** What keys the mapping at `path` may hold; undefined when the schema has no mapping there. */
export function keysAt(path: readonly string[], root: z.ZodType = ScenarioSchema): KeysAt | undefined {
  const found = schemasAt(path, root).flatMap((schema) => containers(schema));
  if (found.length === 0) return undefined;
  const keys = [...new Set(found.flatMap((c) => Object.keys(defOf(c).shape ?? {})))];
  return { keys, free: found.some((c) => defOf(c).type === 'record') };
}
