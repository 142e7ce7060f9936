// A device as a small port pill: name and first address in mono, a link-state dot, a tint by
// kind; everything else on hover. Lit while the packet is on it, red when it is dropped there.
import type { NodeProps } from '@xyflow/react';
import { useT } from '../labStore';
import type { DeviceNode as DeviceNodeType } from '../model/graph';
import { deviceTitle } from './deviceTitle';
import { TEXT } from '../model/layout';
import { domIdOf, KBD_RING, useKeyboardFocus, useLit } from './focus';
import { Ports } from './Ports';

const KIND_TINT: Record<string, string> = {
  veth: 'border-sky-300 dark:border-sky-700',
  bridge: 'border-violet-300 dark:border-violet-700',
  nic: 'border-emerald-300 dark:border-emerald-700',
  dummy: 'border-dashed border-slate-300 dark:border-slate-600',
  macvlan: 'border-teal-300 dark:border-teal-700',
  ipvlan: 'border-teal-300 dark:border-teal-700',
};

const LIT = {
  none: '',
  here: 'ring-2 ring-amber-400 dark:ring-amber-300 shadow-md',
  drop: 'ring-2 ring-red-500 shadow-md',
} as const;

export function DeviceNode({ id, data }: NodeProps<DeviceNodeType>) {
  const t = useT();
  const lit = useLit(id);
  const keyed = useKeyboardFocus(id);
  const d = data.device;
  return (
    <div
      id={domIdOf(id)}
      data-kbd-focus={keyed ? 'true' : undefined}
      data-device={`${d.machine}|${d.netns}|${d.name}`}
      data-lit={lit === 'none' ? undefined : lit}
      title={deviceTitle(d, t)}
      className={`flex h-full w-full cursor-pointer items-center gap-1.5 rounded-lg border bg-white px-2 font-mono shadow-xs dark:bg-slate-900 ${
        KIND_TINT[d.kind] ?? 'border-slate-300 dark:border-slate-600'
      } ${LIT[lit]} ${keyed ? KBD_RING : ''}`}
    >
      <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${d.up ? 'bg-emerald-500' : 'bg-slate-300 dark:bg-slate-600'}`} />
      <span className="flex min-w-0 flex-col leading-[1.1]">
        <span data-device-name style={{ fontSize: TEXT.deviceName }} className="truncate font-semibold text-slate-800 dark:text-slate-100">
          {d.name}
        </span>
        <span data-device-address style={{ fontSize: TEXT.deviceAddress }} className="truncate text-slate-600 dark:text-slate-400">
          {d.addresses[0] ?? d.kind}
        </span>
      </span>
      <Ports />
    </div>
  );
}
