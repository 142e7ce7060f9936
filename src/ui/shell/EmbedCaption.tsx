// An embed's caption (`?caption=1`): one line under the canvas with what the current step does,
// and at the end of a dropped conversation the flow's drop, its fix and the lab's fixing variant.
import { pick } from '../../i18n/index';
import { placeText } from '../inspector/parts';
import { useDescribed, useLab, usePlayback, useSteps, useT, useTrace } from '../labStore';
import { captionAt } from '../model/caption';

export function EmbedCaption() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const variant = useLab((s) => s.variant);
  const described = useDescribed();
  const trace = useTrace();
  const steps = useSteps();
  const index = usePlayback((p) => p.index);
  const lab = described?.status === 'ready' ? { scenario: described.scenario, variant } : undefined;
  const caption = trace ? captionAt(trace, steps, index, lang, lab) : undefined;
  const end = caption?.end;
  const fixTitle = end && typeof end.fixVariant === 'string' ? lab?.scenario.variants.find((v) => v.id === end.fixVariant)?.title : undefined;
  const text = caption ? `${t('playback.counter', { current: caption.n, total: caption.total })} · ${caption.text}` : t('embed.caption.start');
  return (
    <div
      data-testid="embed-caption"
      data-end={end ? 'drop' : undefined}
      className="shrink-0 border-t border-slate-200 px-3 py-1 text-xs leading-snug text-slate-700 dark:border-slate-800 dark:text-slate-200"
    >
      {/* in a short embed one line for the step, and at the end only the drop: the diagram keeps the height */}
      <p className={`line-clamp-2 short:line-clamp-1 ${end ? 'short:hidden' : ''}`} title={text}>
        {text}
      </p>
      {end && (
        <p data-testid="embed-caption-drop" className="line-clamp-3 text-rose-800 short:line-clamp-2 dark:text-rose-200" title={end.explain}>
          <span className="font-semibold">{t('embed.caption.drop', { reason: end.drop.reason, at: placeText(end.drop.at) })}</span>{' '}
          {t('embed.caption.fix', { fix: end.fix })}
          {end.fixVariant === undefined && ` ${t('embed.caption.fixBack')}`}
          {fixTitle && ` ${t('embed.caption.fixVariant', { variant: pick(fixTitle, lang) })}`}
        </p>
      )}
    </div>
  );
}
