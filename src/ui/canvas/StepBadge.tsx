// The current kernel step ('ip_forward', 'nf FORWARD filter' …) as a lit chip on the border of
// the namespace it happens in, by its label (above the network pill for fabric steps). Drawn in
// the viewport portal so links crossing the namespace never cover it.
import { useInternalNode, ViewportPortal } from '@xyflow/react';
import type { NamespaceNode } from '../model/graph';
import { boxOf } from './anchor';

export interface StepBadgeProps {
  /** The namespace (or network) node the step happens in. */
  readonly place: string;
  readonly step: string;
  readonly drop: boolean;
  readonly description: string;
}

export function StepBadge({ place, step, drop, description }: StepBadgeProps) {
  const node = useInternalNode(place);
  const box = boxOf(node);
  if (!box || !node) return null;
  let style: { transform: string; maxWidth: number };
  if (node.type === 'namespace') {
    // A chip on the namespace's border at its label band, right-aligned.
    const y = (node.data as NamespaceNode['data']).label === 'bottom' ? box.y + box.h : box.y;
    style = { transform: `translate(${box.x + box.w - 10}px, ${y}px) translate(-100%, -50%)`, maxWidth: box.w - 20 };
  } else {
    style = { transform: `translate(${box.x + box.w / 2}px, ${box.y - 6}px) translate(-50%, -100%)`, maxWidth: 240 };
  }
  return (
    <ViewportPortal>
      <div
        data-testid="step-badge"
        data-place={place}
        aria-label={description}
        className="pointer-events-none absolute top-0 left-0"
        style={{ ...style, zIndex: 1900 }}
      >
        <span
          title={step}
          className={`block truncate rounded-md px-1.5 py-0.5 font-mono text-[10.5px] leading-4 font-semibold shadow-sm ${
            drop ? 'bg-red-600 text-white' : 'bg-amber-300 text-amber-950 shadow-amber-300/60 dark:bg-amber-400'
          }`}
        >
          {step}
        </span>
      </div>
    </ViewportPortal>
  );
}
