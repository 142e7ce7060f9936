// The scenario catalogue: search, the tag filter grouped by kind, and the scenarios as a
// learning path, track by track, each a card with its level, summary, tags and the articles its
// facts come from. Shown in the header's scenario picker.
import { Search } from 'lucide-react';
import { useMemo, useState } from 'react';
import { pick, type MessageKey } from '../../i18n/index';
import { TRACKS } from '../../scenario/track';
import { describeKey } from '../../store/lab';
import { MyLabs } from '../editor/MyLabs';
import { isMyLab } from '../editor/model/myLabs';
import { useLab, useT } from '../labStore';
import { articlesText, catalogueGroups, type CatalogueEntry, filterCatalogue, tagText } from '../model/catalogue';
import { peekPlace } from '../model/learningPath';
import { groupTags, uniqueTags } from '../model/tags';
import { Chip } from './Badges';

const chip = (pressed: boolean) =>
  `rounded-full px-2 py-0.5 text-[11px] transition-colors ${
    pressed ? 'bg-sky-700 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-300 dark:hover:bg-slate-700'
  }`;

export function Catalogue({ onPick }: { onPick?: () => void }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const sources = useLab((s) => s.sources);
  const described = useLab((s) => s.described);
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState<string | undefined>();

  const entries: CatalogueEntry[] = useMemo(
    () =>
      // the user's own labs are listed apart, under My labs
      sources.filter((s) => !isMyLab(s.file)).map((s) => {
        const d = described[describeKey(s.file, undefined)];
        return { file: s.file, place: peekPlace(s.text), ...(d?.status === 'ready' ? { scenario: d.scenario } : {}) };
      }),
    [sources, described],
  );
  const shown = filterCatalogue(entries, query, tag);
  const tagGroups = useMemo(() => groupTags(entries.map((e) => e.scenario?.tags ?? [])), [entries]);
  const labels = useMemo(() => new Map(tagGroups.flatMap((g) => g.tags.map((tg) => [tg.key, tg.label] as const))), [tagGroups]);

  return (
    <nav aria-label={t('scenarios.heading')} data-testid="catalogue" className="flex min-h-0 flex-1 flex-col gap-2">
      <div className="relative">
        <Search className="pointer-events-none absolute top-2 left-2 h-3.5 w-3.5 text-slate-400" aria-hidden />
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label={t('catalogue.search')}
          placeholder={t('catalogue.searchPlaceholder')}
          autoFocus
          className="w-full rounded-md border border-slate-300 bg-white py-1.5 pr-2 pl-7 text-sm placeholder:text-slate-500 focus:border-sky-500 focus:outline-none dark:border-slate-700 dark:bg-slate-900 dark:placeholder:text-slate-400"
        />
      </div>
      {tagGroups.length > 0 && (
        <div role="group" aria-label={t('catalogue.tags')} data-testid="tag-filter" className="space-y-1">
          <button type="button" aria-pressed={tag === undefined} onClick={() => setTag(undefined)} className={chip(tag === undefined)}>
            {t('catalogue.allTags')}
          </button>
          {tagGroups.map((g) => (
            <div key={g.kind} role="group" aria-label={t(`tagKind.${g.kind}` as MessageKey)} className="flex flex-wrap items-baseline gap-1">
              <span aria-hidden className="w-24 shrink-0 text-[11px] text-slate-600 dark:text-slate-400">
                {t(`tagKind.${g.kind}` as MessageKey)}
              </span>
              {g.tags.map((tg) => (
                <button key={tg.key} type="button" aria-pressed={tag === tg.key} onClick={() => setTag(tag === tg.key ? undefined : tg.key)} className={chip(tag === tg.key)}>
                  #{tagText(tg.key, tg.label, lang)}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
      {sources.length === 0 && <p className="px-1 text-sm text-slate-600 dark:text-slate-400">{t('scenarios.none')}</p>}
      {sources.length > 0 && shown.length === 0 && <p className="px-1 text-sm text-slate-600 dark:text-slate-400">{t('catalogue.noMatch')}</p>}
      {/* the list takes what the window leaves below the filter, so its last lab can be scrolled to */}
      <div className="min-h-0 flex-1 space-y-3 overflow-y-auto p-0.5" data-testid="catalogue-path">
        <MyLabs onPick={onPick} />
        {catalogueGroups(shown).map((group) => {
          const id = `track-${group.track ?? 'other'}`;
          return (
            <section key={id} aria-labelledby={id} data-track={group.track ?? ''}>
              <h3 id={id} className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
                {group.track ? t('track.heading', { n: TRACKS.indexOf(group.track) + 1, track: t(`track.${group.track}`) }) : t('track.other')}
              </h3>
              <ul className="grid gap-2 sm:grid-cols-2">
                {group.items.map((entry) => (
                  <li key={entry.file}>
                    <ScenarioCard entry={entry} labels={labels} onPick={onPick} />
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </nav>
  );
}

function ScenarioCard({ entry, labels, onPick }: { entry: CatalogueEntry; labels: ReadonlyMap<string, string>; onPick?: () => void }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const d = useLab((s) => s.described[describeKey(entry.file, undefined)]);
  const active = useLab((s) => s.file === entry.file);
  const select = useLab((s) => s.selectScenario);
  const { file, scenario, place } = entry;
  return (
    <button
      type="button"
      onClick={() => {
        onPick?.();
        void select(file);
      }}
      aria-current={active ? 'true' : undefined}
      data-scenario={file.replace(/^.*\//, '').replace(/\.ya?ml$/, '')}
      className={`h-full w-full rounded-lg border px-3 py-2.5 text-left transition-colors ${
        active
          ? 'border-sky-400 bg-sky-50 text-sky-950 dark:border-sky-500/60 dark:bg-sky-500/15 dark:text-sky-50'
          : 'border-slate-200 text-slate-700 hover:border-sky-300 hover:bg-slate-50 dark:border-slate-700 dark:text-slate-300 dark:hover:bg-slate-800/70'
      }`}
    >
      <div className="flex items-start justify-between gap-2">
        <span className="text-sm leading-snug font-medium">{scenario ? pick(scenario.title, lang) : file.replace(/^scenarios\//, '')}</span>
        {place?.level !== undefined && (
          <span data-level={place.level} className="shrink-0 rounded-full bg-slate-100 px-1.5 py-0.5 text-[10px] font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-300">
            <span className="sr-only">{t('level.label', { n: place.level, name: t(`level.${place.level}` as MessageKey) })}</span>
            <span aria-hidden data-testid="level">
              {t(`level.${place.level}` as MessageKey)}
            </span>
          </span>
        )}
      </div>
      {scenario && <p className="mt-1 line-clamp-2 text-xs text-slate-600 dark:text-slate-400">{pick(scenario.summary, lang)}</p>}
      <div className="mt-1 flex flex-wrap items-center gap-1 text-[11px] text-slate-600 dark:text-slate-400">
        {(!d || d.status === 'loading') && t('scenarios.loading')}
        {scenario &&
          uniqueTags(scenario.tags, labels)
            .slice(0, 4)
            .map((tg) => <span key={tg.key}>#{tagText(tg.key, tg.label, lang)}</span>)}
        {(d?.status === 'invalid' || d?.status === 'failed' || (d?.status === 'ready' && d.buildErrors.length > 0)) && <Chip tone="red">{t('scenarios.invalid')}</Chip>}
      </div>
      {scenario?.articles && scenario.articles.length > 0 && (
        <div className="mt-0.5 text-[11px] text-slate-600 dark:text-slate-400" data-testid="articles">
          {t('catalogue.source', { source: articlesText(scenario.articles, lang) })}
        </div>
      )}
    </button>
  );
}
