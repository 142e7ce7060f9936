// The event timeline: every step of the conversation, grouped by leg (SYN, SYN-ACK …) and
// then by the namespace or network it happens in. A row seeks there; the current row is
// highlighted and kept in view inside the timeline's own scroll box.
//
// Fast with ~1000 events: this component and the groups render only when the trace or the
// language changes; each row subscribes to its own state (past / current / future), so a
// tick re-renders two rows.
import { Box, Globe, Server } from 'lucide-react';
import { type KeyboardEvent, memo, useMemo, useRef } from 'react';
import { type Lang, t } from '../../i18n/index';
import { groupTimeline, type LegGroup, type Run } from '../model/timeline';
import { playbackStore, useLab, usePlayback, useSteps } from '../labStore';
import { ScrollBox } from './scrollBox';
import { TimelineRow } from './TimelineRow';

export function Timeline({ className = '' }: { className?: string }) {
  const steps = useSteps();
  const lang = useLab((s) => s.lang);
  const groups = useMemo(() => groupTimeline(steps), [steps]);
  const scroller = useRef<HTMLDivElement>(null);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // ↑ ↓ walk the rows (← → and the rest are the page's, see usePlaybackDriver).
    if (e.ctrlKey || e.altKey || e.metaKey || e.shiftKey) return;
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    playbackStore.getState().dispatch({ type: e.key === 'ArrowUp' ? 'back' : 'forward' });
  };

  return (
    <section
      data-testid="timeline"
      data-playback-keys=""
      aria-label={t(lang, 'timeline.label')}
      className={`flex h-full min-h-0 flex-col overflow-hidden text-slate-800 dark:text-slate-200 ${className}`}
    >
      {groups.length === 0 ? (
        <p className="m-3 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">{t(lang, 'timeline.empty')}</p>
      ) : (
        <div ref={scroller} onKeyDown={onKeyDown} className="@container relative min-h-0 flex-1 overflow-y-auto overscroll-contain">
          <ScrollBox.Provider value={scroller}>
            {groups.map((g) => (
              <LegSection key={g.legIndex} group={g} lang={lang} />
            ))}
          </ScrollBox.Provider>
        </div>
      )}
    </section>
  );
}

const LegSection = memo(function LegSection({ group, lang }: { group: LegGroup; lang: Lang }) {
  return (
    <div role="group" aria-label={group.leg.packet}>
      <LegHeader group={group} lang={lang} />
      {group.runs.map((run) => (
        <RunBlock key={run.key} run={run} lang={lang} />
      ))}
    </div>
  );
});

/** Sticky at the top of the scroll box; h-8 (RunHeader sits at top-8 below it). */
function LegHeader({ group, lang }: { group: LegGroup; lang: Lang }) {
  const active = usePlayback((p) => p.index >= group.first && p.index <= group.last);
  const dropped = group.leg.verdict === 'dropped';
  const n = group.last - group.first + 1;
  return (
    <h3 className="sticky top-0 z-20 flex h-8 items-center gap-2 border-b border-slate-200 bg-slate-50/95 px-3 backdrop-blur-sm dark:border-slate-800 dark:bg-slate-800/95">
      <span className={`size-1.5 rounded-full ${active ? (dropped ? 'bg-rose-500' : 'bg-sky-500') : 'bg-slate-300 dark:bg-slate-600'}`} aria-hidden />
      <span className={`font-mono text-xs font-semibold ${active ? 'text-slate-900 dark:text-white' : 'text-slate-600 dark:text-slate-300'}`}>{group.leg.packet}</span>
      <span
        className={`rounded-full px-1.5 py-px text-[10px] leading-4 font-medium ring-1 ring-inset ${
          dropped
            ? 'bg-rose-50 text-rose-700 ring-rose-600/20 dark:bg-rose-500/10 dark:text-rose-300 dark:ring-rose-400/30'
            : 'bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30'
        }`}
      >
        {t(lang, dropped ? 'timeline.dropped' : 'timeline.delivered')}
      </span>
      <span className="ml-auto text-[11px] font-normal text-slate-500 tabular-nums dark:text-slate-400">
        {n === 1 ? t(lang, 'timeline.steps.one') : t(lang, 'timeline.steps', { n })}
      </span>
    </h3>
  );
}

const RunBlock = memo(function RunBlock({ run, lang }: { run: Run; lang: Lang }) {
  const Icon = run.network ? Globe : run.netns ? Box : Server;
  const title = run.network ? `${run.machine} (${t(lang, 'timeline.network')})` : run.netns ? run.place : `${run.machine} (${t(lang, 'timeline.rootNs')})`;
  return (
    <div role="group" aria-label={title}>
      <div title={title} className="sticky top-8 z-10 flex h-6 items-center gap-1.5 bg-white/95 px-3 text-[11px] backdrop-blur-sm dark:bg-slate-900/95">
        <Icon className="size-3 shrink-0 text-slate-400 dark:text-slate-500" aria-hidden />
        <span className="truncate font-mono">
          <span className="font-semibold text-slate-700 dark:text-slate-200">{run.machine}</span>
          {run.netns && <span className="text-slate-500 dark:text-slate-400">/{run.netns}</span>}
        </span>
        {run.network && <span className="text-slate-400 dark:text-slate-500">{t(lang, 'timeline.network')}</span>}
      </div>
      <ol className="pb-1">
        {run.steps.map((step) => (
          <TimelineRow key={step.index} step={step} lang={lang} />
        ))}
      </ol>
    </div>
  );
});
