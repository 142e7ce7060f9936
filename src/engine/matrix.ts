// Reachability (DESIGN §1: world.matrix(sources, targets) → Matrix): who reaches what in a
// lab. Each cell is one conversation traced like world.trace() does it, from the lab as built,
// kept down to what a matrix shows: the verdict, what the client saw, and the drop (reason,
// where, the freeing function, the cause). Conversations run with the recorder in its
// verdict-only mode (no events, header views or state changes), which is what makes thousands
// of them affordable; a test holds that mode to the same verdicts and drops as a full trace.
import { traceDrop } from './trace/expectation';
import type { Drop, Endpoint, Flow, Outcome, Protocol, Trace } from './trace/types';

/** A destination: an address, and a port for TCP and UDP. */
export interface MatrixTarget {
  readonly protocol: Protocol;
  readonly addr: string;
  readonly port?: number;
}

/** One conversation's end, as a matrix cell shows it. */
export interface Reach {
  readonly verdict: Trace['verdict'];
  readonly outcome: Outcome;
  /** the first dropped leg's drop (where the conversation died), when it was dropped */
  readonly drop?: Drop;
}

/** `cells[i][j]`: sources[i] → targets[j]. */
export interface Matrix {
  readonly sources: readonly Endpoint[];
  readonly targets: readonly MatrixTarget[];
  readonly cells: readonly (readonly Reach[])[];
}

export interface MatrixOptions {
  /**
   * The id the cells' flows carry. A flow's id seeds the random choices Linux makes (`-m
   * statistic`, IPVS) and its ephemeral port, so a cell agrees with a later world.trace() only
   * when both use the same id: the page traces a clicked cell as its built flow, `custom`.
   */
  readonly flowId?: string;
}

/** The id world.matrix gives its flows unless told otherwise (the page's built flow's id). */
export const MATRIX_FLOW_ID = 'custom';

/** A trace kept down to its verdict, outcome and drop. */
export function reachOf(trace: Pick<Trace, 'verdict' | 'outcome' | 'legs'>): Reach {
  const drop = traceDrop(trace);
  return drop ? { verdict: trace.verdict, outcome: trace.outcome, drop } : { verdict: trace.verdict, outcome: trace.outcome };
}

/** The flow a cell traces: source → target, under `flowId`. */
export function matrixFlow(source: Endpoint, target: MatrixTarget, flowId: string = MATRIX_FLOW_ID): Flow {
  const to = target.protocol === 'icmp' || target.port === undefined ? { addr: target.addr } : { addr: target.addr, port: target.port };
  return { id: flowId, from: { machine: source.machine, netns: source.netns }, to, protocol: target.protocol };
}

/** Every source against every target, `reach` tracing one flow. */
export function computeMatrix(
  reach: (flow: Flow) => Reach,
  sources: readonly Endpoint[],
  targets: readonly MatrixTarget[],
  opts: MatrixOptions = {},
): Matrix {
  const cells = sources.map((source) => targets.map((target) => reach(matrixFlow(source, target, opts.flowId))));
  return { sources, targets, cells };
}
