// Bounds on a scenario's text, checked before the YAML parser composes it: a file of
// gigabytes, a line of megabytes or a document nested thousands deep would otherwise cost
// gigabytes of memory or blow the stack (issue 15). The largest shipped scenario is about
// 40 KB with lines under 700 characters and nests about 8 deep; the limits leave generous room.
import { Parser } from 'yaml';
import type { Position } from './errors';

/**
 * A scenario file larger than this is refused unread (bytes). Room for a lab imported from a
 * real node (docs/debug-your-node.md): 10,000 Services' iptables-save alone is ~10 MB.
 */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** A longer line is refused (characters). */
export const MAX_LINE_CHARS = 16 * 1024;
/** Collections nested deeper than this are refused. */
export const MAX_YAML_DEPTH = 64;
/** Aliases (`*name`) a document may expand (the yaml package's maxAliasCount). */
export const MAX_ALIAS_COUNT = 1000;

export interface LimitProblem {
  readonly pos: Position;
  readonly message: string;
}

/** The first limit the text breaks, or undefined. Linear in the text, no recursion. */
export function checkTextLimits(text: string): LimitProblem | undefined {
  if (text.length > MAX_FILE_BYTES) {
    return { pos: { line: 1, col: 1 }, message: `the file is ${text.length} characters long; a scenario may have at most ${MAX_FILE_BYTES} (${MAX_FILE_BYTES / 1024 / 1024} MiB)` };
  }
  let line = 1;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const stop = end < 0 ? text.length : end;
    if (stop - start > MAX_LINE_CHARS) {
      return { pos: { line, col: MAX_LINE_CHARS + 1 }, message: `line ${line} is ${stop - start} characters long; a line may have at most ${MAX_LINE_CHARS}` };
    }
    if (end < 0) break;
    start = end + 1;
    line++;
  }
  return nestingProblem(text);
}

type CstToken = { type: string; offset: number; [key: string]: unknown };
type CstItem = { key?: CstToken | null; value?: CstToken | null };

/**
 * How deep the YAML's collections nest, read from the parser's concrete syntax tree (built
 * without recursion) with an explicit stack, before anything recursive (composing the
 * document, toJS) walks it.
 */
function nestingProblem(text: string): LimitProblem | undefined {
  const stack: { token: CstToken; depth: number }[] = [];
  for (const token of new Parser().parse(text)) stack.push({ token: token as unknown as CstToken, depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token.type === 'document') {
      const value = token.value as CstToken | undefined;
      if (value) stack.push({ token: value, depth });
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth + 1 > MAX_YAML_DEPTH) {
      return { pos: positionOf(text, token.offset), message: `the YAML nests collections more than ${MAX_YAML_DEPTH} deep here; a scenario needs far fewer levels` };
    }
    for (const item of token.items as CstItem[]) {
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}

function positionOf(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}
