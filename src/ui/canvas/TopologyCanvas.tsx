// The topology canvas (DESIGN §7): the scenario's machines, namespaces, devices and networks
// as a read-only React Flow graph, with the packet token and the lit step of the playback.
// Fills its parent, which sets the height.
import '@xyflow/react/dist/style.css';
import './canvas.css';
import {
  applyNodeChanges,
  Background,
  BackgroundVariant,
  ConnectionMode,
  ControlButton,
  Controls,
  type FitViewOptions,
  type NodeChange,
  type NodeMouseHandler,
  ReactFlow,
} from '@xyflow/react';
import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import type { TopologyView } from '../../worker/protocol';
import { canvasStore, embedded, useCanvas, useLab, usePlayback, useSteps, useT, useTopology } from '../labStore';
import { previousStop } from '../../store/playback';
import { type TopologyEdge, type TopologyGraph, type TopologyNode, topologyGraph } from '../model/graph';
import { focusOf } from '../model/graphFocus';
import { readableHeight } from '../model/readable';
import { placeOf } from '../model/steps';
import { UnfoldVertical, Video } from 'lucide-react';
import { ariaLabels } from './ariaLabels';
import { Camera } from './Camera';
import { FitOnChange } from './FitOnChange';
import { ImageExportButton, ImageExportSource } from './ImageExport';
import { createFocusStore, FocusContext, KeyboardFocusContext } from './focus';
import { nodeTypes } from './nodeTypes';
import { edgeTypes } from './TunnelEdge';
import { OverflowMiniMap } from './OverflowMiniMap';
import { PacketToken } from './PacketToken';
import { StepBadge } from './StepBadge';
import { tokenDuration } from './timing';
import { useCanvasKeys } from './useCanvasKeys';
import { useCollapse } from './useCollapse';
import { useReducedMotion } from './useReducedMotion';

/** Room around the fitted graph: the zoom buttons sit bottom-left, step chips stick out at the top. */
const FIT: FitViewOptions = { padding: { top: '28px', right: '12px', bottom: '16px', left: '48px' }, maxZoom: 1.4 };
/** FIT's padding above and below, plus the pane's border. */
const FIT_PAD_Y = 28 + 16 + 2;

export function TopologyCanvas() {
  const t = useT();
  const topology = useTopology();
  return (
    // Sized by the page: a step's changes on the canvas lay out only the canvas.
    <div data-testid="canvas" role="region" aria-label={t('canvas.label')} className="relative h-full w-full [contain:strict]">
      {topology ? (
        <Folded topology={topology} />
      ) : (
        <div className="flex h-full w-full items-center justify-center p-6 text-center text-sm text-slate-500 dark:text-slate-400">{t('canvas.empty')}</div>
      )}
    </div>
  );
}

/** The topology with what the flow does not enter folded away (useCollapse). */
function Folded({ topology }: { topology: TopologyView }) {
  const { collapse, expand } = useCollapse(topology);
  const graph = useMemo(() => topologyGraph(topology, collapse), [topology, collapse]);
  // the page sizes the pane from this (App.tsx), so the fitted lab stays readable
  useLayoutEffect(() => canvasStore.setState({ readableHeight: readableHeight(graph, FIT_PAD_Y) }), [graph]);
  return <Canvas graph={graph} expand={expand} />;
}

/** A click (or Enter) on a box: unfold it if folded, and show its namespace's state panels. */
export function openNode(node: TopologyNode, expand: (id: string) => void): void {
  const open = canvasStore.getState().openNamespace;
  if (node.type === 'device') open(node.data.device.machine, node.data.device.netns);
  if (node.type === 'namespace') {
    if (node.data.collapsed) expand(node.id);
    // a group chip is no namespace of its own: unfolding it is all
    if (node.data.group === undefined) open(node.data.machine, node.data.netns);
  }
  if (node.type === 'machine' && node.data.collapsed) {
    expand(node.id);
    open(node.data.name, '');
  }
}

function Canvas({ graph, expand }: { graph: TopologyGraph; expand: (id: string) => void }) {
  const t = useT();
  const theme = useLab((s) => s.theme);
  const speed = usePlayback((p) => p.speed);
  const steps = useSteps();
  const index = usePlayback((p) => p.index);
  // the step shown before (under a filter, the stop before): where the token comes from
  const from = usePlayback((p) => previousStop(p, p.index));
  const step = steps[index];
  const focus = useMemo(() => focusOf(steps, index, graph, from), [steps, index, graph, from]);
  // handed to the nodes through a store, so only the nodes whose part changed re-render
  const [focusStore] = useState(createFocusStore);
  useLayoutEffect(() => focusStore.setState({ focus }), [focusStore, focus]);

  // Nodes as React Flow keeps them (measured, selected), reset whenever the topology changes.
  const [state, setState] = useState<{ graph: TopologyGraph; nodes: TopologyNode[] }>({ graph, nodes: [...graph.nodes] });
  if (state.graph !== graph) setState({ graph, nodes: [...graph.nodes] });
  const onNodesChange = useCallback(
    (changes: NodeChange<TopologyNode>[]) => setState((s) => ({ ...s, nodes: applyNodeChanges(changes, s.nodes) })),
    [],
  );

  // Rebuilt only when the lit links change (most steps do not move the packet): a new edges
  // array makes React Flow recompute every edge. Lit, not `animated`: React Flow's marching
  // dashes repaint the canvas on every frame forever; the token already shows the motion.
  const litKey = focus && focus.crossed.length > 0 ? [focus.drop ? 'drop' : 'lit', ...focus.crossed].join('\n') : '';
  const edges = useMemo<TopologyEdge[]>(() => {
    const [kind, ...ids] = litKey.split('\n');
    const crossed = new Set(ids);
    return graph.edges.map((e) =>
      crossed.has(e.id) ? { ...e, className: `${e.className} pp-edge-lit${kind === 'drop' ? ' pp-edge-drop' : ''}` } : e,
    );
  }, [graph, litKey]);

  const lang = useLab((s) => s.lang);
  const aria = useMemo(() => ariaLabels(lang), [lang]);

  const camera = useCanvas((s) => s.camera);
  const showAll = useCanvas((s) => s.showAll);
  const reduced = useReducedMotion();
  const onNodeClick = useCallback<NodeMouseHandler<TopologyNode>>((_, node) => openNode(node, expand), [expand]);
  const keys = useCanvasKeys(graph, focus?.at, (node) => openNode(node, expand), t);

  const where = step ? `${placeOf(step.event.at)}${step.event.at.dev ? ` ${step.event.at.dev}` : ''}` : '';

  return (
    <FocusContext.Provider value={focusStore}>
      <KeyboardFocusContext.Provider value={keys.focused}>
        <ReactFlow<TopologyNode, TopologyEdge>
          {...keys.props}
          nodesFocusable={false}
          disableKeyboardA11y
          nodes={state.nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onNodeClick={onNodeClick}
          connectionMode={ConnectionMode.Loose}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable
          edgesFocusable={false}
          deleteKeyCode={null}
          fitView
          fitViewOptions={FIT}
          minZoom={0.1}
          maxZoom={2.5}
          colorMode={theme}
          ariaLabelConfig={aria}
          attributionPosition="bottom-right"
        >
          <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} />
          <Controls showInteractive={false} position="bottom-left">
            <ControlButton
              data-testid="camera-toggle"
              aria-pressed={camera}
              aria-label={t(reduced ? 'canvas.camera.reduced' : 'canvas.camera')}
              title={t(reduced ? 'canvas.camera.reduced' : 'canvas.camera')}
              onClick={() => canvasStore.getState().setCamera(!camera)}
              className={camera ? 'pp-toggle-on' : undefined}
            >
              <Video aria-hidden />
            </ControlButton>
            <ControlButton
              data-testid="fold-toggle"
              aria-pressed={showAll}
              aria-label={t('canvas.showAll')}
              title={t('canvas.showAll')}
              onClick={() => canvasStore.getState().setShowAll(!showAll)}
              className={showAll ? 'pp-toggle-on' : undefined}
            >
              <UnfoldVertical aria-hidden />
            </ControlButton>
            {/* an embed is for reading: no export menu there */}
            {!embedded && <ImageExportButton />}
          </Controls>
          <OverflowMiniMap graph={graph} theme={theme} />
          <ImageExportSource />
          <FitOnChange graph={graph} options={FIT} disabled={camera} />
          <Camera graph={graph} target={focus?.at} index={index} />
          {focus && (
            <>
              <StepBadge place={focus.place} step={focus.step} drop={focus.drop} description={t('canvas.step', { step: focus.step })} />
              <PacketToken
                at={focus.at}
                crossed={focus.crossed}
                index={index}
                from={from}
                label={focus.packet}
                drop={focus.drop}
                duration={tokenDuration(speed)}
                description={t(focus.drop ? 'canvas.token.drop' : 'canvas.token', { packet: focus.packet, place: where })}
              />
            </>
          )}
        </ReactFlow>
        <p aria-live="polite" className="sr-only" data-testid="canvas-announce">
          {keys.announcement}
        </p>
      </KeyboardFocusContext.Provider>
    </FocusContext.Provider>
  );
}
