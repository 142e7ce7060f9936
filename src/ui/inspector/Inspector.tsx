// The inspector: everything about the step the playback shows — where it happens, the kernel
// step, the headers with what this step changed, what decided it, the tour's word on it, and
// a drop with its fix. Before the first step, the conversation as a whole.
import { BookOpen, LoaderCircle, TriangleAlert } from 'lucide-react';
import { eventKind } from '../../engine/trace/events';
import { traceDrop } from '../../engine/trace/expectation';
import type { Drop, Trace } from '../../engine/trace/types';
import { dropText } from '../../i18n/trace';
import { pick } from '../../i18n/index';
import { decidingEvent } from '../model/highlight';
import { endViewDrop, type Step } from '../model/steps';
import { useCurrentStep, useDescribed, useLab, useSteps, useT } from '../labStore';
import { useConcealed } from '../predict/usePredict';
import { DropBox } from './DropBox';
import { HeaderTree } from './HeaderTree';
import { MatchedBox } from './MatchedBox';
import { Overview } from './Overview';
import { Card, placeText } from './parts';
import { StepHeader } from './StepHeader';

export function Inspector() {
  const t = useT();
  const state = useLab((s) => s.trace);
  return (
    <Card aria-label={t('inspector.label')} data-testid="inspector" data-trace={state.status} className="p-3">
      <h2 className="sr-only">{t('inspector.label')}</h2>
      {state.status === 'idle' && <p className="text-sm text-slate-500 dark:text-slate-400">{t('inspector.trace.idle')}</p>}
      {state.status === 'running' && (
        <p className="flex items-center gap-2 text-sm text-slate-500 dark:text-slate-400">
          <LoaderCircle aria-hidden="true" className="size-4 animate-spin" />
          {t('inspector.trace.running')}
        </p>
      )}
      {state.status === 'failed' && <Problem text={state.cancelled ? t('trace.cancelled') : t('inspector.trace.failed', { message: state.message })} />}
      {state.status === 'invalid' && <Problem text={t('inspector.trace.invalid')} />}
      {state.status === 'done' && <TraceInspector trace={state.trace} />}
    </Card>
  );
}

function Problem({ text }: { text: string }) {
  return (
    <p className="flex items-start gap-2 text-sm text-amber-800 dark:text-amber-300">
      <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      {text}
    </p>
  );
}

function TraceInspector({ trace }: { trace: Trace }) {
  const step = useCurrentStep();
  const steps = useSteps();
  if (!step) return <Overview trace={trace} />;
  const last = step.index === steps.length - 1;
  // At the end of a dropped conversation, the flow's own drop (endViewDrop): in full where this
  // step is it, else again as the conversation's summary (the last step may be a later answer's death)
  const end = last ? endViewDrop(trace, steps) : undefined;
  const finalDrop = end && step.dropRole !== 'flow' ? end : undefined;
  return <StepInspector step={step} total={steps.length} trace={trace} finalDrop={finalDrop} />;
}

function StepInspector({ step, total, trace, finalDrop }: { step: Step; total: number; trace: Trace; finalDrop: Trace['legs'][number]['drop'] }) {
  const { event } = step;
  const deciding = decidingEvent(step);
  // predict mode: no drop box until the learner has guessed
  const concealed = useConcealed();
  return (
    <div className="space-y-4">
      <StepHeader step={step} total={total} />
      {!concealed && step.dropRole === 'flow' && step.leg.drop && <DropBox drop={step.leg.drop} flowId={trace.flow.id} />}
      {!concealed && step.dropRole === 'follow-on' && step.leg.drop && <FollowOnDrop drop={step.leg.drop} packet={step.leg.packet} trace={trace} />}
      <TourNote trace={trace} step={step} />
      {deciding && <MatchedBox event={deciding} kind={eventKind(deciding.code)} trace={trace} seq={event.seq} />}
      <HeaderTree packet={event.packet} previous={step.previous?.packet} changes={event.changes} />
      {!concealed && finalDrop && <DropBox drop={finalDrop} flowId={trace.flow.id} summary />}
    </div>
  );
}

/** A later packet's death (an answer the kernel sent back), subordinate to the flow's own drop. */
function FollowOnDrop({ drop, packet, trace }: { drop: Drop; packet: string; trace: Trace }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const flow = traceDrop(trace);
  return (
    <div data-testid="drop-follow-on" className="rounded-xl border border-dashed border-rose-300 p-3 text-sm dark:border-rose-500/40">
      <p className="text-xs font-medium text-rose-700 dark:text-rose-300">{t('inspector.drop.followOn', { packet })}</p>
      <p className="mt-1">
        <code data-testid="drop-follow-on-reason" className="font-mono text-xs font-semibold">
          {drop.reason}
        </code>{' '}
        <span className="font-mono text-xs">{placeText(drop.at)}</span>
        {drop.cause && <span className="mt-1 block text-slate-700 dark:text-slate-200">{dropText(drop, lang)}</span>}
      </p>
      {flow && <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">{t('inspector.drop.followOnNote', { reason: flow.reason, at: placeText(flow.at) })}</p>}
    </div>
  );
}

/** The scenario's tour text for this step of this flow, if it has one. */
function TourNote({ trace, step }: { trace: Trace; step: Step }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const described = useDescribed();
  if (described?.status !== 'ready') return null;
  const notes = described.scenario.tour.filter((x) => x.flow === trace.flow.id && (x.at === step.event.fn || x.at === step.label));
  if (notes.length === 0) return null;
  return (
    <aside data-testid="tour" className="flex gap-2 rounded-lg border border-violet-200 bg-violet-50 p-2.5 text-sm text-violet-950 dark:border-violet-500/30 dark:bg-violet-500/10 dark:text-violet-100">
      <BookOpen aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-violet-600 dark:text-violet-300" />
      <div>
        <div className="text-[11px] font-semibold tracking-wide text-violet-700 uppercase dark:text-violet-300">{t('inspector.tour')}</div>
        {notes.map((n, i) => (
          <p key={i} className="mt-0.5 leading-snug">
            {pick(n.text, lang)}
          </p>
        ))}
      </div>
    </aside>
  );
}
