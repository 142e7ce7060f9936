// The packet token: a small pill with the packet's name that glides to the node of the
// current step (a CSS transition on transform, shorter than a playback tick). Red with an ✕
// on the step that drops the packet.
import { useInternalNode, ViewportPortal } from '@xyflow/react';
import { X } from 'lucide-react';
import type { DeviceNode, NamespaceNode } from '../model/graph';
import { boxOf } from './anchor';

/** How far the token's centre sits outside the pill's edge (it overlaps the border a little). */
const PERCH = 5;

export interface PacketTokenProps {
  /** Node the token sits on. */
  readonly at: string;
  readonly label: string;
  readonly drop: boolean;
  /** Transition length in ms. */
  readonly duration: number;
  /** Spoken description ("SYN at host1/pod-a eth0"). */
  readonly description: string;
}

export function PacketToken({ at, label, drop, duration, description }: PacketTokenProps) {
  const node = useInternalNode(at);
  const box = boxOf(node);
  if (!box) return null;
  // Perched on an edge, so names stay readable: a device pill's edge away from its namespace's
  // label (where the step chip sits), a namespace's border away from its label, a network
  // pill's underside.
  const x = box.x + box.w / 2;
  let y = box.y + box.h / 2;
  if (node?.type === 'device') y = (node.data as DeviceNode['data']).tokenSide === 'top' ? box.y - PERCH : box.y + box.h + PERCH;
  if (node?.type === 'namespace') y = (node.data as NamespaceNode['data']).label === 'top' ? box.y + box.h : box.y;
  if (node?.type === 'network') y = box.y + box.h + PERCH;
  return (
    <ViewportPortal>
      <div
        data-testid="packet-token"
        data-at={at}
        data-drop={drop ? 'true' : undefined}
        role="img"
        aria-label={description}
        title={description}
        className="pp-token pointer-events-none absolute top-0 left-0"
        style={{ transform: `translate(${x}px, ${y}px) translate(-50%, -50%)`, transitionDuration: `${duration}ms`, zIndex: 2000 }}
      >
        <span
          className={`flex items-center gap-0.5 rounded-full px-2 py-0.5 font-mono text-[10.5px] leading-4 font-bold whitespace-nowrap text-white ring-2 ring-white dark:ring-slate-900 ${
            drop ? 'bg-red-600 shadow-[0_0_10px_3px_rgba(239,68,68,0.55)]' : 'bg-amber-500 shadow-[0_0_10px_3px_rgba(245,158,11,0.55)]'
          }`}
        >
          {drop && <X size={11} strokeWidth={3} aria-hidden />}
          {label}
        </span>
      </div>
    </ViewportPortal>
  );
}
