// Before the first step: the flow, the verdict and outcome of the whole conversation, and a
// nudge to press play.
import { CircleCheck, CircleX, Play } from 'lucide-react';
import { traceDrop } from '../../engine/trace/expectation';
import type { Flow, Trace } from '../../engine/trace/types';
import { pick } from '../../i18n/index';
import { outcomeText } from '../../i18n/trace';
import { playbackStore, stepsFor, useLab, useT } from '../labStore';
import { useConcealed } from '../predict/usePredict';
import { Chip, namespaceLabel } from './parts';

export function flowText(flow: Flow): string {
  const to = flow.to.port !== undefined ? `${flow.to.addr}:${flow.to.port}` : flow.to.addr;
  return `${namespaceLabel(flow.from.machine, flow.from.netns)} → ${to} ${flow.protocol}`;
}

export function Overview({ trace }: { trace: Trace }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const steps = stepsFor(trace).length;
  const drop = traceDrop(trace);
  const delivered = trace.verdict === 'delivered';
  const title = pick(trace.flow.title, lang);
  // predict mode: the verdict and what the client sees wait for the learner's guess
  const concealed = useConcealed();
  return (
    <div className="space-y-3" data-testid="inspector-overview">
      <h3 className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{t('inspector.overview.title')}</h3>
      <dl className="grid grid-cols-[auto_1fr] items-baseline gap-x-3 gap-y-1.5 text-sm">
        <dt className="text-xs text-slate-500 dark:text-slate-400">{t('inspector.overview.flow')}</dt>
        <dd className="min-w-0">
          {title && <div className="text-slate-800 dark:text-slate-100">{title}</div>}
          <code className="font-mono text-xs break-all text-slate-600 dark:text-slate-300">{flowText(trace.flow)}</code>
        </dd>
        <dt className="text-xs text-slate-500 dark:text-slate-400">{t('inspector.overview.verdict')}</dt>
        {concealed ? (
          <dd className="text-xs text-slate-500 italic dark:text-slate-400" data-testid="overview-verdict-hidden">
            {t('predict.hidden')}
          </dd>
        ) : (
        <dd className="flex flex-wrap items-center gap-1.5" data-testid="overview-verdict" data-verdict={trace.verdict}>
          <Chip tone={delivered ? 'green' : 'red'}>
            {delivered ? <CircleCheck aria-hidden="true" className="size-3.5" /> : <CircleX aria-hidden="true" className="size-3.5" />}
            {t(delivered ? 'inspector.verdict.delivered' : 'inspector.verdict.dropped')}
          </Chip>
          {drop && (
            <Chip tone="red" mono>
              {drop.reason}
            </Chip>
          )}
        </dd>
        )}
        {!concealed && (
          <>
            <dt className="text-xs text-slate-500 dark:text-slate-400">{t('inspector.overview.outcome')}</dt>
            <dd className="font-mono text-xs text-slate-700 dark:text-slate-200">{outcomeText(trace.outcome, lang)}</dd>
          </>
        )}
      </dl>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t('inspector.overview.size', { steps, packets: trace.legs.length })}</p>
      <div className="flex items-center gap-3 rounded-lg border border-dashed border-slate-300 p-2.5 dark:border-slate-700">
        <button
          type="button"
          onClick={() => playbackStore.getState().dispatch({ type: 'play' })}
          className="inline-flex shrink-0 items-center gap-1.5 rounded-lg bg-sky-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-sky-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:bg-sky-500 dark:text-sky-950 dark:hover:bg-sky-400"
        >
          <Play aria-hidden="true" className="size-4" />
          {t('inspector.play')}
        </button>
        <p className="text-xs text-slate-600 dark:text-slate-300">{t('inspector.overview.hint')}</p>
      </div>
    </div>
  );
}
