// The side columns' widths: remembered in localStorage, clamped to the window as it resizes.
import { useCallback, useEffect, useState } from 'react';
import { clampColumns, type Columns, formatColumns, parseColumns, resizeColumn, type Side } from '../model/columns';

const STORAGE_KEY = 'podpath.columns';

function saved(): Columns {
  try {
    return parseColumns(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return parseColumns(null); // storage blocked (a sandboxed iframe): the defaults
  }
}

export function useColumns(): { columns: Columns; width: number; resize: (side: Side, size: number) => void } {
  const [width, setWidth] = useState(() => window.innerWidth);
  const [wanted, setWanted] = useState(saved);
  useEffect(() => {
    const onResize = () => setWidth(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  // What the user asked for is kept as asked; a narrow window only narrows what is shown.
  const columns = clampColumns(wanted, width);
  const resize = useCallback(
    (side: Side, size: number) => {
      const next = resizeColumn(clampColumns(wanted, width), side, size, width);
      setWanted(next);
      try {
        window.localStorage.setItem(STORAGE_KEY, formatColumns(next));
      } catch {
        // not remembered, still applied
      }
    },
    [wanted, width],
  );
  return { columns, width, resize };
}
