// The packet camera: while on, the viewport pans and zooms to the device of the current hop,
// a d3 timer easing React Flow's viewport along d3's smooth zoom path. One step forward
// glides; a scrub, a step back or reduced motion jumps. A pan, a wheel or a drag by the reader
// stops a glide where it is.
import { useReactFlow, useStore } from '@xyflow/react';
import { easeCubicInOut } from 'd3-ease';
import { interpolateZoom } from 'd3-interpolate';
import { type Timer, timer } from 'd3-timer';
import { useEffect, useRef } from 'react';
import { useCanvas } from '../labStore';
import { absoluteBox, cameraTarget, cameraZoom, fitZoom, glides, viewOf, viewportOf } from '../model/camera';
import type { TopologyGraph } from '../model/graph';
import { useReducedMotion } from './useReducedMotion';

/** The glide's length: d3's own estimate for the distance, kept within a playback tick's reach. */
const MIN_MS = 250;
const MAX_MS = 650;

export function Camera({ graph, target, index }: { graph: TopologyGraph; target: string | undefined; index: number }) {
  const on = useCanvas((s) => s.camera);
  const reduced = useReducedMotion();
  const { getViewport, setViewport } = useReactFlow();
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const domNode = useStore((s) => s.domNode);
  const glide = useRef<Timer | undefined>(undefined);
  const shown = useRef<number | undefined>(undefined);

  // The reader takes the view: stop gliding.
  useEffect(() => {
    if (!domNode) return;
    const stop = () => glide.current?.stop();
    const events = ['pointerdown', 'wheel', 'touchstart'] as const;
    for (const e of events) domNode.addEventListener(e, stop, { passive: true });
    return () => {
      for (const e of events) domNode.removeEventListener(e, stop);
    };
  }, [domNode]);

  useEffect(() => {
    glide.current?.stop();
    if (!on) shown.current = undefined; // turned on again later: glide there from where the view is
    if (!on || target === undefined || width <= 0 || height <= 0) return;
    const box = absoluteBox(graph, target);
    if (!box) return;
    const pane = { width, height };
    const to = cameraTarget(box, pane, cameraZoom(fitZoom(graph, pane)));
    const previous = shown.current;
    shown.current = index;
    if (!glides(previous ?? index - 1, index, reduced)) {
      void setViewport(to);
      return;
    }
    const path = interpolateZoom(viewOf(getViewport(), pane), viewOf(to, pane));
    const duration = Math.min(MAX_MS, Math.max(MIN_MS, path.duration * 0.5));
    const t = timer((elapsed) => {
      const k = Math.min(1, elapsed / duration);
      void setViewport(viewportOf(path(easeCubicInOut(k)) as [number, number, number], pane));
      if (k >= 1) t.stop();
    });
    glide.current = t;
    return () => t.stop();
  }, [on, target, index, graph, width, height, reduced, getViewport, setViewport]);

  return null;
}
