// The packet camera (issue 12, part 3): where the viewport goes for a step, and how a React
// Flow viewport maps to d3's [centre x, centre y, width] view for interpolateZoom. Pure.
import type { TopologyGraph } from './graph';
import type { Box } from './layout';

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export interface Pane {
  readonly width: number;
  readonly height: number;
}

/** d3's zoom view: the visible centre (flow coordinates) and the visible width. */
export type View = [number, number, number];

/** A node's box in flow coordinates (its parents' positions added up); undefined when absent. */
export function absoluteBox(graph: TopologyGraph, id: string): Box | undefined {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const node = byId.get(id);
  if (!node) return undefined;
  let x = node.position.x;
  let y = node.position.y;
  for (let p = node.parentId; p; p = byId.get(p)?.parentId) {
    x += byId.get(p)?.position.x ?? 0;
    y += byId.get(p)?.position.y ?? 0;
  }
  return { x, y, w: node.width ?? 0, h: node.height ?? 0 };
}

/** The zoom at which the whole graph fits the pane (React Flow's fitView, without padding). */
export function fitZoom(graph: TopologyGraph, pane: Pane): number {
  const tops = graph.nodes.filter((n) => !n.parentId);
  if (tops.length === 0 || pane.width <= 0 || pane.height <= 0) return 1;
  const x0 = Math.min(...tops.map((n) => n.position.x));
  const y0 = Math.min(...tops.map((n) => n.position.y));
  const x1 = Math.max(...tops.map((n) => n.position.x + (n.width ?? 0)));
  const y1 = Math.max(...tops.map((n) => n.position.y + (n.height ?? 0)));
  return Math.min(pane.width / Math.max(1, x1 - x0), pane.height / Math.max(1, y1 - y0));
}

/** Closer than the fitted view, so the hop fills the frame, but never below 1:1 nor above 1.6. */
export function cameraZoom(fit: number): number {
  return Math.min(1.6, Math.max(1, fit * 1.4));
}

/** The viewport that puts the centre of `box` in the middle of the pane at `zoom`. */
export function cameraTarget(box: Box, pane: Pane, zoom: number): Viewport {
  return { x: pane.width / 2 - (box.x + box.w / 2) * zoom, y: pane.height / 2 - (box.y + box.h / 2) * zoom, zoom };
}

export function viewOf(v: Viewport, pane: Pane): View {
  return [(pane.width / 2 - v.x) / v.zoom, (pane.height / 2 - v.y) / v.zoom, pane.width / v.zoom];
}

export function viewportOf(view: View, pane: Pane): Viewport {
  const zoom = pane.width / view[2];
  return { x: pane.width / 2 - view[0] * zoom, y: pane.height / 2 - view[1] * zoom, zoom };
}

/** Whether the camera glides to the next target or jumps: one step forward glides, a scrub jumps. */
export function glides(previousIndex: number, index: number, reducedMotion: boolean): boolean {
  return !reducedMotion && index - previousIndex === 1;
}
