// The top of the inspector for one step: which step of how many, where it happens (machine,
// namespace, device), the kernel function in mono, its kind and the summary in the page's
// language.
import type { Step } from '../model/steps';
import { eventText } from '../../i18n/trace';
import { useLab, useT } from '../labStore';
import { KindIcon } from './KindIcon';
import { Chip } from './parts';

const KIND_TONE = {
  drop: 'text-rose-600 bg-rose-50 ring-rose-600/20 dark:text-rose-300 dark:bg-rose-500/10 dark:ring-rose-400/30',
  deliver: 'text-emerald-700 bg-emerald-50 ring-emerald-600/20 dark:text-emerald-300 dark:bg-emerald-500/10 dark:ring-emerald-400/30',
  other: 'text-sky-700 bg-sky-50 ring-sky-600/20 dark:text-sky-300 dark:bg-sky-500/10 dark:ring-sky-400/30',
} as const;

export function StepHeader({ step, total }: { step: Step; total: number }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const { event } = step;
  const tone = step.kind === 'drop' || step.isDrop ? KIND_TONE.drop : step.kind === 'deliver' ? KIND_TONE.deliver : KIND_TONE.other;
  return (
    <div className="space-y-2.5" data-testid="inspector-step" data-step={step.index}>
      <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
        <span>{t('inspector.step.position', { n: step.index + 1, total })}</span>
        <Chip tone="slate" mono>
          {t('inspector.step.packet', { name: step.leg.packet })}
        </Chip>
      </div>
      <div className="flex items-start gap-3">
        <span className={`mt-0.5 inline-flex size-8 shrink-0 items-center justify-center rounded-lg ring-1 ring-inset ${tone}`} title={t(`inspector.kind.${step.kind}`)}>
          <KindIcon kind={step.kind} />
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-baseline gap-x-2">
            <code className="font-mono text-sm font-semibold break-all text-slate-900 dark:text-slate-50" data-testid="kernel-step" aria-label={`${t('inspector.step.kernel')}: ${step.label}`}>
              {step.label}
            </code>
            <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="step-kind">
              {t(`inspector.kind.${step.kind}`)}
            </span>
          </div>
          <p className="mt-1 text-sm leading-snug text-slate-800 dark:text-slate-200" data-testid="step-summary">
            {eventText(event, lang)}
          </p>
        </div>
      </div>
      <div role="group" className="flex flex-wrap items-center gap-1.5 text-xs" aria-label={t('inspector.step.where')} data-testid="step-where">
        <span className="rounded-md bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700 dark:bg-slate-800 dark:text-slate-200">{event.at.machine}</span>
        <span aria-hidden="true" className="text-slate-400">/</span>
        <span className="rounded-md bg-slate-100 px-1.5 py-0.5 text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          {event.at.netns ? <span className="font-mono">{event.at.netns}</span> : t('inspector.step.root')}
        </span>
        {event.at.dev && (
          <>
            <span aria-hidden="true" className="text-slate-400">/</span>
            <span className="rounded-md bg-slate-100 px-1.5 py-0.5 font-mono text-slate-700 dark:bg-slate-800 dark:text-slate-200">{event.at.dev}</span>
          </>
        )}
      </div>
    </div>
  );
}
