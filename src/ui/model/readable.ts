// How tall the canvas must be for the lab to fit at a readable zoom: device names ≥ 11 px and
// addresses ≥ 10 px on screen (issue 12). The page gives the canvas at least that much height
// (its panels below shrink first), so a lab that fits by width is never shrunk past readable by
// a short pane. Pure: from the graph's boxes and the text sizes the nodes draw.
import type { TopologyGraph } from './graph';
import { TEXT } from './layout';

/** The smallest zoom at which names and addresses reach their readable sizes. */
export const READABLE_ZOOM = Math.max(11 / TEXT.deviceName, 10 / TEXT.deviceAddress);

/** The height of the graph's top-level boxes (machines, networks), in flow units. */
export function graphHeight(graph: TopologyGraph): number {
  const top = graph.nodes.filter((n) => !n.parentId);
  if (top.length === 0) return 0;
  return Math.max(...top.map((n) => n.position.y + (n.height ?? 0))) - Math.min(...top.map((n) => n.position.y));
}

/** CSS px the canvas pane needs for `graph` at READABLE_ZOOM, with `padding` px above and below the fitted graph. */
export function readableHeight(graph: TopologyGraph, padding: number): number {
  return Math.ceil(graphHeight(graph) * READABLE_ZOOM + padding);
}
