// The packet token: a small pill with the packet's name that travels from the previous hop to
// the current one along the links drawn between them (veth, bridge port, tunnel arc), eased by
// d3's easing into keyframes the browser plays on the compositor (Web Animations), so the main
// thread does no work per frame. A scrub, a step back or reduced motion puts it there at once;
// a new step while it travels starts from where it is. Red with an ✕ on the step that drops
// the packet.
import { type InternalNode, useInternalNode, ViewportPortal } from '@xyflow/react';
import { easeCubicInOut } from 'd3-ease';
import { X } from 'lucide-react';
import { useLayoutEffect, useRef } from 'react';
import type { DeviceNode, NamespaceNode } from '../model/graph';
import { chainPath, type Point, pointAlong, travelFrames } from '../model/tokenPath';
import { boxOf } from './anchor';
import { useReducedMotion } from './useReducedMotion';

/** How far the token's centre sits outside the pill's edge (it overlaps the border a little). */
const PERCH = 5;
/** Points sampled along each crossed edge's drawn path. */
const SAMPLES = 24;
/** Keyframes per travel: enough that straight pieces between them follow the curves and the easing. */
const FRAMES = 40;

const transformAt = (p: Point) => `translate(${p.x}px, ${p.y}px) translate(-50%, -50%)`;

/** A travel under way: where it goes, so a new step can start from where the token is now. */
interface Travel {
  readonly path: readonly Point[];
  readonly animation: Animation;
  readonly duration: number;
}

/** Where a travel has got to (its eased point at the animation's current time). */
function travelPoint(travel: Travel): Point {
  const elapsed = Number(travel.animation.currentTime ?? travel.duration);
  return pointAlong(travel.path, easeCubicInOut(Math.min(1, Math.max(0, elapsed / travel.duration))));
}

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

/**
 * An edge's drawn path, sampled (flow coordinates: the edges' SVG lives in the viewport). The
 * path's `d` is measured in script, not by the SVG element: asking the element for its length
 * makes the browser lay the page out in the middle of a step.
 */
function sampleEdge(id: string): Point[] {
  const d = document.querySelector<SVGPathElement>(`[data-testid="rf__edge-${id}"] path.react-flow__edge-path`)?.getAttribute('d');
  if (!d || !pathMeasure) return [];
  const path = new pathMeasure(d);
  const length = path.getTotalLength();
  return Array.from({ length: SAMPLES + 1 }, (_, i) => {
    const p = path.getPointAtLength((length * i) / SAMPLES);
    return { x: p.x, y: p.y };
  });
}

// The path measurer comes in its own small chunk, fetched as soon as the canvas module loads
// (long before a first step); until it is there, a travel runs straight between the perches.
let pathMeasure: typeof import('svg-path-properties').svgPathProperties | undefined;
void import('svg-path-properties').then((m) => (pathMeasure = m.svgPathProperties));

export function PacketToken({ at, crossed, index, from = index - 1, label, drop, duration, description }: PacketTokenProps) {
  const node = useInternalNode(at);
  const to = perch(node);
  const reduced = useReducedMotion();
  const element = useRef<HTMLDivElement>(null);
  const shown = useRef<{ point: Point; index: number } | undefined>(undefined);
  const travel = useRef<Travel | undefined>(undefined);

  const tx = to?.x;
  const ty = to?.y;
  useLayoutEffect(() => {
    const el = element.current;
    if (!el || tx === undefined || ty === undefined) return;
    const target = { x: tx, y: ty };
    const previous = shown.current;
    // Interrupted mid-way: the next travel starts where the token is on screen.
    const start = travel.current && travel.current.animation.playState === 'running' ? travelPoint(travel.current) : previous?.point;
    travel.current?.animation.cancel();
    travel.current = undefined;
    shown.current = { point: target, index };
    el.style.transform = transformAt(target); // where it rests once the animation ends
    // travels only from the step shown just before (the stop before, under a step filter)
    if (!previous || !start || reduced || previous.index !== from || duration <= 0 || typeof el.animate !== 'function') return;
    const path = chainPath(start, crossed.map(sampleEdge), target);
    const frames = travelFrames(path, easeCubicInOut, FRAMES).map((f) => ({ offset: f.offset, transform: transformAt(f) }));
    travel.current = { path, duration, animation: el.animate(frames, { duration, easing: 'linear' }) };
  }, [tx, ty, index, from, crossed, reduced, duration]);

  useLayoutEffect(() => () => travel.current?.animation.cancel(), []);

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
