// The mini map, shown only while the graph does not fit the pane.
import { MiniMap, type Node } from '@xyflow/react';
import { useCallback } from 'react';
import type { Theme } from '../../store/lab';
import type { TopologyGraph, TopologyNode } from '../model/graph';
import { minimapColor } from './minimap';
import { useOverflow } from './useOverflow';

export function OverflowMiniMap({ graph, theme }: { graph: TopologyGraph; theme: Theme }) {
  const overflow = useOverflow(graph);
  const nodeColor = useCallback((n: Node) => minimapColor(n as TopologyNode, theme), [theme]);
  if (!overflow) return null;
  return <MiniMap position="bottom-right" pannable zoomable nodeColor={nodeColor} nodeStrokeWidth={0} nodeBorderRadius={6} style={{ width: 168, height: 108 }} className="overflow-hidden rounded-lg shadow-md" />;
}
