// Splits a machine script into shell commands the way bash reads them: words, '…' and "…"
// quotes, backslash escapes, backslash-newline continuations, # comments, and the operators a
// lab script uses (`&`, output redirections). Every token keeps its position in the scenario
// file so errors point at the exact column. Expansions ($VAR, $(…), `…`) are refused: the
// script must say literally what it configures.
import type { Position } from '../errors';

/** One line of script text and where its first character sits in the scenario file. */
export interface ScriptLine {
  readonly text: string;
  readonly line: number; // file line, 1-based
  readonly col: number; // file column of text[0], 1-based
}

export interface Token {
  readonly kind: 'word' | 'op';
  /** The word with quotes and escapes removed, or the operator (`&`, `>`, `2>`, `2>&`, `|` …). */
  readonly value: string;
  readonly pos: Position;
  /** Offsets of the token in its command's `text`. */
  readonly start: number;
  readonly end: number;
}

export interface RawCommand {
  readonly tokens: readonly Token[];
  /** The command as written, continuation lines joined with a space. */
  readonly text: string;
  readonly pos: Position;
  /** The first thing the tokenizer could not read (unterminated quote, `$VAR` …). */
  readonly problem?: { readonly pos: Position; readonly message: string };
}

interface Char {
  readonly ch: string;
  readonly pos: Position;
}

const OPERATOR_CHARS = new Set(['|', '&', ';', '<', '>', '(', ')']);

function flatten(lines: readonly ScriptLine[]): Char[] {
  const chars: Char[] = [];
  for (const line of lines) {
    for (let k = 0; k < line.text.length; k++) chars.push({ ch: line.text[k], pos: { line: line.line, col: line.col + k } });
    chars.push({ ch: '\n', pos: { line: line.line, col: line.col + line.text.length } });
  }
  return chars;
}

/** The operator starting at chars[i] (`&&`, `>>`, `2>` is assembled by the caller). */
function readOperator(chars: readonly Char[], i: number): string {
  const c = chars[i].ch;
  const next = chars[i + 1]?.ch;
  const third = chars[i + 2]?.ch;
  switch (c) {
    case '&':
      if (next === '&') return '&&';
      if (next === '>') return third === '>' ? '&>>' : '&>';
      return '&';
    case '|':
      return next === '|' ? '||' : '|';
    case '>':
      if (next === '>') return '>>';
      if (next === '&') return '>&';
      return '>';
    case '<':
      return next === '<' ? '<<' : '<';
    default:
      return c;
  }
}

export function tokenizeScript(lines: readonly ScriptLine[]): RawCommand[] {
  const chars = flatten(lines);
  const commands: RawCommand[] = [];

  let tokens: Token[] = [];
  let text = '';
  let problem: RawCommand['problem'];
  let word: { value: string; pos: Position; start: number; quoted: boolean } | undefined;

  const note = (pos: Position, message: string) => {
    problem ??= { pos, message };
  };
  const startWord = (pos: Position) => {
    word ??= { value: '', pos, start: text.length, quoted: false };
    return word;
  };
  const flushWord = () => {
    if (word) tokens.push({ kind: 'word', value: word.value, pos: word.pos, start: word.start, end: text.length });
    word = undefined;
  };
  const endCommand = () => {
    flushWord();
    if (tokens.length > 0) {
      const base = tokens[0].start;
      const last = tokens[tokens.length - 1].end;
      commands.push({
        tokens: tokens.map((t) => ({ ...t, start: t.start - base, end: t.end - base })),
        text: text.slice(base, last),
        pos: tokens[0].pos,
        ...(problem ? { problem } : {}),
      });
    }
    tokens = [];
    text = '';
    problem = undefined;
  };

  let i = 0;
  while (i < chars.length) {
    const { ch, pos } = chars[i];
    const next = chars[i + 1]?.ch;

    if (ch === "'" || ch === '"') {
      // A quoted run: part of the current word, may span lines.
      const w = startWord(pos);
      w.quoted = true;
      text += ch;
      i++;
      let closed = false;
      while (i < chars.length) {
        const c = chars[i].ch;
        if (c === ch) {
          text += c;
          i++;
          closed = true;
          break;
        }
        if (ch === '"' && c === '\\' && i + 1 < chars.length && '"\\$`\n'.includes(chars[i + 1].ch)) {
          if (chars[i + 1].ch !== '\n') w.value += chars[i + 1].ch;
          text += c + chars[i + 1].ch;
          i += 2;
          continue;
        }
        if (ch === '"' && (c === '$' || c === '`')) {
          note(chars[i].pos, `shell expansion \`${c}…\` is not supported; write the value itself`);
        }
        w.value += c;
        text += c;
        i++;
      }
      if (!closed) note(pos, `unterminated ${ch === "'" ? 'single' : 'double'} quote`);
      continue;
    }

    if (ch === '\\') {
      if (next === '\n') {
        // Line continuation: bash removes backslash-newline; the next line's indentation
        // still separates words, and shows as a single space in the command's text.
        i += 2;
        if (i < chars.length && (chars[i].ch === ' ' || chars[i].ch === '\t')) {
          flushWord();
          if (!/\s$/.test(text)) text += ' ';
          while (i < chars.length && (chars[i].ch === ' ' || chars[i].ch === '\t')) i++;
        }
        continue;
      }
      const w = startWord(pos);
      if (next !== undefined) w.value += next;
      text += ch + (next ?? '');
      i += 2;
      continue;
    }

    if (ch === '\n') {
      endCommand();
      i++;
      continue;
    }

    if (ch === ' ' || ch === '\t') {
      flushWord();
      text += ch;
      i++;
      continue;
    }

    if (ch === '#' && !word) {
      while (i < chars.length && chars[i].ch !== '\n') i++;
      continue;
    }

    if (ch === '$' || ch === '`') {
      note(pos, `shell expansion \`${ch}…\` is not supported; write the value itself`);
      startWord(pos).value += ch;
      text += ch;
      i++;
      continue;
    }

    if (OPERATOR_CHARS.has(ch)) {
      const operator = readOperator(chars, i);
      let op = operator;
      let opPos = pos;
      let opStart = text.length;
      // `2>` and `2>&1`: a word of digits right before > or < is the file descriptor.
      if ((ch === '>' || ch === '<') && word && !word.quoted && /^\d+$/.test(word.value)) {
        op = word.value + op;
        opPos = word.pos;
        opStart = word.start;
        word = undefined;
      } else {
        flushWord();
      }
      text += operator;
      tokens.push({ kind: 'op', value: op, pos: opPos, start: opStart, end: text.length });
      i += operator.length;
      continue;
    }

    startWord(pos).value += ch;
    text += ch;
    i++;
  }
  endCommand();
  return commands;
}
