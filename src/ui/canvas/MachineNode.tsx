// A machine: a rounded group box titled with its role's icon, name and role. Its namespaces
// are child nodes; the title sits on the side away from the machine's network. A machine the
// flow never enters is folded to its title and a line saying so; a click unfolds it.
import type { NodeProps } from '@xyflow/react';
import { ChevronRight } from 'lucide-react';
import { useT } from '../labStore';
import type { MachineNode as MachineNodeType } from '../model/graph';
import { TEXT } from '../model/layout';
import { domIdOf, KBD_RING, useKeyboardFocus } from './focus';
import { Ports } from './Ports';
import { roleOf } from './roles';

export function MachineNode({ id, data }: NodeProps<MachineNodeType>) {
  const t = useT();
  const keyed = useKeyboardFocus(id);
  const { icon: Icon, label } = roleOf(data.role);
  const bottom = data.title === 'bottom';
  const folded = data.collapsed;
  return (
    <div
      id={domIdOf(id)}
      data-machine={data.name}
      data-collapsed={folded ? 'true' : undefined}
      data-kbd-focus={keyed ? 'true' : undefined}
      title={folded ? t('canvas.collapsed.machine', { name: data.name, n: folded.namespaces }) : undefined}
      className={`flex h-full w-full flex-col rounded-2xl border border-slate-200 bg-white/95 shadow-sm dark:border-slate-700 dark:bg-slate-900/95 ${
        folded ? 'cursor-pointer border-dashed hover:bg-slate-50 dark:hover:bg-slate-800' : bottom ? 'justify-end' : 'justify-start'
      } ${keyed ? KBD_RING : ''}`}
    >
      <div className="flex h-9 min-w-0 shrink-0 items-center gap-2 px-3">
        <span className="flex h-6 w-6 shrink-0 items-center justify-center rounded-md bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <Icon size={15} strokeWidth={2} aria-hidden />
        </span>
        <span style={{ fontSize: TEXT.machineName }} className="truncate font-semibold tracking-tight text-slate-800 dark:text-slate-100">
          {data.name}
        </span>
        <span style={{ fontSize: TEXT.machineRole }} className="shrink-0 text-slate-500 dark:text-slate-400">
          {label ? t(label) : data.role}
        </span>
      </div>
      {folded && (
        <span style={{ fontSize: TEXT.machineRole }} className="flex items-center gap-1 truncate px-3 text-slate-500 dark:text-slate-400">
          <ChevronRight aria-hidden size={14} className="shrink-0" />
          {t('canvas.collapsed.machineLine', { n: folded.namespaces })}
        </span>
      )}
      <Ports />
    </div>
  );
}
