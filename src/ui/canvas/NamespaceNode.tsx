// A network namespace inside its machine: pods tinted one way, the root namespace another.
// Glows while the current step happens in it (the step's name is drawn by StepBadge). One the
// flow never enters is folded to a chip; a click (or Enter) unfolds it. Many folded namespaces
// of one machine are one group chip ("498 namespaces"); a click unfolds them into chips.
import type { NodeProps } from '@xyflow/react';
import { ChevronRight } from 'lucide-react';
import { useT } from '../labStore';
import type { NamespaceNode as NamespaceNodeType } from '../model/graph';
import { TEXT } from '../model/layout';
import { domIdOf, KBD_RING, useKeyboardFocus, usePlaceLit } from './focus';
import { Ports } from './Ports';

export function NamespaceNode({ id, data }: NodeProps<NamespaceNodeType>) {
  const t = useT();
  const lit = usePlaceLit(id);
  const keyed = useKeyboardFocus(id);
  const active = lit !== 'none';
  const dropped = lit === 'drop';
  const root = data.netns === '';
  const tint = root
    ? 'border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-800/60'
    : 'border-sky-200 bg-sky-50 dark:border-sky-800/70 dark:bg-sky-950/50';
  const ring = dropped
    ? 'ring-2 ring-red-500 shadow-[0_0_0_6px_rgba(239,68,68,0.18)]'
    : active
      ? 'ring-2 ring-amber-400 shadow-[0_0_0_6px_rgba(251,191,36,0.2)] dark:ring-amber-300'
      : '';
  const name = root ? t('canvas.rootNs') : data.group !== undefined ? t('canvas.group', { n: data.group }) : data.netns;
  if (data.collapsed) {
    return (
      <div
        id={domIdOf(id)}
        data-netns={`${data.machine}|${data.netns}`}
        data-collapsed="true"
        data-kbd-focus={keyed ? 'true' : undefined}
        data-group={data.group}
        title={data.group !== undefined ? t('canvas.collapsed.group', { n: data.group }) : t('canvas.collapsed.ns', { name, n: data.collapsed.devices })}
        style={{ fontSize: TEXT.nsLabel }}
        className={`flex h-full w-full cursor-pointer items-center gap-1 rounded-xl border border-dashed px-2 font-mono text-sky-700 hover:bg-sky-100 dark:text-sky-300 dark:hover:bg-sky-900/60 ${tint} ${keyed ? KBD_RING : ''}`}
      >
        <ChevronRight aria-hidden size={14} className="shrink-0" />
        <span className="truncate">{name}</span>
        <Ports />
      </div>
    );
  }
  return (
    <div
      id={domIdOf(id)}
      data-netns={`${data.machine}|${data.netns}`}
      data-active={active ? 'true' : undefined}
      data-kbd-focus={keyed ? 'true' : undefined}
      title={root ? t('canvas.rootNs') : t('canvas.netns', { name: data.netns })}
      className={`flex h-full w-full cursor-pointer rounded-xl border ${tint} ${ring} ${keyed ? KBD_RING : ''} ${data.label === 'bottom' ? 'items-end' : 'items-start'}`}
    >
      <span
        style={{ fontSize: TEXT.nsLabel }}
        className={`truncate px-2 py-1 leading-none font-medium ${root ? 'text-slate-600 dark:text-slate-400' : 'font-mono text-sky-700 dark:text-sky-300'}`}
      >
        {name}
      </span>
      <Ports />
    </div>
  );
}
