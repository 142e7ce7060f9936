// A network namespace inside its machine: pods tinted one way, the root namespace another.
// Glows while the current step happens in it (the step's name is drawn by StepBadge).
import type { NodeProps } from '@xyflow/react';
import { useT } from '../labStore';
import type { NamespaceNode as NamespaceNodeType } from '../model/graph';
import { useFocus } from './focus';

export function NamespaceNode({ id, data }: NodeProps<NamespaceNodeType>) {
  const t = useT();
  const focus = useFocus();
  const active = focus?.place === id;
  const dropped = active && focus.drop;
  const root = data.netns === '';
  const tint = root
    ? 'border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-800/60'
    : 'border-sky-200 bg-sky-50 dark:border-sky-800/70 dark:bg-sky-950/50';
  const ring = dropped
    ? 'ring-2 ring-red-500 shadow-[0_0_0_6px_rgba(239,68,68,0.18)]'
    : active
      ? 'ring-2 ring-amber-400 shadow-[0_0_0_6px_rgba(251,191,36,0.2)] dark:ring-amber-300'
      : '';
  return (
    <div
      data-netns={`${data.machine}|${data.netns}`}
      data-active={active ? 'true' : undefined}
      title={root ? t('canvas.rootNs') : t('canvas.netns', { name: data.netns })}
      className={`flex h-full w-full rounded-xl border transition-shadow duration-200 ${tint} ${ring} ${data.label === 'bottom' ? 'items-end' : 'items-start'}`}
    >
      <span
        className={`truncate px-2.5 py-1.5 text-[11px] leading-none font-medium ${
          root ? 'text-slate-500 dark:text-slate-400' : 'font-mono text-sky-700 dark:text-sky-300'
        }`}
      >
        {root ? t('canvas.rootNs') : data.netns}
      </span>
    </div>
  );
}
