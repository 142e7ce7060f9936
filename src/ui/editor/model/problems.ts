// The problems the worker found in a lab, as the editor marks them: each at its line and column
// (1-based, as `validate` prints them) turned into a range of the text, to the end of the word
// there (or one character on an empty spot).
import type { Described } from '../../../store/lab';

export interface Problem {
  readonly line: number;
  readonly col: number;
  readonly message: string;
  readonly severity: 'error';
}

/** The problems of `file` in what the worker answered for it. */
export function problemsOf(described: Described | undefined, file: string): Problem[] {
  if (!described) return [];
  if (described.status === 'failed') return [{ line: 1, col: 1, message: described.message, severity: 'error' }];
  const errors = described.status === 'invalid' || described.status === 'ready' ? described.buildErrors : [];
  return [
    ...(described.status === 'invalid' ? described.errors.filter((e) => e.file === file).map((e) => ({ line: e.line, col: e.col, message: e.message, severity: 'error' as const })) : []),
    ...errors.filter((e) => e.loc.file === file).map((e) => ({ line: e.loc.line, col: e.loc.col, message: `${e.machine}: ${e.command}: ${e.message}`, severity: 'error' as const })),
  ];
}

/** Where a problem at `line`:`col` sits in `text`, as offsets (clamped to the text). */
export function problemRange(text: string, line: number, col: number): { from: number; to: number } {
  const lines = text.split('\n');
  const index = Math.min(Math.max(line, 1), lines.length) - 1;
  const start = lines.slice(0, index).reduce((n, l) => n + l.length + 1, 0);
  const here = lines[index];
  const at = Math.min(Math.max(col, 1) - 1, here.length);
  const word = /^\S*/.exec(here.slice(at))![0].length;
  const from = start + at;
  return { from, to: Math.min(from + Math.max(word, 1), text.length) };
}
