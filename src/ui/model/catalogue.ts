// The scenario catalogue: search (by title and summary in both languages, id, tags and the
// articles the scenario comes from), the tag filter, the learning-path groups, and the words
// the cards show for tags and articles. Pure.
import { t, pick, type Lang, type MessageKey } from '../../i18n/index';
import { en } from '../../i18n/messages';
import type { ArticleRef } from '../../scenario/model';
import type { ScenarioView } from '../../worker/protocol';
import { pathGroups, type PathGroup, type PathPlace } from './learningPath';
import { tagKey } from './tags';

export interface CatalogueEntry {
  readonly file: string;
  /** undefined while the worker has not described the file yet, or when it has errors. */
  readonly scenario?: ScenarioView;
  /** where the file sits on the learning path (read from its text, so known before the worker answers) */
  readonly place?: PathPlace;
}

function haystack(e: CatalogueEntry): string {
  const s = e.scenario;
  if (!s) return e.file.toLowerCase();
  const articles = (s.articles ?? []).flatMap((a) => [a.title.en, a.title['zh-CN'], a.part?.en ?? '', a.part?.['zh-CN'] ?? '']);
  return [e.file, s.id, s.title.en, s.title['zh-CN'], s.summary.en, s.summary['zh-CN'], s.source, ...articles, ...s.tags, ...s.tags.map(tagKey)].join('\n').toLowerCase();
}

/** Entries whose text has every word of `query` and which carry the tag of key `tag` (when given), in their order. */
export function filterCatalogue(entries: readonly CatalogueEntry[], query: string, tag?: string): CatalogueEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((e) => (!tag || e.scenario?.tags.some((tg) => tagKey(tg) === tag)) && words.every((w) => haystack(e).includes(w)));
}

/** The entries cut into the learning path's tracks (the entries are in path order already). */
export function catalogueGroups(entries: readonly CatalogueEntry[]): PathGroup<CatalogueEntry>[] {
  return pathGroups(entries, (e) => e.place ?? {});
}

/** A tag as the page shows it: its name in `lang` where the tag is a word, else its own spelling. */
export function tagText(key: string, label: string, lang: Lang): string {
  const msg = `tag.${key}`;
  return msg in en ? t(lang, msg as MessageKey) : label;
}

/** "From" line: each article by its title (and the part used), never by file name. */
export function articlesText(articles: readonly ArticleRef[], lang: Lang): string {
  return articles
    .map((a) => (a.part ? t(lang, 'catalogue.articlePart', { title: pick(a.title, lang), part: pick(a.part, lang) }) : t(lang, 'catalogue.articleTitle', { title: pick(a.title, lang) })))
    .join(t(lang, 'catalogue.articleSep'));
}
