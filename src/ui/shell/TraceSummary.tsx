// One line above the canvas: the flow, its verdict and outcome, whether it met the scenario's
// expectation; or why there is no trace. In predict mode, the question until the flow is guessed
// (no verdict shown), then the guess scored.
import { outcomeText } from '../../i18n/trace';
import { labStore, useLab, useT } from '../labStore';
import { PredictQuestion, PredictResult } from '../predict/PredictPanel';
import { useConcealed, usePredict } from '../predict/usePredict';
import { MetBadge, VerdictBadge } from './Badges';
import { ErrorList, FailureNote } from './ErrorList';
import { flowLabel } from './FlowList';

export function TraceSummary() {
  const t = useT();
  const state = useLab((s) => s.trace);
  const lang = useLab((s) => s.lang);
  const concealed = useConcealed();
  const predicting = usePredict((p) => p.enabled);
  return (
    <div
      aria-live="polite"
      data-testid="trace-summary"
      data-met={state.status === 'done' && state.met !== undefined ? String(state.met) : undefined}
      className="flex min-h-7 flex-wrap items-center gap-2 text-sm">
      {state.status === 'idle' && <span className="text-slate-500 dark:text-slate-400">{t('trace.choose')}</span>}
      {state.status === 'running' && (
        <>
          <span className="text-slate-500 dark:text-slate-400">{t('trace.running')}</span>
          <button
            type="button"
            data-testid="trace-cancel"
            title={t('trace.cancel.title')}
            onClick={() => labStore.getState().cancelTrace()}
            className="rounded border border-slate-300 px-2 text-xs text-slate-700 hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800">
            {t('trace.cancel')}
          </button>
        </>
      )}
      {state.status === 'failed' && state.cancelled && <span data-testid="trace-cancelled" className="text-amber-700 dark:text-amber-300">{t('trace.cancelled')}</span>}
      {state.status === 'failed' && !state.cancelled && <FailureNote message={`${t('trace.failed')}: ${state.message}`} />}
      {state.status === 'invalid' && <ErrorList title={t('trace.failed')} errors={state.errors} buildErrors={state.buildErrors} />}
      {state.status === 'done' && concealed && <PredictQuestion />}
      {state.status === 'done' && !concealed && predicting && <PredictResult />}
      {state.status === 'done' && !predicting && (
        <>
          <span data-testid="verdict" data-verdict={state.trace.verdict} data-trace-flow={state.trace.flow.id}>
            <VerdictBadge verdict={state.trace.verdict} />
          </span>
          <MetBadge met={state.met} />
          <span className="font-mono text-xs text-slate-700 dark:text-slate-200">{flowLabel(state.trace.flow)}</span>
          <span className="text-xs text-slate-500 dark:text-slate-400">
            {t('trace.outcome')} <code className="font-mono text-slate-700 dark:text-slate-200">{outcomeText(state.trace.outcome, lang)}</code>
          </span>
        </>
      )}
    </div>
  );
}
