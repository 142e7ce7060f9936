// The scenario catalogue's search: by title and summary in both languages, id, tags and the
// article the scenario comes from; and the tag filter. Pure.
import type { ScenarioView } from '../../worker/protocol';

export interface CatalogueEntry {
  readonly file: string;
  /** undefined while the worker has not described the file yet, or when it has errors. */
  readonly scenario?: ScenarioView;
}

function haystack(e: CatalogueEntry): string {
  const s = e.scenario;
  if (!s) return e.file.toLowerCase();
  return [e.file, s.id, s.title.en, s.title['zh-CN'], s.summary.en, s.summary['zh-CN'], s.source, ...s.tags].join('\n').toLowerCase();
}

/** Entries whose text has every word of `query` and which carry `tag` (when given). */
export function filterCatalogue(entries: readonly CatalogueEntry[], query: string, tag?: string): CatalogueEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => (!tag || e.scenario?.tags.includes(tag)) && words.every((w) => haystack(e).includes(w)));
}

/** Every tag in use, most used first, then alphabetical. */
export function catalogueTags(entries: readonly CatalogueEntry[]): string[] {
  const counts = new Map<string, number>();
  for (const e of entries) for (const tag of e.scenario?.tags ?? []) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([tag]) => tag);
}
