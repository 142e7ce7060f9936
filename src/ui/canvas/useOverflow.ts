// True while part of the graph lies outside the visible pane (the user zoomed or panned in):
// the mini map only shows then, so it never covers a topology that fits.
import { useStore } from '@xyflow/react';
import { useMemo } from 'react';
import type { TopologyGraph } from '../model/graph';

export function useOverflow(graph: TopologyGraph): boolean {
  const bounds = useMemo(() => {
    const top = graph.nodes.filter((n) => !n.parentId);
    if (top.length === 0) return undefined;
    return {
      x: Math.min(...top.map((n) => n.position.x)),
      y: Math.min(...top.map((n) => n.position.y)),
      x2: Math.max(...top.map((n) => n.position.x + (n.width ?? 0))),
      y2: Math.max(...top.map((n) => n.position.y + (n.height ?? 0))),
    };
  }, [graph]);
  return useStore((s) => {
    if (!bounds || s.width === 0) return false;
    const [tx, ty, zoom] = s.transform;
    const slack = 2;
    return bounds.x * zoom + tx < -slack || bounds.y * zoom + ty < -slack || bounds.x2 * zoom + tx > s.width + slack || bounds.y2 * zoom + ty > s.height + slack;
  });
}
