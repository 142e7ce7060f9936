import { describe, expect, it } from 'vitest';
import { clampColumns, COLUMN_LIMITS, columnRange, DEFAULT_COLUMNS, formatColumns, keyedSize, MIN_MAIN, parseColumns, resizeColumn } from './columns';

describe('column widths', () => {
  it('keeps the defaults in a wide window', () => {
    expect(clampColumns(DEFAULT_COLUMNS, 1440)).toEqual(DEFAULT_COLUMNS);
  });
  it('holds each column within its limits', () => {
    expect(clampColumns({ left: 10, right: 5000 }, 3000)).toEqual({ left: COLUMN_LIMITS.left.min, right: COLUMN_LIMITS.right.max });
  });
  it('narrows the side columns so the middle keeps its minimum in a small window', () => {
    const c = clampColumns({ left: 448, right: 720 }, 1366);
    expect(1366 - c.left - c.right).toBeGreaterThanOrEqual(MIN_MAIN);
    expect(c.left).toBe(448);
  });
  it('never goes below the minimums, even when the window is too small for all three', () => {
    expect(clampColumns({ left: 300, right: 400 }, 600)).toEqual({ left: COLUMN_LIMITS.left.min, right: COLUMN_LIMITS.right.min });
  });
  it('resizes one side within the room the other leaves', () => {
    const c = resizeColumn(DEFAULT_COLUMNS, 'right', 2000, 1440);
    expect(c).toEqual({ left: DEFAULT_COLUMNS.left, right: columnRange('right', DEFAULT_COLUMNS, 1440).max });
    expect(c.right).toBe(Math.min(COLUMN_LIMITS.right.max, 1440 - 256 - MIN_MAIN));
    expect(resizeColumn(DEFAULT_COLUMNS, 'left', Number.NaN, 1440)).toBe(DEFAULT_COLUMNS);
  });
  it('moves a separator with the arrows in the direction pressed, further with Shift', () => {
    const range = { min: 100, max: 500 };
    expect(keyedSize('left', 300, range, 'ArrowRight', false)).toBe(316);
    expect(keyedSize('left', 300, range, 'ArrowLeft', true)).toBe(236);
    // the right column's separator is on its left edge: → makes it narrower
    expect(keyedSize('right', 300, range, 'ArrowRight', false)).toBe(284);
    expect(keyedSize('right', 300, range, 'Home', false)).toBe(100);
    expect(keyedSize('right', 300, range, 'End', false)).toBe(500);
    expect(keyedSize('right', 300, range, 'ArrowUp', false)).toBeNull();
  });
  it('reads back what it saved, and the default from anything broken', () => {
    expect(parseColumns(formatColumns({ left: 300.4, right: 500 }))).toEqual({ left: 300, right: 500 });
    expect(parseColumns(null)).toBe(DEFAULT_COLUMNS);
    expect(parseColumns('{')).toBe(DEFAULT_COLUMNS);
    expect(parseColumns('[1,2]')).toEqual(DEFAULT_COLUMNS);
    expect(parseColumns('{"left":"wide","right":-3}')).toEqual(DEFAULT_COLUMNS);
  });
});
