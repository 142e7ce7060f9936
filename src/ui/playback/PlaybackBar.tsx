// The playback bar under the canvas: restart, step back, play/pause, step forward, the jumps
// (next machine, rewrite, drop); the scrub bar over the whole conversation; the packet on the
// wire, the step counter, the speed, the step filter and one-packet playback.
import { ChevronDown, Pause, Play, RotateCcw, StepBack, StepForward } from 'lucide-react';
import { type PlaybackAction, SPEEDS, type Speed } from '../../store/playback';
import { playbackStore, usePacing, usePlayback, useSteps, useT } from '../labStore';
import { stopPosition } from '../model/pacing';
import { buttonClass, ControlButton } from './ControlButton';
import { FilterSelect, JumpButtons, ScopeToggle } from './PacingControls';
import { useConcealed } from '../predict/usePredict';
import { Scrub } from './Scrub';
import { Tip } from './Tip';

const dispatch = (...actions: PlaybackAction[]) => {
  for (const action of actions) playbackStore.getState().dispatch(action);
};

/** `compact`: a narrow embed keeps the bar on one row; the scrub may be shorter, the packet's name gives way below 560 px. */
export function PlaybackBar({ className = '', compact = false }: { className?: string; compact?: boolean }) {
  const t = useT();
  const status = usePlayback((p) => p.status);
  const total = usePlayback((p) => p.total);
  // predict mode: the controls wait for the learner's guess
  const awaiting = useConcealed();
  const disabled = total === 0 || awaiting;

  return (
    <div
      role="group"
      aria-label={t('playback.label')}
      data-testid="playback"
      data-status={status}
      data-playback-keys=""
      className={`flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5 text-slate-700 select-none dark:text-slate-200 ${className}`}
    >
      <div className="flex items-center gap-0.5">
        <ControlButton label={t('playback.restart')} hint={t('playback.restart')} disabled={disabled} onClick={() => dispatch({ type: 'seek', index: -1 }, { type: 'play' })}>
          <RotateCcw className="size-4" aria-hidden />
        </ControlButton>
        <ControlButton testId="step-back" label={t('playback.back')} hint={t('playback.shortcut', { action: t('playback.back'), key: '←' })} keys="ArrowLeft" disabled={disabled} onClick={() => dispatch({ type: 'back' })}>
          <StepBack className="size-4" aria-hidden />
        </ControlButton>
        <PlayButton disabled={disabled} />
        <ControlButton testId="step-forward" label={t('playback.forward')} hint={t('playback.shortcut', { action: t('playback.forward'), key: '→' })} keys="ArrowRight" disabled={disabled} onClick={() => dispatch({ type: 'forward' })}>
          <StepForward className="size-4" aria-hidden />
        </ControlButton>
      </div>
      {/* a narrow embed keeps one row: the jumps and the filter give way (the link sets filter=) */}
      <span className={compact ? 'contents max-[719px]:hidden' : 'contents'}>
        <JumpButtons disabled={disabled} />
      </span>
      <Scrub className={compact ? 'min-w-24 flex-1 basis-24' : 'min-w-40 flex-1 basis-48'} />
      <div className="flex flex-wrap items-center gap-2">
        <span className={compact ? 'contents max-[559px]:hidden' : 'contents'}>
          <PacketName />
        </span>
        <StepCounter />
        <SpeedSelect disabled={disabled} />
        <span className={compact ? 'contents max-[719px]:hidden' : 'contents'}>
          <FilterSelect disabled={disabled} />
          <ScopeToggle disabled={disabled} />
        </span>
      </div>
    </div>
  );
}

function PlayButton({ disabled }: { disabled: boolean }) {
  const t = useT();
  const playing = usePlayback((p) => p.status === 'playing');
  const label = t(playing ? 'playback.pause' : 'playback.play');
  return (
    <Tip text={t('playback.shortcut', { action: label, key: t('playback.key.space') })}>
      <button
        type="button"
        aria-label={label}
        aria-keyshortcuts="Space"
        data-testid="play"
        disabled={disabled}
        onClick={() => dispatch({ type: 'toggle' })}
        className={`${buttonClass} mx-1 size-9 bg-sky-600 text-white shadow-sm hover:bg-sky-500 disabled:bg-slate-400 dark:bg-sky-500 dark:text-slate-950 dark:hover:bg-sky-400 dark:disabled:bg-slate-600`}
      >
        {playing ? <Pause className="size-4" fill="currentColor" aria-hidden /> : <Play className="ml-0.5 size-4" fill="currentColor" aria-hidden />}
      </button>
    </Tip>
  );
}

/** The packet of the leg being shown (the first leg's before the start). */
function PacketName() {
  const t = useT();
  const steps = useSteps();
  const index = usePlayback((p) => p.index);
  const step = steps[Math.max(0, index)];
  if (!step) return null;
  const legs = steps[steps.length - 1].legIndex + 1;
  const dropped = index >= 0 && step.leg.verdict === 'dropped' && steps.some((s) => s.isDrop && s.index <= index);
  return (
    <span
      title={t('playback.packet', { packet: step.leg.packet, leg: step.legIndex + 1, legs })}
      className={`rounded-md px-1.5 py-0.5 font-mono text-[11px] leading-4 font-semibold whitespace-nowrap ring-1 ring-inset ${
        dropped
          ? 'bg-rose-50 text-rose-700 ring-rose-600/20 dark:bg-rose-500/10 dark:text-rose-300 dark:ring-rose-400/30'
          : 'bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-500/10 dark:text-sky-300 dark:ring-sky-400/30'
      }`}
    >
      {step.leg.packet}
    </span>
  );
}

/** "87 / 229"; under a step filter the shown steps first: "12 / 40 shown · step 87 of 229". */
function StepCounter() {
  const t = useT();
  const index = usePlayback((p) => p.index);
  const total = usePlayback((p) => p.total);
  const stops = usePlayback((p) => p.stops);
  const filtered = usePacing((s) => s.filter !== 'all') && stops !== undefined;
  const current = index + 1;
  const vars = { current, total, ...(filtered ? stopPosition(stops, index) : {}) };
  const digits = String(total).length;
  return (
    <span
      data-testid="step-counter"
      data-filtered={filtered || undefined}
      title={t(filtered ? 'playback.counterTitle.filtered' : 'playback.counterTitle', vars)}
      // Wide enough for the largest count, so the bar does not shift while playing.
      style={{ minWidth: `${filtered ? digits * 4 + 20 : digits * 2 + 3}ch` }}
      className="text-right font-mono text-xs whitespace-nowrap text-slate-500 tabular-nums dark:text-slate-400"
    >
      {t(filtered ? 'playback.counter.filtered' : 'playback.counter', vars)}
    </span>
  );
}

function SpeedSelect({ disabled }: { disabled: boolean }) {
  const t = useT();
  const speed = usePlayback((p) => p.speed);
  return (
    <Tip text={t('playback.speed')}>
      <span className="relative inline-flex items-center">
        <select
          aria-label={t('playback.speed')}
          value={speed}
          disabled={disabled}
          onChange={(e) => dispatch({ type: 'speed', speed: Number(e.target.value) as Speed })}
          className="h-7 cursor-pointer appearance-none rounded-md border border-slate-300 bg-white py-0 pr-6 pl-2 font-mono text-xs text-slate-700 tabular-nums shadow-xs transition-colors hover:border-slate-400 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-40 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:[color-scheme:dark] dark:hover:border-slate-500"
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {t('playback.speedOption', { speed: s })}
            </option>
          ))}
        </select>
        <ChevronDown className="pointer-events-none absolute right-1.5 size-3.5 text-slate-400" aria-hidden />
      </span>
    </Tip>
  );
}
