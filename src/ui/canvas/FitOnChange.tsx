// Fits the view to the graph whenever the topology changes or the pane is resized (the page
// lays out around the canvas, embed mode fills the window), once React Flow has measured it.
import { type FitViewOptions, useNodesInitialized, useReactFlow, useStore } from '@xyflow/react';
import { useEffect } from 'react';
import type { TopologyGraph } from '../model/graph';

export function FitOnChange({ graph, options }: { graph: TopologyGraph; options: FitViewOptions }) {
  const { fitView } = useReactFlow();
  const measured = useNodesInitialized();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (measured && width > 0 && height > 0) void fitView(options);
  }, [graph, measured, width, height, fitView, options]);
  return null;
}
