// The reachability matrix of a scenario (docs/matrix.md), shared by `podpath matrix` and the
// page's Matrix view (computed in the worker). Two layouts over one world:
//
// - declared: the scenario's own flows. A flow with `matrix: { row, column }` sits where its
//   source article's table puts it (several flows may share a cell); a flow without sits in the
//   row of its source namespace and the column of its destination. Each entry carries the
//   flow's expectation and, with `article:`, whether the computed verdict differs from the
//   article's, and the note saying why.
// - pairs: every source against every destination of the lab. Sources are the namespaces
//   holding an IPv4 address (loopback addresses aside). Destinations are every such address
//   (ICMP echo), every listening TCP/UDP socket (a socket bound to the wildcard address counts
//   at each address of its namespace), and every Service port of the `kubernetes:` block (its
//   ClusterIP, and its NodePort on each node's first address); each destination once.
//
// The conversations are the engine's (world.reach / world.matrix); this module only chooses
// them, lays them out and compares them. Pure: no I/O, no DOM.
import { parseIpv4 } from '../engine/addr/ipv4';
import type { World } from '../engine/api';
import { matrixFlow, type Matrix, type MatrixTarget, type Reach } from '../engine/matrix';
import { placeName, verdictMeets } from '../engine/trace/expectation';
import type { Endpoint, Expectation, Flow, I18nText } from '../engine/trace/types';
import { formatEndpoint, formatTarget } from './endpoints';
import type { ArticleClaim, ArticleVerdict, Scenario } from './model';
import { expectationsFor } from './variant';
import { own } from './own';

export type MatrixMode = 'declared' | 'pairs';

/** What a pairs destination is. */
export type TargetKind = 'address' | 'listener' | 'cluster-ip' | 'node-port';

/** A row or a column. */
export interface MatrixHeading {
  /** stable across variants: how cells of two variants are matched */
  readonly key: string;
  /** the scenario's words for it (a `matrix:` row or column), in both languages */
  readonly label?: I18nText;
  /** the technical form: `node1/pod-a` for a source, `tcp 10.96.0.100:80` for a destination */
  readonly text: string;
  /** pairs destinations: what it is */
  readonly kind?: TargetKind;
  /** pairs destinations: the namespace holding the address or socket (`node1/pod-b`), or the Service (`default/web`) */
  readonly owner?: string;
}

/** What the source article says of an entry, and whether the computed verdict agrees. */
export interface ArticleCheck {
  /** for the variant the matrix was computed in */
  readonly says: ArticleVerdict;
  readonly differs: boolean;
  readonly note?: I18nText;
}

/** One conversation of a cell. */
export interface MatrixEntry {
  /** the flow traced: a scenario flow, or (pairs) the flow the page builds for it, id `custom` */
  readonly flow: Flow;
  readonly reach: Reach;
  /** declared flows: what the scenario expects in this variant, and whether the verdict meets it */
  readonly expect?: Expectation;
  readonly met?: boolean;
  readonly article?: ArticleCheck;
  /** pairs: the destination belongs to the source namespace itself */
  readonly self?: boolean;
}

export interface ScenarioMatrix {
  readonly mode: MatrixMode;
  /** undefined: the scenario as written */
  readonly variant?: string;
  readonly rows: readonly MatrixHeading[];
  readonly columns: readonly MatrixHeading[];
  /** `cells[row][column]`: that cell's conversations, in flow order (pairs: exactly one; declared: any number) */
  readonly cells: readonly (readonly (readonly MatrixEntry[])[])[];
}

/** Some of the lab's sources and destinations: the pairs among them only. */
export interface PairSubset {
  readonly sources: readonly Endpoint[];
  readonly targets: readonly MatrixTarget[];
}

/** A scenario's matrix in one variant (undefined: as written); `only` narrows the pairs. */
export function scenarioMatrix(scenario: Scenario, world: World, mode: MatrixMode, variant?: string, only?: PairSubset): ScenarioMatrix {
  return mode === 'pairs' ? pairsMatrix(scenario, world, variant, only) : declaredMatrix(scenario, world, variant);
}

// ---- declared flows ---------------------------------------------------------------------------

/** The article's verdict in a variant: the variant's own, or what it says of the lab as written. */
export function articleVerdict(claim: ArticleClaim, variant: string | undefined): ArticleVerdict {
  return (variant !== undefined ? claim.variants[variant] : undefined) ?? claim.says;
}

/** Does a reach agree with what the article says? `dropped` alone agrees with any drop. */
export function articleAgrees(reach: Reach, says: ArticleVerdict): boolean {
  if (says === 'dropped') return reach.verdict === 'dropped';
  return verdictMeets(reach.verdict, reach.drop, says);
}

export function declaredMatrix(scenario: Scenario, world: World, variant?: string): ScenarioMatrix {
  const expectations = expectationsFor(scenario, variant);
  const rows = new Headings();
  const columns = new Headings();
  const placed = scenario.flows.map((flow) => {
    const cell = scenario.flowCells?.[flow.id];
    const from = formatEndpoint(flow.from);
    const to = `${flow.protocol} ${formatTarget(flow.to)}`;
    const row = cell?.row ? rows.add(`row:${cell.row.en}`, from, cell.row) : rows.add(`from:${from}`, from);
    const column = cell?.column ? columns.add(`column:${cell.column.en}`, to, cell.column) : columns.add(`to:${to}`, to);
    const reach = world.reach(flow);
    const expect = own(expectations, flow.id);
    const claim = cell?.article;
    const entry: MatrixEntry = {
      flow,
      reach,
      ...(expect !== undefined ? { expect, met: verdictMeets(reach.verdict, reach.drop, expect) } : {}),
      ...(claim ? { article: articleCheck(reach, claim, variant) } : {}),
    };
    return { row, column, entry };
  });
  const cells = rows.list().map(() => columns.list().map((): MatrixEntry[] => []));
  for (const { row, column, entry } of placed) cells[row][column].push(entry);
  return { mode: 'declared', ...(variant !== undefined ? { variant } : {}), rows: rows.list(), columns: columns.list(), cells };
}

function articleCheck(reach: Reach, claim: ArticleClaim, variant: string | undefined): ArticleCheck {
  const says = articleVerdict(claim, variant);
  return { says, differs: !articleAgrees(reach, says), ...(claim.note ? { note: claim.note } : {}) };
}

/** Headings in order of first appearance; a labelled heading lists every source or target it covers. */
class Headings {
  private readonly byKey = new Map<string, { index: number; texts: string[]; label?: I18nText }>();
  private readonly keys: string[] = [];

  add(key: string, text: string, label?: I18nText): number {
    let heading = this.byKey.get(key);
    if (!heading) {
      heading = { index: this.keys.length, texts: [], ...(label ? { label } : {}) };
      this.byKey.set(key, heading);
      this.keys.push(key);
    }
    if (!heading.texts.includes(text)) heading.texts.push(text);
    return heading.index;
  }

  list(): MatrixHeading[] {
    return this.keys.map((key) => {
      const h = this.byKey.get(key)!;
      return { key, ...(h.label ? { label: h.label } : {}), text: h.texts.join(', ') };
    });
  }
}

// ---- all pairs --------------------------------------------------------------------------------

/** A pairs destination: what to send, what it is, whose it is. */
export interface PairTarget extends MatrixTarget {
  readonly kind: TargetKind;
  readonly owner: string;
}

const LOOPBACK_NET = parseIpv4('127.0.0.0')!;
const isLoopback = (addr: string) => ((parseIpv4(addr)! & 0xff000000) >>> 0) === LOOPBACK_NET;

/** The namespaces holding an IPv4 address, and every destination of the lab (see the header). */
export function pairEndpoints(scenario: Pick<Scenario, 'services'>, world: World): { sources: Endpoint[]; targets: PairTarget[] } {
  const addressesOf = new Map<string, string[]>();
  for (const dev of world.devices()) {
    if (dev.kind === 'loopback') continue;
    for (const cidr of dev.addresses) {
      const addr = cidr.split('/')[0];
      if (isLoopback(addr)) continue;
      const place = formatEndpoint(dev);
      const list = addressesOf.get(place) ?? [];
      if (!list.includes(addr)) list.push(addr);
      addressesOf.set(place, list);
    }
  }
  const sources = world.namespaces().filter((ns) => addressesOf.has(formatEndpoint(ns))).map((ns) => ({ machine: ns.machine, netns: ns.netns }));

  const targets: PairTarget[] = [];
  const seen = new Set<string>();
  const push = (t: PairTarget) => {
    const key = targetKey(t);
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(t);
  };
  for (const ns of sources) {
    const owner = formatEndpoint(ns);
    for (const addr of addressesOf.get(owner) ?? []) push({ protocol: 'icmp', addr, kind: 'address', owner });
  }
  for (const l of world.listeners()) {
    const owner = formatEndpoint(l);
    const addrs = l.addr !== undefined ? [l.addr] : (addressesOf.get(owner) ?? []);
    for (const addr of addrs) push({ protocol: l.proto, addr, port: l.port, kind: 'listener', owner });
  }
  for (const s of scenario.services ?? []) {
    push({ protocol: s.protocol, addr: s.addr, port: s.port, kind: s.kind, owner: s.kind === 'node-port' && s.node ? `${s.service}@${s.node}` : s.service });
  }
  return { sources, targets };
}

/** `tcp 10.96.0.100:80`, `icmp 10.0.0.1`: a destination as the matrix names it. */
export function targetKey(t: MatrixTarget): string {
  return `${t.protocol} ${formatTarget(t)}`;
}

/**
 * Every source × every destination; with `only`, the lab's sources and destinations that are
 * in it (in the lab's order: one not in the lab is not traced).
 */
export function pairsMatrix(scenario: Scenario, world: World, variant?: string, only?: PairSubset): ScenarioMatrix {
  let { sources, targets } = pairEndpoints(scenario, world);
  if (only) {
    const from = new Set(only.sources.map((s) => formatEndpoint(s)));
    const to = new Set(only.targets.map((t) => targetKey(t)));
    sources = sources.filter((s) => from.has(formatEndpoint(s)));
    targets = targets.filter((t) => to.has(targetKey(t)));
  }
  return pairsLayout(world.matrix(sources, targets), targets, variant);
}

/** Lays out an engine matrix computed over pairEndpoints(). */
export function pairsLayout(matrix: Matrix, targets: readonly PairTarget[], variant?: string): ScenarioMatrix {
  const rows = matrix.sources.map((s) => ({ key: `from:${formatEndpoint(s)}`, text: formatEndpoint(s) }));
  const columns = targets.map((t) => ({ key: `to:${targetKey(t)}`, text: targetKey(t), kind: t.kind, owner: t.owner }));
  const cells = matrix.cells.map((row, i) =>
    row.map((reach, j): MatrixEntry[] => {
      const source = matrix.sources[i];
      const target = targets[j];
      return [{ flow: matrixFlow(source, target), reach, ...(target.owner === formatEndpoint(source) ? { self: true } : {}) }];
    }),
  );
  return { mode: 'pairs', ...(variant !== undefined ? { variant } : {}), rows, columns, cells };
}

// ---- comparing variants -----------------------------------------------------------------------

/** A conversation whose end differs between two matrices of one scenario. */
export interface MatrixChange {
  readonly row: MatrixHeading;
  readonly column: MatrixHeading;
  /** declared flows: the flow's id */
  readonly flowId?: string;
  readonly before: Reach;
  readonly after: Reach;
}

/** The same end: the same verdict and, for a drop, the same reason at the same place. */
export function sameReach(a: Reach, b: Reach): boolean {
  if (a.verdict !== b.verdict) return false;
  if (!a.drop || !b.drop) return !a.drop && !b.drop;
  return a.drop.reason === b.drop.reason && placeName(a.drop.at) === placeName(b.drop.at);
}

/**
 * What `after` changes against `before` (two variants of one scenario, one mode): each
 * conversation found in both (a declared flow by id, a pair by its row and column) whose end
 * differs. Conversations in one only (a variant that adds a namespace or an address) are counted.
 */
export function matrixChanges(before: ScenarioMatrix, after: ScenarioMatrix): { changes: MatrixChange[]; added: number; removed: number } {
  const index = (m: ScenarioMatrix) => {
    const map = new Map<string, { row: MatrixHeading; column: MatrixHeading; entry: MatrixEntry }>();
    m.cells.forEach((row, i) =>
      row.forEach((cell, j) => {
        for (const entry of cell) {
          const key = m.mode === 'declared' ? `flow:${entry.flow.id}` : `${m.rows[i].key}|${m.columns[j].key}`;
          map.set(key, { row: m.rows[i], column: m.columns[j], entry });
        }
      }),
    );
    return map;
  };
  const a = index(before);
  const b = index(after);
  const changes: MatrixChange[] = [];
  for (const [key, now] of b) {
    const then = a.get(key);
    if (!then || sameReach(then.entry.reach, now.entry.reach)) continue;
    changes.push({
      row: now.row,
      column: now.column,
      ...(after.mode === 'declared' ? { flowId: now.entry.flow.id } : {}),
      before: then.entry.reach,
      after: now.entry.reach,
    });
  }
  return { changes, added: [...b.keys()].filter((k) => !a.has(k)).length, removed: [...a.keys()].filter((k) => !b.has(k)).length };
}

/** Counts over a matrix's conversations, for a one-line summary. */
export function matrixCounts(m: ScenarioMatrix): { delivered: number; dropped: number; articleDiffers: number; notMet: number } {
  let delivered = 0;
  let dropped = 0;
  let articleDiffers = 0;
  let notMet = 0;
  for (const row of m.cells) {
    for (const cell of row) {
      for (const e of cell) {
        if (e.reach.verdict === 'delivered') delivered++;
        else dropped++;
        if (e.article?.differs) articleDiffers++;
        if (e.met === false) notMet++;
      }
    }
  }
  return { delivered, dropped, articleDiffers, notMet };
}
