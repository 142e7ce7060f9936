// `ipset create | add | del | flush | destroy` (ipset 7.x, ipset/src/ipset.c and the set types'
// parsers in lib/parse.c): the set types kube-proxy and CNIs use, with entries read the way
// ipset reads them for each type and written back as `ipset save` prints them
// (`10.0.0.1,tcp:80`, `10.1.0.0/16`, `30080`). An entry is checked against its set's type when
// the set was created earlier in the same script; otherwise its shape decides.
import { formatIpv4, makePrefix, parseIpv4, type Prefix } from '../../engine/addr/ipv4';
import type { IpsetEntry, IpsetType, PortRange } from '../../engine/config/netfilter';
import type { OpBody } from '../../engine/config/ops';
import { ipProtoName, ipProtoNumber } from '../../engine/packet/names';
import { Args, fail } from './args';
import type { ParsedOp } from './parsed';
import type { CommandContext } from './shell';
import type { Token } from './tokenize';

export const IPSET_TYPES: readonly IpsetType[] = ['hash:ip', 'hash:ip,port', 'hash:net', 'hash:ip,port,ip', 'hash:ip,port,net', 'bitmap:port'];

/** Set types ipset has that podpath does not model. */
const OTHER_TYPES = new Set([
  'bitmap:ip', 'bitmap:ip,mac', 'hash:mac', 'hash:ip,mac', 'hash:ip,mark', 'hash:net,net', 'hash:ip,net', 'hash:net,port',
  'hash:net,port,net', 'hash:net,iface', 'list:set',
]);

type Verb = 'create' | 'add' | 'del' | 'flush' | 'destroy';

const VERBS: Record<string, Verb | null> = {
  create: 'create', n: 'create', '-N': 'create', '--create': 'create',
  add: 'add', a: 'add', '-A': 'add', '--add': 'add',
  del: 'del', d: 'del', '-D': 'del', '--del': 'del',
  flush: 'flush', f: 'flush', '-F': 'flush', '--flush': 'flush',
  destroy: 'destroy', x: 'destroy', '-X': 'destroy', '--destroy': 'destroy',
  test: null, t: null, list: null, l: null, save: null, s: null, restore: null, r: null, rename: null, e: null,
  swap: null, w: null, help: null, h: null, version: null, v: null, header: null,
};

const EXIST = new Set(['-exist', '-!', '--exist']);
const QUIET = new Set(['-quiet', '-q', '--quiet']);

/** Protocols an ipset port entry may name (ipset accepts more; these are the ones with ports). */
const PORT_PROTOCOLS: ReadonlySet<number> = new Set([6, 17, 132, 136]);

/** Service names ipset resolves through /etc/services (the common ones). */
const SERVICES: Record<string, number> = { ssh: 22, domain: 53, http: 80, www: 80, https: 443, 'http-alt': 8080 };

function part(token: Token, offset: number, value: string): Token {
  return { ...token, value, pos: { line: token.pos.line, col: token.pos.col + offset }, start: token.start + offset };
}

function readSetName(token: Token): string {
  const name = token.value;
  if (name.length === 0 || name.length > 31 || /\s/.test(name)) fail(token, `invalid set name "${name}": a set name has 1 to 31 characters and no spaces`);
  return name;
}

function readNumber(token: Token, what: string, min = 0, max = 0xffffffff): number {
  const value = /^\d+$/.test(token.value) ? Number(token.value) : NaN;
  if (!(value >= min && value <= max)) fail(token, `Syntax error: '${token.value}' is out of range ${min}-${max} for ${what}`);
  return value;
}

function readPortNumber(token: Token): number {
  if (/^\d+$/.test(token.value)) return readNumber(token, 'a port', 0, 65535);
  if (Object.hasOwn(SERVICES, token.value)) return SERVICES[token.value];
  if (/^\d+-\d+$/.test(token.value)) fail(token, `port range "${token.value}" adds one entry per port; podpath takes one port per entry`);
  fail(token, `Syntax error: cannot parse '${token.value}' as a port (a number from 0 to 65535)`);
}

/** `[PROTO:]PORT`, tcp when no protocol is written. */
function readProtoPort(token: Token): { proto: number; port: number } {
  const colon = token.value.indexOf(':');
  if (colon < 0) return { proto: 6, port: readPortNumber(token) };
  const protoText = token.value.slice(0, colon).toLowerCase();
  const proto = /^\d+$/.test(protoText) ? Number(protoText) : ipProtoNumber(protoText);
  if (proto === undefined || !PORT_PROTOCOLS.has(proto)) {
    fail(token, `protocol "${token.value.slice(0, colon)}" is not supported in ipset entries by podpath; expected tcp | udp | sctp | udplite`);
  }
  return { proto, port: readPortNumber(part(token, colon + 1, token.value.slice(colon + 1))) };
}

/** A plain IPv4 address (`/32` allowed only where `net` is false). */
function readPlainIp(token: Token, allowSlash32: boolean): Prefix {
  const [addrText, len, extra] = token.value.split('/');
  const addr = parseIpv4(addrText);
  if (addr === undefined || extra !== undefined) {
    if (/^[\d.]+-[\d.]+$/.test(token.value)) fail(token, `address range "${token.value}" adds one entry per address; podpath takes one address per entry`);
    fail(token, `Syntax error: cannot parse ${token.value}: resolving to IPv4 address failed`);
  }
  if (len !== undefined && !(allowSlash32 && len === '32')) {
    if (allowSlash32) fail(token, `"${token.value}" adds every address of the network to a hash:ip set; podpath takes one address per entry`);
    fail(token, `Syntax error: plain IP address must be supplied: ${token.value}`);
  }
  if (addr === 0) fail(token, 'Null-valued element, cannot be stored in a hash type of set');
  return makePrefix(addr, 32);
}

/** A network `A.B.C.D[/N]`, N from 1 to 32, masked as ipset does. */
function readNet(token: Token): Prefix {
  const [addrText, lenText, extra] = token.value.split('/');
  const addr = parseIpv4(addrText);
  if (addr === undefined || extra !== undefined) fail(token, `Syntax error: cannot parse ${token.value}: resolving to IPv4 address failed`);
  if (lenText === undefined) return makePrefix(addr, 32);
  const len = /^\d{1,2}$/.test(lenText) ? Number(lenText) : NaN;
  if (!(len <= 32)) fail(part(token, addrText.length + 1, lenText), `Syntax error: '${lenText}' is out of range 0-32`);
  if (len === 0) fail(token, 'The value of the CIDR parameter of the IP address is invalid (a hash:net entry needs /1 to /32)');
  return makePrefix(addr, len);
}

function ipText(prefix: Prefix): string {
  return prefix.len === 32 ? formatIpv4(prefix.addr) : `${formatIpv4(prefix.addr)}/${prefix.len}`;
}

/** Reads an entry for a set of `type`, or infers the type from the entry's shape when it is unknown. */
/** Piece k of a comma-separated entry as a token of its own (placed where it is written). */
function pieceOf(token: Token, pieces: readonly string[], k: number): Token {
  let offset = 0;
  for (let j = 0; j < k; j++) offset += pieces[j].length + 1;
  return part(token, offset, pieces[k]);
}

export function readEntry(token: Token, type: IpsetType | undefined, range?: PortRange): IpsetEntry {
  const pieces = token.value.split(',');
  const shape: IpsetType =
    type ??
    (pieces.length === 1
      ? /^([a-z]+:)?\d+$/i.test(pieces[0])
        ? 'bitmap:port'
        : /\/(?!32$)\d+$/.test(pieces[0])
          ? 'hash:net'
          : 'hash:ip'
      : pieces.length === 2
        ? 'hash:ip,port'
        : /\/(?!32$)\d+$/.test(pieces[2] ?? '')
          ? 'hash:ip,port,net'
          : 'hash:ip,port,ip');
  const expected = shape.split(':')[1].split(',').length;
  if (pieces.length !== expected) {
    if (pieces.length > expected) {
      fail(token, `Syntax error: Elem separator in ${token.value}, but settype ${shape} supports ${expected === 1 ? 'none' : `${expected} elements`}`);
    }
    fail(token, `Syntax error: ${expected === 2 ? 'Second' : 'Third'} element is missing from ${token.value}; a ${shape} entry is ${ENTRY_SHAPES[shape]}`);
  }
  switch (shape) {
    case 'hash:ip': {
      const ip = readPlainIp(pieceOf(token, pieces, 0), true);
      return { ip, text: ipText(ip) };
    }
    case 'hash:net': {
      const ip = readNet(pieceOf(token, pieces, 0));
      return { ip, text: ipText(ip) };
    }
    case 'hash:ip,port':
    case 'hash:ip,port,ip':
    case 'hash:ip,port,net': {
      const ip = readPlainIp(pieceOf(token, pieces, 0), false);
      const { proto, port } = readProtoPort(pieceOf(token, pieces, 1));
      let text = `${ipText(ip)},${ipProtoName(proto)}:${port}`;
      if (shape === 'hash:ip,port') return { ip, proto, port, text };
      const ip2 = shape === 'hash:ip,port,ip' ? readPlainIp(pieceOf(token, pieces, 2), false) : readNet(pieceOf(token, pieces, 2));
      text += `,${ipText(ip2)}`;
      return { ip, proto, port, ip2, text };
    }
    case 'bitmap:port': {
      const { port } = readProtoPort(pieceOf(token, pieces, 0));
      if (range && (port < range.from || port > range.to)) fail(token, `Element is out of the range of the set (${range.from}-${range.to})`);
      return { port, text: String(port) };
    }
  }
}

const ENTRY_SHAPES: Record<IpsetType, string> = {
  'hash:ip': 'A.B.C.D',
  'hash:ip,port': 'A.B.C.D,[tcp|udp:]PORT',
  'hash:net': 'A.B.C.D/N',
  'hash:ip,port,ip': 'A.B.C.D,[tcp|udp:]PORT,A.B.C.D',
  'hash:ip,port,net': 'A.B.C.D,[tcp|udp:]PORT,A.B.C.D/N',
  'bitmap:port': 'PORT',
};

/** `range FROM-TO` of bitmap:port. */
function readRange(token: Token): PortRange {
  const m = /^(\d+)-(\d+)$/.exec(token.value);
  const from = m ? Number(m[1]) : NaN;
  const to = m ? Number(m[2]) : NaN;
  if (!(from <= 65535 && to <= 65535 && from <= to)) fail(token, `Syntax error: expected a port range FROM-TO (0-65535, FROM ≤ TO), got "${token.value}"`);
  return { from, to };
}

function parseCreate(words: Token[], verb: Token, ctx: CommandContext, exist: boolean): OpBody {
  const [nameToken, typeToken, ...rest] = words;
  if (!nameToken) fail(verb, 'expected a set name after `create`');
  const name = readSetName(nameToken);
  if (!typeToken) fail(nameToken, `expected a set type after the name; podpath understands ${IPSET_TYPES.join(' | ')}`);
  const type = typeToken.value as IpsetType;
  if (!IPSET_TYPES.includes(type)) {
    const what = OTHER_TYPES.has(typeToken.value) ? `set type ${typeToken.value} is not supported by podpath` : `Syntax error: typename '${typeToken.value}' is unknown`;
    fail(typeToken, `${what}; expected ${IPSET_TYPES.join(' | ')}`);
  }
  const bitmap = type === 'bitmap:port';
  let range: PortRange | undefined;
  const seen = new Set<string>();
  for (let k = 0; k < rest.length; k++) {
    const option = rest[k];
    const value = () => {
      const v = rest[++k];
      if (!v) fail(option, `expected a value after \`${option.value}\``);
      return v;
    };
    if (seen.has(option.value)) fail(option, `Syntax error: option ${option.value} is given twice`);
    seen.add(option.value);
    switch (bitmap ? `bitmap ${option.value}` : option.value) {
      case 'family': {
        const family = value();
        if (family.value === 'inet6') fail(family, 'family inet6 is not supported by podpath (IPv4 only)');
        if (family.value !== 'inet') fail(family, `Syntax error: unknown family "${family.value}"; expected inet`);
        break;
      }
      case 'hashsize':
      case 'maxelem':
      case 'bucketsize':
        readNumber(value(), option.value, 1);
        break;
      case 'timeout':
      case 'bitmap timeout':
        readNumber(value(), 'timeout', 0, 2147483);
        break;
      case 'comment':
      case 'counters':
      case 'skbinfo':
      case 'forceadd':
      case 'bitmap comment':
      case 'bitmap counters':
      case 'bitmap skbinfo':
        break;
      case 'bitmap range':
        range = readRange(value());
        break;
      default:
        fail(option, `Unknown argument: \`${option.value}'; a ${type} set takes ${bitmap ? 'range FROM-TO [timeout N] [counters] [comment]' : 'family inet, hashsize N, maxelem N, timeout N, counters, comment'}`);
    }
  }
  if (bitmap && !range) fail(typeToken, "Mandatory option `range' is missing: bitmap:port needs range FROM-TO");
  const ipsets = ctx.script?.ipsets;
  const key = `${ctx.netns}/${name}`;
  const existing = ipsets?.get(key);
  if (existing && !(exist && existing.type === type)) fail(nameToken, 'Set cannot be created: set with the same name already exists');
  ipsets?.set(key, { type, ...(range ? { range } : {}) });
  return { op: 'ipset-create', name, type, exist };
}

/** `ipset [-exist] COMMAND …` */
export function parseIpset(args: Args, ctx: CommandContext): ParsedOp[] {
  const program = args.take()!;
  let exist = false;
  const words: Token[] = [];
  for (const token of args.remaining()) {
    if (EXIST.has(token.value)) exist = true;
    else if (QUIET.has(token.value)) continue;
    else words.push(token);
  }
  const [verbToken, ...rest] = words;
  if (!verbToken) fail(program, 'expected an ipset command: create | add | del | flush | destroy');
  const verb = Object.hasOwn(VERBS, verbToken.value) ? VERBS[verbToken.value] : undefined;
  if (verb === undefined) fail(verbToken, `Syntax error: unknown command "${verbToken.value}"; expected create | add | del | flush | destroy`);
  if (verb === null) fail(verbToken, `\`ipset ${verbToken.value}\` is not supported: a podpath script configures sets with create, add, del, flush and destroy`);
  const ipsets = ctx.script?.ipsets;
  const body = ((): OpBody => {
    switch (verb) {
      case 'create':
        return parseCreate(rest, verbToken, ctx, exist);
      case 'add':
      case 'del': {
        const [nameToken, entryToken, ...extra] = rest;
        if (!nameToken) fail(verbToken, `expected a set name after \`${verbToken.value}\``);
        const name = readSetName(nameToken);
        const set = ipsets?.get(`${ctx.netns}/${name}`);
        if (!entryToken) fail(nameToken, `expected an entry after the set name${set ? ` (${ENTRY_SHAPES[set.type]})` : ''}`);
        const entry = readEntry(entryToken, set?.type, set?.range);
        if (extra.length > 0) {
          const option = extra[0];
          const known = ['timeout', 'comment', 'packets', 'bytes', 'nomatch', 'skbmark', 'skbprio', 'skbqueue'].includes(option.value);
          fail(option, known ? `per-entry option \`${option.value}\` is not supported by podpath` : `Unknown argument: \`${option.value}'`);
        }
        return { op: verb === 'add' ? 'ipset-add' : 'ipset-del', name, entry, exist };
      }
      case 'flush':
      case 'destroy': {
        const [nameToken, extra] = rest;
        if (extra) fail(extra, `unexpected "${extra.value}"; \`ipset ${verb}\` takes at most a set name`);
        const op = verb === 'flush' ? 'ipset-flush' : 'ipset-destroy';
        if (!nameToken) {
          if (verb === 'destroy' && ipsets) for (const key of [...ipsets.keys()]) if (key.startsWith(`${ctx.netns}/`)) ipsets.delete(key);
          return { op };
        }
        const name = readSetName(nameToken);
        if (verb === 'destroy') ipsets?.delete(`${ctx.netns}/${name}`);
        return { op, name };
      }
    }
  })();
  return [{ body, netns: ctx.netns }];
}
