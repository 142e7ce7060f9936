// The widths of the page's side columns (flows on the left, inspector on the right) as the
// splitters set them. Pure: clamping, keyboard steps and the saved form; the React side only
// measures the window and stores the result.

export type Side = 'left' | 'right';

export interface Columns {
  readonly left: number;
  readonly right: number;
}

/** CSS pixels. The middle column keeps at least MIN_MAIN so the canvas stays usable. */
export const DEFAULT_COLUMNS: Columns = { left: 256, right: 416 };
export const COLUMN_LIMITS: Record<Side, { readonly min: number; readonly max: number }> = {
  left: { min: 192, max: 448 },
  right: { min: 300, max: 720 },
};
export const MIN_MAIN = 420;

/** Keyboard steps: an arrow moves 16 px, with Shift 64 px. */
export const KEY_STEP = 16;
export const KEY_STEP_LARGE = 64;

/** The widths `side` may take next to the other column in a window `width` wide. */
export function columnRange(side: Side, columns: Columns, width: number): { min: number; max: number } {
  const { min, max } = COLUMN_LIMITS[side];
  const other = side === 'left' ? columns.right : columns.left;
  return { min, max: Math.max(min, Math.min(max, Math.floor(width - other - MIN_MAIN))) };
}

const clampTo = (n: number, r: { min: number; max: number }) => Math.round(Math.max(r.min, Math.min(r.max, n)));

/** Both widths within their limits for a window `width` wide; the right column (the inspector) yields last. */
export function clampColumns(columns: Columns, width: number): Columns {
  const left = clampTo(columns.left, columnRange('left', { ...columns, right: COLUMN_LIMITS.right.min }, width));
  return { left, right: clampTo(columns.right, columnRange('right', { ...columns, left }, width)) };
}

/** `side` set to `size` (a drag or a key), the other column unchanged. */
export function resizeColumn(columns: Columns, side: Side, size: number, width: number): Columns {
  if (!Number.isFinite(size)) return columns;
  return { ...columns, [side]: clampTo(size, columnRange(side, columns, width)) };
}

/**
 * The width a key asks for on a separator, or null when the key is not the separator's.
 * The separator sits on the column's inner edge, so → widens the left column and narrows the right.
 */
export function keyedSize(side: Side, current: number, range: { min: number; max: number }, key: string, shift: boolean): number | null {
  const step = shift ? KEY_STEP_LARGE : KEY_STEP;
  const towardsRight = side === 'left' ? step : -step;
  switch (key) {
    case 'ArrowRight':
      return current + towardsRight;
    case 'ArrowLeft':
      return current - towardsRight;
    case 'Home':
      return range.min;
    case 'End':
      return range.max;
    default:
      return null;
  }
}

/** The saved form (localStorage): JSON `{"left":256,"right":416}`; anything else reads as the default. */
export function parseColumns(text: string | null | undefined): Columns {
  if (!text) return DEFAULT_COLUMNS;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return DEFAULT_COLUMNS;
    const { left, right } = value as Record<string, unknown>;
    const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;
    return { left: ok(left) ? left : DEFAULT_COLUMNS.left, right: ok(right) ? right : DEFAULT_COLUMNS.right };
  } catch {
    return DEFAULT_COLUMNS;
  }
}

export function formatColumns(columns: Columns): string {
  return JSON.stringify({ left: Math.round(columns.left), right: Math.round(columns.right) });
}
