import { describe, expect, it } from 'vitest';
import { chainPath, pointAlong } from './tokenPath';

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
});
