// Small readers for the docs' Markdown, so tests can check what the pages say: the fenced
// block or the table that follows a marker comment (`<!-- stage: 2 expect: delivered -->`),
// table cells, and relative links. Plain string work; no Markdown library.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The repository's root directory. */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export function readDoc(relative: string): string {
  return readFileSync(`${REPO}${relative}`, 'utf8');
}

export interface Marked<T> {
  /** what the marker comment says after its keyword: `<!-- stage: 2 expect: delivered -->` → `2 expect: delivered` */
  readonly marker: string;
  /** 1-based line of the marker */
  readonly line: number;
  readonly body: T;
}

/** Every `<!-- KEYWORD: … -->` (or `<!-- KEYWORD -->`) marker and the lines after it. */
function markers(text: string, keyword: string): { marker: string; line: number; after: string[] }[] {
  const lines = text.split('\n');
  const found: { marker: string; line: number; after: string[] }[] = [];
  const pattern = new RegExp(`^<!--\\s*${keyword}(?::\\s*(.*?))?\\s*-->\\s*$`);
  lines.forEach((line, i) => {
    const m = pattern.exec(line);
    if (m) found.push({ marker: m[1] ?? '', line: i + 1, after: lines.slice(i + 1) });
  });
  return found;
}

/** The fenced code block right after each marker (blank lines between are allowed). */
export function markedBlocks(text: string, keyword: string): Marked<{ lang: string; code: string }>[] {
  return markers(text, keyword).map(({ marker, line, after }) => {
    const start = after.findIndex((l) => l.trim() !== '');
    const fence = /^```(\S*)\s*$/.exec(after[start] ?? '');
    if (!fence) throw new Error(`line ${line}: <!-- ${keyword} --> is not followed by a fenced code block`);
    const end = after.findIndex((l, i) => i > start && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`line ${line}: the code block after <!-- ${keyword} --> is not closed`);
    return { marker, line, body: { lang: fence[1], code: after.slice(start + 1, end).join('\n') } };
  });
}

/** Splits a Markdown table row into its cells; `\|` stays inside a cell as `|`. */
export function tableCells(row: string): string[] {
  const inner = row.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/** The body rows (header and separator dropped) of the table right after each marker. */
export function markedTables(text: string, keyword: string): Marked<string[][]>[] {
  return markers(text, keyword).map(({ marker, line, after }) => {
    const rows: string[] = [];
    for (const l of after) {
      if (!l.trim().startsWith('|')) break;
      rows.push(l);
    }
    if (rows.length < 2) throw new Error(`line ${line}: <!-- ${keyword} --> is not followed by a table`);
    return { marker, line, body: rows.slice(2).map(tableCells) };
  });
}

/** `` `key` `` → `key`: the code span a cell holds, or undefined when it holds none. */
export function codeSpan(cell: string): string | undefined {
  return /^`([^`]+)`/.exec(cell)?.[1];
}

/** Relative link targets of a Markdown text: `[x](path#anchor)` → `path` (no web links, no bare anchors). */
export function relativeLinks(text: string): string[] {
  const targets: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1];
    if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
    targets.push(target.split('#')[0]);
  }
  return targets;
}
