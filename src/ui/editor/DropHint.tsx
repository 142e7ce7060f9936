// While a file is dragged over the page: where it will go.
import { useT } from '../labStore';
import { useFileDrop } from './useFileDrop';

export function DropHint() {
  const t = useT();
  const dragging = useFileDrop();
  if (!dragging) return null;
  return (
    <div aria-hidden className="pointer-events-none fixed inset-3 z-50 flex items-center justify-center rounded-2xl border-2 border-dashed border-sky-500 bg-sky-50/80 text-lg font-medium text-sky-900 dark:bg-sky-950/80 dark:text-sky-100">
      {t('editor.drop')}
    </div>
  );
}
