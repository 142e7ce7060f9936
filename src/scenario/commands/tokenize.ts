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
      if (next !== '<') return '<';
      if (third === '-') return '<<-';
      return third === '<' ? '<<<' : '<<';
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
  /** `<<` operators of the current command, with their delimiter word once read. */
  let pending: { op: Token; stripTabs: boolean; delimiter?: { value: string; quoted: boolean } }[] = [];
  let heredocs: Heredoc[] = [];
  let heredocText = '';

  const note = (pos: Position, message: string) => {
    problem ??= { pos, message };
  };
  const startWord = (pos: Position) => {
    word ??= { value: '', pos, start: text.length, quoted: false };
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
      while (i < chars.length) {
        let j = i;
        while (j < chars.length && chars[j].ch !== '\n') j++;
        const lineChars = chars.slice(i, j);
        const raw = lineChars.map((c) => c.ch).join('');
        const startPos = lineChars[0]?.pos ?? chars[j]?.pos ?? chars[chars.length - 1].pos;
        heredocText += `\n${raw}`;
        i = j + 1;
        const tabs = h.stripTabs ? /^\t*/.exec(raw)![0].length : 0;
        const content = raw.slice(tabs);
        if (content === h.delimiter.value) {
          end = { line: startPos.line, col: startPos.col + tabs };
          break;
        }
        body.push({ text: content, line: startPos.line, col: startPos.col + tabs });
        if (!h.delimiter.quoted) {
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
        const last = chars[chars.length - 1]?.pos ?? h.op.pos;
        end = { line: last.line, col: last.col };
      }
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
        tokens: tokens.map((t) => ({ ...t, start: t.start - base, end: t.end - base })),
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
      const token: Token = { kind: 'op', value: op, pos: opPos, start: opStart, end: text.length };
      tokens.push(token);
      if (op === '<<' || op === '<<-') pending.push({ op: token, stripTabs: op === '<<-' });
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
