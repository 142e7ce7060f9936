// The pieces every command parser shares: the error a parser raises (with the column of the
// offending token), a cursor over a command's words, and readers for the values iproute2
// accepts (addresses, prefixes, MACs, numbers, table ids, scopes, interface names), with
// the messages iproute2 prints where it has one.
import { formatPrefix, parseIpv4, parsePrefix, type Ipv4, type Prefix } from '../../engine/addr/ipv4';
import { parseMac, type Mac } from '../../engine/addr/mac';
import { TABLE_DEFAULT, TABLE_LOCAL, TABLE_MAIN, type Scope } from '../../engine/config/ops';
import type { Position } from '../errors';
import type { Token } from './tokenize';

/** A command podpath cannot turn into ops. Raised inside the parsers, caught per command. */
export class CommandError extends Error {
  constructor(
    readonly pos: Position,
    readonly code: 'unknown-command' | 'bad-argument',
    message: string,
  ) {
    super(message);
  }
}

export function fail(at: Token | Position, message: string): never {
  throw new CommandError('pos' in at ? at.pos : at, 'bad-argument', message);
}

/** A cursor over the words of one command (operators and redirections already removed). */
export class Args {
  private index = 0;

  constructor(
    private readonly words: readonly Token[],
    /** Where to point when a value is missing at the end of the command. */
    private readonly endPos: Position,
  ) {}

  get done(): boolean {
    return this.index >= this.words.length;
  }

  peek(): Token | undefined {
    return this.words[this.index];
  }

  /** The word before the cursor (for "expected … after X" messages). */
  previous(): Token | undefined {
    return this.words[this.index - 1];
  }

  /** Where to point when something is missing: the last word read. */
  lastPos(): Position {
    return this.previous()?.pos ?? this.endPos;
  }

  take(): Token | undefined {
    const token = this.words[this.index];
    if (token) this.index++;
    return token;
  }

  /** The next word, which must exist: `what` says what was expected after the previous word. */
  need(what: string): Token {
    const token = this.take();
    if (token) return token;
    const before = this.previous();
    fail(before ?? this.endPos, `expected ${what}${before ? ` after \`${before.value}\`` : ''}`);
  }

  remaining(): Token[] {
    const rest = this.words.slice(this.index);
    this.index = this.words.length;
    return rest;
  }

  /** Fails on the first word left over. */
  end(expected: string): void {
    const extra = this.peek();
    if (extra) fail(extra, `unexpected "${extra.value}"; expected ${expected}`);
  }
}

/** iproute2's parse_on_off: `on` or `off` after `option`, else its error. */
export function readOnOff(args: Args, option: string): boolean {
  const value = args.need('on | off');
  if (value.value !== 'on' && value.value !== 'off') fail(value, `Error: argument of "${option}" must be one of "off", "on", not "${value.value}"`);
  return value.value === 'on';
}

/** iproute2's `matches()`: the word is a non-empty prefix of the keyword. */
export function abbreviates(word: string, keyword: string): boolean {
  return word.length > 0 && keyword.startsWith(word);
}

/**
 * Resolves an abbreviated keyword against a table in the order iproute2 checks it (so `ip r`
 * is route and `ip ru` rule). Returns the entry, whose meaning is null for keywords iproute2
 * knows but podpath does not support.
 */
export function resolveKeyword<T>(word: string, table: readonly (readonly [string, T | null])[]): { keyword: string; meaning: T | null } | undefined {
  const hit = table.find(([keyword]) => abbreviates(word, keyword));
  return hit ? { keyword: hit[0], meaning: hit[1] } : undefined;
}

export function readIpv4(token: Token, what = 'an IPv4 address'): Ipv4 {
  const addr = parseIpv4(token.value);
  if (addr === undefined) fail(token, `expected ${what} (A.B.C.D), got "${token.value}"`);
  return addr;
}

/** `A.B.C.D/N`, `A.B.C.D` (a /32) or `default`/`any`/`all` (0/0). */
export function readPrefix(token: Token, options: { strict: boolean; what?: string }): Prefix {
  const loose = parsePrefix(token.value, false);
  if (!loose) fail(token, `expected ${options.what ?? 'an IPv4 prefix (A.B.C.D/N) or default'}, got "${token.value}"`);
  if (options.strict && !parsePrefix(token.value, true)) {
    fail(token, `Invalid prefix for given prefix length: "${token.value}" has host bits set; the network is ${formatPrefix(loose)}`);
  }
  return loose;
}

/** `A.B.C.D/N` or `A.B.C.D` for an interface address: host bits are the point. */
export function readInterfaceAddress(token: Token): { addr: Ipv4; len: number } {
  const [ip, len, extra] = token.value.split('/');
  const addr = parseIpv4(ip);
  const bits = len === undefined ? 32 : /^\d{1,2}$/.test(len) ? Number(len) : NaN;
  if (addr === undefined || extra !== undefined || !(bits >= 0 && bits <= 32)) {
    fail(token, `expected an interface address (A.B.C.D/N), got "${token.value}"`);
  }
  return { addr, len: bits };
}

export function readMac(token: Token): Mac {
  const mac = parseMac(token.value);
  if (!mac) fail(token, `"${token.value}" is invalid lladdr; expected a MAC address like 02:42:ac:11:00:02`);
  return mac;
}

/** An unsigned number, decimal or 0x-hex (iproute2's get_u32). */
export function readUnsigned(token: Token, what: string, max = 0xffffffff): number {
  const text = token.value;
  const value = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text.slice(2), 16) : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= 0 && value <= max)) fail(token, `"${what}" value is invalid: expected a number from 0 to ${max}, got "${text}"`);
  return value;
}

/** Table ids as rt_tables names them: numbers, `main`, `local`, `default`. */
export function readTable(token: Token): number {
  switch (token.value) {
    case 'main':
      return TABLE_MAIN;
    case 'local':
      return TABLE_LOCAL;
    case 'default':
      return TABLE_DEFAULT;
  }
  const value = /^\d+$/.test(token.value) ? Number(token.value) : /^0x[0-9a-f]+$/i.test(token.value) ? parseInt(token.value, 16) : NaN;
  if (!(value >= 1 && value <= 0xffffffff)) {
    fail(token, `argument "${token.value}" is wrong: table id value is invalid; expected a number or main | local | default`);
  }
  return value;
}

const SCOPES: Record<string, Scope> = {
  global: 'global',
  universe: 'global',
  site: 'site',
  link: 'link',
  host: 'host',
  nowhere: 'nowhere',
  '0': 'global',
  '200': 'site',
  '253': 'link',
  '254': 'host',
  '255': 'nowhere',
};

export function readScope(token: Token): Scope {
  const scope = Object.hasOwn(SCOPES, token.value) ? SCOPES[token.value] : undefined;
  if (!scope) fail(token, `argument "${token.value}" is wrong: invalid "scope" value; expected global | site | link | host | nowhere or 0 | 200 | 253 | 254 | 255`);
  return scope;
}

/** A device name the command creates or renames: what the kernel's dev_valid_name accepts. */
export function readNewIfname(token: Token): string {
  const name = token.value;
  if (name.length === 0 || name.length > 15 || name === '.' || name === '..' || /[/:\s]/.test(name)) {
    fail(token, `"${name}" not a valid ifname: a device name has 1 to 15 characters and no "/", ":" or spaces`);
  }
  return name;
}

/** A device the command refers to; whether it exists is the engine's question. */
export function readIfname(token: Token): string {
  if (token.value.length === 0 || token.value.length > 15 || /[/\s]/.test(token.value)) {
    fail(token, `"${token.value}" not a valid ifname`);
  }
  return token.value;
}

/** A namespace name as `ip netns add` accepts it. */
export function readNetnsName(token: Token): string {
  const name = token.value;
  if (!/^[A-Za-z0-9_.-]+$/.test(name) || name === '.' || name === '..') {
    fail(token, `invalid netns name "${name}": use letters, digits, ".", "_" and "-"`);
  }
  return name;
}
