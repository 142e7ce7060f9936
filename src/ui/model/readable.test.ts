import { describe, expect, it } from 'vitest';
import type { TopologyGraph, TopologyNode } from './graph';
import { graphHeight, READABLE_ZOOM, readableHeight } from './readable';
import { TEXT } from './layout';

const box = (id: string, y: number, height: number, parentId?: string) =>
  ({ id, type: 'network', position: { x: 0, y }, width: 100, height, data: { name: id, kind: 'switch' }, ...(parentId ? { parentId } : {}) }) as unknown as TopologyNode;

describe('readable canvas height', () => {
  it('the readable zoom brings names to 11 px and addresses to 10 px, whichever needs more', () => {
    expect(TEXT.deviceName * READABLE_ZOOM).toBeGreaterThanOrEqual(11);
    expect(TEXT.deviceAddress * READABLE_ZOOM).toBeGreaterThanOrEqual(10);
    expect(Math.min(TEXT.deviceName * READABLE_ZOOM - 11, TEXT.deviceAddress * READABLE_ZOOM - 10)).toBeCloseTo(0, 9);
  });
  it('measures the top-level boxes only (children lie inside them) and scales by the readable zoom', () => {
    const graph: TopologyGraph = { nodes: [box('a', 20, 60), box('b', 200, 40), box('child', 900, 40, 'a')], edges: [] };
    expect(graphHeight(graph)).toBe(220);
    expect(readableHeight(graph, 44)).toBe(Math.ceil(220 * READABLE_ZOOM + 44));
    expect(graphHeight({ nodes: [], edges: [] })).toBe(0);
  });
});
