import { describe, expect, it } from 'vitest';
import { chainPath, pointAlong, travelFrames } from './tokenPath';

describe('the token path', () => {
  it('runs every crossed edge the way the packet goes, between the two perches', () => {
    const veth = [{ x: 0, y: 10 }, { x: 0, y: 50 }];
    const tunnelBackwards = [{ x: 300, y: 60 }, { x: 150, y: -40 }, { x: 0, y: 60 }];
    const path = chainPath({ x: 0, y: 0 }, [veth, tunnelBackwards], { x: 300, y: 70 });
    expect(path).toEqual([
      { x: 0, y: 0 },
      { x: 0, y: 10 },
      { x: 0, y: 50 },
      { x: 0, y: 60 },
      { x: 150, y: -40 },
      { x: 300, y: 60 },
      { x: 300, y: 70 },
    ]);
  });

  it('is a straight line when no edge was crossed', () => {
    expect(chainPath({ x: 0, y: 0 }, [], { x: 10, y: 0 })).toEqual([{ x: 0, y: 0 }, { x: 10, y: 0 }]);
  });

  it('finds the point a share of the way along, by length', () => {
    const path = [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }];
    expect(pointAlong(path, 0)).toEqual({ x: 0, y: 0 });
    expect(pointAlong(path, 0.25)).toEqual({ x: 50, y: 0 });
    expect(pointAlong(path, 0.75)).toEqual({ x: 100, y: 50 });
    expect(pointAlong(path, 1)).toEqual({ x: 100, y: 100 });
  });

  it('turns a travel into keyframes equally spaced in time, placed by the easing', () => {
    const path = [{ x: 0, y: 0 }, { x: 100, y: 0 }];
    const square = (k: number) => k * k;
    const frames = travelFrames(path, square, 4);
    expect(frames.map((f) => f.offset)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(frames.map((f) => f.x)).toEqual([0, 6.25, 25, 56.25, 100]);
    expect(frames.every((f) => f.y === 0)).toBe(true);
  });
});
