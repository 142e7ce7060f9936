// The review records of the golden files (reviews.yaml): read and checked without judgement of
// their prose — every golden file under exactly one review, the hash of the text reviewed, and
// who read it against which sources.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface Review {
  readonly id: string;
  readonly by: string;
  readonly date: string;
  readonly depth: 'events' | 'verdict';
  readonly read: readonly string[];
  readonly note: string;
  /** golden path → sha256 prefix of the text reviewed */
  readonly files: Readonly<Record<string, string>>;
}

export const REVIEWS_FILE = 'test/golden/reviews.yaml';

/** The records, or the problems that make the file unusable (each a sentence). */
export function readReviews(text = readFileSync(REVIEWS_FILE, 'utf8')): { reviews: Review[]; problems: string[] } {
  const problems: string[] = [];
  const doc = parse(text) as { reviews?: unknown };
  const list = Array.isArray(doc?.reviews) ? (doc.reviews as Record<string, unknown>[]) : [];
  if (list.length === 0) problems.push(`${REVIEWS_FILE}: no reviews`);
  const reviews: Review[] = [];
  for (const [i, r] of list.entries()) {
    const where = `${REVIEWS_FILE}: review ${typeof r.id === 'string' ? r.id : `#${i + 1}`}`;
    const str = (k: string) => (typeof r[k] === 'string' && (r[k] as string).trim() !== '' ? (r[k] as string) : undefined);
    for (const k of ['id', 'by', 'note']) if (!str(k)) problems.push(`${where}: "${k}" must be a non-empty text`);
    const date = r.date instanceof Date ? r.date.toISOString().slice(0, 10) : str('date');
    if (!date || !/^\d{4}-\d\d-\d\d$/.test(date)) problems.push(`${where}: "date" must be YYYY-MM-DD`);
    if (r.depth !== 'events' && r.depth !== 'verdict') problems.push(`${where}: "depth" must be events or verdict`);
    const read = Array.isArray(r.read) ? r.read.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
    if (read.length === 0) problems.push(`${where}: "read" must list the sources the traces were read against`);
    const files = r.files && typeof r.files === 'object' ? (r.files as Record<string, unknown>) : {};
    if (Object.keys(files).length === 0) problems.push(`${where}: "files" lists no golden file`);
    for (const [path, hash] of Object.entries(files)) {
      if (typeof hash !== 'string' || !/^[0-9a-f]{16}$/.test(hash)) problems.push(`${where}: ${path}: the hash must be 16 hex digits`);
    }
    reviews.push({ id: str('id') ?? '', by: str('by') ?? '', date: date ?? '', depth: r.depth as Review['depth'], read, note: str('note') ?? '', files: files as Record<string, string> });
  }
  return { reviews, problems };
}
