// The scrub bar: a native range input (keyboard and screen readers for free) over a drawn
// track. The track is split into the conversation's legs, labelled with their packet, with a
// red mark where the packet was dropped. Values run from -1 (before the first step) to
// total-1, so the counter reads value+1.
import { useMemo } from 'react';
import { eventText } from '../../i18n/trace';
import { dropSteps, legSpans, scrubFraction } from '../model/timeline';
import { placeOf } from '../model/steps';
import { playbackStore, useLab, usePlayback, useSteps, useT } from '../labStore';
import { useConcealed } from '../predict/usePredict';

/** Half the thumb's width: the thumb's centre travels from this inset to the other. */
const INSET = 'inset-x-[7px]';

const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

export function Scrub({ className = '' }: { className?: string }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const steps = useSteps();
  const index = usePlayback((p) => p.index);
  const total = steps.length;
  const spans = useMemo(() => legSpans(steps), [steps]);
  // predict mode: no drop marks (nor red legs) until the learner has guessed
  const concealed = useConcealed();
  const drops = useMemo(() => (concealed ? [] : dropSteps(steps)), [steps, concealed]);
  const here = scrubFraction(index, total);
  const currentLeg = steps[index]?.legIndex ?? -1;

  const step = steps[index];
  const valueText =
    total === 0
      ? t('playback.noTrace')
      : step
        ? t('playback.valueText', { current: index + 1, total, packet: step.leg.packet, place: placeOf(step.event.at), step: step.label }) +
          ` — ${eventText(step.event, lang)}`
        : t('playback.notStarted');

  return (
    <div className={`relative ${className}`}>
      {/* Leg labels */}
      <div aria-hidden className={`relative mx-[7px] h-3.5`}>
        {spans.map((s) => (
          <span
            key={s.legIndex}
            style={{ left: pct(s.start), width: pct(s.end - s.start) }}
            className={`absolute top-0 truncate pl-1 font-mono text-[10px] leading-3.5 font-medium ${
              !concealed && s.verdict === 'dropped'
                ? 'text-rose-600 dark:text-rose-400'
                : s.legIndex === currentLeg
                  ? 'text-sky-700 dark:text-sky-300'
                  : 'text-slate-400 dark:text-slate-500'
            }`}
          >
            {s.packet}
          </span>
        ))}
      </div>
      <div className="relative h-4">
        {/* Track: one segment per leg, filled up to the step shown */}
        <div aria-hidden className={`absolute ${INSET} top-1/2 h-1.5 -translate-y-1/2`}>
          {spans.length === 0 && <div className="absolute inset-0 rounded-full bg-slate-200 dark:bg-slate-700" />}
          {spans.map((s, i) => {
            const fill = s.end <= here ? 1 : s.start >= here ? 0 : (here - s.start) / (s.end - s.start);
            return (
              <div
                key={s.legIndex}
                style={{ left: pct(s.start), width: pct(s.end - s.start) }}
                className={`absolute inset-y-0 overflow-hidden ${i === 0 ? 'rounded-l-full' : 'border-l-2 border-white dark:border-slate-900'} ${
                  i === spans.length - 1 ? 'rounded-r-full' : ''
                } ${!concealed && s.verdict === 'dropped' ? 'bg-rose-200 dark:bg-rose-900/60' : 'bg-slate-200 dark:bg-slate-700'}`}
              >
                <div style={{ width: pct(fill) }} className="h-full bg-sky-500 dark:bg-sky-400" />
              </div>
            );
          })}
          {/* Leg boundaries */}
          {spans.slice(1).map((s) => (
            <span key={s.legIndex} style={{ left: pct(s.start) }} className="absolute -top-1 -bottom-1 w-px -translate-x-1/2 bg-slate-400 dark:bg-slate-500" />
          ))}
          {/* Drops */}
          {drops.map((d) => (
            <span
              key={d.index}
              data-drop-mark={d.role}
              style={{ left: pct(scrubFraction(d.index, total)) }}
              className={`absolute top-1/2 -translate-x-1/2 -translate-y-1/2 rotate-45 rounded-[2px] ring-2 ring-white dark:ring-slate-900 ${
                d.role === 'flow' ? 'size-2.5 bg-rose-600 dark:bg-rose-500' : 'size-2 border border-rose-500 bg-white dark:bg-slate-900'
              }`}
            />
          ))}
        </div>
        <input
          type="range"
          aria-label={t('playback.scrub')}
          aria-valuetext={valueText}
          min={-1}
          max={Math.max(total - 1, 0)}
          step={1}
          value={total === 0 ? -1 : index}
          disabled={total === 0}
          onChange={(e) => playbackStore.getState().dispatch({ type: 'seek', index: Number(e.target.value) })}
          className="absolute inset-0 h-4 w-full cursor-pointer appearance-none bg-transparent focus-visible:outline-none disabled:cursor-not-allowed [&::-moz-range-thumb]:size-3.5 [&::-moz-range-thumb]:rounded-full [&::-moz-range-thumb]:border-2 [&::-moz-range-thumb]:border-sky-600 [&::-moz-range-thumb]:bg-white [&::-moz-range-thumb]:shadow [&::-moz-range-track]:bg-transparent [&::-webkit-slider-runnable-track]:h-4 [&::-webkit-slider-runnable-track]:bg-transparent [&::-webkit-slider-thumb]:mt-px [&::-webkit-slider-thumb]:size-3.5 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-full [&::-webkit-slider-thumb]:border-2 [&::-webkit-slider-thumb]:border-sky-600 [&::-webkit-slider-thumb]:bg-white [&::-webkit-slider-thumb]:shadow [&::-webkit-slider-thumb]:transition-transform [&:active::-webkit-slider-thumb]:scale-110 [&:disabled::-moz-range-thumb]:opacity-0 [&:disabled::-webkit-slider-thumb]:opacity-0 [&:focus-visible::-moz-range-thumb]:ring-4 [&:focus-visible::-moz-range-thumb]:ring-sky-500/30 [&:focus-visible::-webkit-slider-thumb]:ring-4 [&:focus-visible::-webkit-slider-thumb]:ring-sky-500/30 dark:[&::-moz-range-thumb]:border-sky-400 dark:[&::-moz-range-thumb]:bg-slate-900 dark:[&::-webkit-slider-thumb]:border-sky-400 dark:[&::-webkit-slider-thumb]:bg-slate-900"
        />
      </div>
    </div>
  );
}
