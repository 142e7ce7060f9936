// A netfilter table walk as one timeline row: its chain path and final target
// (PREROUTING → KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…: DNAT). The row seeks to the walk's
// last step (playback stops there while it is collapsed); the chevron opens it, listing its
// rule steps under it, each a stop of its own.
import { ChevronRight } from 'lucide-react';
import { memo, useRef } from 'react';
import { type Lang, t } from '../../i18n/index';
import { type ChainWalk, walkSummary } from '../model/chainWalk';
import { KIND_STYLES } from '../model/timeline';
import { pacingStore, playbackStore, usePlayback } from '../labStore';
import { KIND_ICONS, TONE_TILE } from './kindIcons';
import { useFocusWhenCurrent } from './TimelineRow';

export const WalkRow = memo(function WalkRow({ walk, label, open, lang, entry }: { walk: ChainWalk; label: string; open: boolean; lang: Lang; entry: boolean }) {
  const state = usePlayback((p) => (p.index < walk.first ? 'future' : p.index > walk.last ? 'past' : 'current'));
  // Open, its own step rows show where playback is; the walk row is their heading.
  const current = state === 'current' && !open;
  const ref = useRef<HTMLButtonElement>(null);
  useFocusWhenCurrent(ref, current);
  const n = walk.last - walk.first + 1;
  const style = KIND_STYLES['nf-rule'];
  const Icon = KIND_ICONS[style.icon];
  const summary = walkSummary(walk);
  const future = state === 'future';

  return (
    <div data-walk={walk.key} data-walk-open={open} className="flex items-stretch">
      <button
        type="button"
        data-testid="walk-toggle"
        aria-expanded={open}
        aria-label={t(lang, open ? 'timeline.walk.collapse' : 'timeline.walk.expand', { n })}
        title={t(lang, open ? 'timeline.walk.collapse' : 'timeline.walk.expand', { n })}
        tabIndex={current || (entry && future) ? 0 : -1}
        onClick={() => pacingStore.getState().toggleWalk(walk.key)}
        className="flex w-8 shrink-0 items-center justify-end pr-0.5 text-slate-400 hover:text-slate-700 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 dark:text-slate-500 dark:hover:text-slate-200"
      >
        <ChevronRight className={`size-3.5 transition-transform ${open ? 'rotate-90' : ''}`} aria-hidden />
      </button>
      <button
        ref={ref}
        type="button"
        data-walk-index={walk.last}
        aria-current={current ? 'step' : undefined}
        tabIndex={current ? 0 : -1}
        title={`${label} — ${summary}`}
        onClick={() => playbackStore.getState().dispatch({ type: 'seek', index: walk.last })}
        className={`group relative flex min-w-0 flex-1 items-start gap-2 py-1 pr-3 text-left text-xs focus-visible:z-[1] focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 @lg:items-center ${
          current ? 'bg-sky-50 dark:bg-sky-400/10' : 'hover:bg-slate-100 dark:hover:bg-slate-800/60'
        }`}
      >
        {current && <span aria-hidden className="absolute inset-y-0 -left-8 w-0.5 bg-sky-500" />}
        <span className={`inline-flex size-5 shrink-0 items-center justify-center rounded-md ${TONE_TILE[style.tone]} ${future ? 'opacity-45 saturate-50' : ''}`}>
          <Icon className="size-3" strokeWidth={2.25} aria-hidden />
          <span className="sr-only">{t(lang, 'timeline.walk.kind')}</span>
        </span>
        <span className={`flex min-w-0 flex-1 flex-col @lg:flex-row @lg:items-baseline @lg:gap-3 ${future ? 'opacity-55 group-hover:opacity-90' : ''}`}>
          <span className={`truncate font-mono text-[11px] @lg:w-44 @lg:shrink-0 ${current ? 'font-semibold text-slate-900 dark:text-white' : 'text-slate-700 dark:text-slate-300'}`}>
            {label} <span className="text-slate-500 dark:text-slate-400">· {t(lang, 'timeline.walk.rules', { n })}</span>
          </span>
          <span data-testid="walk-summary" className={`truncate font-mono text-[11px] @lg:flex-1 ${current ? 'text-slate-700 dark:text-slate-200' : 'text-slate-500 dark:text-slate-400'}`}>
            {summary}
          </span>
        </span>
      </button>
    </div>
  );
});
