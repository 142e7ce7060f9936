// What the editor offers at the cursor: the schema's keys where a key is typed, the schema's
// words (tcp, udp …) where a value is, and the lab's own machine names and flow ids where the
// schema takes one (`from:`, `at:`, a tour's `flow:`, `layout:`'s keys …).
import { labNames } from './labNames';
import { keysAt, valuesAt } from './schemaKeys';
import { cursorPlace } from './yamlContext';

export interface Completion {
  readonly label: string;
  /** what is inserted: a key comes with its ": " */
  readonly apply: string;
  readonly type: 'property' | 'keyword' | 'variable';
  readonly detail?: string;
}

export interface Completions {
  readonly from: number;
  readonly options: readonly Completion[];
}

/** Values that name a machine (an endpoint starts with one: `node1/pod1`). */
const MACHINE_VALUES = new Set(['from', 'at', 'via']);
/** Mappings keyed by machine name. */
const MACHINE_KEYED = new Set(['layout', 'append', 'nics']);

export function completionsAt(text: string, pos: number): Completions | undefined {
  const place = cursorPlace(text, pos);
  if (place.kind === 'none') return undefined;
  const names = () => labNames(text);
  const named = (list: readonly string[], detail: string): Completion[] => list.map((label) => ({ label, apply: label, type: 'variable', detail }));
  if (place.kind === 'key') {
    const at = keysAt(place.path);
    if (!at) return undefined;
    const last = place.path[place.path.length - 1];
    const free = !at.free
      ? []
      : MACHINE_KEYED.has(last)
        ? named(names().machines, 'machine')
        : last === 'expect'
          ? named(names().flows, 'flow')
          : [];
    const keys = at.keys.map((k): Completion => ({ label: k, apply: `${k}: `, type: 'property' }));
    const options = [...keys, ...free.map((c) => ({ ...c, apply: `${c.label}: ` }))];
    return options.length ? { from: place.from, options } : undefined;
  }
  const options: Completion[] = valuesAt([...place.path, place.key]).map((label) => ({ label, apply: label, type: 'keyword' }));
  if (MACHINE_VALUES.has(place.key)) options.push(...named(names().machines, 'machine'));
  if (place.key === 'flow') options.push(...named(names().flows, 'flow'));
  return options.length ? { from: place.from, options } : undefined;
}
