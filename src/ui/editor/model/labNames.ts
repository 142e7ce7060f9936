// The names a scenario being typed defines, for completion: its machines and its flow ids.
// Read with a tolerant YAML parse, so a half-typed file still offers what it already has.
import { parseDocument } from 'yaml';

export interface LabNames {
  readonly machines: readonly string[];
  readonly flows: readonly string[];
}

function namesOf(list: unknown, key: string): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => (typeof item === 'object' && item !== null && typeof (item as Record<string, unknown>)[key] === 'string' ? [(item as Record<string, string>)[key]] : []));
}

export function labNames(text: string): LabNames {
  let raw: unknown;
  try {
    raw = parseDocument(text, { prettyErrors: false }).toJS({ maxAliasCount: 100 });
  } catch {
    return { machines: [], flows: [] };
  }
  const doc = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  return { machines: [...new Set(namesOf(doc.machines, 'name'))], flows: [...new Set(namesOf(doc.flows, 'id'))] };
}
