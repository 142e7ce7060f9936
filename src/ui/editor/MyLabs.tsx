// The catalogue's "My labs": the labs kept in this browser (open, delete), and the ways to make
// one (new, open a file).
import { FilePlus2, Trash2 } from 'lucide-react';
import { pick } from '../../i18n/index';
import { describeKey } from '../../store/lab';
import { useLab, useT } from '../labStore';
import { deleteLab, newLab } from './actions';
import { setEditorOpen } from './editorStore';
import { isMyLab } from './model/myLabs';
import { OpenFileButton } from './OpenFileButton';
import { toolButton } from './styles';

export function MyLabs({ onPick }: { onPick?: () => void }) {
  const t = useT();
  const files = useLab((s) =>
    s.sources
      .filter((x) => isMyLab(x.file))
      .map((x) => x.file)
      .join('\n'),
  );
  return (
    <section aria-labelledby="my-labs-heading" data-testid="my-labs" className="space-y-1.5">
      <div className="flex flex-wrap items-center gap-1.5">
        <h3 id="my-labs-heading" className="mr-auto text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">
          {t('myLabs.heading')}
        </h3>
        <button
          type="button"
          className={toolButton}
          onClick={() => {
            onPick?.();
            void newLab();
          }}
        >
          <FilePlus2 className="h-3.5 w-3.5" aria-hidden />
          {t('editor.new')}
        </button>
        <OpenFileButton />
      </div>
      {files === '' ? (
        <p className="px-1 text-xs text-slate-600 dark:text-slate-400">{t('myLabs.none')}</p>
      ) : (
        <ul className="grid gap-1.5 sm:grid-cols-2">
          {files.split('\n').map((file) => (
            <li key={file}>
              <MyLabItem file={file} onPick={onPick} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function MyLabItem({ file, onPick }: { file: string; onPick?: () => void }) {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const active = useLab((s) => s.file === file);
  const d = useLab((s) => s.described[describeKey(file, undefined)]);
  const select = useLab((s) => s.selectScenario);
  const name = file.replace(/^.*\//, '');
  const title = d?.status === 'ready' ? pick(d.scenario.title, lang) : name;
  return (
    <div className={`flex items-center rounded-lg border ${active ? 'border-sky-400 bg-sky-50 dark:border-sky-500/60 dark:bg-sky-500/15' : 'border-slate-200 dark:border-slate-700'}`}>
      <button
        type="button"
        aria-current={active ? 'true' : undefined}
        data-my-lab={name}
        onClick={() => {
          onPick?.();
          setEditorOpen(true);
          void select(file);
        }}
        className="min-w-0 flex-1 px-2.5 py-1.5 text-left"
      >
        <span className="block truncate text-sm font-medium">{title}</span>
        <code className="block truncate text-[11px] text-slate-600 dark:text-slate-400">{name}</code>
      </button>
      <button type="button" onClick={() => void deleteLab(file)} aria-label={t('editor.deleteLab', { name })} className="p-2 text-slate-500 hover:text-rose-700 dark:hover:text-rose-300">
        <Trash2 className="h-3.5 w-3.5" aria-hidden />
      </button>
    </div>
  );
}
