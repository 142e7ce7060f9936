// A machine: a rounded group box titled with its role's icon, name and role. Its namespaces
// are child nodes; the title sits on the side away from the machine's network.
import type { NodeProps } from '@xyflow/react';
import { useT } from '../labStore';
import type { MachineNode as MachineNodeType } from '../model/graph';
import { roleOf } from './roles';

export function MachineNode({ data }: NodeProps<MachineNodeType>) {
  const t = useT();
  const { icon: Icon, label } = roleOf(data.role);
  const bottom = data.title === 'bottom';
  return (
    <div
      data-machine={data.name}
      className={`flex h-full w-full rounded-2xl border border-slate-200 bg-white/95 shadow-sm dark:border-slate-700 dark:bg-slate-900/95 ${
        bottom ? 'items-end' : 'items-start'
      }`}
    >
      <div className="flex h-10 min-w-0 items-center gap-2 px-3.5">
        <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <Icon size={15} strokeWidth={2} aria-hidden />
        </span>
        <span className="truncate text-sm font-semibold tracking-tight text-slate-800 dark:text-slate-100">{data.name}</span>
        <span className="shrink-0 text-[11px] text-slate-400 dark:text-slate-500">{label ? t(label) : data.role}</span>
      </div>
    </div>
  );
}
