// The Share dialog's "Embed" section: the embed's options (autoplay, loop, caption, camera,
// speed, step filter, the link's step) and the iframe's size, the <iframe> snippet they make, a
// copy button, and a live preview of that very URL, scaled down to fit the dialog.
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { SPEEDS, type Speed } from '../../store/playback';
import type { MessageKey } from '../../i18n/index';
import { useT } from '../labStore';
import { STEP_FILTERS, type StepFilter } from '../model/stepFilter';
import { DEFAULT_EMBED, type EmbedOptions, embedSize, embedSnippet, embedUrl } from '../url';
import { useImageFileName } from '../canvas/stepPicture';
import { labLink, withImageFallback } from '../model/embedFallback';
import { CopyField } from './CopyField';
import { ImageFallbackDownload, ImageFallbackToggle } from './ImageFallbackField';

const FLAGS = [
  ['autoplay', 'share.embed.autoplay'],
  ['loop', 'share.embed.loop'],
  ['caption', 'share.embed.caption'],
  ['camera', 'share.embed.camera'],
  ['keepStep', 'share.embed.keepStep'],
] as const satisfies readonly (readonly [keyof EmbedOptions, MessageKey])[];

/** The preview's width before the dialog is measured. */
const PREVIEW_WIDTH = 432;

/** The width of the element `ref` points at, kept up to date. */
function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth || fallback));
    observer.observe(el);
    return () => observer.disconnect();
  }, [fallback]);
  return [ref, width] as const;
}

const control =
  'min-w-0 rounded-md border border-slate-300 bg-white px-1.5 py-0.5 text-xs text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:[color-scheme:dark]';

export function EmbedBuilder({ href, title }: { href: string; title: string }) {
  const t = useT();
  const headingId = useId();
  const [options, setOptions] = useState<EmbedOptions>(DEFAULT_EMBED);
  const set = (patch: Partial<EmbedOptions>) => setOptions((o) => ({ ...o, ...patch }));
  const width = embedSize(options.width, DEFAULT_EMBED.width);
  const height = embedSize(options.height, DEFAULT_EMBED.height);
  const [box, room] = useWidth<HTMLDivElement>(PREVIEW_WIDTH);
  const scale = Math.min(1, room / width);
  // a static picture after the iframe, for readers the live lab cannot reach (embedFallback.ts)
  const [fallback, setFallback] = useState(true);
  const image = useImageFileName('png');
  const snippet = withImageFallback(embedSnippet(href, title, options), fallback ? { image, link: labLink(href), title, width } : undefined);

  return (
    <section aria-labelledby={headingId} data-testid="embed-builder" className="space-y-3">
      <h3 id={headingId} className="text-xs font-semibold text-slate-900 dark:text-white">
        {t('share.embed.title')}
      </h3>
      <div className="grid grid-cols-2 gap-x-3 gap-y-1.5 text-xs text-slate-700 dark:text-slate-200">
        {FLAGS.map(([key, label]) => (
          <label key={key} className="flex items-start gap-1.5">
            <input type="checkbox" data-testid={`embed-${key}`} checked={options[key]} onChange={(e) => set({ [key]: e.target.checked })} className="mt-0.5 accent-sky-600" />
            {t(label)}
          </label>
        ))}
      </div>
      <div className="grid grid-cols-2 items-center gap-x-3 gap-y-2 text-xs text-slate-600 dark:text-slate-300">
        <Field label={t('share.embed.speed')}>
          <select data-testid="embed-speed" value={options.speed} onChange={(e) => set({ speed: Number(e.target.value) as Speed })} className={control}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {t('playback.speedOption', { speed: s })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('share.embed.filter')}>
          <select data-testid="embed-filter" value={options.filter} onChange={(e) => set({ filter: e.target.value as StepFilter })} className={control}>
            {STEP_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`share.embed.filter.${f}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('share.embed.width')}>
          <input type="number" data-testid="embed-width" min={320} step={10} value={Number.isFinite(options.width) ? options.width : ''} onChange={(e) => set({ width: e.target.valueAsNumber })} className={`${control} w-16`} />
        </Field>
        <Field label={t('share.embed.height')}>
          <input type="number" data-testid="embed-height" min={320} step={10} value={Number.isFinite(options.height) ? options.height : ''} onChange={(e) => set({ height: e.target.valueAsNumber })} className={`${control} w-16`} />
        </Field>
      </div>
      <ImageFallbackToggle on={fallback} onChange={setFallback} />
      <CopyField label={t('share.iframe')} value={snippet} button={t('share.copyIframe')} testId="share-iframe" multiline />
      {fallback && <ImageFallbackDownload />}
      <div ref={box}>
        <p className="mb-1 text-xs text-slate-500 dark:text-slate-400">{t('share.embed.preview')}</p>
        {/* the iframe at its real size, scaled: the preview shows the layout the docs will get */}
        <div className="overflow-hidden rounded-md border border-slate-200 dark:border-slate-700" style={{ width: width * scale, height: height * scale }}>
          <iframe
            data-testid="embed-preview"
            title={`${t('share.embed.preview')}: ${title}`}
            src={embedUrl(href, options)}
            width={width}
            height={height}
            style={{ border: 0, transform: `scale(${scale})`, transformOrigin: '0 0' }}
          />
        </div>
      </div>
    </section>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex min-w-0 items-center justify-between gap-1.5">
      {label}
      {children}
    </label>
  );
}
