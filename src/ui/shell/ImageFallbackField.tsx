// The Share dialog's picture fallback for the embed snippet: whether the snippet carries one
// (embedFallback.ts says why it is a <noscript> picture), and the one-click download of the
// picture file it names — the step shown now, as "Export image" draws it.
import { Download } from 'lucide-react';
import { useState, useSyncExternalStore } from 'react';
import { hasDiagram, subscribeDiagram } from '../canvas/imageExport';
import { saveStepPicture, useImageFileName } from '../canvas/stepPicture';
import { useT } from '../labStore';

export function ImageFallbackToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const t = useT();
  return (
    <label className="flex items-start gap-1.5 text-xs text-slate-700 dark:text-slate-200">
      <input type="checkbox" data-testid="embed-imageFallback" checked={on} onChange={(e) => onChange(e.target.checked)} className="mt-0.5 accent-sky-600" />
      {t('export.fallback')}
    </label>
  );
}

export function ImageFallbackDownload() {
  const t = useT();
  const file = useImageFileName('png');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // the picture is drawn from the canvas: none on the Matrix tab
  const drawable = useSyncExternalStore(subscribeDiagram, hasDiagram);
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await saveStepPicture('png');
    } catch (e) {
      setError(t('export.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-1">
      <button
        type="button"
        data-testid="embed-image-download"
        data-file={file}
        disabled={busy || !drawable}
        title={drawable ? undefined : t('export.noDiagram')}
        onClick={() => void download()}
        className="flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 font-mono text-xs text-slate-700 hover:border-sky-400 hover:text-sky-700 disabled:opacity-60 dark:border-slate-700 dark:text-slate-200 dark:hover:text-sky-300"
      >
        <Download className="h-3.5 w-3.5" aria-hidden />
        {busy ? t('export.working') : t('export.fallbackDownload', { file })}
      </button>
      <p className="text-[11px] text-slate-500 dark:text-slate-400">{t(drawable ? 'export.fallbackHint' : 'export.noDiagram')}</p>
      {error && (
        <p role="alert" className="text-[11px] text-rose-700 dark:text-rose-300">
          {error}
        </p>
      )}
    </div>
  );
}
