// Fits the view to the graph whenever the topology changes or the pane is resized (the page
// lays out around the canvas, embed mode fills the window), once React Flow has measured it.
// Not while the camera follows the packet: it owns the view then (turned off, the view refits).
import { type FitViewOptions, useNodesInitialized, useReactFlow, useStore } from '@xyflow/react';
import { useEffect } from 'react';
import type { TopologyGraph } from '../model/graph';

export function FitOnChange({ graph, options, disabled = false }: { graph: TopologyGraph; options: FitViewOptions; disabled?: boolean }) {
  const { fitView } = useReactFlow();
  const measured = useNodesInitialized();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  useEffect(() => {
    if (!disabled && measured && width > 0 && height > 0) void fitView(options);
  }, [graph, measured, width, height, fitView, options, disabled]);
  return null;
}
