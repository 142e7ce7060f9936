// The event timeline: the steps the filter shows, grouped by leg (SYN, SYN-ACK …) and then by
// the namespace or network they happen in; a netfilter table walk is one row that opens to its
// rules. A row seeks there; the current row is highlighted and kept in view inside the
// timeline's own scroll box.
//
// Fast with ~1000 events: this component and the groups render only when the trace or the
// language changes; each row subscribes to its own state (past / current / future), so a
// tick re-renders two rows.
import { Box, Globe, Server } from 'lucide-react';
import { type KeyboardEvent, memo, useMemo, useRef } from 'react';
import { type Lang, t } from '../../i18n/index';
import type { ChainWalk } from '../model/chainWalk';
import { visibleSteps } from '../model/stepFilter';
import { groupTimeline, type LegGroup, type Run, runItems } from '../model/timeline';
import { playbackStore, useLab, usePacing, usePlayback, useSteps, useWalks } from '../labStore';
import { useConcealed } from '../predict/usePredict';
import { ScrollBox } from './scrollBox';
import { TimelineRow } from './TimelineRow';
import { WalkRow } from './WalkRow';

/** What every run needs to lay out its rows; one object per change of walks, expansion or filter. */
interface RowContext {
  readonly walks: ReadonlyMap<number, ChainWalk>;
  readonly expanded: ReadonlySet<number>;
  /** The first row's step (or walk's first step): in the tab order before the start. */
  readonly entry: number;
}

export function Timeline({ className = '' }: { className?: string }) {
  const steps = useSteps();
  const walks = useWalks();
  const filter = usePacing((s) => s.filter);
  const expanded = usePacing((s) => s.expanded);
  const lang = useLab((s) => s.lang);
  const visible = useMemo(() => visibleSteps(steps, filter), [steps, filter]);
  const groups = useMemo(() => groupTimeline(visible), [visible]);
  const rows = useMemo<RowContext>(() => ({ walks: new Map(walks.map((w) => [w.key, w])), expanded, entry: visible[0]?.index ?? -1 }), [walks, expanded, visible]);
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
      // Its size comes from the page, never from its rows: a step's restyled rows lay out only the timeline.
      className={`flex h-full min-h-0 flex-col overflow-hidden text-slate-800 [contain:strict] dark:text-slate-200 ${className}`}
    >
      {groups.length === 0 ? (
        <p className="m-3 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">{t(lang, 'timeline.empty')}</p>
      ) : (
        <div ref={scroller} onKeyDown={onKeyDown} className="@container relative min-h-0 flex-1 overflow-y-auto overscroll-contain">
          <ScrollBox.Provider value={scroller}>
            {groups.map((g) => (
              <LegSection key={g.legIndex} group={g} lang={lang} rows={rows} />
            ))}
          </ScrollBox.Provider>
        </div>
      )}
    </section>
  );
}

const LegSection = memo(function LegSection({ group, lang, rows }: { group: LegGroup; lang: Lang; rows: RowContext }) {
  return (
    <div role="group" aria-label={group.leg.packet}>
      <LegHeader group={group} lang={lang} />
      {group.runs.map((run) => (
        <RunBlock key={run.key} run={run} lang={lang} rows={rows} />
      ))}
    </div>
  );
});

/** Sticky at the top of the scroll box; h-8 (RunHeader sits at top-8 below it). */
function LegHeader({ group, lang }: { group: LegGroup; lang: Lang }) {
  const active = usePlayback((p) => p.index >= group.first && p.index <= group.last);
  const dropped = group.leg.verdict === 'dropped';
  const n = group.count;
  // predict mode: a leg's verdict waits for the learner's guess
  const concealed = useConcealed();
  return (
    <h3 className="sticky top-0 z-20 flex h-8 items-center gap-2 border-b border-slate-200 bg-slate-50 px-3 dark:border-slate-800 dark:bg-slate-800">
      <span className={`size-1.5 rounded-full ${active ? (dropped && !concealed ? 'bg-rose-500' : 'bg-sky-500') : 'bg-slate-300 dark:bg-slate-600'}`} aria-hidden />
      <span className={`font-mono text-xs font-semibold ${active ? 'text-slate-900 dark:text-white' : 'text-slate-600 dark:text-slate-300'}`}>{group.leg.packet}</span>
      {!concealed && (
      <span
        className={`rounded-full px-1.5 py-px text-[10px] leading-4 font-medium ring-1 ring-inset ${
          dropped
            ? 'bg-rose-50 text-rose-700 ring-rose-600/20 dark:bg-rose-500/10 dark:text-rose-300 dark:ring-rose-400/30'
            : 'bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30'
        }`}
      >
        {t(lang, dropped ? 'timeline.dropped' : 'timeline.delivered')}
      </span>
      )}
      <span className="ml-auto text-[11px] font-normal text-slate-500 tabular-nums dark:text-slate-400">
        {n === 1 ? t(lang, 'timeline.steps.one') : t(lang, 'timeline.steps', { n })}
      </span>
    </h3>
  );
}

/** Estimates for a run's height before it was first drawn (h-6 header; a one-line row is 28 px). */
const RUN_HEADER_PX = 24;
const ROW_PX = 28;

const RunBlock = memo(function RunBlock({ run, lang, rows }: { run: Run; lang: Lang; rows: RowContext }) {
  const items = useMemo(() => runItems(run.steps, rows.walks, rows.expanded), [run, rows]);
  const Icon = run.network ? Globe : run.netns ? Box : Server;
  const title = run.network ? `${run.machine} (${t(lang, 'timeline.network')})` : run.netns ? run.place : `${run.machine} (${t(lang, 'timeline.rootNs')})`;
  return (
    // Off screen, a run is neither laid out nor painted (content-visibility): a step then
    // restyles two rows and paints what is in view, not the whole conversation's rows.
    <div role="group" aria-label={title} style={{ contentVisibility: 'auto', containIntrinsicSize: `auto ${RUN_HEADER_PX + items.length * ROW_PX}px` }}>
      <div title={title} className="sticky top-8 z-10 flex h-6 items-center gap-1.5 bg-white px-3 text-[11px] dark:bg-slate-900">
        <Icon className="size-3 shrink-0 text-slate-400 dark:text-slate-500" aria-hidden />
        <span className="truncate font-mono">
          <span className="font-semibold text-slate-700 dark:text-slate-200">{run.machine}</span>
          {run.netns && <span className="text-slate-500 dark:text-slate-400">/{run.netns}</span>}
        </span>
        {run.network && <span className="text-slate-500 dark:text-slate-400">{t(lang, 'timeline.network')}</span>}
      </div>
      <ol className="pb-1">
        {items.map((item) =>
          item.type === 'walk' ? (
            <WalkRow key={`w${item.walk.key}`} walk={item.walk} label={run.steps.find((s) => s.index === item.walk.first)!.label} open={item.open} lang={lang} entry={item.walk.first === rows.entry} />
          ) : (
            <TimelineRow key={item.step.index} step={item.step} lang={lang} entry={item.step.index === rows.entry} nested={item.nested} />
          ),
        )}
      </ol>
    </div>
  );
});
