// Reachability matrices as a person reads them in a terminal, and as JSON (docs/matrix.md).
//
// Declared flows: the flow list (verdict, drop, expectation, each flow on its line) and, when the
// scenario lays its flows out as a table (`matrix:` rows and columns), that table: `ok` for
// delivered, `REASON@place` for a drop, `[n]` marking a cell whose verdict differs from the
// source article's, with the article's verdict and the scenario's note under the table.
// All pairs: a grid of sources × numbered destinations, `ok` or a letter naming the drop, with
// the destinations and the drops listed above it.
import type { Reach } from '../engine/matrix';
import { describeExpectation, placeName } from '../engine/trace/expectation';
import type { I18nText } from '../engine/trace/types';
import { formatTarget } from '../scenario/endpoints';
import type { MatrixChange, MatrixEntry, MatrixHeading, ScenarioMatrix } from '../scenario/matrix';
import type { ArticleVerdict } from '../scenario/model';
import type { Paint } from './io';

export type MatrixLang = 'en' | 'zh-CN';

const pick = (text: I18nText, lang: MatrixLang) => text[lang] || text.en;

/** `delivered`, or `dropped REASON at PLACE`. */
export function reachText(reach: Reach): string {
  return reach.drop ? `dropped ${reach.drop.reason} at ${placeName(reach.drop.at)}` : reach.verdict;
}

/** `ok`, or `REASON@PLACE`: a cell's short form. */
export function reachShort(reach: Reach): string {
  return reach.drop ? `${reach.drop.reason}@${placeName(reach.drop.at)}` : reach.verdict === 'delivered' ? 'ok' : 'dropped';
}

export function articleText(says: ArticleVerdict): string {
  return typeof says === 'string' ? says : describeExpectation(says);
}

function headingText(h: MatrixHeading, lang: MatrixLang): string {
  return h.label ? pick(h.label, lang) : h.text;
}

/** A character a terminal draws two columns wide (CJK ideographs, kana, hangul, full-width forms). */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6)
  );
}

/** How many terminal columns a text takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
  return width;
}

/** Columns padded to their widest cell; the last column is not padded. */
function grid(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat(widths[i] - displayWidth(c)))).join('  ').trimEnd());
}

/** Text folded to `width` columns: at spaces, and between wide characters (which need none). */
export function wrap(text: string, width: number): string[] {
  const tokens = text.match(/[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]+|\s+|./gu) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    if (/^\s+$/.test(token)) {
      if (line) line += ' ';
      continue;
    }
    if (line.trim() && displayWidth(line + token) > width) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += token;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

export function variantName(variant: string | undefined): string {
  return variant === undefined ? 'as written' : `variant ${variant}`;
}

/** The declared flows, one per line in `flowIds` order, as `podpath matrix` has always printed them. */
export function formatFlowList(m: ScenarioMatrix, flowIds: readonly string[], p: Paint): string[] {
  const byId = new Map(m.cells.flatMap((row) => row.flatMap((cell) => cell.map((e) => [e.flow.id, e] as const))));
  const entries = flowIds.flatMap((id) => byId.get(id) ?? []);
  const header = ['FLOW', 'PROTO', 'TO', 'VERDICT', 'DROP', 'EXPECTED', 'RESULT'];
  const rows = entries.map((e) => [
    e.flow.id,
    e.flow.protocol,
    formatTarget(e.flow.to),
    e.reach.verdict,
    e.reach.drop ? `${e.reach.drop.reason} at ${placeName(e.reach.drop.at)}` : '-',
    describeExpectation(e.expect),
    e.met === undefined ? '-' : e.met ? 'ok' : 'FAIL',
  ]);
  const lines = grid([header, ...rows]);
  return lines.map((line, i) => (i === 0 ? p.bold(line) : entries[i - 1].met === false ? p.red(line) : line));
}

/** True when the scenario lays any flow out with `matrix:` (a label on a row or column). */
export function hasTableLayout(m: ScenarioMatrix): boolean {
  return m.rows.some((r) => r.label) || m.columns.some((c) => c.label);
}

/** The declared-flows table, with the article's differences as numbered notes under it. */
export function formatDeclaredTable(m: ScenarioMatrix, p: Paint, lang: MatrixLang): string[] {
  const notes: string[] = [];
  const body = m.rows.map((row, i) => [
    headingText(row, lang),
    ...m.columns.map((_, j) => {
      const cell = m.cells[i][j];
      if (cell.length === 0) return '·';
      return cell
        .map((e) => {
          let text = reachShort(e.reach);
          if (e.article?.differs) {
            notes.push(noteLine(notes.length + 1, e, lang));
            text += ` [${notes.length}]`;
          }
          return text;
        })
        .join(' / ');
    }),
  ]);
  const lines = grid([['', ...m.columns.map((c) => headingText(c, lang))], ...body]);
  const out = [p.bold(lines[0]), ...lines.slice(1)];
  if (notes.length) out.push('', 'where the computed verdict differs from the source article:', ...notes);
  return out;
}

function noteLine(n: number, e: MatrixEntry, lang: MatrixLang): string {
  const says = e.article ? articleText(e.article.says) : '';
  const head = `  [${n}] ${e.flow.id}: the article says ${says}; computed ${reachText(e.reach)}`;
  if (!e.article?.note) return head;
  return [head, ...wrap(pick(e.article.note, lang), 90).map((line) => `      ${line}`)].join('\n');
}

/** All pairs: the destinations and drops listed, then sources × destination numbers. */
export function formatPairs(m: ScenarioMatrix, p: Paint): string[] {
  const letters = new Map<string, string>();
  const dropLegend: string[][] = [];
  const letterOf = (e: MatrixEntry) => {
    const key = reachText(e.reach);
    let letter = letters.get(key);
    if (letter === undefined) {
      letter = legendLetter(letters.size);
      letters.set(key, letter);
      const drop = e.reach.drop;
      dropLegend.push([`  ${letter}`, drop ? `${drop.reason} at ${placeName(drop.at)}${drop.at.dev ? ` ${drop.at.dev}` : ''}` : key, drop ? `(${drop.fn})` : '']);
    }
    return letter;
  };
  const body = m.rows.map((row, i) => [row.text, ...m.columns.map((_, j) => {
    const e = m.cells[i][j][0];
    return e.reach.verdict === 'delivered' ? 'ok' : letterOf(e);
  })]);
  const destinations = grid(m.columns.map((c, j) => [`  ${String(j + 1).padStart(String(m.columns.length).length)}`, c.text, `${c.kind ?? ''} ${c.owner ?? ''}`.trim()]));
  const table = grid([['SOURCE', ...m.columns.map((_, j) => String(j + 1))], ...body]);
  return [
    `${m.rows.length} sources × ${m.columns.length} destinations`,
    'destinations:',
    ...destinations,
    ...(dropLegend.length ? ['drops:', ...grid(dropLegend)] : []),
    '',
    p.bold(table[0]),
    ...table.slice(1),
  ];
}

/** a … z, then aa, ab … */
function legendLetter(i: number): string {
  const a = 'abcdefghijklmnopqrstuvwxyz';
  return i < 26 ? a[i] : a[Math.floor(i / 26) - 1] + a[i % 26];
}

/** What a variant changes against the lab as written, one line per conversation that flips. */
export function formatChanges(variant: string, result: { changes: readonly MatrixChange[]; added: number; removed: number }, lang: MatrixLang): string[] {
  const { changes, added, removed } = result;
  const extra = [added ? `${added} new` : '', removed ? `${removed} gone` : ''].filter(Boolean).join(', ');
  if (changes.length === 0) return [`  ${variant}: no conversation ends differently${extra ? ` (${extra})` : ''}`];
  const lines = [`  ${variant}: ${changes.length === 1 ? '1 conversation ends' : `${changes.length} conversations end`} differently${extra ? ` (${extra})` : ''}`];
  for (const c of changes) {
    const where = c.flowId ?? `${headingText(c.row, lang)} → ${headingText(c.column, lang)}`;
    const cell = c.flowId && (c.row.label || c.column.label) ? ` (${headingText(c.row, lang)} → ${headingText(c.column, lang)})` : '';
    lines.push(`    ${where}${cell}: ${reachText(c.before)} → ${reachText(c.after)}`);
  }
  return lines;
}

// ---- JSON ---------------------------------------------------------------------------------------

/** One conversation of a matrix as `podpath matrix --json` prints it (docs/matrix.md). */
export function entryJson(m: ScenarioMatrix, row: number, column: number, e: MatrixEntry) {
  const drop = e.reach.drop;
  return {
    row,
    column,
    ...(m.mode === 'declared' ? { flow: e.flow.id } : {}),
    from: placeName(e.flow.from),
    protocol: e.flow.protocol,
    to: formatTarget(e.flow.to),
    verdict: e.reach.verdict,
    outcome: e.reach.outcome,
    ...(drop ? { reason: drop.reason, where: placeName(drop.at), at: drop.at, fn: drop.fn, ...(drop.cause ? { cause: drop.cause } : {}) } : {}),
    ...(e.expect !== undefined ? { expect: e.expect, met: e.met } : {}),
    ...(e.article ? { article: e.article } : {}),
    ...(e.self ? { self: true } : {}),
  };
}

export function matrixJson(m: ScenarioMatrix) {
  return {
    variant: m.variant ?? null,
    mode: m.mode,
    rows: m.rows,
    columns: m.columns,
    cells: m.cells.flatMap((row, i) => row.flatMap((cell, j) => cell.map((e) => entryJson(m, i, j, e)))),
  };
}

export function changesJson(variant: string, result: { changes: readonly MatrixChange[]; added: number; removed: number }) {
  const end = (r: Reach) => ({ verdict: r.verdict, ...(r.drop ? { reason: r.drop.reason, where: placeName(r.drop.at) } : {}) });
  return {
    variant,
    against: null,
    changes: result.changes.map((c) => ({ row: c.row.key, column: c.column.key, ...(c.flowId ? { flow: c.flowId } : {}), before: end(c.before), after: end(c.after) })),
    added: result.added,
    removed: result.removed,
  };
}
