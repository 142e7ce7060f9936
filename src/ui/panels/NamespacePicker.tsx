// Which namespace the panels show: a select of every namespace of the lab (the root one named
// after its machine) and a toggle to follow the packet.
import { LocateFixed } from 'lucide-react';
import { useId } from 'react';
import { useT } from '../labStore';
import { namespaceLabel } from '../inspector/parts';
import { type Namespace, nsKey } from './namespaces';

export function NamespacePicker({
  namespaces,
  shown,
  follow,
  onPick,
  onToggleFollow,
}: {
  namespaces: readonly Namespace[];
  shown: Namespace | undefined;
  follow: boolean;
  onPick: (ns: Namespace) => void;
  onToggleFollow: () => void;
}) {
  const t = useT();
  const id = useId();
  const machines = [...new Set(namespaces.map((n) => n.machine))];
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="sr-only">
        {t('panels.namespace')}
      </label>
      <select
        id={id}
        data-testid="namespace-picker"
        value={shown ? nsKey(shown) : ''}
        onChange={(e) => {
          const ns = namespaces.find((n) => nsKey(n) === e.target.value);
          if (ns) onPick(ns);
        }}
        className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white py-1 pr-7 pl-2 font-mono text-xs text-slate-800 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        {machines.map((m) => (
          <optgroup key={m} label={m}>
            {namespaces
              .filter((n) => n.machine === m)
              .map((n) => (
                <option key={nsKey(n)} value={nsKey(n)}>
                  {namespaceLabel(n.machine, n.netns)}
                </option>
              ))}
          </optgroup>
        ))}
      </select>
      <button
        type="button"
        aria-pressed={follow}
        onClick={onToggleFollow}
        title={t('panels.follow')}
        data-testid="follow-packet"
        className={`inline-flex shrink-0 items-center gap-1 rounded-md border px-2 py-1 text-xs font-medium focus-visible:outline-2 focus-visible:outline-sky-500 ${
          follow
            ? 'border-sky-300 bg-sky-50 text-sky-700 dark:border-sky-500/40 dark:bg-sky-500/10 dark:text-sky-300'
            : 'border-slate-300 bg-white text-slate-600 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800'
        }`}
      >
        <LocateFixed aria-hidden="true" className="size-3.5" />
        <span>{t('panels.follow')}</span>
      </button>
    </div>
  );
}
