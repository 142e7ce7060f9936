// Topology or Matrix: what the middle of the page shows (WAI-ARIA tabs: arrow keys move between
// them, one tab stop). The choice is in the URL (view=matrix).
import { Grid3x3, Network } from 'lucide-react';
import type { KeyboardEvent } from 'react';
import type { LabView } from '../../store/lab';
import { useLab, useT } from '../labStore';

const VIEWS: readonly { readonly id: LabView; readonly icon: typeof Network }[] = [
  { id: 'lab', icon: Network },
  { id: 'matrix', icon: Grid3x3 },
];

export const viewTabId = (view: LabView) => `view-tab-${view}`;
export const viewPanelId = (view: LabView) => `view-panel-${view}`;

export function ViewTabs() {
  const t = useT();
  const view = useLab((s) => s.view ?? 'lab');
  const setView = useLab((s) => s.setView);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const i = VIEWS.findIndex((v) => v.id === view);
    const next = e.key === 'Home' ? VIEWS[0] : e.key === 'End' ? VIEWS[VIEWS.length - 1] : VIEWS[(i + (e.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length];
    void setView(next.id);
    document.getElementById(viewTabId(next.id))?.focus();
  };

  return (
    <div role="tablist" aria-label={t('view.tabs')} onKeyDown={onKeyDown} className="flex shrink-0 gap-1 border-b border-slate-200 dark:border-slate-800" data-testid="view-tabs">
      {VIEWS.map(({ id, icon: Icon }) => {
        const active = id === view;
        return (
          <button
            key={id}
            id={viewTabId(id)}
            type="button"
            role="tab"
            aria-selected={active}
            aria-controls={viewPanelId(id)}
            tabIndex={active ? 0 : -1}
            data-view={id}
            onClick={() => void setView(id)}
            className={`-mb-px inline-flex items-center gap-1.5 border-b-2 px-2.5 py-1.5 text-sm focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 ${
              active
                ? 'border-sky-600 font-medium text-sky-700 dark:border-sky-400 dark:text-sky-300'
                : 'border-transparent text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-100'
            }`}
          >
            <Icon className="h-3.5 w-3.5" aria-hidden />
            {t(id === 'lab' ? 'view.lab' : 'view.matrix')}
          </button>
        );
      })}
    </div>
  );
}
