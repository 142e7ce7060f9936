// Arrow-key navigation on the canvas (issue 12, part 10): the canvas is one tab stop, and the
// arrows move a focus between the boxes a reader can open — devices, and folded namespaces and
// machines. Pure: from the focused box, the nearest one in the arrow's direction.
import { absoluteBox } from './camera';
import type { TopologyGraph } from './graph';
import type { Box } from './layout';

export type Arrow = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

export const ARROWS: ReadonlySet<string> = new Set<Arrow>(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight']);

export interface Place {
  readonly id: string;
  readonly box: Box;
}

/** The boxes the keyboard visits: every device, every folded namespace or machine; reading order. */
export function navigablePlaces(graph: TopologyGraph): Place[] {
  const out: Place[] = [];
  for (const n of graph.nodes) {
    const visits = n.type === 'device' || ((n.type === 'namespace' || n.type === 'machine') && n.data.collapsed !== undefined);
    const box = visits ? absoluteBox(graph, n.id) : undefined;
    if (box) out.push({ id: n.id, box });
  }
  return out.sort((a, b) => a.box.y - b.box.y || a.box.x - b.box.x);
}

/**
 * The place nearest to `from` in the arrow's direction: among those whose centre lies that
 * way, the one with the least distance along the arrow plus twice the sideways offset (so a
 * box straight ahead beats a closer one off to the side). undefined when none lies that way.
 */
export function nearestInDirection(from: Box, places: readonly Place[], arrow: Arrow): string | undefined {
  const cx = from.x + from.w / 2;
  const cy = from.y + from.h / 2;
  let best: { id: string; score: number } | undefined;
  for (const p of places) {
    const dx = p.box.x + p.box.w / 2 - cx;
    const dy = p.box.y + p.box.h / 2 - cy;
    const [ahead, aside] = arrow === 'ArrowRight' ? [dx, dy] : arrow === 'ArrowLeft' ? [-dx, dy] : arrow === 'ArrowDown' ? [dy, dx] : [-dy, dx];
    if (ahead <= 1) continue;
    const score = ahead + 2 * Math.abs(aside);
    if (!best || score < best.score) best = { id: p.id, score };
  }
  return best?.id;
}

/** Where the keyboard focus starts: the token's box if it can be visited, else the first place. */
export function startPlace(places: readonly Place[], token: string | undefined): string | undefined {
  return places.find((p) => p.id === token)?.id ?? places[0]?.id;
}
