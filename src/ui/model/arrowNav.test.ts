import { describe, expect, it } from 'vitest';
import { nearestInDirection, navigablePlaces, type Place, startPlace } from './arrowNav';
import type { TopologyGraph, TopologyNode } from './graph';

const place = (id: string, x: number, y: number): Place => ({ id, box: { x, y, w: 100, h: 40 } });
//   a   b   c
//       d
//   e       f
const places = [place('a', 0, 0), place('b', 200, 0), place('c', 400, 0), place('d', 200, 100), place('e', 0, 150), place('f', 400, 150)];
const box = (id: string) => places.find((p) => p.id === id)!.box;

describe('arrow-key navigation on the canvas', () => {
  it.each([
    ['a', 'ArrowRight', 'b'],
    ['b', 'ArrowRight', 'c'],
    ['b', 'ArrowDown', 'd'],
    ['d', 'ArrowUp', 'b'],
    ['d', 'ArrowLeft', 'e'],
    ['d', 'ArrowRight', 'f'],
    ['a', 'ArrowDown', 'e'],
    ['f', 'ArrowLeft', 'd'],
    ['e', 'ArrowUp', 'a'],
  ] as const)('from %s, %s goes to %s', (from, arrow, to) => {
    expect(nearestInDirection(box(from), places, arrow)).toBe(to);
  });

  it('goes nowhere past the edge', () => {
    expect(nearestInDirection(box('c'), places, 'ArrowRight')).toBeUndefined();
    expect(nearestInDirection(box('a'), places, 'ArrowUp')).toBeUndefined();
  });

  it('prefers a box straight ahead to a nearer one off to the side', () => {
    const row = [place('near-aside', 150, 90), place('ahead', 260, 0)];
    expect(nearestInDirection(box('a'), row, 'ArrowRight')).toBe('ahead');
  });

  it('visits devices and folded boxes only, in reading order, starting on the token', () => {
    const n = (id: string, type: string, x: number, y: number, data: object = {}, parentId?: string) =>
      ({ id, type, position: { x, y }, width: 100, height: 40, data, ...(parentId ? { parentId } : {}) }) as unknown as TopologyNode;
    const graph: TopologyGraph = {
      nodes: [
        n('m:a', 'machine', 0, 0),
        n('ns:a/', 'namespace', 0, 40, {}, 'm:a'),
        n('d:a//eth0', 'device', 10, 10, {}, 'ns:a/'),
        n('ns:a/pod', 'namespace', 200, 0, { collapsed: { devices: 1 } }, 'm:a'),
        n('m:b', 'machine', 500, 0, { collapsed: { namespaces: 1 } }),
        n('net:lan', 'network', 0, 300),
      ],
      edges: [],
    };
    const ps = navigablePlaces(graph);
    expect(ps.map((p) => p.id)).toEqual(['ns:a/pod', 'm:b', 'd:a//eth0']);
    expect(startPlace(ps, 'd:a//eth0')).toBe('d:a//eth0');
    expect(startPlace(ps, 'net:lan')).toBe('ns:a/pod');
  });
});
