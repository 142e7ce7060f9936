// Splits a machine script into shell commands the way bash reads them: words, '…' and "…"
// quotes, backslash escapes, backslash-newline continuations, # comments, and the operators a
// lab script uses (`&`, output redirections). Every token keeps its position in the scenario
// file so errors point at the exact column. Expansions ($VAR, $(…), `…`) are refused: the
// script must say literally what it configures. A here-document (`<<EOF`, `<<'EOF'`, `<<-EOF`)
// takes the lines after its command up to the delimiter line, as bash reads it; the body keeps
// each line's file position (for iptables-restore's errors) and joins the command's text.
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

/** The body of a here-document: the lines between the command and the delimiter line. */
export interface Heredoc {
  /** The `<<` or `<<-` operator. */
  readonly op: Token;
  readonly delimiter: string;
  /** `<<'EOF'` / `<<"EOF"` / `<<\EOF`: the body is taken literally. */
  readonly quoted: boolean;
  /** `<<-`: leading tabs are removed from body lines and the delimiter line. */
  readonly stripTabs: boolean;
  /** Body lines (tabs already stripped for `<<-`), each placed in the file. */
  readonly lines: readonly ScriptLine[];
  /** Where the delimiter line starts (or the end of the script when it is missing). */
  readonly end: Position;
}

export interface RawCommand {
  readonly tokens: readonly Token[];
  /** The command as written, continuation lines joined with a space, then any heredoc body and delimiter line. */
  readonly text: string;
  readonly pos: Position;
  /** The first thing the tokenizer could not read (unterminated quote, `$VAR` …). */
  readonly problem?: { readonly pos: Position; readonly message: string };
  /** Here-documents in the order of their `<<` operators. */
  readonly heredocs?: readonly Heredoc[];
}

/**
 * The script as one string with positions computed on demand (a heredoc of a kube-proxy
 * dump is megabytes: no object per character). Each script line ends with '\n'.
 */
class CharView {
  readonly text: string;
  readonly length: number;
  private readonly starts: number[] = [];
  /** the line of the last position asked for */
  private hint = 0;

  constructor(readonly lines: readonly ScriptLine[]) {
    let offset = 0;
    for (const l of lines) {
      this.starts.push(offset);
      offset += l.text.length + 1;
    }
    this.text = lines.length ? `${lines.map((l) => l.text).join('\n')}\n` : '';
    this.length = this.text.length;
  }

  /** The character at i, which must be in range. */
  ch(i: number): string {
    return this.text[i];
  }

  chOpt(i: number): string | undefined {
    return i >= 0 && i < this.length ? this.text[i] : undefined;
  }

  pos(i: number): Position {
    const lo = this.lineIndex(i);
    const line = this.lines[lo];
    return { line: line.line, col: line.col + (i - this.starts[lo]) };
  }

  /** The input line starting exactly at offset i, if one does. */
  lineStartingAt(i: number): ScriptLine | undefined {
    if (i >= this.length) return undefined;
    const k = this.lineIndex(i);
    return this.starts[k] === i ? this.lines[k] : undefined;
  }

  /** The index of the line holding offset i: the tokenizer reads forward, so the last answer or the next line usually is it. */
  private lineIndex(i: number): number {
    const { starts } = this;
    const h = this.hint;
    if (starts[h] <= i) {
      if (h + 1 >= starts.length || starts[h + 1] > i) return h;
      if (h + 2 >= starts.length || starts[h + 2] > i) return (this.hint = h + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return (this.hint = lo);
  }

  posOpt(i: number): Position | undefined {
    return i >= 0 && i < this.length ? this.pos(i) : undefined;
  }
}

const OPERATOR_CHARS = new Set(['|', '&', ';', '<', '>', '(', ')']);

/** Characters that end a run of plain word characters: blanks, quotes, escapes, expansions, operators. */
const SPECIAL = new Set([' ', '\t', '\n', '\\', "'", '"', '$', '`', ...OPERATOR_CHARS]);

/** Where the run of plain word characters starting at i ends. */
function plainRunEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && !SPECIAL.has(text[j])) j++;
  return j;
}


/** The operator starting at chars[i] (`&&`, `>>`, `2>` is assembled by the caller). */
function readOperator(chars: CharView, i: number): string {
  const c = chars.ch(i);
  const next = chars.chOpt(i + 1);
  const third = chars.chOpt(i + 2);
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
      if (next !== '<') return '<';
      if (third === '-') return '<<-';
      return third === '<' ? '<<<' : '<<';
    default:
      return c;
  }
}

export function tokenizeScript(lines: readonly ScriptLine[]): RawCommand[] {
  const chars = new CharView(lines);
  const commands: RawCommand[] = [];

  let tokens: Token[] = [];
  let text = '';
  let problem: RawCommand['problem'];
  let word: { value: string; pos: Position; start: number; quoted: boolean } | undefined;
  /** `<<` operators of the current command, with their delimiter word once read. */
  let pending: { op: Token; stripTabs: boolean; delimiter?: { value: string; quoted: boolean } }[] = [];
  let heredocs: Heredoc[] = [];
  let heredocText = '';

  const note = (pos: Position, message: string) => {
    problem ??= { pos, message };
  };
  /** The current word, begun at chars[at] if there is none (its position is computed once, here). */
  const startWord = (at: number) => {
    word ??= { value: '', pos: chars.pos(at), start: text.length, quoted: false };
    return word;
  };
  const flushWord = () => {
    if (word) {
      tokens.push({ kind: 'word', value: word.value, pos: word.pos, start: word.start, end: text.length });
      const awaiting = pending.find((h) => !h.delimiter);
      if (awaiting && tokens[tokens.length - 2] === awaiting.op) awaiting.delimiter = { value: word.value, quoted: word.quoted };
    }
    word = undefined;
  };
  /** Reads the bodies of the current line's here-documents from chars[from]; returns where the next line starts. */
  const readHeredocs = (from: number): number => {
    let i = from;
    for (const h of pending) {
      if (!h.delimiter) {
        note(h.op.pos, `expected a delimiter word after \`${h.op.value}\` (like ${h.op.value}EOF)`);
        continue;
      }
      const body: ScriptLine[] = [];
      let end: Position | undefined;
      // the command's text gets the body and delimiter lines as written: one slice at the end
      const textFrom = i - 1;
      let textTo = textFrom;
      while (i < chars.length) {
        // body lines are whole input lines: the input's own line object is the body's
        const input = chars.lineStartingAt(i);
        let j = input ? i + input.text.length : chars.text.indexOf('\n', i);
        if (j < 0) j = chars.length;
        const raw = input ? input.text : chars.text.slice(i, j);
        const startPos = input ?? chars.posOpt(i) ?? chars.pos(chars.length - 1);
        textTo = j;
        i = j + 1;
        const tabs = h.stripTabs ? /^\t*/.exec(raw)![0].length : 0;
        const content = tabs ? raw.slice(tabs) : raw;
        if (content === h.delimiter.value) {
          end = { line: startPos.line, col: startPos.col + tabs };
          break;
        }
        body.push(input && !tabs ? input : { text: content, line: startPos.line, col: startPos.col + tabs });
        if (!h.delimiter.quoted && (content.includes('$') || content.includes('`') || content.includes('\\'))) {
          const k = content.search(/[$`]|\\([$`\\]|$)/);
          if (k >= 0) {
            note(
              { line: startPos.line, col: startPos.col + tabs + k },
              `\`${content[k]}\` in a here-document with an unquoted delimiter is expanded by the shell; quote the delimiter (${h.op.value}'${h.delimiter.value}') to keep the text as written`,
            );
          }
        }
      }
      if (!end) {
        note(h.op.pos, `here-document \`${h.delimiter.value}\` is not closed: expected a line \`${h.delimiter.value}\` after its body`);
        const last = chars.posOpt(chars.length - 1) ?? h.op.pos;
        end = { line: last.line, col: last.col };
      }
      if (textTo > textFrom) heredocText += chars.text.slice(textFrom, textTo);
      heredocs.push({ op: h.op, delimiter: h.delimiter.value, quoted: h.delimiter.quoted, stripTabs: h.stripTabs, lines: body, end });
    }
    pending = [];
    return i;
  };
  const endCommand = () => {
    flushWord();
    if (tokens.length > 0) {
      const base = tokens[0].start;
      const last = tokens[tokens.length - 1].end;
      commands.push({
        // offsets from the command's first token (the same objects when it starts the text)
        tokens: base === 0 ? tokens : tokens.map((t) => ({ ...t, start: t.start - base, end: t.end - base })),
        text: text.slice(base, last) + heredocText,
        pos: tokens[0].pos,
        ...(problem ? { problem } : {}),
        ...(heredocs.length > 0 ? { heredocs: heredocs.map((h) => ({ ...h, op: { ...h.op, start: h.op.start - base, end: h.op.end - base } })) } : {}),
      });
    }
    tokens = [];
    text = '';
    problem = undefined;
    heredocs = [];
    heredocText = '';
  };

  let i = 0;
  while (i < chars.length) {
    const ch = chars.ch(i);
    const next = chars.chOpt(i + 1);

    if (ch === "'" || ch === '"') {
      // A quoted run: part of the current word, may span lines.
      const open = i;
      const w = startWord(i);
      w.quoted = true;
      text += ch;
      i++;
      let closed = false;
      while (i < chars.length) {
        const c = chars.ch(i);
        if (c === ch) {
          text += c;
          i++;
          closed = true;
          break;
        }
        if (ch === '"' && c === '\\' && i + 1 < chars.length && '"\\$`\n'.includes(chars.ch(i + 1))) {
          if (chars.ch(i + 1) !== '\n') w.value += chars.ch(i + 1);
          text += c + chars.ch(i + 1);
          i += 2;
          continue;
        }
        if (ch === '"' && (c === '$' || c === '`')) {
          note(chars.pos(i), `shell expansion \`${c}…\` is not supported; write the value itself`);
        }
        w.value += c;
        text += c;
        i++;
      }
      if (!closed) note(chars.pos(open), `unterminated ${ch === "'" ? 'single' : 'double'} quote`);
      continue;
    }

    if (ch === '\\') {
      if (next === '\n') {
        // Line continuation: bash removes backslash-newline; the next line's indentation
        // still separates words, and shows as a single space in the command's text.
        i += 2;
        if (i < chars.length && (chars.ch(i) === ' ' || chars.ch(i) === '\t')) {
          flushWord();
          if (!/\s$/.test(text)) text += ' ';
          while (i < chars.length && (chars.ch(i) === ' ' || chars.ch(i) === '\t')) i++;
        }
        continue;
      }
      const w = startWord(i);
      if (next !== undefined) w.value += next;
      text += ch + (next ?? '');
      i += 2;
      continue;
    }

    if (ch === '\n') {
      flushWord();
      i = pending.length > 0 ? readHeredocs(i + 1) : i + 1;
      endCommand();
      continue;
    }

    if (ch === ' ' || ch === '\t') {
      flushWord();
      text += ch;
      i++;
      continue;
    }

    if (ch === '#' && !word) {
      while (i < chars.length && chars.ch(i) !== '\n') i++;
      continue;
    }

    if (ch === '$' || ch === '`') {
      note(chars.pos(i), `shell expansion \`${ch}…\` is not supported; write the value itself`);
      startWord(i).value += ch;
      text += ch;
      i++;
      continue;
    }

    if (OPERATOR_CHARS.has(ch)) {
      const operator = readOperator(chars, i);
      let op = operator;
      let opPos = chars.pos(i);
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
      const token: Token = { kind: 'op', value: op, pos: opPos, start: opStart, end: text.length };
      tokens.push(token);
      if (op === '<<' || op === '<<-') pending.push({ op: token, stripTabs: op === '<<-' });
      i += operator.length;
      continue;
    }

    // plain word characters: the whole run at once
    const end = plainRunEnd(chars.text, i);
    const run = chars.text.slice(i, end);
    startWord(i).value += run;
    text += run;
    i = end;
  }
  endCommand();
  return commands;
}
