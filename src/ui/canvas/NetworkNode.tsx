// A network outside the machines (a switch today, a VPC later): a pill with a switch icon.
import type { NodeProps } from '@xyflow/react';
import { Network } from 'lucide-react';
import type { MessageKey } from '../../i18n/index';
import { useT } from '../labStore';
import type { NetworkNode as NetworkNodeType } from '../model/graph';
import { usePlaceLit } from './focus';
import { Ports } from './Ports';

const KINDS: Record<string, MessageKey> = { switch: 'canvas.network.switch', vpc: 'canvas.network.vpc' };

export function NetworkNode({ id, data }: NodeProps<NetworkNodeType>) {
  const t = useT();
  const lit = usePlaceLit(id);
  const active = lit !== 'none';
  const ring = active ? (lit === 'drop' ? 'ring-2 ring-red-500' : 'ring-2 ring-amber-400 dark:ring-amber-300') : '';
  return (
    <div
      data-network={data.name}
      data-active={active ? 'true' : undefined}
      className={`flex h-full w-full items-center justify-center gap-2 rounded-full border border-indigo-300 bg-indigo-50 px-4 shadow-sm dark:border-indigo-700 dark:bg-indigo-950 ${ring}`}
    >
      <Network size={16} className="shrink-0 text-indigo-600 dark:text-indigo-300" aria-hidden />
      <span className="truncate font-mono text-sm font-semibold text-indigo-900 dark:text-indigo-100">{data.name}</span>
      <span className="shrink-0 text-[13px] text-indigo-600 dark:text-indigo-400">{KINDS[data.kind] ? t(KINDS[data.kind]) : data.kind}</span>
      <Ports />
    </div>
  );
}
