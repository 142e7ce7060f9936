// The reachability matrix (docs/matrix.md): the layout (declared flows or all pairs) and the
// variant above, a one-line count and the legend, the table, and the article's notes under it.
// The worker computes it; a cell opens its conversation on the canvas and plays it.
import { LoaderCircle } from 'lucide-react';
import { useEffect } from 'react';
import { pick } from '../../i18n/index';
import type { MatrixMode } from '../../scenario/matrix';
import { matrixCounts } from '../../scenario/matrix';
import { currentMatrix } from '../../store/lab';
import { useDescribed, useLab, useT } from '../labStore';
import { articleNotes } from '../model/matrix';
import { ErrorList, FailureNote } from '../shell/ErrorList';
import { MatrixNotes } from './MatrixNotes';
import { MatrixTable } from './MatrixTable';

const MODES: readonly MatrixMode[] = ['declared', 'pairs'];

export function MatrixView() {
  const t = useT();
  const load = useLab(currentMatrix);
  const loadMatrix = useLab((s) => s.loadMatrix);
  const file = useLab((s) => s.file);
  const variant = useLab((s) => s.variant);
  const mode = useLab((s) => s.matrixMode);

  // the store asks when the view, variant or mode changes; this covers anything else that opens
  // the view (the store answers from its cache, or waits for the request already sent)
  useEffect(() => {
    void loadMatrix();
  }, [loadMatrix, file, variant, mode]);

  return (
    <section aria-labelledby="matrix-heading" className="flex h-full min-h-0 flex-col" data-testid="matrix-view" data-status={load?.status ?? 'loading'}>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <h2 id="matrix-heading" className="text-sm font-semibold text-slate-800 dark:text-slate-100">
          {t('matrix.heading')}
        </h2>
        <ModeSwitch />
        <VariantTabs />
      </div>
      <div className="min-h-0 flex-1 overflow-auto p-3" data-testid="matrix-scroll">
        {(load === undefined || load.status === 'loading') && (
          <p className="flex items-center gap-2 text-sm text-slate-500 dark:text-slate-400" role="status">
            <LoaderCircle className="size-4 animate-spin" aria-hidden />
            {t('matrix.loading')}
          </p>
        )}
        {load?.status === 'failed' && <FailureNote message={t('matrix.failed', { message: load.message })} />}
        {load?.status === 'invalid' && <ErrorList title={t('matrix.errors')} errors={load.errors} buildErrors={load.buildErrors} />}
        {load?.status === 'ready' && <Ready matrix={load.matrix} />}
      </div>
    </section>
  );
}

function Ready({ matrix }: { matrix: Parameters<typeof MatrixTable>[0]['matrix'] }) {
  const t = useT();
  const notes = articleNotes(matrix);
  const counts = matrixCounts(matrix);
  const total = counts.delivered + counts.dropped;
  if (total === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">{t(matrix.mode === 'pairs' ? 'matrix.empty.pairs' : 'matrix.empty.declared')}</p>;
  return (
    <div className="space-y-3">
      <p className="max-w-4xl text-xs leading-relaxed text-slate-600 dark:text-slate-300">{t(matrix.mode === 'pairs' ? 'matrix.caption.pairs' : 'matrix.caption.declared')}</p>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs" aria-live="polite" data-testid="matrix-summary">
        <span className="text-slate-700 dark:text-slate-200">{t('matrix.summary', { n: total, delivered: counts.delivered, dropped: counts.dropped })}</span>
        {counts.articleDiffers > 0 && (
          <span className="font-medium text-amber-700 dark:text-amber-300">
            {counts.articleDiffers === 1 ? t('matrix.summary.article.one') : t('matrix.summary.article', { n: counts.articleDiffers })}
          </span>
        )}
        {counts.notMet > 0 && <span className="font-medium text-amber-700 dark:text-amber-300">{t('matrix.summary.notMet', { n: counts.notMet })}</span>}
        <Legend pairs={matrix.mode === 'pairs'} />
      </div>
      <MatrixTable matrix={matrix} notes={notes} />
      <MatrixNotes matrix={matrix} notes={notes} />
    </div>
  );
}

function Legend({ pairs }: { pairs: boolean }) {
  const t = useT();
  const swatch = 'inline-block size-3 rounded-sm align-[-2px]';
  return (
    <span className="ml-auto flex flex-wrap items-center gap-x-3 gap-y-1 text-slate-500 dark:text-slate-400" aria-label={t('matrix.legend')}>
      <span>
        <span aria-hidden className={`${swatch} bg-emerald-100 ring-1 ring-emerald-500/40 dark:bg-emerald-500/20`} /> {t('matrix.legend.delivered')}
      </span>
      <span>
        <span aria-hidden className={`${swatch} bg-rose-100 ring-1 ring-rose-500/40 dark:bg-rose-500/20`} /> {t('matrix.legend.dropped')}
      </span>
      {!pairs && (
        <span>
          <span aria-hidden className={`${swatch} ring-2 ring-amber-500`} /> {t('matrix.legend.article')}
        </span>
      )}
      {pairs && (
        <span>
          <span aria-hidden className={`${swatch} bg-slate-200 opacity-60 dark:bg-slate-700`} /> {t('matrix.legend.self')}
        </span>
      )}
    </span>
  );
}

/** Declared flows or all pairs (a radio group). */
function ModeSwitch() {
  const t = useT();
  const mode = useLab((s) => s.matrixMode ?? 'declared');
  const setMode = useLab((s) => s.setMatrixMode);
  return (
    <div role="radiogroup" aria-label={t('matrix.mode')} className="flex shrink-0 rounded-md border border-slate-300 p-0.5 text-xs dark:border-slate-700" data-testid="matrix-mode">
      {MODES.map((m) => (
        <button
          key={m}
          type="button"
          role="radio"
          aria-checked={mode === m}
          data-mode={m}
          onClick={() => void setMode(m)}
          className={`rounded px-2 py-1 whitespace-nowrap transition-colors ${
            mode === m ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'
          }`}
        >
          {t(m === 'declared' ? 'matrix.mode.declared' : 'matrix.mode.pairs')}
        </button>
      ))}
    </div>
  );
}

/** The scenario as written and each variant, side by side: switching recomputes the table. */
function VariantTabs() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const described = useDescribed();
  const variant = useLab((s) => s.variant);
  const select = useLab((s) => s.selectVariant);
  if (described?.status !== 'ready' || described.scenario.variants.length === 0) return null;
  const options = [{ id: undefined, title: t('variant.base') }, ...described.scenario.variants.map((v) => ({ id: v.id, title: pick(v.title, lang) }))];
  return (
    <div role="radiogroup" aria-label={t('matrix.variants')} className="flex min-w-0 flex-wrap gap-1" data-testid="matrix-variants">
      {options.map((o) => {
        const active = o.id === variant;
        return (
          <button
            key={o.id ?? ''}
            type="button"
            role="radio"
            aria-checked={active}
            data-variant={o.id ?? ''}
            onClick={() => void select(o.id)}
            title={o.id}
            className={`max-w-full rounded-2xl border px-2.5 py-0.5 text-left text-xs break-words transition-colors ${
              active
                ? 'border-sky-500 bg-sky-50 font-medium text-sky-800 dark:border-sky-400 dark:bg-sky-500/15 dark:text-sky-200'
                : 'border-slate-300 text-slate-600 hover:border-sky-300 hover:text-slate-900 dark:border-slate-700 dark:text-slate-300 dark:hover:border-sky-700 dark:hover:text-white'
            }`}
          >
            {o.title}
          </button>
        );
      })}
    </div>
  );
}
