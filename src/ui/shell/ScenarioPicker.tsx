// The header's scenario button: the chosen scenario's title; opens the catalogue.
import { ChevronDown, LibraryBig } from 'lucide-react';
import { pick } from '../../i18n/index';
import { describeKey } from '../../store/lab';
import { useLab, useT } from '../labStore';
import { Catalogue } from './Catalogue';
import { usePopover } from './usePopover';

export function ScenarioPicker() {
  const t = useT();
  const lang = useLab((s) => s.lang);
  const file = useLab((s) => s.file);
  const described = useLab((s) => (s.file === undefined ? undefined : s.described[describeKey(s.file, undefined)]));
  const { open, setOpen, container, trigger } = usePopover<HTMLDivElement>();
  const title = described?.status === 'ready' ? pick(described.scenario.title, lang) : (file?.replace(/^scenarios\//, '') ?? t('scenario.choose'));
  return (
    <div className="relative min-w-0" ref={container}>
      <button
        {...trigger}
        data-testid="scenario-picker"
        className="flex max-w-[min(36rem,100%)] min-w-0 items-center gap-2 rounded-md border border-slate-300 px-2.5 py-1 text-sm transition-colors hover:border-sky-400 dark:border-slate-700"
      >
        <LibraryBig className="h-4 w-4 shrink-0 text-sky-600 dark:text-sky-400" aria-hidden />
        <span className="sr-only">{t('scenarios.heading')}:</span>
        <span className="truncate font-medium">{title}</span>
        <ChevronDown className="h-3.5 w-3.5 shrink-0 text-slate-400" aria-hidden />
      </button>
      {open && (
        <div
          role="dialog"
          aria-label={t('scenarios.heading')}
          className="absolute left-0 z-50 mt-2 flex max-h-[calc(100dvh-4.5rem)] w-[44rem] max-w-[92vw] flex-col rounded-xl border border-slate-200 bg-white p-3 shadow-2xl dark:border-slate-700 dark:bg-slate-900"
        >
          <Catalogue onPick={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}
