// Geometry checks shared by the canvas graph's tests: absolute boxes, nesting, overlaps.
import type { TopologyGraph } from './graph';

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}
export function absolute(graph: TopologyGraph): Map<string, Rect> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const out = new Map<string, Rect>();
  for (const n of graph.nodes) {
    let x = n.position.x;
    let y = n.position.y;
    for (let p = n.parentId; p; p = byId.get(p)!.parentId) {
      x += byId.get(p)!.position.x;
      y += byId.get(p)!.position.y;
    }
    out.set(n.id, { x, y, w: n.width!, h: n.height! });
  }
  return out;
}
export const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
export const inside = (c: Rect, p: Rect) => c.x >= p.x && c.y >= p.y && c.x + c.w <= p.x + p.w && c.y + c.h <= p.y + p.h;

/** Pairs of siblings (same parent, or both top level) whose boxes overlap. */
export function overlappingSiblings(graph: TopologyGraph): string[] {
  const abs = absolute(graph);
  const bad: string[] = [];
  graph.nodes.forEach((a, i) =>
    graph.nodes.slice(i + 1).forEach((b) => {
      if (a.parentId === b.parentId && overlaps(abs.get(a.id)!, abs.get(b.id)!)) bad.push(`${a.id} × ${b.id}`);
    }),
  );
  return bad;
}
