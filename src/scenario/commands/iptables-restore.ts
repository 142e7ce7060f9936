// `iptables-restore [--noflush] <<EOF … EOF` (iptables/iptables-restore.c, xshared.c
// add_param_to_argv): the here-document holds `*table` … `COMMIT` blocks of `:CHAIN POLICY
// [p:b]` lines and rule lines in the iptables language, `#` comments and empty lines. Lines are
// split the way iptables-restore splits them — on blanks, with "double quotes" grouping and \
// escaping inside them only ('single quotes' are kept as characters) — and every error points
// at its line and column inside the here-document.
import type { NfCommand, NfTableName, RestoreTable } from '../../engine/config/netfilter';
import { BUILTIN_CHAINS } from '../../engine/config/netfilter';
import type { Position } from '../errors';
import { Args, fail } from './args';
import { parseIptablesLine, readChain } from './iptables';
import { TABLES } from './iptables/values';
import { fastRestoreRule } from './iptables-fast';
import type { ParsedOp } from './parsed';
import type { CommandContext } from './shell';
import type { ScriptLine, Token } from './tokenize';

/** Splits one iptables-restore line into words as add_param_to_argv does. */
export function tokenizeRestoreLine(line: ScriptLine): Token[] {
  const tokens: Token[] = [];
  const text = line.text;
  let value = '';
  let start = -1;
  let open = -1; // index of the opening quote, when inside one
  const at = (k: number): Position => ({ line: line.line, col: line.col + k });
  const flush = (end: number) => {
    tokens.push({ kind: 'word', value, pos: at(start), start, end });
    value = '';
    start = -1;
  };
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (open >= 0) {
      if (ch === '\\' && k + 1 < text.length) {
        value += text[++k];
      } else if (ch === '"') {
        open = -1;
        flush(k + 1); // a closing quote always ends the word
      } else {
        value += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (start < 0) start = k;
      open = k;
    } else if (ch === ' ' || ch === '\t') {
      if (start >= 0) flush(k);
    } else {
      if (start < 0) start = k;
      value += ch;
    }
  }
  if (open >= 0) fail(at(open), 'unterminated double quote: iptables-restore would take the rest of the line, newline included');
  if (start >= 0) flush(text.length);
  return tokens;
}

const COUNTERS = /^\[\d+:\d+\]$/;

interface OpenTable {
  readonly table: NfTableName;
  readonly pos: Position;
  readonly chains: { name: string; policy: 'ACCEPT' | 'DROP' | '-' }[];
  /** names declared so far (a kube-proxy dump declares tens of thousands) */
  readonly declared: Set<string>;
  readonly commands: NfCommand[];
  /** each command's line, counted from the input's first line (iptables-restore's messages count so) */
  readonly commandLines: number[];
}

/** A user chain declared the way kube-proxy writes it: `:KUBE-SVC-… - [0:0]` (PLAIN_USER_CHAIN, in two parts). */
const CHAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,27}$/;
const COUNTERS_AFTER = /\[\d+:\d+\]$/y;
/** Names readChain refuses for a chain (they are targets): left to it for the message. */
const TARGET_NAMES = new Set(['ACCEPT', 'DROP', 'RETURN', 'QUEUE', 'NFQUEUE', 'REJECT', 'DNAT', 'SNAT', 'MASQUERADE', 'MARK']);

/** The name of a chain declared as PLAIN_USER_CHAIN, read without a regex match per line (tens of thousands in a dump). */
function plainUserChain(text: string): string | undefined {
  const space = text.indexOf(' ');
  if (space < 2 || !text.startsWith(' - [', space)) return undefined;
  COUNTERS_AFTER.lastIndex = space + 3;
  if (!COUNTERS_AFTER.test(text)) return undefined;
  const name = text.slice(1, space);
  return CHAIN_NAME.test(name) ? name : undefined;
}

/** `:CHAIN POLICY [packets:bytes]` */
function readChainLine(line: ScriptLine, table: OpenTable): void {
  const plain = plainUserChain(line.text);
  if (plain !== undefined && !TARGET_NAMES.has(plain) && !BUILTIN_CHAINS[table.table].includes(plain) && !table.declared.has(plain)) {
    table.declared.add(plain);
    table.chains.push({ name: plain, policy: '-' });
    return;
  }
  const [nameToken, policyToken, counters, extra] = tokenizeRestoreLine({ ...line, text: ` ${line.text.slice(1)}`, col: line.col });
  if (!nameToken || nameToken.value === '') fail({ line: line.line, col: line.col + 1 }, 'expected a chain name after ":" (:CHAIN POLICY [0:0])');
  const name = readChain(nameToken);
  if (!policyToken) fail(nameToken, `iptables-restore: line ${line.line} policy invalid: expected ACCEPT, DROP or - after the chain name`);
  const builtin = BUILTIN_CHAINS[table.table].includes(name);
  const policy = policyToken.value;
  if (policy !== 'ACCEPT' && policy !== 'DROP' && policy !== '-') fail(policyToken, `Bad policy name "${policy}"; expected ACCEPT, DROP or -`);
  if (builtin && table.table === 'nat' && policy === 'DROP') {
    fail(policyToken, 'The "nat" table is not intended for filtering, the use of DROP is therefore inhibited.');
  }
  if (counters && !COUNTERS.test(counters.value)) fail(counters, `expected chain counters [PACKETS:BYTES], got "${counters.value}"`);
  if (extra) fail(extra, `unexpected "${extra.value}" after the chain counters`);
  if (table.declared.has(name)) fail(nameToken, `chain ${name} is declared twice in this table`);
  table.declared.add(name);
  // A user chain's policy is ignored by iptables-restore: it is created with none.
  table.chains.push({ name, policy: builtin ? policy : '-' });
}

/** Parses the here-document body of iptables-restore into its tables. */
export function parseRestoreBody(lines: readonly ScriptLine[], end: Position): RestoreTable[] {
  const tables: RestoreTable[] = [];
  let current: OpenTable | undefined;
  for (const line of lines) {
    const text = line.text;
    if (text === '' || text.startsWith('#')) continue;
    if (text.startsWith('*')) {
      if (current) fail(line, `table "${current.table}" (line ${current.pos.line}) is not committed: expected COMMIT before ${text}`);
      const name = text.slice(1);
      if (!(TABLES as readonly string[]).includes(name)) {
        const what = name === 'security' ? 'the security table is not supported by podpath' : `unknown table "${name}"`;
        fail({ line: line.line, col: line.col + 1 }, `${what}; expected *raw, *mangle, *nat or *filter`);
      }
      current = { table: name as NfTableName, pos: line, chains: [], declared: new Set(), commands: [], commandLines: [] };
      continue;
    }
    if (text === 'COMMIT') {
      if (!current) fail(line, 'COMMIT without a table: expected a *table line (like *filter) first');
      tables.push({ table: current.table, chains: current.chains, commands: current.commands, commitLine: line.line - lines[0].line + 1, commandLines: current.commandLines });
      current = undefined;
      continue;
    }
    if (!current) fail(line, `expected a *table line (like *filter) before "${text}"`);
    if (text.startsWith(':')) {
      readChainLine(line, current);
      continue;
    }
    const fast = fastRestoreRule(text, current.table);
    if (fast) {
      current.commands.push(fast);
      current.commandLines.push(line.line - lines[0].line + 1);
      continue;
    }
    let tokens = tokenizeRestoreLine(line);
    if (tokens[0] && tokens[0].value.startsWith('[')) {
      if (!COUNTERS.test(tokens[0].value)) fail(tokens[0], `expected rule counters [PACKETS:BYTES], got "${tokens[0].value}"`);
      tokens = tokens.slice(1);
    }
    const lineEnd = { line: line.line, col: line.col + text.length };
    const args = new Args(tokens, lineEnd);
    const { command } = parseIptablesLine(args, lineEnd, { restore: { table: current.table } });
    current.commands.push(command);
    current.commandLines.push(line.line - lines[0].line + 1);
  }
  if (current) fail(end, `iptables-restore: COMMIT expected for table "${current.table}" (opened on line ${current.pos.line}) before the end of the input`);
  return tables;
}

/** `iptables-restore [-n|--noflush] [-w [S]] [-W US] [-c] <<EOF … EOF` */
export function parseIptablesRestore(args: Args, ctx: CommandContext): ParsedOp[] {
  const program = args.take()!;
  let noflush = false;
  while (!args.done) {
    const token = args.take()!;
    switch (token.value) {
      case '-n':
      case '--noflush':
        noflush = true;
        break;
      case '-w':
      case '--wait':
        if (args.peek() && /^\d+$/.test(args.peek()!.value)) args.take();
        break;
      case '-W':
      case '--wait-interval':
        args.need('a wait interval in microseconds');
        break;
      case '-c':
      case '--counters':
        // The [packets:bytes] of each line are read and not kept: the lab's counters start at 0.
        break;
      case '-v':
      case '--verbose':
        break;
      default:
        if (token.value.startsWith('-')) {
          fail(token, `iptables-restore option \`${token.value}\` is not supported; podpath understands --noflush (-n), --wait (-w), --wait-interval (-W), --counters (-c) and --verbose (-v)`);
        }
        fail(token, `iptables-restore reading "${token.value}" is not supported: give the rules in a here-document (iptables-restore <<'EOF' … EOF)`);
    }
  }
  const heredoc = ctx.shell.heredoc;
  if (!heredoc) fail(program, "iptables-restore reads its rules from a here-document: iptables-restore <<'EOF', the rules, then a line EOF");
  const tables = parseRestoreBody(heredoc.lines, heredoc.end);
  return [{ body: { op: 'iptables-restore', noflush, tables }, netns: ctx.netns }];
}
