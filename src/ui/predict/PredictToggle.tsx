// The predict-mode switch in the scenario header, with the session's running score while it is on.
import { Lightbulb } from 'lucide-react';
import { predictStore, useT } from '../labStore';
import { usePredict } from './usePredict';

export function PredictToggle() {
  const t = useT();
  const enabled = usePredict((p) => p.enabled);
  const score = usePredict((p) => p.score);
  return (
    <div className="flex shrink-0 items-center gap-2 text-xs">
      <button
        type="button"
        aria-pressed={enabled}
        title={t('predict.toggleHint')}
        data-testid="predict-toggle"
        onClick={() => predictStore.getState().dispatch({ type: 'enable', enabled: !enabled })}
        className={`inline-flex items-center gap-1 rounded-md border px-2 py-1 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-500 ${
          enabled
            ? 'border-amber-400 bg-amber-50 font-medium text-amber-900 dark:border-amber-400/60 dark:bg-amber-400/10 dark:text-amber-200'
            : 'border-slate-300 text-slate-600 hover:border-slate-400 dark:border-slate-700 dark:text-slate-300'
        }`}
      >
        <Lightbulb aria-hidden className="size-3.5" />
        {t('predict.toggle')}
      </button>
      {enabled && (
        <span data-testid="predict-score" aria-live="polite" className="text-slate-600 tabular-nums dark:text-slate-300">
          {t('predict.score', { ...score })}
        </span>
      )}
    </div>
  );
}
