// The packet's headers as a packet analyser's details pane shows them: one collapsible row per
// layer, outer to inner, its fields below. What this step changed is marked (data-changed),
// with the old value struck through; layers it added say so, layers it removed are listed.
import { ChevronRight } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import type { HeaderChange } from '../../engine/packet/diff';
import type { PacketView } from '../../engine/packet/view';
import { diffStacks, headerTree, type HeaderNode, type StackDiff } from '../model/headers';
import { useT } from '../labStore';
import { SectionTitle } from './parts';

export function HeaderTree({ packet, previous, changes }: { packet: PacketView; previous?: PacketView; changes?: readonly HeaderChange[] }) {
  const t = useT();
  const tree = useMemo(() => headerTree(packet), [packet]);
  const diff = useMemo(() => diffStacks(previous, packet, changes), [previous, packet, changes]);
  // The user's own choices win over the default (a layer is open when this step changed it).
  const [open, setOpen] = useState<Readonly<Record<string, boolean>>>({});
  const toggle = (path: string, now: boolean) => setOpen((o) => ({ ...o, [path]: !now }));

  const summary = diff.unrelated
    ? t('inspector.headers.another')
    : diff.changed.size > 0
      ? diff.changed.size === 1
        ? t('inspector.headers.changedOne')
        : t('inspector.headers.changed', { n: diff.changed.size })
      : diff.popped.length === 0 && previous
        ? t('inspector.headers.unchanged')
        : undefined;

  return (
    <div data-testid="header-tree">
      <SectionTitle aside={summary}>{t('inspector.headers.title')}</SectionTitle>
      {tree.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t('inspector.headers.none')}</p>
      ) : (
        <ul className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-800">
          {tree.map((node) => (
            <Layer key={node.path} node={node} diff={diff} open={open} toggle={toggle} />
          ))}
        </ul>
      )}
      {diff.popped.length > 0 && (
        <div className="mt-2 text-xs" data-testid="popped-layers">
          <span className="font-medium text-slate-600 dark:text-slate-300">{t('inspector.headers.removed')}: </span>
          <ul className="mt-1 space-y-0.5">
            {diff.popped.map((p) => (
              <li key={p.path} data-popped={p.path} className="font-mono break-words text-slate-500 line-through decoration-rose-400/70 dark:text-slate-400">
                {p.title}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function Layer({
  node,
  diff,
  open,
  toggle,
}: {
  node: HeaderNode;
  diff: StackDiff;
  open: Readonly<Record<string, boolean>>;
  toggle: (path: string, now: boolean) => void;
}) {
  const t = useT();
  const id = useId();
  const pushed = diff.pushed.has(node.path);
  const changedHere = node.fields.filter((f) => diff.changed.has(`${node.path}.${f.key}`)).length;
  // Open by default where this step changed something (a single added link header too; a
  // whole tunnel's worth of new layers would bury the packet inside).
  const isOpen = open[node.path] ?? (changedHere > 0 && (!pushed || diff.pushed.size === 1));
  const depth = node.level;
  return (
    <li
      className={`border-slate-200 not-first:border-t dark:border-slate-800 ${pushed ? 'bg-emerald-50/60 dark:bg-emerald-500/5' : ''}`}
      data-layer={node.path}
      data-pushed={pushed ? 'true' : undefined}
    >
      <button
        type="button"
        aria-expanded={isOpen}
        aria-controls={id}
        onClick={() => toggle(node.path, isOpen)}
        className="flex w-full items-start gap-1.5 px-2 py-1.5 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 dark:hover:bg-slate-800/60"
        style={depth > 0 ? { paddingLeft: `${0.5 + depth * 0.75}rem` } : undefined}
      >
        <ChevronRight aria-hidden="true" className={`mt-0.5 size-3.5 shrink-0 text-slate-400 transition-transform ${isOpen ? 'rotate-90' : ''}`} />
        <span className="min-w-0 flex-1 font-mono text-xs leading-5 break-words text-slate-800 dark:text-slate-100">{node.title}</span>
        {pushed && (
          <span className="shrink-0 rounded bg-emerald-100 px-1.5 text-[10px] leading-5 font-semibold text-emerald-800 uppercase dark:bg-emerald-500/20 dark:text-emerald-200">
            {t('inspector.headers.new')}
          </span>
        )}
        {!pushed && changedHere > 0 && (
          <span aria-hidden="true" className="mt-1.5 size-2 shrink-0 rounded-full bg-amber-500" title={changedHere === 1 ? t('inspector.headers.changedOne') : t('inspector.headers.changed', { n: changedHere })} />
        )}
      </button>
      <div id={id} hidden={!isOpen}>
        {isOpen && (
          <dl className="grid grid-cols-[9.5rem_minmax(0,1fr)] gap-x-3 pr-2 pb-1.5 text-xs" style={{ paddingLeft: `${1.75 + depth * 0.75}rem` }}>
            {node.fields.map((f) => {
              const key = `${node.path}.${f.key}`;
              const changed = diff.changed.has(key);
              const was = diff.before.get(key);
              return (
                <div
                  key={f.key}
                  data-field={key}
                  data-changed={changed ? 'true' : undefined}
                  className={`col-span-2 grid grid-cols-subgrid rounded px-1 py-0.5 ${changed && !pushed ? 'bg-amber-50 ring-1 ring-amber-300/60 ring-inset dark:bg-amber-400/10 dark:ring-amber-400/30' : ''}`}
                >
                  <dt className="text-slate-500 dark:text-slate-400">{f.name}</dt>
                  <dd className="min-w-0 font-mono break-all text-slate-800 dark:text-slate-100">
                    {changed && was !== undefined ? (
                      <>
                        <span className="sr-only">{t('inspector.headers.was', { value: was })}</span>
                        <del aria-hidden="true" className="text-rose-600 decoration-rose-500/70 dark:text-rose-300">
                          {was}
                        </del>
                        <span aria-hidden="true" className="px-1 text-slate-400">→</span>
                        <ins className="font-semibold text-emerald-700 no-underline dark:text-emerald-300">{f.value}</ins>
                      </>
                    ) : (
                      f.value
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        )}
        {isOpen && node.children && (
          <div className="pr-2 pb-2" style={{ paddingLeft: `${1.75 + depth * 0.75}rem` }}>
            <div className="mb-1 text-[11px] font-medium text-slate-500 dark:text-slate-400">{t('inspector.headers.quoted')}</div>
            <ul className="overflow-hidden rounded-md border border-slate-200 dark:border-slate-800">
              {node.children.map((child) => (
                <Layer key={child.path} node={child} diff={diff} open={open} toggle={toggle} />
              ))}
            </ul>
          </div>
        )}
      </div>
    </li>
  );
}
