// The editor panel above the canvas (loaded on demand, with CodeMirror): the chosen lab's YAML, its
// toolbar (new, duplicate, open, download) and its problems as the worker reports them. A
// shipped scenario is read-only; a lab of the user's is kept and rebuilt as they type
// (debounced, so the worker is not asked at every key).
import '../../scenario/zodJitless'; // first: zod must not probe eval under the CSP
import { Copy, Download, FilePlus2, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { describeKey } from '../../store/lab';
import { useLab, useT } from '../labStore';
import { downloadLab, duplicateCurrent, newLab, saveEdit } from './actions';
import { setEditorOpen } from './editorStore';
import { isMyLab } from './model/myLabs';
import { problemsOf } from './model/problems';
import { OpenFileButton } from './OpenFileButton';
import { toolButton } from './styles';
import YamlEditor from './YamlEditor';

/** How long typing may pause before the lab is rebuilt. */
const REBUILD_DELAY_MS = 300;

export function EditorPanel() {
  const t = useT();
  const file = useLab((s) => s.file);
  const source = useLab((s) => s.sources.find((x) => x.file === s.file));
  const described = useLab((s) => (s.file === undefined ? undefined : s.described[describeKey(s.file, undefined)]));
  const mine = isMyLab(file);

  // the last text typed, kept until the pause is over (or flushed when the lab changes)
  const pending = useRef<{ file: string; text: string; timer: ReturnType<typeof setTimeout> } | undefined>(undefined);
  // shown as busy from the first key until the worker has answered for the text
  const [typing, setTyping] = useState(false);
  const flush = () => {
    const p = pending.current;
    if (!p) return;
    clearTimeout(p.timer);
    pending.current = undefined;
    setTyping(false);
    void saveEdit(p.file, p.text);
  };
  useEffect(() => flush, [file]);
  const onChange = (text: string) => {
    if (!file || !mine) return;
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = { file, text, timer: setTimeout(flush, REBUILD_DELAY_MS) };
    setTyping(true);
  };

  const problems = file && source ? problemsOf(described, file) : [];
  const busy = typing || described?.status === 'loading';
  const name = file?.replace(/^.*\//, '') ?? '';

  return (
    <section aria-label={t('editor.heading')} data-testid="editor-panel" className="flex h-[26rem] shrink-0 flex-col rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-2 py-1.5 dark:border-slate-800">
        <h2 className="text-sm font-semibold">{t('editor.heading')}</h2>
        <code className="truncate text-xs text-slate-600 dark:text-slate-400" data-testid="editor-file">
          {name}
        </code>
        <div className="ml-auto flex flex-wrap items-center gap-1.5">
          <button type="button" className={toolButton} onClick={() => void newLab()} data-testid="new-lab">
            <FilePlus2 className="h-3.5 w-3.5" aria-hidden />
            {t('editor.new')}
          </button>
          {!mine && source && (
            <button type="button" className={toolButton} onClick={() => void duplicateCurrent()} data-testid="duplicate-lab">
              <Copy className="h-3.5 w-3.5" aria-hidden />
              {t('editor.duplicate')}
            </button>
          )}
          <OpenFileButton />
          {source && (
            <button
              type="button"
              className={toolButton}
              onClick={() => {
                flush(); // what was typed last is in the file
                downloadLab(source.file);
              }}
              data-testid="download-yaml"
            >
              <Download className="h-3.5 w-3.5" aria-hidden />
              {t('editor.download')}
            </button>
          )}
          <button type="button" onClick={() => setEditorOpen(false)} aria-label={t('editor.close')} className="rounded p-1 text-slate-500 hover:text-slate-900 dark:hover:text-white">
            <X className="h-4 w-4" aria-hidden />
          </button>
        </div>
      </div>
      <p className="px-2 pt-1 text-[11px] text-slate-600 dark:text-slate-400" data-testid="editor-status">
        {mine ? t('editor.saved') : t('editor.readOnly')}
      </p>
      <div className="min-h-0 flex-1">
        {file && source && (
          <YamlEditor file={file} text={source.text} readOnly={!mine} label={t('editor.label')} problems={problems} problemsText={source.text} onChange={onChange} />
        )}
      </div>
      <div role="status" className="max-h-24 shrink-0 overflow-y-auto border-t border-slate-200 px-2 py-1 font-mono text-[11px] dark:border-slate-800" data-testid="editor-problems" aria-busy={busy}>
        {problems.length === 0 ? (
          <span className="font-sans text-emerald-700 dark:text-emerald-400">{busy ? t('scenarios.loading') : t('editor.noProblems')}</span>
        ) : (
          <>
            <span className="sr-only">{t('editor.problems', { n: problems.length })}</span>
            <ul>
              {problems.map((p, i) => (
                <li key={i} className="text-rose-800 dark:text-rose-300" data-line={p.line}>
                  {`${name}:${p.line}:${p.col}: ${p.message}`}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
