import { describe, expect, it } from 'vitest';
import { FRAME_LIMITS, imageFrame, pixelRatio, type Rect } from './imageFrame';

/** Where the bounds' corners land in the picture under the frame's transform. */
function corners(bounds: Rect) {
  const f = imageFrame(bounds);
  const at = (x: number, y: number) => ({ x: x * f.zoom + f.x, y: y * f.zoom + f.y });
  return { f, tl: at(bounds.x, bounds.y), br: at(bounds.x + bounds.width, bounds.y + bounds.height) };
}

describe('the frame of a step picture', () => {
  it('keeps a mid-sized diagram at its natural size with the padding around it', () => {
    const { f, tl, br } = corners({ x: -100, y: 50, width: 1200, height: 700 });
    expect(f.zoom).toBe(1);
    expect([f.width, f.height]).toEqual([1200 + 80, 700 + 80]);
    expect(tl).toEqual({ x: 40, y: 40 });
    expect(br).toEqual({ x: f.width - 40, y: f.height - 40 });
  });
  it('enlarges a small diagram (up to 1.5×) and centres it in the smallest picture', () => {
    const { f, tl, br } = corners({ x: 0, y: 0, width: 300, height: 100 });
    expect(f.zoom).toBe(1.5);
    expect([f.width, f.height]).toEqual([FRAME_LIMITS.minWidth, FRAME_LIMITS.minHeight]);
    expect(tl.x).toBeCloseTo(f.width - br.x);
    expect(tl.y).toBeCloseTo(f.height - br.y);
  });
  it('shrinks a huge diagram so the picture stays within the largest size', () => {
    const { f, tl, br } = corners({ x: 10, y: 10, width: 6000, height: 1000 });
    expect(f.zoom).toBeCloseTo((2400 - 80) / 6000);
    expect(f.width).toBe(2400);
    expect(tl.x).toBeCloseTo(40);
    expect(br.x).toBeCloseTo(2360);
    expect(f.height).toBeGreaterThanOrEqual(FRAME_LIMITS.minHeight);
  });
  it('survives empty bounds', () => {
    const f = imageFrame({ x: 0, y: 0, width: 0, height: 0 });
    expect(Number.isFinite(f.zoom) && f.width >= FRAME_LIMITS.minWidth).toBe(true);
  });
  it('draws PNGs at 2× unless the canvas would get too large', () => {
    expect(pixelRatio(1200, 800)).toBe(2);
    expect(pixelRatio(2400, 8000)).toBeCloseTo(8192 / 8000);
  });
});
