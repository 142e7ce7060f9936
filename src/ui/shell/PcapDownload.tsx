// "Download pcap": the chosen flow's capture (src/engine/pcap, the bytes `podpath pcap` writes),
// built in the page from the trace it already has. Held back in predict mode until the guess.
// The writer is loaded on the first click: the main chunk stays within its size budget.
import { Download } from 'lucide-react';
import { useLab, useT, useTrace } from '../labStore';
import { useConcealed } from '../predict/usePredict';

export function PcapDownload() {
  const t = useT();
  const trace = useTrace();
  const variant = useLab((s) => s.variant);
  const concealed = useConcealed();
  if (!trace) return null;

  const download = async () => {
    const { captureFileName, traceCapture } = await import('../../engine/pcap/capture');
    const url = URL.createObjectURL(new Blob([traceCapture(trace).bytes as Uint8Array<ArrayBuffer>], { type: 'application/x-pcapng' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = captureFileName(trace.flow.id, variant);
    a.click();
    // the click has started the download; the object URL is not needed after this task
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <div>
      <p className="mb-1 text-xs text-slate-500 dark:text-slate-400">{t('share.pcap')}</p>
      <button
        type="button"
        onClick={() => void download()}
        disabled={concealed}
        title={concealed ? t('share.pcapConcealed') : undefined}
        data-testid="download-pcap"
        className="flex items-center gap-1 rounded-md bg-sky-700 px-2.5 py-1.5 text-xs font-medium text-white hover:bg-sky-600 disabled:cursor-not-allowed disabled:opacity-50"
      >
        <Download className="h-3.5 w-3.5" aria-hidden />
        {t('share.pcapDownload')}
      </button>
    </div>
  );
}
