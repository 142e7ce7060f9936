// The bundled scenarios, as a list to choose from.
import { pick } from '../i18n/index';
import { describeKey } from '../store/lab';
import { Chip } from './Badges';
import { useLab, useT } from './labStore';

export function ScenarioList() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const sources = useLab((s) => s.sources);
  const described = useLab((s) => s.described);
  const selected = useLab((s) => s.file);
  const select = useLab((s) => s.selectScenario);

  return (
    <nav aria-label={t('scenarios.heading')}>
      <h2 className="mb-2 px-2 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{t('scenarios.heading')}</h2>
      {sources.length === 0 && <p className="px-2 text-sm text-slate-500">{t('scenarios.none')}</p>}
      <ul className="space-y-1">
        {sources.map((source) => {
          const d = described[describeKey(source.file, undefined)];
          const active = source.file === selected;
          return (
            <li key={source.file}>
              <button
                type="button"
                onClick={() => void select(source.file)}
                aria-current={active ? 'true' : undefined}
                className={`w-full rounded-md px-2 py-2 text-left transition-colors ${
                  active
                    ? 'bg-sky-100 text-sky-900 dark:bg-sky-500/15 dark:text-sky-100'
                    : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'
                }`}
              >
                <div className="text-sm font-medium">{d?.status === 'ready' ? pick(d.scenario.title, lang) : source.file.replace(/^scenarios\//, '')}</div>
                <div className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-500 dark:text-slate-400">
                  {(!d || d.status === 'loading') && t('scenarios.loading')}
                  {d?.status === 'ready' && d.scenario.tags.slice(0, 3).map((tag) => <span key={tag}>#{tag}</span>)}
                  {(d?.status === 'invalid' || d?.status === 'failed' || (d?.status === 'ready' && d.buildErrors.length > 0)) && (
                    <Chip tone="red">{t('scenarios.invalid')}</Chip>
                  )}
                </div>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
