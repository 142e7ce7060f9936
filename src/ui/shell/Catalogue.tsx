// The scenario catalogue: search, tag filter, and each scenario as a card with its summary,
// tags and the article its facts come from. Shown in the header's scenario picker.
import { Search } from 'lucide-react';
import { useMemo, useState } from 'react';
import { pick } from '../../i18n/index';
import { describeKey } from '../../store/lab';
import { useLab, useT } from '../labStore';
import { catalogueTags, type CatalogueEntry, filterCatalogue } from '../model/catalogue';
import { Chip } from './Badges';

export function Catalogue({ onPick }: { onPick?: () => void }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const sources = useLab((s) => s.sources);
  const described = useLab((s) => s.described);
  const selected = useLab((s) => s.file);
  const select = useLab((s) => s.selectScenario);
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState<string | undefined>();

  const entries: CatalogueEntry[] = useMemo(
    () =>
      sources.map((s) => {
        const d = described[describeKey(s.file, undefined)];
        return d?.status === 'ready' ? { file: s.file, scenario: d.scenario } : { file: s.file };
      }),
    [sources, described],
  );
  const shown = filterCatalogue(entries, query, tag);
  const tags = catalogueTags(entries);

  return (
    <nav aria-label={t('scenarios.heading')} data-testid="catalogue" className="space-y-2">
      <div className="relative">
        <Search className="pointer-events-none absolute top-2 left-2 h-3.5 w-3.5 text-slate-400" aria-hidden />
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label={t('catalogue.search')}
          placeholder={t('catalogue.searchPlaceholder')}
          autoFocus
          className="w-full rounded-md border border-slate-300 bg-white py-1.5 pr-2 pl-7 text-sm placeholder:text-slate-400 focus:border-sky-500 focus:outline-none dark:border-slate-700 dark:bg-slate-900"
        />
      </div>
      {tags.length > 0 && (
        <div role="group" aria-label={t('catalogue.tags')} className="flex flex-wrap gap-1">
          {[undefined, ...tags].map((tg) => (
            <button
              key={tg ?? ''}
              type="button"
              aria-pressed={tag === tg}
              onClick={() => setTag(tg)}
              className={`rounded-full px-2 py-0.5 text-[11px] transition-colors ${
                tag === tg
                  ? 'bg-sky-600 text-white'
                  : 'bg-slate-100 text-slate-600 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-300 dark:hover:bg-slate-700'
              }`}
            >
              {tg === undefined ? t('catalogue.allTags') : `#${tg}`}
            </button>
          ))}
        </div>
      )}
      {sources.length === 0 && <p className="px-1 text-sm text-slate-500">{t('scenarios.none')}</p>}
      {sources.length > 0 && shown.length === 0 && <p className="px-1 text-sm text-slate-500">{t('catalogue.noMatch')}</p>}
      <ul className="grid max-h-[60vh] gap-2 overflow-y-auto p-0.5 sm:grid-cols-2">
        {shown.map(({ file, scenario }) => {
          const d = described[describeKey(file, undefined)];
          const active = file === selected;
          return (
            <li key={file}>
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
                <div className="text-sm leading-snug font-medium">{scenario ? pick(scenario.title, lang) : file.replace(/^scenarios\//, '')}</div>
                {scenario && <p className="mt-1 line-clamp-2 text-xs text-slate-500 dark:text-slate-400">{pick(scenario.summary, lang)}</p>}
                <div className="mt-1 flex flex-wrap items-center gap-1 text-[11px] text-slate-500 dark:text-slate-400">
                  {(!d || d.status === 'loading') && t('scenarios.loading')}
                  {scenario?.tags.slice(0, 4).map((tg) => <span key={tg}>#{tg}</span>)}
                  {(d?.status === 'invalid' || d?.status === 'failed' || (d?.status === 'ready' && d.buildErrors.length > 0)) && (
                    <Chip tone="red">{t('scenarios.invalid')}</Chip>
                  )}
                </div>
                {scenario?.source && (
                  <div className="mt-0.5 truncate text-[11px] text-slate-400 dark:text-slate-500" title={scenario.source}>
                    {t('catalogue.source', { source: scenario.source })}
                  </div>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
