// The editor's one notice (a file that could not be opened, a lab from a link or from ?src=),
// as text: a URL or a message from outside is never rendered as HTML.
import { X } from 'lucide-react';
import { useT } from '../labStore';
import { notify, useEditor } from './editorStore';

export function EditorNotice() {
  const t = useT();
  const notice = useEditor((s) => s.notice);
  if (!notice) return null;
  const error = notice.tone === 'error';
  return (
    <div
      role={error ? 'alert' : 'status'}
      data-testid="editor-notice"
      data-tone={notice.tone}
      className={`flex shrink-0 items-start gap-2 rounded-lg border p-2 text-sm ${
        error ? 'border-rose-200 bg-rose-50 text-rose-900 dark:border-rose-900 dark:bg-rose-950/40 dark:text-rose-200' : 'border-sky-200 bg-sky-50 text-sky-950 dark:border-sky-900 dark:bg-sky-950/40 dark:text-sky-100'
      }`}
    >
      <p className="min-w-0 flex-1 break-words">{t(notice.key, notice.vars)}</p>
      <button type="button" onClick={() => notify(undefined)} aria-label={t('editor.dismiss')} className="rounded p-0.5 opacity-70 hover:opacity-100">
        <X className="h-4 w-4" aria-hidden />
      </button>
    </div>
  );
}
