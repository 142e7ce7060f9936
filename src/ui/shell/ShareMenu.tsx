// "Share": the link that reproduces this view, the flow's capture as a pcap file, and the embed
// builder: an iframe snippet for docs with the embed's options, its size and a live preview.
import { Share2, X } from 'lucide-react';
import { useId, useState } from 'react';
import { pick } from '../../i18n/index';
import { LabShare } from '../editor/LabShare';
import { useDescribed, useLab, useT } from '../labStore';
import { CopyField } from './CopyField';
import { EmbedBuilder } from './EmbedBuilder';
import { PcapDownload } from './PcapDownload';
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
          className="absolute right-0 z-50 mt-2 max-h-[calc(100dvh-4.5rem)] w-[30rem] max-w-[92vw] overflow-y-auto rounded-xl max-sm:fixed max-sm:inset-x-2 max-sm:top-2 max-sm:mt-0 max-sm:max-h-[calc(100dvh-1rem)] max-sm:w-auto max-sm:max-w-none border border-slate-200 bg-white p-4 shadow-xl dark:border-slate-700 dark:bg-slate-900"
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
      <LabShare />
      <CopyField label={t('share.link')} value={href} button={t('share.copyLink')} testId="share-link" />
      <PcapDownload />
      <EmbedBuilder href={href} title={title} />
    </div>
  );
}
