// The chosen scenario: title, summary, tags, source article, and the variant switcher with
// what the chosen variant changes.
import { ChevronDown } from 'lucide-react';
import { pick } from '../../i18n/index';
import { useDescribed, useLab, useT } from '../labStore';
import { PredictToggle } from '../predict/PredictToggle';
import { articlesText, tagText } from '../model/catalogue';
import { uniqueTags } from '../model/tags';
import { Chip } from './Badges';
import { ErrorList, FailureNote, WarningList } from './ErrorList';
import { VariantChanges } from './VariantChanges';

export function ScenarioHeader() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const described = useDescribed();
  const file = useLab((s) => s.file);

  if (file === undefined) return <p className="text-sm text-slate-500">{t('scenario.choose')}</p>;
  if (!described || described.status === 'loading') return <p className="text-sm text-slate-500">{t('scenarios.loading')}</p>;
  if (described.status === 'failed') return <FailureNote message={t('engine.error', { message: described.message })} />;
  if (described.status === 'invalid') {
    return <ErrorList title={t('scenario.errors')} errors={described.errors} buildErrors={described.buildErrors} />;
  }
  const { scenario } = described;
  return (
    <header className="space-y-2" data-testid="scenario-header">
      <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <div className="min-w-0 flex-[1_1_16rem]">
          <h1 className="text-lg leading-tight font-semibold tracking-tight text-slate-900 dark:text-white">{pick(scenario.title, lang)}</h1>
          <p className="mt-1 line-clamp-2 max-w-4xl text-sm leading-relaxed text-slate-600 dark:text-slate-300" title={pick(scenario.summary, lang)}>
            {pick(scenario.summary, lang)}
          </p>
        </div>
        {/* may shrink: a long variant name wraps rather than widening the page */}
        <div className="flex min-w-0 max-w-full flex-col items-end gap-1.5">
          <VariantSwitcher />
          <PredictToggle />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-1.5 text-[11px] text-slate-500 dark:text-slate-400">
        {uniqueTags(scenario.tags).map((tag) => (
          <Chip key={tag.key} tone="slate">
            {tagText(tag.key, tag.label, lang)}
          </Chip>
        ))}
        {scenario.articles && scenario.articles.length > 0 && (
          <span className="ml-1" data-testid="scenario-articles">
            {t('catalogue.source', { source: articlesText(scenario.articles, lang) })}
          </span>
        )}
      </div>
      <VariantExplain />
      <VariantChanges />
      <ErrorList title={t('scenario.buildErrors')} buildErrors={described.buildErrors} />
      <WarningList title={t('scenario.warnings')} warnings={described.buildWarnings} lang={lang} />
    </header>
  );
}

function VariantSwitcher() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const described = useDescribed();
  const variant = useLab((s) => s.variant);
  const select = useLab((s) => s.selectVariant);
  // the Matrix view has its own, right above the table
  const matrix = useLab((s) => s.view === 'matrix');
  if (matrix || described?.status !== 'ready' || described.scenario.variants.length === 0) return null;
  const chosen = described.scenario.variants.find((v) => v.id === variant);
  // The native select stays the control (keyboard, screen readers, the browser's own list), laid
  // transparent over the chosen variant's name, which wraps: a long name is shown whole.
  return (
    <label className="flex min-w-0 items-start gap-2 text-xs text-slate-600 sm:max-w-md dark:text-slate-400">
      <span className="pt-1.5">{t('variant.heading')}</span>
      <span className="relative block min-w-0 flex-1 rounded-md border border-slate-300 bg-white focus-within:border-sky-500 focus-within:ring-2 focus-within:ring-sky-500/40 dark:border-slate-700 dark:bg-slate-900">
        <span aria-hidden data-testid="variant-name" className="block py-1 pr-7 pl-2 text-sm break-words whitespace-normal text-slate-900 dark:text-slate-100">
          {chosen ? pick(chosen.title, lang) : t('variant.base')}
        </span>
        <ChevronDown aria-hidden className="pointer-events-none absolute top-2 right-2 h-3.5 w-3.5 text-slate-500" />
        <select
          value={variant ?? ''}
          onChange={(e) => void select(e.target.value || undefined)}
          data-testid="variant"
          className="absolute inset-0 h-full w-full cursor-pointer appearance-none opacity-0"
        >
          <option value="">{t('variant.base')}</option>
          {described.scenario.variants.map((v) => (
            <option key={v.id} value={v.id}>
              {pick(v.title, lang)}
            </option>
          ))}
        </select>
      </span>
    </label>
  );
}

function VariantExplain() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const described = useDescribed();
  const variant = useLab((s) => s.variant);
  if (described?.status !== 'ready' || variant === undefined) return null;
  const chosen = described.scenario.variants.find((v) => v.id === variant);
  if (!chosen?.explain) return null;
  return (
    <p
      aria-label={t('variant.explain')}
      data-testid="variant-explain"
      className="max-w-4xl rounded-md border-l-2 border-amber-400 bg-amber-50 px-3 py-1.5 text-sm text-amber-950 dark:bg-amber-500/10 dark:text-amber-100"
    >
      {pick(chosen.explain, lang)}
    </p>
  );
}
