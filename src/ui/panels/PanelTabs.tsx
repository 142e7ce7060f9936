// The tabs over the state panels (WAI-ARIA tabs: arrow keys move between them, one tab stop).
import type { KeyboardEvent } from 'react';
import type { Panel } from '../model/highlight';
import { useT } from '../labStore';

/** What each tab runs, as you would type it in the namespace. */
export const COMMANDS: Record<Panel, string> = {
  addr: 'ip addr',
  route: 'ip route show table all',
  rule: 'ip rule',
  neigh: 'ip neigh',
  fdb: 'bridge fdb',
  iptables: 'iptables-save -c',
  ipvs: 'ipvsadm -Ln',
  conntrack: 'conntrack -L',
};

export const tabId = (base: string, panel: Panel) => `${base}-tab-${panel}`;
export const panelId = (base: string, panel: Panel) => `${base}-panel-${panel}`;

export function PanelTabs({
  base,
  panels,
  selected,
  matched,
  label,
  onSelect,
}: {
  base: string;
  panels: readonly Panel[];
  selected: Panel;
  matched: (panel: Panel) => boolean;
  label: string;
  onSelect: (panel: Panel) => void;
}) {
  const t = useT();

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = panels.indexOf(selected);
    const next =
      e.key === 'ArrowRight' ? panels[(i + 1) % panels.length]
      : e.key === 'ArrowLeft' ? panels[(i - 1 + panels.length) % panels.length]
      : e.key === 'Home' ? panels[0]
      : e.key === 'End' ? panels[panels.length - 1]
      : undefined;
    if (!next) return;
    e.preventDefault();
    onSelect(next);
    document.getElementById(tabId(base, next))?.focus();
  };

  return (
    <div
      role="tablist"
      aria-label={label}
      onKeyDown={onKeyDown}
      className="flex overflow-x-auto border-b border-slate-200 px-1 dark:border-slate-800"
    >
      {panels.map((p) => {
        const active = p === selected;
        const hit = matched(p);
        return (
          <button
            key={p}
            id={tabId(base, p)}
            type="button"
            role="tab"
            aria-selected={active}
            aria-controls={panelId(base, p)}
            tabIndex={active ? 0 : -1}
            title={COMMANDS[p]}
            data-panel={p}
            data-has-match={hit ? 'true' : undefined}
            onClick={() => onSelect(p)}
            className={`relative -mb-px inline-flex shrink-0 items-center gap-1 border-b-2 px-1.5 py-1.5 font-mono text-xs focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 ${
              active
                ? 'border-sky-600 font-semibold text-sky-700 dark:border-sky-400 dark:text-sky-300'
                : 'border-transparent text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-100'
            }`}
          >
            {p}
            {hit && (
              <>
                <span aria-hidden="true" className="size-1.5 rounded-full bg-amber-500" />
                <span className="sr-only">({t('panels.hasMatch')})</span>
              </>
            )}
          </button>
        );
      })}
    </div>
  );
}
