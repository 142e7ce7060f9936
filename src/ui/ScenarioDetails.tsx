// The chosen scenario: summary, variant picker, flows, and the chosen flow's trace.
import { pick } from '../i18n/index';
import { currentDescribed } from '../store/lab';
import { Chip } from './Badges';
import { ErrorList, FailureNote } from './ErrorList';
import { FlowList } from './FlowList';
import { useLab, useT } from './labStore';
import { TraceView } from './TraceView';

export function ScenarioDetails() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const described = useLab(currentDescribed);
  const file = useLab((s) => s.file);

  if (file === undefined) return <p className="text-slate-500">{t('scenario.choose')}</p>;
  if (!described || described.status === 'loading') return <p className="text-slate-500">{t('scenarios.loading')}</p>;
  if (described.status === 'failed') return <FailureNote message={t('engine.error', { message: described.message })} />;
  if (described.status === 'invalid') {
    return <ErrorList title={t('scenario.errors')} errors={described.errors} buildErrors={described.buildErrors} />;
  }

  const { scenario } = described;
  return (
    <div className="space-y-6">
      <header>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{pick(scenario.title, lang)}</h1>
        <p className="mt-2 max-w-3xl leading-relaxed text-slate-600 dark:text-slate-300">{pick(scenario.summary, lang)}</p>
        <div className="mt-3 flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
          {scenario.tags.map((tag) => (
            <Chip key={tag} tone="slate">
              {tag}
            </Chip>
          ))}
          <span>
            {t('scenario.machines')}: {scenario.machines.map((m) => m.name).join(', ')}
          </span>
          {scenario.source && (
            <span>
              {t('scenario.source')}: {scenario.source}
            </span>
          )}
        </div>
      </header>

      <VariantPicker />
      <ErrorList title={t('scenario.buildErrors')} buildErrors={described.buildErrors} />

      <div className="grid gap-6 lg:grid-cols-[minmax(16rem,22rem)_1fr]">
        <FlowList flows={scenario.flows} expectations={described.expectations} />
        <TraceView />
      </div>
    </div>
  );
}

function VariantPicker() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const described = useLab(currentDescribed);
  const variant = useLab((s) => s.variant);
  const select = useLab((s) => s.selectVariant);
  if (described?.status !== 'ready' || described.scenario.variants.length === 0) return null;
  const { variants } = described.scenario;
  const chosen = variants.find((v) => v.id === variant);
  const options = [{ id: undefined, label: t('variant.base') }, ...variants.map((v) => ({ id: v.id, label: pick(v.title, lang) }))];

  return (
    <section aria-labelledby="variant-heading">
      <h2 id="variant-heading" className="mb-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">
        {t('variant.heading')}
      </h2>
      <div role="radiogroup" aria-labelledby="variant-heading" className="flex flex-wrap gap-2">
        {options.map((o) => {
          const active = o.id === variant;
          return (
            <button
              key={o.id ?? ''}
              type="button"
              role="radio"
              aria-checked={active}
              onClick={() => void select(o.id)}
              className={`rounded-md border px-3 py-1.5 text-sm transition-colors ${
                active
                  ? 'border-sky-500 bg-sky-500 text-white shadow-sm'
                  : 'border-slate-300 bg-white text-slate-700 hover:border-sky-400 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200'
              }`}
            >
              {o.label}
            </button>
          );
        })}
      </div>
      {chosen?.explain && <p className="mt-2 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{pick(chosen.explain, lang)}</p>}
    </section>
  );
}
