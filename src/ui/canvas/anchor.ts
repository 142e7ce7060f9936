// Where on a node (in flow coordinates) the token and the step badge attach, read from React
// Flow's measured internal node so they follow the node wherever it is drawn.
import type { InternalNode } from '@xyflow/react';

export interface NodeBox {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export function boxOf(node: InternalNode | undefined): NodeBox | undefined {
  if (!node) return undefined;
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, w: node.measured.width ?? node.width ?? 0, h: node.measured.height ?? node.height ?? 0 };
}
