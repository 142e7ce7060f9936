// "Export image" among the canvas's zoom buttons: a PNG picture or an SVG drawing of the step
// shown, the whole diagram with the packet token and a caption strip. And the canvas lent to
// the exporter, so the Share dialog can download the embed's fallback picture. Both go inside
// <ReactFlow> (the button inside its <Controls>, which the fitted view already leaves room for).
import { ControlButton, useReactFlow, useStore } from '@xyflow/react';
import { ImageDown } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useT } from '../labStore';
import type { ImageFormat } from '../model/imageName';
import { usePopover } from '../shell/usePopover';
import { provideDiagram } from './imageExport';
import { saveStepPicture } from './stepPicture';

/** Registers the canvas with the exporter while it is mounted. */
function useDiagramSource() {
  const flow = useReactFlow();
  const root = useStore((s) => s.domNode);
  useEffect(() => {
    const viewport = root?.querySelector<HTMLElement>('.react-flow__viewport');
    if (!viewport) return;
    return provideDiagram({ viewport, bounds: () => flow.getNodesBounds(flow.getNodes()) });
  }, [root, flow]);
}

const FORMATS: readonly [ImageFormat, 'export.png' | 'export.svg'][] = [
  ['png', 'export.png'],
  ['svg', 'export.svg'],
];

export function ImageExportSource() {
  useDiagramSource();
  return null;
}

export function ImageExportButton() {
  const t = useT();
  const { open, setOpen, container } = usePopover<HTMLDivElement>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const listId = useId();
  const save = async (format: ImageFormat) => {
    setBusy(true);
    setError(undefined);
    try {
      await saveStepPicture(format);
      setOpen(false);
    } catch (e) {
      setError(t('export.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div ref={container} className="relative">
      <ControlButton
        data-testid="export-image"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-label={t('export.menu')}
        title={t('export.menu')}
        onClick={() => setOpen((o) => !o)}
      >
        <ImageDown aria-hidden />
      </ControlButton>
      {open && (
        <div
          id={listId}
          role="group"
          aria-label={t('export.menu')}
          className="absolute bottom-0 left-full z-10 ml-2 flex w-44 flex-col gap-1 rounded-lg border border-slate-200 bg-white p-1.5 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {FORMATS.map(([format, label]) => (
            <button
              key={format}
              type="button"
              data-testid={`export-${format}`}
              disabled={busy}
              onClick={() => void save(format)}
              className="rounded px-2 py-1 text-left text-xs text-slate-700 hover:bg-sky-50 hover:text-sky-800 disabled:opacity-60 dark:text-slate-200 dark:hover:bg-slate-800 dark:hover:text-sky-300"
            >
              {t(label)}
            </button>
          ))}
          {busy && <p className="px-2 text-[11px] text-slate-500 dark:text-slate-400">{t('export.working')}</p>}
          {error && (
            <p role="alert" className="px-2 text-[11px] text-rose-700 dark:text-rose-300">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
