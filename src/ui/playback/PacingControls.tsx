// The playback bar's pacing: jump to the next machine, rewrite or drop (M, R, D); which steps
// playback shows (the step filter, in the URL as `filter`); and one packet or the whole
// conversation. Each button subscribes only to whether its jump has somewhere to go.
import { Ban, ChevronDown, Replace, Server } from 'lucide-react';
import { jump, jumpIndex, pacingStore, playbackStore, usePacing, usePlayback, useT } from '../labStore';
import type { JumpTarget } from '../model/pacing';
import { isStepFilter, STEP_FILTERS } from '../model/stepFilter';
import { JUMP_KEYS } from './keys';
import { ControlButton } from './ControlButton';
import { Tip } from './Tip';

const JUMP_ICONS = { machine: Server, rewrite: Replace, drop: Ban } as const;
const JUMP_LABELS = { machine: 'playback.next.machine', rewrite: 'playback.next.rewrite', drop: 'playback.next.drop' } as const;

export function JumpButtons({ disabled }: { disabled: boolean }) {
  return (
    <div className="flex items-center gap-0.5">
      {(Object.keys(JUMP_ICONS) as JumpTarget[]).map((to) => (
        <JumpButton key={to} to={to} disabled={disabled} />
      ))}
    </div>
  );
}

function JumpButton({ to, disabled }: { to: JumpTarget; disabled: boolean }) {
  const t = useT();
  // Recomputed on every playback change, but the button re-renders only when it flips.
  const reachable = usePlayback(() => jumpIndex(to) !== undefined);
  const Icon = JUMP_ICONS[to];
  const label = t(JUMP_LABELS[to]);
  const hint = t('playback.shortcut', { action: label, key: JUMP_KEYS[to] });
  return (
    <ControlButton testId={`next-${to}`} label={label} hint={reachable ? hint : t('playback.next.none', { action: hint })} keys={JUMP_KEYS[to]} disabled={disabled || !reachable} onClick={() => jump(to)}>
      <Icon className="size-4" aria-hidden />
    </ControlButton>
  );
}

export function FilterSelect({ disabled }: { disabled: boolean }) {
  const t = useT();
  const filter = usePacing((s) => s.filter);
  return (
    <Tip text={t('playback.filter')}>
      <span className="relative inline-flex items-center">
        <select
          aria-label={t('playback.filter')}
          data-testid="step-filter"
          value={filter}
          disabled={disabled}
          onChange={(e) => {
            if (isStepFilter(e.target.value)) pacingStore.getState().setFilter(e.target.value);
          }}
          className="h-7 max-w-44 cursor-pointer appearance-none truncate rounded-md border border-slate-300 bg-white py-0 pr-6 pl-2 text-xs text-slate-700 shadow-xs transition-colors hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-40 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:[color-scheme:dark] dark:hover:border-slate-500"
        >
          {STEP_FILTERS.map((f) => (
            <option key={f} value={f}>
              {t(`playback.filter.${f}`)}
            </option>
          ))}
        </select>
        <ChevronDown className="pointer-events-none absolute right-1.5 size-3.5 text-slate-400" aria-hidden />
      </span>
    </Tip>
  );
}

export function ScopeToggle({ disabled }: { disabled: boolean }) {
  const t = useT();
  const leg = usePlayback((p) => p.scope === 'leg');
  return (
    <Tip text={t('playback.scope.legHint')}>
      <button
        type="button"
        aria-pressed={leg}
        data-testid="scope-leg"
        disabled={disabled}
        onClick={() => playbackStore.getState().dispatch({ type: 'scope', scope: leg ? 'conversation' : 'leg' })}
        className={`h-7 rounded-md border px-2 text-xs whitespace-nowrap shadow-xs transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-40 ${
          leg
            ? 'border-sky-600 bg-sky-50 text-sky-800 dark:border-sky-400 dark:bg-sky-500/15 dark:text-sky-200'
            : 'border-slate-300 bg-white text-slate-700 hover:border-slate-400 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:border-slate-500'
        }`}
      >
        {t('playback.scope.leg')}
      </button>
    </Tip>
  );
}
