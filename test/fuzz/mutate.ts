// Deterministic mutations of a scenario's text, line by line: what a careless edit, a bad
// paste or a hostile author does to a valid file. Each returns the new text and what it did.
import type { Random } from './random';

/** Values that have broken parsers before: built-in names, huge and negative numbers, escapes. */
export const HOSTILE_WORDS = [
  'constructor', '__proto__', 'toString', 'hasOwnProperty', '-1', '0', '4294967296', '99999999999999999999',
  '1e309', 'NaN', '', '""', "'", '\\', '*', '&a', '!!binary', '{', '[', '%', '\x1b[31mred\x1b[0m', '\x1b]0;title\x07', '\u0000',
  'a'.repeat(300), '..', '/', 'ff:ff:ff:ff:ff:ff', '01:00:5e:00:00:01', '00:00:00:00:00:00', '255.255.255.255', '0.0.0.0/0',
  '224.0.0.1', '10.0.0.1/33', 'ééééééééé', '$(reboot)', '`id`', ';', '&&', '|', '<<EOF', 'EOF',
] as const;

export interface Mutation {
  readonly what: string;
  readonly text: string;
}

type Mutator = (lines: string[], rnd: Random) => string;

const MUTATORS: Record<string, Mutator> = {
  'delete a line': (lines, rnd) => {
    const i = rnd.below(lines.length);
    lines.splice(i, 1);
    return `line ${i + 1}`;
  },
  'duplicate a line': (lines, rnd) => {
    const i = rnd.below(lines.length);
    lines.splice(i, 0, lines[i]);
    return `line ${i + 1}`;
  },
  'swap two lines': (lines, rnd) => {
    const i = rnd.below(lines.length);
    const j = rnd.below(lines.length);
    [lines[i], lines[j]] = [lines[j], lines[i]];
    return `lines ${i + 1} and ${j + 1}`;
  },
  'truncate the file': (lines, rnd) => {
    const i = rnd.below(lines.length);
    const keep = lines[i].slice(0, rnd.below(lines[i].length + 1));
    lines.splice(i, lines.length - i, keep);
    return `in line ${i + 1}`;
  },
  'replace a word': (lines, rnd) => {
    const i = rnd.below(lines.length);
    const words = lines[i].split(' ');
    const w = rnd.below(words.length);
    const word = rnd.pick(HOSTILE_WORDS);
    words[w] = word;
    lines[i] = words.join(' ');
    return `word ${w + 1} of line ${i + 1} by ${JSON.stringify(word)}`;
  },
  'indent a line': (lines, rnd) => {
    const i = rnd.below(lines.length);
    lines[i] = `${' '.repeat(1 + rnd.below(5))}${lines[i]}`;
    return `line ${i + 1}`;
  },
  'dedent a line': (lines, rnd) => {
    const i = rnd.below(lines.length);
    lines[i] = lines[i].replace(/^ {1,4}/, '');
    return `line ${i + 1}`;
  },
  'repeat a script line 200 times': (lines, rnd) => {
    const scriptLines = lines.map((l, i) => [l, i] as const).filter(([l]) => /^ {6}(ip|iptables|sysctl|ipset|bridge) /.test(l));
    if (scriptLines.length === 0) return 'no script line';
    const [line, i] = rnd.pick(scriptLines);
    lines.splice(i, 0, ...Array<string>(200).fill(line));
    return `line ${i + 1}`;
  },
  'insert control characters': (lines, rnd) => {
    const i = rnd.below(lines.length);
    const at = rnd.below(lines[i].length + 1);
    const junk = rnd.pick(['\x1b[2J', '\x07', '\t', '\r', '\u202e', '\x00', '\x7f', '\ufeff']);
    lines[i] = lines[i].slice(0, at) + junk + lines[i].slice(at);
    return `in line ${i + 1}: ${JSON.stringify(junk)}`;
  },
};

/** `count` mutations of `text`, one to three edits each, from `seed`. */
export function mutations(text: string, count: number, rnd: Random): Mutation[] {
  const names = Object.keys(MUTATORS);
  const out: Mutation[] = [];
  for (let n = 0; n < count; n++) {
    const lines = text.split('\n');
    const edits: string[] = [];
    const k = 1 + rnd.below(3);
    for (let e = 0; e < k; e++) {
      const name = rnd.pick(names);
      edits.push(`${name} (${MUTATORS[name](lines, rnd)})`);
    }
    out.push({ what: edits.join('; '), text: lines.join('\n') });
  }
  return out;
}
