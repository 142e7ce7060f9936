// One step of the timeline: its number, kind icon, kernel step and summary. A button that
// seeks there (the timeline's list item holds it). It subscribes to its own state only, so a
// tick re-renders the rows it touches.
import { memo, type RefObject, useContext, useEffect, useRef } from 'react';
import { type Lang, t } from '../../i18n/index';
import { eventText } from '../../i18n/trace';
import type { Step } from '../model/steps';
import { rowState, styleOf } from '../model/timeline';
import { playbackStore, usePlayback } from '../labStore';
import { KIND_ICONS, TONE_TILE } from './kindIcons';
import { ScrollBox } from './scrollBox';

/**
 * Keyboard focus in the timeline follows the step (roving focus): when the row becomes current
 * while focus is in the timeline, focus moves to it. (The timeline keeps the row in view.)
 */
export function useFocusWhenCurrent(ref: RefObject<HTMLElement | null>, current: boolean): void {
  const box = useContext(ScrollBox);
  useEffect(() => {
    const row = ref.current;
    const scroller = box?.current;
    if (!current || !row || !scroller) return;
    const focused = document.activeElement;
    if (focused && focused !== row && scroller.contains(focused)) row.focus({ preventScroll: true });
  }, [current, box, ref]);
}

/** `entry`: the timeline's first row, in the tab order before the start. `nested`: a step of an open table walk. */
export const TimelineRow = memo(function TimelineRow({ step, lang, entry, nested = false }: { step: Step; lang: Lang; entry: boolean; nested?: boolean }) {
  const state = usePlayback((p) => rowState(step.index, p.index));
  const ref = useRef<HTMLButtonElement>(null);
  useFocusWhenCurrent(ref, state === 'current');

  const style = styleOf(step);
  const Icon = KIND_ICONS[style.icon];
  const kind = t(lang, style.label);
  const summary = eventText(step.event, lang);
  const current = state === 'current';
  const drop = style.tone === 'rose';
  // One row is in the tab order: the current one, or the first before the start.
  const tabbable = current || (entry && state === 'future');

  return (
      <button
        ref={ref}
        type="button"
        data-step-index={step.index}
        data-drop={drop || undefined}
        aria-current={current ? 'step' : undefined}
        tabIndex={tabbable ? 0 : -1}
        title={`${step.label} — ${summary}`}
        onClick={() => playbackStore.getState().dispatch({ type: 'seek', index: step.index })}
        className={`group relative flex w-full items-start gap-2 py-1 pr-3 ${nested ? 'pl-7' : 'pl-2'} text-left text-xs focus-visible:z-[1] focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 @lg:items-center ${
          current
            ? drop
              ? 'bg-rose-50 dark:bg-rose-500/15'
              : 'bg-sky-50 dark:bg-sky-400/10'
            : 'hover:bg-slate-100 dark:hover:bg-slate-800/60'
        }`}
      >
        {current && <span aria-hidden className={`absolute inset-y-0 left-0 w-0.5 ${drop ? 'bg-rose-500' : 'bg-sky-500'}`} />}
        <span
          className={`w-6 shrink-0 pt-0.5 text-right font-mono text-[10px] tabular-nums @lg:pt-0 ${current ? 'font-semibold text-sky-700 dark:text-sky-300' : 'text-slate-500 dark:text-slate-400'}`}
        >
          {step.index + 1}
        </span>
        <span
          title={kind}
          className={`inline-flex size-5 shrink-0 items-center justify-center rounded-md ${TONE_TILE[style.tone]} ${state === 'future' ? 'opacity-45 saturate-50' : ''}`}
        >
          <Icon className="size-3" strokeWidth={2.25} aria-hidden />
          <span className="sr-only">{kind}</span>
        </span>
        <span className={`flex min-w-0 flex-1 flex-col @lg:flex-row @lg:items-baseline @lg:gap-3 ${state === 'future' ? 'opacity-80 group-hover:opacity-100' : ''}`}>
          <span
            className={`truncate font-mono text-[11px] @lg:w-44 @lg:shrink-0 ${
              drop ? 'font-semibold text-rose-700 dark:text-rose-300' : current ? 'font-semibold text-slate-900 dark:text-white' : 'text-slate-700 dark:text-slate-300'
            }`}
          >
            {step.label}
          </span>
          <span className={`truncate @lg:flex-1 ${current ? 'text-slate-700 dark:text-slate-200' : 'text-slate-600 dark:text-slate-400'}`}>{summary}</span>
        </span>
      </button>
  );
});
