// The packet token's way from one hop to the next along the links drawn between them: each
// crossed edge's path (sampled from its SVG) turned to run the way the packet goes, chained
// between the two perches. Pure geometry; PacketToken samples the edges and animates.

export interface Point {
  readonly x: number;
  readonly y: number;
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

/**
 * One polyline from `from` to `to` through `edges` (each a list of points, in any direction):
 * every edge is taken in the order given, reversed when its far end is nearer to where the
 * token already is.
 */
export function chainPath(from: Point, edges: readonly (readonly Point[])[], to: Point): Point[] {
  const out: Point[] = [from];
  for (const edge of edges) {
    if (edge.length === 0) continue;
    const here = out[out.length - 1];
    const run = dist(here, edge[edge.length - 1]) < dist(here, edge[0]) ? [...edge].reverse() : edge;
    out.push(...run);
  }
  out.push(to);
  return out;
}

/** The point a share `t` (0…1) of the way along a polyline, by length. */
export function pointAlong(path: readonly Point[], t: number): Point {
  if (path.length === 0) return { x: 0, y: 0 };
  const lengths = path.slice(1).map((p, i) => dist(path[i], p));
  const total = lengths.reduce((a, b) => a + b, 0);
  if (total === 0 || t <= 0) return path[0];
  if (t >= 1) return path[path.length - 1];
  let left = t * total;
  for (let i = 0; i < lengths.length; i++) {
    if (left <= lengths[i]) {
      const k = lengths[i] === 0 ? 0 : left / lengths[i];
      return { x: path[i].x + (path[i + 1].x - path[i].x) * k, y: path[i].y + (path[i + 1].y - path[i].y) * k };
    }
    left -= lengths[i];
  }
  return path[path.length - 1];
}

/** A point of a travel's keyframes: where the token is at `offset` (0…1) of the travel's time. */
export interface TravelFrame extends Point {
  readonly offset: number;
}

/**
 * The token's travel along `path` as `count` + 1 keyframes, equally spaced in time and placed
 * by `ease` (so the browser only interpolates linearly between close points). Handed to the
 * Web Animations API, the travel runs on the compositor: a step's frames cost the page nothing.
 */
export function travelFrames(path: readonly Point[], ease: (k: number) => number, count: number): TravelFrame[] {
  return Array.from({ length: count + 1 }, (_, i) => {
    const offset = i / count;
    return { offset, ...pointAlong(path, ease(offset)) };
  });
}
