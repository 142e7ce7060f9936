// A parsed YAML scenario that remembers where everything is: maps a path like
// ['flows', 0, 'protocol'] back to a line and column, and places the lines of a script block
// (`script: |`) in the file so each command's position is its real one.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { ScriptLine } from './commands/tokenize';
import type { Position } from './errors';

export type PathSegment = string | number;
export type YamlPath = readonly PathSegment[];

const START: Position = { line: 1, col: 1 };

export interface YamlProblem {
  readonly pos: Position;
  readonly message: string;
}

export class YamlSource {
  readonly doc: Document.Parsed;
  private readonly lineCounter = new LineCounter();

  constructor(readonly text: string) {
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false });
  }

  /** Where file line `line` (1-based) ends, before its newline (and a \r before it): the file is not split into lines. */
  private lineEnd(line: number): number {
    const starts = this.lineCounter.lineStarts;
    if (line >= starts.length) return this.text.length;
    let end = starts[line] - 1;
    if (end > starts[line - 1] && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** Syntax errors, each with its position and the parser's message (first line only). */
  problems(): YamlProblem[] {
    return this.doc.errors.map((error) => ({
      pos: this.position(error.pos[0]),
      message: error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
    }));
  }

  position(offset: number): Position {
    const { line, col } = this.lineCounter.linePos(Math.min(offset, this.text.length));
    return { line, col };
  }

  /** The node at `path`, or undefined when some step of it is missing. */
  node(path: YamlPath): Node | undefined {
    return this.walk(path).node;
  }

  /**
   * Where to point for `path`: the value when it exists, else the nearest existing ancestor
   * (a missing key points at the mapping that lacks it).
   */
  locate(path: YamlPath): Position {
    const { node, deepest } = this.walk(path);
    return this.startOf(node ?? deepest);
  }

  /** Where a key of the mapping at `path` is written (for unknown and duplicate keys). */
  locateKey(path: YamlPath, key: string): Position {
    const map = this.node(path);
    if (isMap(map)) {
      const pair = map.items.find((item) => keyText(item) === key);
      if (pair && isScalar(pair.key)) return this.startOf(pair.key);
    }
    return this.locate(path);
  }

  /** Places the lines of the string at `path` in the file, or says why it cannot. */
  scriptLines(path: YamlPath): { lines: ScriptLine[] } | { problem: YamlProblem } | undefined {
    const node = this.node(path);
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
    const value = node.value;
    const start = this.position(node.range[0]);
    if (node.type === 'BLOCK_LITERAL') {
      // Content starts on the line after the `|` header; each value line keeps its file line.
      return {
        lines: value.split('\n').map((text, i) => {
          const line = start.line + 1 + i;
          // the value line is the end of its file line, after the block's indentation
          const lineStart = this.lineCounter.lineStarts[line - 1];
          const end = lineStart === undefined ? 0 : this.lineEnd(line);
          const fits = lineStart !== undefined && end - lineStart >= text.length && this.text.slice(end - text.length, end) === text; // (startsWith at an offset of a big string was slower)
          return { text, line, col: fits ? end - lineStart - text.length + 1 : 1 };
        }),
      };
    }
    if (!value.includes('\n') && node.type !== 'BLOCK_FOLDED') {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      return { lines: [{ text: value, line: start.line, col: start.col + (quoted ? 1 : 0) }] };
    }
    return { problem: { pos: start, message: 'expected a literal block (`|`) so each command keeps its own line, or a one-line string' } };
  }

  private startOf(node: Node | undefined): Position {
    return node?.range ? this.position(node.range[0]) : START;
  }

  private walk(path: YamlPath): { node: Node | undefined; deepest: Node | undefined } {
    let current: Node | undefined = this.doc.contents ?? undefined;
    let deepest = current;
    for (const segment of path) {
      current = this.child(current, segment);
      if (!current) return { node: undefined, deepest };
      deepest = current;
    }
    return { node: current, deepest };
  }

  /** The child at `segment`, following an alias (`*name`) to the anchored node it repeats. */
  private child(node: Node | undefined, segment: PathSegment): Node | undefined {
    let found: Node | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item) === String(segment));
      found = (pair?.value as Node | null | undefined) ?? undefined;
    } else if (isSeq(node) && typeof segment === 'number') {
      found = (node.items[segment] as Node | undefined) ?? undefined;
    }
    return isAlias(found) ? (found.resolve(this.doc) as Node | undefined) : found;
  }
}

function keyText(pair: Pair<unknown, unknown>): string | undefined {
  if (!isPair(pair)) return undefined;
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}
