// What the canvas folds for the conversation shown (collapse.ts), and the boxes the reader
// unfolded since it was traced. While a new trace runs, the last conversation's folds stay,
// so the canvas does not unfold and fold again. "Show all" (`fold=0`) folds nothing.
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Trace } from '../../engine/trace/types';
import type { TopologyView } from '../../worker/protocol';
import { useCanvas, useLab, useTrace } from '../labStore';
import { type Collapse, collapseFor, NOTHING_COLLAPSED, touchedNamespaces } from '../model/collapse';

export function useCollapse(topology: TopologyView): { collapse: Collapse; expand: (id: string) => void } {
  const trace = useTrace();
  const running = useLab((s) => s.trace.status === 'running');
  const last = useRef<{ topology: TopologyView; trace: Trace } | undefined>(undefined);
  if (trace) last.current = { topology, trace };
  const shownTrace = trace ?? (running && last.current?.topology === topology ? last.current.trace : undefined);

  const [expanded, setExpanded] = useState<{ trace: Trace | undefined; ids: ReadonlySet<string> }>({ trace: shownTrace, ids: new Set() });
  if (expanded.trace !== shownTrace) setExpanded({ trace: shownTrace, ids: new Set() });
  const expand = useCallback((id: string) => setExpanded((s) => ({ ...s, ids: new Set([...s.ids, id]) })), []);

  const touched = useMemo(() => (shownTrace ? touchedNamespaces(shownTrace) : undefined), [shownTrace]);
  const showAll = useCanvas((s) => s.showAll);
  const collapse = useMemo(() => (showAll ? NOTHING_COLLAPSED : collapseFor(topology, touched, expanded.ids)), [showAll, topology, touched, expanded.ids]);
  return { collapse, expand };
}
