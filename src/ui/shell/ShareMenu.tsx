// "Share": the link that reproduces this view, and an iframe snippet for docs (embed mode).
import { Check, Copy, Share2, X } from 'lucide-react';
import { useId, useRef, useState } from 'react';
import { pick } from '../../i18n/index';
import { useDescribed, useLab, useT } from '../labStore';
import { iframeSnippet } from '../url';
import { usePopover } from './usePopover';

export function ShareMenu() {
  const t = useT();
  const { open, setOpen, container, trigger } = usePopover<HTMLDivElement>();
  const headingId = useId();

  return (
    <div className="relative" ref={container}>
      <button
        {...trigger}
        data-testid="share"
        className="flex items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium text-slate-700 transition-colors hover:border-sky-400 hover:text-sky-700 dark:border-slate-700 dark:text-slate-200 dark:hover:text-sky-300"
      >
        <Share2 className="h-3.5 w-3.5" aria-hidden />
        {t('share.button')}
      </button>
      {open && (
        <div
          role="dialog"
          aria-labelledby={headingId}
          className="absolute right-0 z-50 mt-2 w-[26rem] max-w-[90vw] rounded-xl border border-slate-200 bg-white p-4 shadow-xl dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="mb-3 flex items-center justify-between">
            <h2 id={headingId} className="text-sm font-semibold text-slate-900 dark:text-white">
              {t('share.title')}
            </h2>
            <button type="button" onClick={() => setOpen(false)} aria-label={t('share.close')} className="rounded p-1 text-slate-500 hover:text-slate-900 dark:hover:text-white">
              <X className="h-4 w-4" aria-hidden />
            </button>
          </div>
          <ShareBody />
        </div>
      )}
    </div>
  );
}

function ShareBody() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const described = useDescribed();
  // Read when the panel opens: the URL is kept in step with the view by labStore.
  const [href] = useState(() => window.location.href);
  const title = described?.status === 'ready' ? `podpath: ${pick(described.scenario.title, lang)}` : 'podpath';
  return (
    <div className="space-y-4">
      <CopyField label={t('share.link')} value={href} button={t('share.copyLink')} testId="share-link" />
      <CopyField label={t('share.iframe')} value={iframeSnippet(href, title)} button={t('share.copyIframe')} testId="share-iframe" multiline />
    </div>
  );
}

function CopyField({ label, value, button, testId, multiline }: { label: string; value: string; button: string; testId: string; multiline?: boolean }) {
  const t = useT();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // No clipboard permission (an iframe, plain http): leave the text selected to copy by hand.
      field.current?.select();
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 1500);
  };
  const common = {
    id,
    ref: field,
    readOnly: true,
    value,
    'data-testid': testId,
    onFocus: (e: { currentTarget: { select(): void } }) => e.currentTarget.select(),
    className: 'w-full rounded-md border border-slate-300 bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-700 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200',
  };
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs text-slate-500 dark:text-slate-400">
        {label}
      </label>
      <div className="flex items-start gap-2">
        {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
        <button
          type="button"
          onClick={() => void copy()}
          className="flex shrink-0 items-center gap-1 rounded-md bg-sky-700 px-2.5 py-1.5 text-xs font-medium text-white hover:bg-sky-600"
        >
          {copied ? <Check className="h-3.5 w-3.5" aria-hidden /> : <Copy className="h-3.5 w-3.5" aria-hidden />}
          {copied ? t('share.copied') : button}
        </button>
      </div>
    </div>
  );
}
