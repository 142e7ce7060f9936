// The Matrix view's model: what each cell shows, which cells carry an article note and its
// number, keyboard movement over the grid. Pure: no React, no store.
import type { Reach } from '../../engine/matrix';
import { placeName } from '../../engine/trace/expectation';
import type { Flow, I18nText } from '../../engine/trace/types';
import type { MatrixEntry, MatrixHeading, ScenarioMatrix } from '../../scenario/matrix';

type PickText = (text: I18nText) => string;

/** A heading's words: the scenario's label in the reader's language, else its technical form. */
export function headingText(h: MatrixHeading, pick: PickText): string {
  return h.label ? pick(h.label) : h.text;
}

/** `gateway eth0`, `node1/pod-a`: where a conversation died. */
export function dropWhere(reach: Reach): string | undefined {
  const at = reach.drop?.at;
  if (!at) return undefined;
  return at.dev ? `${placeName(at)} ${at.dev}` : placeName(at);
}

/** The entries whose verdict differs from the article, numbered in reading order (row by row). */
export interface ArticleNote {
  readonly n: number;
  readonly row: number;
  readonly column: number;
  readonly entry: MatrixEntry;
}

export function articleNotes(m: ScenarioMatrix): ArticleNote[] {
  const notes: ArticleNote[] = [];
  m.cells.forEach((row, i) =>
    row.forEach((cell, j) => {
      for (const entry of cell) if (entry.article?.differs) notes.push({ n: notes.length + 1, row: i, column: j, entry });
    }),
  );
  return notes;
}

/** The note number of an entry, if it has one. */
export function noteNumber(notes: readonly ArticleNote[], entry: MatrixEntry): number | undefined {
  return notes.find((n) => n.entry === entry)?.n;
}

/** Is this the conversation the lab shows now (the chosen scenario flow, or the same built flow)? */
export function isShown(entry: MatrixEntry, selected: { readonly flow?: string; readonly custom?: Flow }): boolean {
  if (selected.flow === undefined) return false;
  if (entry.flow.id !== selected.flow) return false;
  if (!selected.custom) return true;
  const a = entry.flow;
  const b = selected.custom;
  return a.protocol === b.protocol && a.from.machine === b.from.machine && a.from.netns === b.from.netns && a.to.addr === b.to.addr && a.to.port === b.to.port;
}

/** A place in the grid: row, column, and which entry of the cell. */
export interface GridPos {
  readonly row: number;
  readonly column: number;
  readonly entry: number;
}

export type GridKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End' | 'PageUp' | 'PageDown';

/** The first cell with a conversation, reading row by row. */
export function firstPos(m: ScenarioMatrix): GridPos | undefined {
  for (let r = 0; r < m.cells.length; r++) for (let c = 0; c < m.cells[r].length; c++) if (m.cells[r][c].length) return { row: r, column: c, entry: 0 };
  return undefined;
}

/**
 * Where a key moves the focus (WAI-ARIA grid): arrows to the next cell holding a conversation
 * in that direction (up and down through a cell's entries first), Home/End to the row's first
 * and last, Ctrl+Home/End (or PageUp/PageDown) to the first and last of the column. Stays put
 * at an edge.
 */
export function moveInGrid(m: ScenarioMatrix, pos: GridPos, key: GridKey, ctrl = false): GridPos {
  const rows = m.cells.length;
  const cols = rows ? m.cells[0].length : 0;
  const has = (r: number, c: number) => r >= 0 && r < rows && c >= 0 && c < cols && m.cells[r][c].length > 0;
  const scan = (r: number, c: number, dr: number, dc: number, entryAt: (r: number, c: number) => number): GridPos => {
    for (let rr = r + dr, cc = c + dc; rr >= 0 && rr < rows && cc >= 0 && cc < cols; rr += dr, cc += dc) {
      if (has(rr, cc)) return { row: rr, column: cc, entry: entryAt(rr, cc) };
    }
    return pos;
  };
  const last = (r: number, c: number) => m.cells[r][c].length - 1;
  switch (key) {
    case 'ArrowRight':
      return scan(pos.row, pos.column, 0, 1, () => 0);
    case 'ArrowLeft':
      return scan(pos.row, pos.column, 0, -1, () => 0);
    case 'ArrowDown':
      if (pos.entry < last(pos.row, pos.column)) return { ...pos, entry: pos.entry + 1 };
      return scan(pos.row, pos.column, 1, 0, () => 0);
    case 'ArrowUp':
      if (pos.entry > 0) return { ...pos, entry: pos.entry - 1 };
      return scan(pos.row, pos.column, -1, 0, last);
    case 'Home':
      return ctrl ? scan(-1, pos.column, 1, 0, () => 0) : scan(pos.row, -1, 0, 1, () => 0);
    case 'End':
      return ctrl ? scan(rows, pos.column, -1, 0, () => 0) : scan(pos.row, cols, 0, -1, () => 0);
    case 'PageUp':
      return scan(-1, pos.column, 1, 0, () => 0);
    case 'PageDown':
      return scan(rows, pos.column, -1, 0, () => 0);
  }
}
