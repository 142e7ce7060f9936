// The event timeline: the steps the filter shows, grouped by leg (SYN, SYN-ACK …) and then by
// the namespace or network they happen in; a netfilter table walk is one row that opens to its
// rules. A row seeks there; the current row is highlighted and kept in view inside the
// timeline's own scroll box.
//
// A virtual list (@tanstack/react-virtual): a conversation has hundreds of rows, and every row
// the page holds costs each step's frame its style, layout, paint and layer work, so only the
// rows in view (and a few around them) are drawn; the headers of the leg and run at the top
// stay there (sticky) while their rows scroll by. Each row subscribes to its own state (past /
// current / future), so a tick re-renders two rows.
import { useVirtualizer, defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import { Box, Globe, Server } from 'lucide-react';
import { type CSSProperties, type KeyboardEvent, memo, type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import { type Lang, t } from '../../i18n/index';
import { visibleSteps } from '../model/stepFilter';
import { groupTimeline, type LegGroup, type Run } from '../model/timeline';
import { revealOffset, type TimelineEntry, timelineList } from '../model/timelineList';
import { playbackStore, useLab, usePacing, usePlayback, useSteps, useWalks } from '../labStore';
import { useConcealed } from '../predict/usePredict';
import { ScrollBox } from './scrollBox';
import { TimelineRow } from './TimelineRow';
import { WalkRow } from './WalkRow';

/** Heights of the leg header (h-8) and run header (h-6), a one-line row, and a run's bottom gap (pb-1). */
const LEG_PX = 32;
const RUN_PX = 24;
const ROW_PX = 28;
const RUN_GAP_PX = 4;
/** What the sticky headers cover at the top of the box, and a little air at the bottom. */
const INSETS = { top: LEG_PX + RUN_PX, bottom: 4 };
/** Rounds of checking a revealed row once the rows around it are drawn at their real height. */
const REVEAL_ROUNDS = 4;

export function Timeline({ className = '' }: { className?: string }) {
  const steps = useSteps();
  const walks = useWalks();
  const filter = usePacing((s) => s.filter);
  const expanded = usePacing((s) => s.expanded);
  const lang = useLab((s) => s.lang);
  const visible = useMemo(() => visibleSteps(steps, filter), [steps, filter]);
  const list = useMemo(() => timelineList(groupTimeline(visible), new Map(walks.map((w) => [w.key, w])), expanded), [visible, walks, expanded]);
  // The first row's step (or walk's first step): in the tab order before the start.
  const entry = visible[0]?.index ?? -1;
  const scroller = useRef<HTMLDivElement>(null);

  // Drawn besides the rows in view: the leg and run headers of the first entry below them
  // (sticky, wherever that entry is), the current row and the first one (the timeline's tab
  // stops: keyboard focus on the current row follows it even to a row far out of view).
  const instance = useRef<TimelineVirtualizer | undefined>(undefined);
  const currentRow = usePlayback((p) => list.rowOf.get(p.index));
  const entryRow = list.rowOf.get(entry);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const top = underHeaders(instance.current, range.startIndex);
      const always = [list.legOf[top], list.runOf[top], currentRow, entryRow].filter((i): i is number => i !== undefined && i >= 0);
      return [...new Set([...always, ...defaultRangeExtractor(range)])].sort((a, b) => a - b);
    },
    [list, currentRow, entryRow],
  );
  const virtualizer = useVirtualizer({
    count: list.entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => estimate(list.entries[i]),
    rangeExtractor,
    overscan: 6,
    useFlushSync: false,
  });
  instance.current = virtualizer;
  const top = underHeaders(virtualizer, virtualizer.range?.startIndex ?? 0);
  const stickyLeg = list.legOf[top];
  const stickyRun = list.runOf[top];

  useRevealCurrent(list.rowOf, virtualizer, scroller);

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
      data-rows={list.rows}
      data-drops={list.drops}
      aria-label={t(lang, 'timeline.label')}
      // Its size comes from the page, never from its rows: a step's restyled rows lay out only the timeline.
      className={`flex h-full min-h-0 flex-col overflow-hidden text-slate-800 [contain:strict] dark:text-slate-200 ${className}`}
    >
      {list.entries.length === 0 ? (
        <p className="m-3 rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">{t(lang, 'timeline.empty')}</p>
      ) : (
        <div ref={scroller} data-testid="timeline-scroll" onKeyDown={onKeyDown} className="@container relative min-h-0 flex-1 overflow-y-auto overscroll-contain">
          <ScrollBox.Provider value={scroller}>
            <ol className="relative" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const e = list.entries[item.index];
                const sticky = item.index === stickyLeg ? LEG_STICKY : item.index === stickyRun ? RUN_STICKY : undefined;
                return (
                  <li
                    key={item.key}
                    ref={virtualizer.measureElement}
                    data-index={item.index}
                    // absolute at its place in the list (top, not a transform: no layer per row), or stuck at the top
                    style={sticky ?? { position: 'absolute', top: item.start, left: 0, right: 0 }}
                    className={e.type !== 'leg' && e.type !== 'run' && e.lastOfRun ? 'pb-1' : undefined}
                  >
                    <Entry entry={e} lang={lang} entry0={entry} />
                  </li>
                );
              })}
            </ol>
          </ScrollBox.Provider>
        </div>
      )}
    </section>
  );
}

// Stuck at the top of the box until the next header reaches the line under them and takes over.
const LEG_STICKY: CSSProperties = { position: 'sticky', top: 0, zIndex: 20 };
const RUN_STICKY: CSSProperties = { position: 'sticky', top: LEG_PX, zIndex: 10 };

type TimelineVirtualizer = ReturnType<typeof useVirtualizer<HTMLDivElement, Element>>;

/** The first entry below the sticky headers: the one at the top of the box is under them. */
function underHeaders(virtualizer: TimelineVirtualizer | undefined, start: number): number {
  if (!virtualizer) return start;
  const line = (virtualizer.scrollOffset ?? 0) + INSETS.top;
  const items = virtualizer.measurementsCache;
  let i = start;
  while (i < items.length - 1 && items[i].end <= line) i++;
  return i;
}

function estimate(e: TimelineEntry | undefined): number {
  if (!e) return ROW_PX;
  if (e.type === 'leg') return LEG_PX;
  if (e.type === 'run') return RUN_PX;
  return e.lastOfRun ? ROW_PX + RUN_GAP_PX : ROW_PX;
}

const Entry = memo(function Entry({ entry: e, lang, entry0 }: { entry: TimelineEntry; lang: Lang; entry0: number }) {
  if (e.type === 'leg') return <LegHeader group={e.group} lang={lang} />;
  if (e.type === 'run') return <RunHeader run={e.run} lang={lang} />;
  if (e.type === 'walk') return <WalkRow walk={e.walk} label={e.label} open={e.open} lang={lang} entry={e.walk.first === entry0} />;
  return <TimelineRow step={e.step} lang={lang} entry={e.step.index === entry0} nested={e.nested} />;
});

/**
 * Keeps the current step's row in view: on each step, from the list's own measurements (no
 * layout of the page is read), the box scrolls when the row is under the headers or below the
 * box; a row far away was placed by estimate, so it is checked again once drawn.
 */
function useRevealCurrent(rowOf: ReadonlyMap<number, number>, virtualizer: TimelineVirtualizer, scroller: RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    let frame = 0;
    const reveal = (index: number, round: number) => {
      const box = scroller.current;
      const at = rowOf.get(index);
      if (!box || at === undefined) return;
      const item = virtualizer.measurementsCache[at];
      if (!item) return;
      const height = virtualizer.scrollRect?.height ?? box.clientHeight;
      if (height === 0) return; // hidden
      const offset = revealOffset(item.start, item.size, { offset: virtualizer.scrollOffset ?? box.scrollTop, height, ...INSETS });
      if (offset === undefined) return;
      box.scrollTop = offset;
      if (round < REVEAL_ROUNDS) {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(() => reveal(index, round + 1));
      }
    };
    reveal(playbackStore.getState().index, 1);
    const stop = playbackStore.subscribe((p, prev) => {
      if (p.index !== prev.index) reveal(p.index, 1);
    });
    return () => {
      stop();
      cancelAnimationFrame(frame);
    };
  }, [rowOf, virtualizer, scroller]);
}

/** A leg's header (h-8): its packet, verdict and step count; sticky at the top of the box. */
function LegHeader({ group, lang }: { group: LegGroup; lang: Lang }) {
  const active = usePlayback((p) => p.index >= group.first && p.index <= group.last);
  const dropped = group.leg.verdict === 'dropped';
  const n = group.count;
  // predict mode: a leg's verdict waits for the learner's guess
  const concealed = useConcealed();
  return (
    <h3 className="flex h-8 items-center gap-2 border-b border-slate-200 bg-slate-50 px-3 dark:border-slate-800 dark:bg-slate-800">
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

/** The namespace (or network) a run of rows happens in; sticky under its leg's header (h-6). */
function RunHeader({ run, lang }: { run: Run; lang: Lang }) {
  const Icon = run.network ? Globe : run.netns ? Box : Server;
  const title = run.network ? `${run.machine} (${t(lang, 'timeline.network')})` : run.netns ? run.place : `${run.machine} (${t(lang, 'timeline.rootNs')})`;
  return (
    <div title={title} className="flex h-6 items-center gap-1.5 bg-white px-3 text-[11px] dark:bg-slate-900">
      <Icon className="size-3 shrink-0 text-slate-400 dark:text-slate-500" aria-hidden />
      <span className="truncate font-mono">
        <span className="font-semibold text-slate-700 dark:text-slate-200">{run.machine}</span>
        {run.netns && <span className="text-slate-500 dark:text-slate-400">/{run.netns}</span>}
      </span>
      {run.network && <span className="text-slate-500 dark:text-slate-400">{t(lang, 'timeline.network')}</span>}
    </div>
  );
}
