// A focusable separator between two columns (WAI-ARIA window splitter): drag it, or focus it
// and use ← → (Shift for larger steps), Home and End. It resizes the column on its side.
import { type KeyboardEvent, type PointerEvent, useRef } from 'react';
import { columnRange, type Columns, keyedSize, type Side } from '../model/columns';

interface SplitterProps {
  readonly side: Side;
  readonly columns: Columns;
  readonly width: number;
  readonly label: string;
  /** The id of the column it resizes. */
  readonly controls: string;
  readonly onResize: (side: Side, size: number) => void;
}

export function Splitter({ side, columns, width, label, controls, onResize }: SplitterProps) {
  const drag = useRef<{ x: number; size: number } | null>(null);
  const size = columns[side];
  const range = columnRange(side, columns, width);
  // Moving the pointer right widens the left column and narrows the right one.
  const sizeAt = (x: number) => (drag.current ? drag.current.size + (side === 'left' ? 1 : -1) * (x - drag.current.x) : size);

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { x: e.clientX, size };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onResize(side, sizeAt(e.clientX));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    onResize(side, sizeAt(e.clientX));
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = keyedSize(side, size, range, e.key, e.shiftKey);
    if (next === null) return;
    e.preventDefault(); // the playback's ← → must not step as well
    onResize(side, next);
  };

  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={size}
      aria-valuemin={range.min}
      aria-valuemax={range.max}
      tabIndex={0}
      data-testid={`splitter-${side}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      className="group relative z-10 hidden w-1.5 shrink-0 cursor-col-resize touch-none bg-transparent outline-none lg:block"
    >
      <span
        aria-hidden="true"
        className="absolute inset-y-0 left-1/2 w-px -translate-x-1/2 bg-slate-200 transition-colors group-hover:w-1 group-hover:bg-sky-400 group-focus-visible:w-1 group-focus-visible:bg-sky-500 group-active:bg-sky-500 dark:bg-slate-800"
      />
    </div>
  );
}
