// The packet token: a small pill with the packet's name that travels from the previous hop to
// the current one along the links drawn between them (veth, bridge port, tunnel arc), eased by
// a d3 timer. A scrub, a step back or reduced motion puts it there at once; a new step while it
// travels starts from where it is. Red with an ✕ on the step that drops the packet.
import { type InternalNode, useInternalNode, ViewportPortal } from '@xyflow/react';
import { easeCubicInOut } from 'd3-ease';
import { type Timer, timer } from 'd3-timer';
import { X } from 'lucide-react';
import { useLayoutEffect, useRef } from 'react';
import type { DeviceNode, NamespaceNode } from '../model/graph';
import { chainPath, type Point, pointAlong } from '../model/tokenPath';
import { boxOf } from './anchor';
import { useReducedMotion } from './useReducedMotion';

/** How far the token's centre sits outside the pill's edge (it overlaps the border a little). */
const PERCH = 5;
/** Points sampled along each crossed edge's drawn path. */
const SAMPLES = 24;

export interface PacketTokenProps {
  /** Node the token sits on. */
  readonly at: string;
  /** Edges between the previous step's node and this one (graphFocus's `crossed`). */
  readonly crossed: readonly string[];
  /** The playback step, to tell one step forward (travel) from a scrub (jump). */
  readonly index: number;
  /** The step shown before this one (the stop before, under a step filter): the token travels only when it comes from there. */
  readonly from?: number;
  readonly label: string;
  readonly drop: boolean;
  /** Travel time in ms. */
  readonly duration: number;
  /** Spoken description ("SYN at host1/pod-a eth0"). */
  readonly description: string;
}

/**
 * Perched on an edge, so names stay readable: a device pill's edge away from its namespace's
 * label (where the step chip sits), a namespace's border away from its label, a network
 * pill's underside.
 */
function perch(node: InternalNode | undefined): Point | undefined {
  const box = boxOf(node);
  if (!box || !node) return undefined;
  const x = box.x + box.w / 2;
  let y = box.y + box.h / 2;
  if (node.type === 'device') y = (node.data as DeviceNode['data']).tokenSide === 'top' ? box.y - PERCH : box.y + box.h + PERCH;
  if (node.type === 'namespace') y = (node.data as NamespaceNode['data']).label === 'top' ? box.y + box.h : box.y;
  if (node.type === 'network') y = box.y + box.h + PERCH;
  return { x, y };
}

/** An edge's drawn path, sampled (flow coordinates: the edges' SVG lives in the viewport). */
function sampleEdge(id: string): Point[] {
  const path = document.querySelector<SVGPathElement>(`[data-testid="rf__edge-${id}"] path.react-flow__edge-path`);
  if (!path || typeof path.getTotalLength !== 'function') return [];
  const length = path.getTotalLength();
  return Array.from({ length: SAMPLES + 1 }, (_, i) => {
    const p = path.getPointAtLength((length * i) / SAMPLES);
    return { x: p.x, y: p.y };
  });
}

export function PacketToken({ at, crossed, index, from = index - 1, label, drop, duration, description }: PacketTokenProps) {
  const node = useInternalNode(at);
  const to = perch(node);
  const reduced = useReducedMotion();
  const element = useRef<HTMLDivElement>(null);
  const shown = useRef<{ point: Point; index: number } | undefined>(undefined);
  const travel = useRef<Timer | undefined>(undefined);

  const tx = to?.x;
  const ty = to?.y;
  useLayoutEffect(() => {
    const el = element.current;
    if (!el || tx === undefined || ty === undefined) return;
    const place = (p: Point) => {
      el.style.transform = `translate(${p.x}px, ${p.y}px) translate(-50%, -50%)`;
    };
    travel.current?.stop();
    const target = { x: tx, y: ty };
    const previous = shown.current;
    shown.current = { point: target, index };
    if (!previous || reduced || previous.index !== from || duration <= 0) {
      place(target);
      return;
    }
    const path = chainPath(previous.point, crossed.map(sampleEdge), target);
    const t = timer((elapsed) => {
      const k = Math.min(1, elapsed / duration);
      const p = pointAlong(path, easeCubicInOut(k));
      place(p);
      if (shown.current) shown.current = { point: k >= 1 ? target : p, index };
      if (k >= 1) t.stop();
    });
    travel.current = t;
    return () => t.stop();
  }, [tx, ty, index, from, crossed, reduced, duration]);

  if (!to) return null;
  return (
    <ViewportPortal>
      <div
        ref={element}
        data-testid="packet-token"
        data-at={at}
        data-drop={drop ? 'true' : undefined}
        role="img"
        aria-label={description}
        title={description}
        className="pp-token pointer-events-none absolute top-0 left-0"
        style={{ zIndex: 2000 }}
      >
        <span
          className={`flex items-center gap-0.5 rounded-full px-2 py-0.5 font-mono text-[12px] leading-4 font-bold whitespace-nowrap ring-2 ring-white dark:ring-slate-900 ${
            // dark text on amber, white on red: both pass WCAG AA contrast (axe)
            drop ? 'bg-red-600 text-white shadow-[0_0_10px_3px_rgba(239,68,68,0.55)]' : 'bg-amber-500 text-amber-950 shadow-[0_0_10px_3px_rgba(245,158,11,0.55)]'
          }`}
        >
          {drop && <X size={11} strokeWidth={3} aria-hidden />}
          {label}
        </span>
      </div>
    </ViewportPortal>
  );
}
