// The one list of parity cases that are not checked, each with why (not-checkable.yaml, linked
// from the README). A case is `scenario/variant/flow`; `*` as the flow stands for every flow of
// the variant. The run enforces it both ways: a case it cannot build or check that is not listed
// fails, and so does a listed case that the run could check and that agrees with the kernel.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const NOT_CHECKABLE_FILE = fileURLToPath(new URL('./not-checkable.yaml', import.meta.url));

export interface NotCheckable {
  readonly case: string;
  readonly why: string;
}

export function readNotCheckable(text = readFileSync(NOT_CHECKABLE_FILE, 'utf8')): { entries: NotCheckable[]; problems: string[] } {
  const doc = parse(text) as { cases?: unknown };
  const problems: string[] = [];
  const entries: NotCheckable[] = [];
  const list = Array.isArray(doc?.cases) ? (doc.cases as Record<string, unknown>[]) : [];
  const seen = new Set<string>();
  for (const [i, e] of list.entries()) {
    const c = typeof e.case === 'string' ? e.case : '';
    const why = typeof e.why === 'string' ? e.why.trim() : '';
    if (!/^[^/\s*]+\/[^/\s*]+\/(\*|[^/\s*]+)$/.test(c)) problems.push(`not-checkable.yaml entry ${i + 1}: case "${c}" is not scenario/variant/flow (flow may be *)`);
    if (!why) problems.push(`not-checkable.yaml entry ${i + 1} (${c}): no reason given`);
    if (seen.has(c)) problems.push(`not-checkable.yaml: ${c} is listed twice`);
    seen.add(c);
    entries.push({ case: c, why });
  }
  return { entries, problems };
}

/** The entry that lists a case (exactly, or by its variant's `*`), if any. */
export function listed(entries: readonly NotCheckable[], name: string): NotCheckable | undefined {
  const variant = name.slice(0, name.lastIndexOf('/'));
  return entries.find((e) => e.case === name) ?? entries.find((e) => e.case === `${variant}/*`);
}
