// The box under the playback bar: the timeline of kernel steps, or the ladder diagram of the
// conversation's packets (WAI-ARIA tabs). The ladder needs more height: its box grows to 20rem
// where the page has room, and shrinks back to the timeline's height (never the canvas's) where not.
// The choice is in the URL (steps=ladder), so share links and embeds keep it.
import type { KeyboardEvent } from 'react';
import { stepsViewStore, useStepsView, useT } from '../labStore';
import type { StepsView } from '../url';
import { Ladder } from './Ladder';
import { Timeline } from './Timeline';

const VIEWS: readonly StepsView[] = ['timeline', 'ladder'];
const tabId = (v: StepsView) => `steps-tab-${v}`;
const panelId = (v: StepsView) => `steps-panel-${v}`;

export function StepsBox() {
  const t = useT();
  const view = useStepsView((s) => s.view);
  const setView = stepsViewStore.getState().setView;

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    e.stopPropagation();
    const next = view === 'timeline' ? 'ladder' : 'timeline';
    setView(next);
    document.getElementById(tabId(next))?.focus();
  };

  return (
    <div
      data-testid="steps-box"
      className={`flex flex-col overflow-hidden rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900 ${view === 'ladder' ? 'h-80 shrink-0 lg:h-auto lg:min-h-40 lg:shrink lg:basis-[min(20rem,36%)]' : 'h-52 shrink-0 lg:h-auto lg:min-h-24 lg:shrink lg:basis-[min(13rem,24%)]'}`}
    >
      <div role="tablist" aria-label={t('steps.tabs')} onKeyDown={onKeyDown} className="flex shrink-0 gap-1 border-b border-slate-200 px-2 dark:border-slate-800">
        {VIEWS.map((v) => (
          <button
            key={v}
            id={tabId(v)}
            type="button"
            role="tab"
            aria-selected={v === view}
            aria-controls={panelId(v)}
            tabIndex={v === view ? 0 : -1}
            data-steps-view={v}
            onClick={() => setView(v)}
            className={`-mb-px border-b-2 px-2 py-1 text-xs focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 ${
              v === view
                ? 'border-sky-600 font-medium text-sky-700 dark:border-sky-400 dark:text-sky-300'
                : 'border-transparent text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-100'
            }`}
          >
            {t(v === 'timeline' ? 'steps.timeline' : 'steps.ladder')}
          </button>
        ))}
      </div>
      <div id={panelId(view)} role="tabpanel" aria-labelledby={tabId(view)} className="min-h-0 flex-1">
        {view === 'timeline' ? <Timeline /> : <Ladder />}
      </div>
    </div>
  );
}
