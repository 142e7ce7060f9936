import { describe, expect, it } from 'vitest';
import { absoluteBox, cameraTarget, cameraZoom, fitZoom, glides, viewOf, viewportOf } from './camera';
import type { TopologyGraph, TopologyNode } from './graph';

const node = (id: string, x: number, y: number, w: number, h: number, parentId?: string) =>
  ({ id, type: 'device', position: { x, y }, width: w, height: h, ...(parentId ? { parentId } : {}), data: {} }) as unknown as TopologyNode;
const graph: TopologyGraph = {
  nodes: [node('m:a', 100, 50, 400, 300), node('ns:a/', 10, 20, 300, 200, 'm:a'), node('d:a//eth0', 30, 40, 150, 40, 'ns:a/'), node('m:b', 600, 50, 200, 100)],
  edges: [],
};
const pane = { width: 800, height: 400 };

describe('the camera', () => {
  it('finds a nested node in flow coordinates', () => {
    expect(absoluteBox(graph, 'd:a//eth0')).toEqual({ x: 140, y: 110, w: 150, h: 40 });
    expect(absoluteBox(graph, 'nope')).toBeUndefined();
  });

  it('puts the hop device in the middle of the pane', () => {
    const box = absoluteBox(graph, 'd:a//eth0')!;
    const v = cameraTarget(box, pane, 1.25);
    expect(v.zoom).toBe(1.25);
    expect((box.x + box.w / 2) * v.zoom + v.x).toBeCloseTo(400, 6);
    expect((box.y + box.h / 2) * v.zoom + v.y).toBeCloseTo(200, 6);
  });

  it('zooms in from the fitted view, within 1 and 1.6', () => {
    expect(fitZoom(graph, pane)).toBeCloseTo(800 / 700, 6); // 700 wide, 300 tall: width binds
    expect(cameraZoom(0.5)).toBe(1);
    expect(cameraZoom(1)).toBeCloseTo(1.4, 6);
    expect(cameraZoom(2)).toBe(1.6);
  });

  it('maps a viewport to a d3 zoom view and back', () => {
    const v = { x: -120, y: 35, zoom: 1.3 };
    const back = viewportOf(viewOf(v, pane), pane);
    expect(back.x).toBeCloseTo(v.x, 6);
    expect(back.y).toBeCloseTo(v.y, 6);
    expect(back.zoom).toBeCloseTo(v.zoom, 6);
  });

  it('glides one step forward, jumps on a scrub or a step back, never glides under reduced motion', () => {
    expect(glides(4, 5, false)).toBe(true);
    expect(glides(4, 9, false)).toBe(false);
    expect(glides(5, 4, false)).toBe(false);
    expect(glides(4, 5, true)).toBe(false);
  });
});
