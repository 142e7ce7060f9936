// The chosen flow's trace as text: one card per leg, one row per kernel step with the
// route/rule that decided it, and the drop's reason, explanation and fix.
import type { Drop, Leg, Trace, TraceEvent } from '../engine/trace/types';
import { type Lang, pick } from '../i18n/index';
import { ExpectationText, MetBadge, VerdictBadge } from './Badges';
import { ErrorList, FailureNote } from './ErrorList';
import { flowLabel } from './FlowList';
import { useLab, useT } from './labStore';

function place(at: TraceEvent['at']): string {
  const ns = at.netns ? `${at.machine}/${at.netns}` : at.machine;
  return at.dev ? `${ns} ${at.dev}` : ns;
}

export function TraceView() {
  const t = useT();
  const state = useLab((s) => s.trace);
  const lang = useLab((s) => s.lang);

  return (
    <section aria-label="trace" aria-live="polite" className="min-w-0">
      {state.status === 'idle' && (
        <div className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700">
          {t('trace.choose')}
        </div>
      )}
      {state.status === 'running' && <p className="text-sm text-slate-500">{t('trace.running')}</p>}
      {state.status === 'failed' && <FailureNote message={`${t('trace.failed')}: ${state.message}`} />}
      {state.status === 'invalid' && <ErrorList title={t('trace.failed')} errors={state.errors} buildErrors={state.buildErrors} />}
      {state.status === 'done' && <TraceBody trace={state.trace} met={state.met} expectation={state.expectation} lang={lang} />}
    </section>
  );
}

function TraceBody({ trace, met, expectation, lang }: { trace: Trace; met?: boolean; expectation?: Parameters<typeof ExpectationText>[0]['expect']; lang: Lang }) {
  const t = useT();
  const drop = trace.legs.find((l) => l.verdict === 'dropped' && l.drop)?.drop;
  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-center gap-2">
        <VerdictBadge verdict={trace.verdict} />
        <MetBadge met={met} />
        <span className="font-mono text-sm text-slate-700 dark:text-slate-200">{flowLabel(trace.flow)}</span>
        {trace.outcome && <span className="text-sm text-slate-500 dark:text-slate-400">— {trace.outcome}</span>}
      </header>
      {expectation !== undefined && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {t('flows.expect')}: <ExpectationText expect={expectation} />
        </p>
      )}
      {trace.legs.map((leg, i) => (
        <LegCard key={i} leg={leg} lang={lang} />
      ))}
      {drop && <DropCard drop={drop} lang={lang} />}
    </div>
  );
}

function LegCard({ leg, lang }: { leg: Leg; lang: Lang }) {
  const t = useT();
  return (
    <article className="overflow-hidden rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <header className="flex items-center gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2 dark:border-slate-800 dark:bg-slate-800/50">
        <span className="font-mono text-sm font-semibold text-slate-900 dark:text-slate-100">{leg.packet}</span>
        <VerdictBadge verdict={leg.verdict} />
        <span className="ml-auto text-xs text-slate-500">{leg.events.length === 1 ? t('trace.events.one') : t('trace.events', { n: leg.events.length })}</span>
      </header>
      <ol className="divide-y divide-slate-100 dark:divide-slate-800">
        {leg.events.map((e) => (
          <li key={e.seq} className={`grid grid-cols-[2.5rem_1fr] gap-x-2 px-3 py-2 text-sm ${e.kind === 'drop' ? 'bg-rose-50 dark:bg-rose-950/30' : ''}`}>
            <span className="pt-0.5 text-right font-mono text-xs text-slate-400">{e.seq}</span>
            <div className="min-w-0">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5">
                <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{place(e.at)}</span>
                <span className="font-mono text-xs font-semibold text-sky-700 dark:text-sky-300">{e.step}</span>
              </div>
              <div className="text-slate-800 dark:text-slate-200">{pick(e.summary, lang)}</div>
              {e.matched && (
                <div className="mt-1 overflow-x-auto pl-3 font-mono text-xs whitespace-pre text-slate-500 dark:text-slate-400">
                  <span className="text-slate-400">{t('trace.matched')}: </span>
                  {e.matched}
                </div>
              )}
            </div>
          </li>
        ))}
      </ol>
    </article>
  );
}

function DropCard({ drop, lang }: { drop: Drop; lang: Lang }) {
  const t = useT();
  return (
    <aside className="rounded-lg border border-rose-200 bg-rose-50 p-4 dark:border-rose-900 dark:bg-rose-950/40">
      <h3 className="font-mono text-sm font-semibold text-rose-800 dark:text-rose-300">
        {t('drop.heading', { reason: drop.reason })} <span className="font-sans font-normal text-rose-600 dark:text-rose-400">{t('drop.at', { at: place(drop.at) })}</span>
      </h3>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm text-rose-950 dark:text-rose-100">
        <dt className="font-medium">{t('drop.why')}</dt>
        <dd>{pick(drop.explain, lang)}</dd>
        {drop.fix && (
          <>
            <dt className="font-medium">{t('drop.fix')}</dt>
            <dd>{pick(drop.fix, lang)}</dd>
          </>
        )}
        {drop.appError && (
          <>
            <dt className="font-medium">{t('drop.app')}</dt>
            <dd className="font-mono text-xs">{drop.appError}</dd>
          </>
        )}
      </dl>
    </aside>
  );
}
