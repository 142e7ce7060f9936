// Where the whole diagram goes in a step picture: the picture's size and the viewport transform
// (React Flow's { x, y, zoom }) that puts every node in it, centred, with room around for the
// step chip above a namespace and the packet token perched below a device. The same idea as
// React Flow's "download image" example (getNodesBounds + getViewportForBounds), with the
// picture sized from the diagram instead of fixed, so a large lab stays legible. Pure.

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface ImageFrame {
  /** The diagram's part of the picture, in CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** The viewport transform: flow point p lands at (p.x * zoom + x, p.y * zoom + y). */
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

export interface FrameLimits {
  /** Room on every side of the nodes' bounds (chips and the token stick out of their boxes). */
  readonly padding: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly maxWidth: number;
  readonly maxHeight: number;
  /** A small diagram is enlarged at most this much to fill the smallest picture. */
  readonly maxZoom: number;
}

export const FRAME_LIMITS: FrameLimits = { padding: 40, minWidth: 960, minHeight: 360, maxWidth: 2400, maxHeight: 2000, maxZoom: 1.5 };

export function imageFrame(bounds: Rect, limits: FrameLimits = FRAME_LIMITS): ImageFrame {
  const pad = limits.padding;
  const w = Math.max(1, bounds.width);
  const h = Math.max(1, bounds.height);
  // Natural size (zoom 1) unless the diagram is smaller than the smallest picture (grow it,
  // up to maxZoom) or larger than the largest (shrink it to fit).
  const grow = Math.min(limits.maxZoom, Math.max(1, Math.min((limits.minWidth - 2 * pad) / w, (limits.minHeight - 2 * pad) / h)));
  const zoom = Math.min(grow, (limits.maxWidth - 2 * pad) / w, (limits.maxHeight - 2 * pad) / h);
  const width = Math.round(Math.max(limits.minWidth, w * zoom + 2 * pad));
  const height = Math.round(Math.max(limits.minHeight, h * zoom + 2 * pad));
  return {
    width,
    height,
    zoom,
    x: (width - w * zoom) / 2 - bounds.x * zoom,
    y: (height - h * zoom) / 2 - bounds.y * zoom,
  };
}

/** How many device pixels per CSS pixel a PNG gets: 2 for sharp text, less if the canvas would pass `maxSide`. */
export function pixelRatio(width: number, height: number, maxSide = 8192): number {
  return Math.min(2, maxSide / Math.max(width, height, 1));
}
