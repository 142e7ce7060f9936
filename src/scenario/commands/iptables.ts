// `iptables` (also `iptables-legacy`, `iptables-nft`): the commands -A -I -D -N -X -F -Z -P and
// the rule language shared with iptables-restore (iptables/xshared.c do_parse and the parse()
// hook of each extension). Options are read the way iptables' getopt_long reads them — in any
// order, long options abbreviated to any unambiguous prefix, `--opt=value`, `!` before the
// option it inverts, an option going to the most recently loaded extension that knows it, and
// `--sport/--dport` right after `-p tcp|udp` loading the protocol's match implicitly. Checks
// iptables makes before touching the kernel (and the kernel's own checks for built-in chains:
// hooks and tables of NAT/REJECT/CT targets, -i/-o per chain) are errors here too, with the
// message iptables prints.
import { makePrefix, parseIpv4, type Ipv4, type Prefix } from '../../engine/addr/ipv4';
import {
  BUILTIN_CHAINS,
  type AddrType,
  type CtState,
  type NatRange,
  type NfCommand,
  type NfMatch,
  type NfRuleSpec,
  type NfTableName,
  type NfTarget,
  type PortRange,
} from '../../engine/config/netfilter';
import { ADDRTYPE_ORDER, CT_STATE_ORDER, protocolNumber, TCP_FLAG_NAMES } from '../../engine/kernel/netfilter/save';
import type { Position } from '../errors';
import { Args, fail } from './args';
import type { ParsedOp } from './parsed';
import type { CommandContext } from './shell';
import type { Token } from './tokenize';


const TABLES: readonly NfTableName[] = ['raw', 'mangle', 'nat', 'filter'];

const PROTO_TCP = 6;
const PROTO_UDP = 17;
const PROTO_ICMP = 1;

// ---------------------------------------------------------------------------------------------
// Value readers

/** A token standing for part of another (`--dport=80` → `80`), placed at its column. */
function part(token: Token, offset: number, value: string): Token {
  return { ...token, value, pos: { line: token.pos.line, col: token.pos.col + offset }, start: token.start + offset };
}

/** xtables_strtoui with base 0: decimal, 0x-hex or 0-octal. */
function strtoui(text: string, max: number): number | undefined {
  let value: number;
  if (/^0x[0-9a-f]+$/i.test(text)) value = parseInt(text.slice(2), 16);
  else if (/^0[0-7]*$/.test(text)) value = parseInt(text, 8);
  else if (/^[1-9][0-9]*$/.test(text)) value = Number(text);
  else return undefined;
  return value <= max ? value : undefined;
}

/** Service names from Debian's /etc/services that scripts use, with the protocols they exist for. */
const SERVICES: Record<string, { port: number; protos: readonly number[] }> = {
  'ftp-data': { port: 20, protos: [PROTO_TCP] },
  ftp: { port: 21, protos: [PROTO_TCP] },
  ssh: { port: 22, protos: [PROTO_TCP] },
  telnet: { port: 23, protos: [PROTO_TCP] },
  smtp: { port: 25, protos: [PROTO_TCP] },
  domain: { port: 53, protos: [PROTO_TCP, PROTO_UDP] },
  bootps: { port: 67, protos: [PROTO_UDP] },
  bootpc: { port: 68, protos: [PROTO_UDP] },
  tftp: { port: 69, protos: [PROTO_UDP] },
  http: { port: 80, protos: [PROTO_TCP] },
  www: { port: 80, protos: [PROTO_TCP] },
  ntp: { port: 123, protos: [PROTO_UDP] },
  bgp: { port: 179, protos: [PROTO_TCP] },
  https: { port: 443, protos: [PROTO_TCP] },
  'http-alt': { port: 8080, protos: [PROTO_TCP] },
};

/** xtables_parse_port: a number 0-65535 (base 0) or a service name for the rule's protocol. */
function readPort(token: Token, proto: number | undefined, text = token.value): number {
  const value = strtoui(text, 0xffff);
  if (value !== undefined) return value;
  const service = Object.hasOwn(SERVICES, text) ? SERVICES[text] : undefined;
  if (service && (proto === undefined || service.protos.includes(proto))) return service.port;
  fail(token, `invalid port/service \`${text}' specified; expected a port number from 0 to 65535`);
}

/** libxt_tcp/udp parse_ports: `P`, `A:B`, `:B` (from 0), `A:` (to 65535). */
function readPortRange(token: Token, proto: number | undefined): PortRange {
  const colon = token.value.indexOf(':');
  if (colon < 0) {
    const port = readPort(token, proto);
    return { from: port, to: port };
  }
  const head = token.value.slice(0, colon);
  const tail = token.value.slice(colon + 1);
  const from = head === '' ? 0 : readPort(token, proto, head);
  const to = tail === '' ? 0xffff : readPort(part(token, colon + 1, tail), proto);
  if (from > to) fail(token, `invalid portrange (min > max): "${token.value}"`);
  return { from, to };
}

/** libxt_multiport: `P,A:B,…` with A < B, at most 15 ports (a range counts twice). */
function readPortList(token: Token, proto: number | undefined): PortRange[] {
  const ports: PortRange[] = [];
  let offset = 0;
  let count = 0;
  for (const item of token.value.split(',')) {
    const piece = part(token, offset, item);
    offset += item.length + 1;
    const colon = item.indexOf(':');
    if (colon < 0) {
      if (item === '') fail(piece, `invalid port/service \`' specified: an empty item in "${token.value}"`);
      const port = readPort(piece, proto);
      ports.push({ from: port, to: port });
      count += 1;
    } else {
      const from = readPort(piece, proto, item.slice(0, colon));
      const to = readPort(part(piece, colon + 1, item.slice(colon + 1)), proto);
      if (from >= to) fail(piece, `invalid portrange specified: "${item}" (a multiport range needs A < B)`);
      ports.push({ from, to });
      count += 2;
    }
  }
  if (count > 15) fail(token, 'too many ports specified: multiport takes at most 15 ports, a range counting as two');
  return ports;
}

/**
 * xtables_numeric_to_ipaddr: dotted octets, each decimal, 0x-hex or 0-octal; a network address
 * may stop early (`10` is 10.0.0.0, `0` is 0.0.0.0), a mask may not.
 */
function numericToIpv4(text: string, isMask: boolean): Ipv4 | undefined {
  const parts = text.split('.');
  if (parts.length > 4 || (isMask && parts.length < 4)) return undefined;
  let value = 0;
  for (let k = 0; k < 4; k++) {
    const octet = k < parts.length ? strtoui(parts[k], 0xff) : 0;
    if (octet === undefined) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** `-s`/`-d`: A.B.C.D[/N | /A.B.C.D]; the address is masked as iptables does. */
function readAddress(token: Token): Prefix {
  if (token.value.includes(',')) {
    fail(token, `"${token.value}": several addresses in one rule (iptables would add one rule per address) are not supported; write one rule per address`);
  }
  const [addrText, maskText, extra] = token.value.split('/');
  const addr = numericToIpv4(addrText, false);
  if (addr === undefined || extra !== undefined) {
    fail(token, `host/network \`${token.value}' not found; expected an IPv4 address or network (A.B.C.D[/N])`);
  }
  if (maskText === undefined) return makePrefix(addr, 32);
  if (/^(\d|[12]\d|3[0-2])$/.test(maskText)) return makePrefix(addr, Number(maskText));
  const mask = numericToIpv4(maskText, true);
  if (mask !== undefined) {
    const len = 32 - Math.log2(((~mask >>> 0) + 1) || 2 ** 32);
    if (Number.isInteger(len)) return makePrefix(addr, len);
    fail(part(token, addrText.length + 1, maskText), `non-contiguous mask ${maskText} is not supported; use a prefix length`);
  }
  fail(part(token, addrText.length + 1, maskText), `invalid mask \`${maskText}' specified; expected a prefix length 0-32`);
}

/** An interface for -i/-o/--physdev-*: at most 15 characters, a trailing + is a wildcard. */
function readIface(token: Token): string {
  const name = token.value;
  if (name.length === 0 || /\s/.test(name)) fail(token, `expected an interface name, got "${name}"`);
  if (name.length > 15) fail(token, `interface name \`${name}' must be shorter than IFNAMSIZ (15)`);
  return name;
}

/** A chain named by a command or a jump. */
export function readChain(token: Token): string {
  const name = token.value;
  if (name.length === 0 || /\s/.test(name)) fail(token, `Invalid chain name \`${name}'`);
  if (name.length > 28) fail(token, `chain name \`${name}' too long (must be under 29 chars)`);
  return name;
}

/** Target names a user chain may not take (xtables_find_target succeeds for them). */
const RESERVED_CHAIN_NAMES = new Set([
  'ACCEPT', 'DROP', 'RETURN', 'QUEUE', 'REJECT', 'DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'MARK', 'CONNMARK', 'LOG',
  'NOTRACK', 'CT', 'TPROXY', 'TCPMSS', 'NFQUEUE', 'NFLOG', 'TRACE', 'DSCP', 'TOS', 'CLASSIFY', 'AUDIT', 'CHECKSUM',
  'TTL', 'SET', 'NETMAP', 'ULOG', 'IDLETIMER', 'LED', 'SECMARK', 'CONNSECMARK', 'HMARK', 'TEE', 'SYNPROXY',
  'RATEEST', 'CLUSTERIP', 'ECN', 'ERROR', 'standard',
]);

function readNewChain(token: Token): string {
  const name = readChain(token);
  if (name.startsWith('-')) fail(token, "chain name not allowed to start with `-'");
  if (name.startsWith('!')) fail(token, "chain name not allowed to start with `!'");
  if (RESERVED_CHAIN_NAMES.has(name)) fail(token, `chain name \`${name}' may not clash with target name`);
  return name;
}

/** A mark `V[/M]` (base 0 numbers); the mask is undefined when not written. */
function readMarkMask(token: Token, module: string, option: string): { value: number; mask?: number } {
  const slash = token.value.indexOf('/');
  const valueText = slash < 0 ? token.value : token.value.slice(0, slash);
  const value = strtoui(valueText, 0xffffffff);
  const mask = slash < 0 ? undefined : strtoui(token.value.slice(slash + 1), 0xffffffff);
  if (value === undefined || (slash >= 0 && mask === undefined)) {
    fail(token, `${module}: bad value for option "--${option}": "${token.value}"; expected VALUE[/MASK], numbers from 0 to 0xffffffff`);
  }
  return mask === undefined ? { value } : { value, mask };
}

function readMarkValue(token: Token, module: string, option: string): number {
  const value = strtoui(token.value, 0xffffffff);
  if (value === undefined) fail(token, `${module}: bad value for option "--${option}": "${token.value}"; expected a number from 0 to 0xffffffff`);
  return value;
}

function readUint(token: Token, module: string, option: string, min: number): number {
  const value = strtoui(token.value, 0xffffffff);
  if (value === undefined || value < min) {
    fail(token, `${module}: bad value for option "--${option}", or out of range (${min}-4294967295): "${token.value}"`);
  }
  return value;
}

/** The protocol of `-p`: a name from /etc/protocols, `all`, or a number 0-255. */
function readProtocol(token: Token): number {
  const text = token.value.toLowerCase();
  const number = strtoui(text, 0xff);
  if (number !== undefined) return number;
  const named = protocolNumber(text);
  if (named === undefined) fail(token, `unknown protocol "${token.value}" specified; expected tcp | udp | icmp | all or a number 0-255`);
  return named;
}

/** libipt_icmp's names (a unique prefix is enough, case-insensitive); code undefined = any code. */
const ICMP_TYPES: readonly (readonly [string, number, number | undefined])[] = [
  ['any', 0xff, undefined],
  ['echo-reply', 0, undefined],
  ['pong', 0, undefined],
  ['destination-unreachable', 3, undefined],
  ['network-unreachable', 3, 0],
  ['host-unreachable', 3, 1],
  ['protocol-unreachable', 3, 2],
  ['port-unreachable', 3, 3],
  ['fragmentation-needed', 3, 4],
  ['source-route-failed', 3, 5],
  ['network-unknown', 3, 6],
  ['host-unknown', 3, 7],
  ['network-prohibited', 3, 9],
  ['host-prohibited', 3, 10],
  ['TOS-network-unreachable', 3, 11],
  ['TOS-host-unreachable', 3, 12],
  ['communication-prohibited', 3, 13],
  ['host-precedence-violation', 3, 14],
  ['precedence-cutoff', 3, 15],
  ['source-quench', 4, undefined],
  ['redirect', 5, undefined],
  ['network-redirect', 5, 0],
  ['host-redirect', 5, 1],
  ['TOS-network-redirect', 5, 2],
  ['TOS-host-redirect', 5, 3],
  ['echo-request', 8, undefined],
  ['ping', 8, undefined],
  ['router-advertisement', 9, undefined],
  ['router-solicitation', 10, undefined],
  ['time-exceeded', 11, undefined],
  ['ttl-exceeded', 11, undefined],
  ['ttl-zero-during-transit', 11, 0],
  ['ttl-zero-during-reassembly', 11, 1],
  ['parameter-problem', 12, undefined],
  ['ip-header-bad', 12, 0],
  ['required-option-missing', 12, 1],
  ['timestamp-request', 13, undefined],
  ['timestamp-reply', 14, undefined],
  ['address-mask-request', 17, undefined],
  ['address-mask-reply', 18, undefined],
];

function readIcmpType(token: Token): { type: number; code?: number } {
  const text = token.value;
  if (/^\d/.test(text)) {
    const [typeText, codeText, extra] = text.split('/');
    const type = /^\d{1,3}$/.test(typeText) ? Number(typeText) : NaN;
    if (!(type <= 255) || extra !== undefined) fail(token, `Unknown ICMP type \`${text}'; expected a name (echo-request …), TYPE or TYPE/CODE`);
    if (codeText === undefined) return { type };
    const code = /^\d{1,3}$/.test(codeText) ? Number(codeText) : NaN;
    if (!(code <= 255)) fail(token, `Unknown ICMP code \`${text}'; a code is a number from 0 to 255`);
    return { type, code };
  }
  const hits = ICMP_TYPES.filter(([name]) => name.toLowerCase().startsWith(text.toLowerCase()) && text.length > 0);
  if (hits.length === 0) fail(token, `Unknown ICMP type \`${text}'; expected a name like echo-request, echo-reply, destination-unreachable, port-unreachable, any, or TYPE[/CODE]`);
  if (hits.length > 1) fail(token, `Ambiguous ICMP type \`${text}': \`${hits[0][0]}' or \`${hits[1][0]}'?`);
  const [, type, code] = hits[0];
  return code === undefined ? { type } : { type, code };
}

function readTcpFlags(token: Token): string[] {
  const flags = new Set<string>();
  for (const word of token.value.split(',')) {
    const name = word.toUpperCase();
    if (name === 'ALL') TCP_FLAG_NAMES.forEach((f) => flags.add(f));
    else if (name === 'NONE') continue;
    else if ((TCP_FLAG_NAMES as readonly string[]).includes(name)) flags.add(name);
    else fail(token, `Unknown TCP flag \`${word}'; expected FIN,SYN,RST,PSH,ACK,URG, ALL or NONE`);
  }
  return TCP_FLAG_NAMES.filter((f) => flags.has(f));
}

/** A comma-separated list of names from `allowed` (case-insensitive), as written, without repeats. */
function readNameList<T extends string>(token: Token, allowed: readonly T[], unsupported: readonly string[], what: string): T[] {
  const out: T[] = [];
  let offset = 0;
  for (const word of token.value.split(',')) {
    const piece = part(token, offset, word);
    offset += word.length + 1;
    const upper = word.toUpperCase();
    const hit = allowed.find((name) => name === upper);
    if (hit === undefined) {
      if (unsupported.includes(upper)) fail(piece, `${what} ${upper} is not supported by podpath; expected ${allowed.join(' | ')}`);
      fail(piece, `Bad ${what} "${word}"; expected ${allowed.join(' | ')}`);
    }
    if (!out.includes(hit)) out.push(hit);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Extensions: each match (-m NAME or implicit) and target (-j NAME) with its options

interface OptionDef {
  /** Long names; the first is the one iptables uses in messages. */
  readonly names: readonly string[];
  /** Number of argument words: 0 (`--syn`), 1, or 2 (`--match-set NAME FLAGS`, `--tcp-flags M C`). */
  readonly args: 0 | 1 | 2;
  readonly invert: boolean;
  readonly unsupported?: boolean;
  readonly parse?: (values: Token[], not: boolean, option: Token) => void;
}

interface Extension {
  readonly kind: 'match' | 'target';
  readonly name: string;
  readonly token: Token;
  readonly options: readonly OptionDef[];
  /** Options already given (by first name): each may be given once. */
  readonly used: Set<string>;
  /** Checks done once the rule is read (required options, protocol). */
  finish(rule: RuleState): void;
}

interface MatchExtension extends Extension {
  readonly kind: 'match';
  build(): NfMatch;
}

interface TargetExtension extends Extension {
  readonly kind: 'target';
  build(): NfTarget;
}

/** What extensions may look at while the rule is read. */
interface RuleState {
  readonly table: NfTableName;
  /** The chain of the command, when known (always at finish()). */
  chain?: string;
  proto?: { readonly value: number; readonly not: boolean; readonly token: Token };
  /** Where the rule ends, for "must be specified" errors. */
  readonly end: Position;
}

function unsupportedOptions(...names: string[]): OptionDef[] {
  return names.map((name) => ({ names: [name], args: 0, invert: true, unsupported: true }));
}

function requireOption(ext: Extension, name: string): void {
  if (!ext.used.has(name)) fail(ext.token, `${ext.name}: option "--${name}" must be specified`);
}

function exclusive(ext: Extension, option: Token, name: string, others: readonly string[]): void {
  const other = others.find((o) => o !== name && ext.used.has(o));
  if (other) fail(option, `${ext.name}: option "--${name}" cannot be used together with "--${other}".`);
}

function l4Match(proto: 'tcp' | 'udp', token: Token, rule: RuleState): MatchExtension {
  const number = proto === 'tcp' ? PROTO_TCP : PROTO_UDP;
  let sport: { not: boolean; range: PortRange } | undefined;
  let dport: { not: boolean; range: PortRange } | undefined;
  let tcpFlags: { not: boolean; mask: readonly string[]; comp: readonly string[] } | undefined;
  const options: OptionDef[] = [
    { names: ['source-port', 'sport'], args: 1, invert: true, parse: ([v], not) => (sport = { not, range: readPortRange(v, number) }) },
    { names: ['destination-port', 'dport'], args: 1, invert: true, parse: ([v], not) => (dport = { not, range: readPortRange(v, number) }) },
  ];
  if (proto === 'tcp') {
    const flagsTaken = (option: Token) => {
      if (tcpFlags) fail(option, "Only one of `--syn' or `--tcp-flags'  allowed");
    };
    options.push(
      {
        names: ['tcp-flags'],
        args: 2,
        invert: true,
        parse: ([mask, comp], not, option) => {
          flagsTaken(option);
          tcpFlags = { not, mask: readTcpFlags(mask), comp: readTcpFlags(comp) };
        },
      },
      {
        names: ['syn'],
        args: 0,
        invert: true,
        parse: (_v, not, option) => {
          flagsTaken(option);
          tcpFlags = { not, mask: ['FIN', 'SYN', 'RST', 'ACK'], comp: ['SYN'] };
        },
      },
      ...unsupportedOptions('tcp-option'),
    );
  }
  return {
    kind: 'match',
    name: proto,
    token,
    options,
    used: new Set(),
    finish: () => {
      if (rule.proto?.value !== number) fail(token, `${proto.toUpperCase()} match requires '-p ${proto}'`);
    },
    build: () => ({
      kind: 'l4',
      proto,
      ...(sport ? { sport } : {}),
      ...(dport ? { dport } : {}),
      ...(tcpFlags ? { tcpFlags } : {}),
    }),
  };
}

function icmpMatch(token: Token, rule: RuleState): MatchExtension {
  let value: { not: boolean; type: number; code?: number } | undefined;
  const ext: MatchExtension = {
    kind: 'match',
    name: 'icmp',
    token,
    options: [{ names: ['icmp-type'], args: 1, invert: true, parse: ([v], not) => (value = { not, ...readIcmpType(v) }) }],
    used: new Set(),
    finish: () => {
      requireOption(ext, 'icmp-type');
      if (rule.proto?.value !== PROTO_ICMP) fail(token, "ICMP match requires '-p icmp'");
    },
    build: () => ({ kind: 'icmp', not: value!.not, type: value!.type, ...(value!.code !== undefined ? { code: value!.code } : {}) }),
  };
  return ext;
}

function multiportMatch(token: Token, rule: RuleState): MatchExtension {
  let value: { not: boolean; dir: 'sports' | 'dports' | 'ports'; ports: PortRange[] } | undefined;
  const dirs = ['source-ports', 'destination-ports', 'ports'];
  const option = (names: string[], dir: 'sports' | 'dports' | 'ports'): OptionDef => ({
    names,
    args: 1,
    invert: true,
    parse: ([v], not, opt) => {
      exclusive(ext, opt, names[0], dirs);
      const proto = rule.proto && !rule.proto.not ? rule.proto.value : undefined;
      value = { not, dir, ports: readPortList(v, proto) };
    },
  });
  const ext: MatchExtension = {
    kind: 'match',
    name: 'multiport',
    token,
    options: [
      option(['source-ports', 'sports'], 'sports'),
      option(['destination-ports', 'dports'], 'dports'),
      option(['ports'], 'ports'),
    ],
    used: new Set(),
    finish: () => {
      if (!value) fail(token, 'multiport: one of --sports, --dports or --ports must be specified');
      if (!rule.proto || rule.proto.not || ![6, 17, 136, 132, 33].includes(rule.proto.value)) {
        fail(token, "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
      }
    },
    build: () => ({ kind: 'multiport', ...value! }),
  };
  return ext;
}

function addrtypeMatch(token: Token, rule: RuleState): MatchExtension {
  let src: { not: boolean; types: AddrType[] } | undefined;
  let dst: { not: boolean; types: AddrType[] } | undefined;
  let limitIn = false;
  let limitOut = false;
  const unsupported = ['THROW', 'NAT', 'XRESOLVE'];
  const ext: MatchExtension = {
    kind: 'match',
    name: 'addrtype',
    token,
    options: [
      { names: ['src-type'], args: 1, invert: true, parse: ([v], not) => (src = { not, types: readNameList(v, ADDRTYPE_ORDER, unsupported, 'addrtype') }) },
      { names: ['dst-type'], args: 1, invert: true, parse: ([v], not) => (dst = { not, types: readNameList(v, ADDRTYPE_ORDER, unsupported, 'addrtype') }) },
      {
        names: ['limit-iface-in'],
        args: 0,
        invert: false,
        parse: (_v, _n, opt) => {
          exclusive(ext, opt, 'limit-iface-in', ['limit-iface-out']);
          limitIn = true;
        },
      },
      {
        names: ['limit-iface-out'],
        args: 0,
        invert: false,
        parse: (_v, _n, opt) => {
          exclusive(ext, opt, 'limit-iface-out', ['limit-iface-in']);
          limitOut = true;
        },
      },
    ],
    used: new Set(),
    finish: () => {
      if (!src && !dst) fail(token, 'addrtype: you must specify --src-type or --dst-type');
      // xt_addrtype checkentry: the interface must exist at the hook.
      if (limitIn && ['OUTPUT', 'POSTROUTING'].includes(rule.chain!)) fail(token, `addrtype: --limit-iface-in cannot be used in the ${rule.chain} chain`);
      if (limitOut && ['PREROUTING', 'INPUT'].includes(rule.chain!)) fail(token, `addrtype: --limit-iface-out cannot be used in the ${rule.chain} chain`);
    },
    build: () => ({
      kind: 'addrtype',
      ...(src ? { src } : {}),
      ...(dst ? { dst } : {}),
      ...(limitIn ? { limitIfaceIn: true } : {}),
      ...(limitOut ? { limitIfaceOut: true } : {}),
    }),
  };
  return ext;
}

function ctstateMatch(module: 'conntrack' | 'state', token: Token, _rule: RuleState): MatchExtension {
  let value: { not: boolean; states: CtState[] } | undefined;
  const allowed = module === 'conntrack' ? CT_STATE_ORDER : CT_STATE_ORDER.filter((s) => s !== 'SNAT' && s !== 'DNAT');
  const option = module === 'conntrack' ? 'ctstate' : 'state';
  const ext: MatchExtension = {
    kind: 'match',
    name: module,
    token,
    options: [
      { names: [option], args: 1, invert: true, parse: ([v], not) => (value = { not, states: readNameList(v, allowed, [], option) }) },
      ...(module === 'conntrack'
        ? unsupportedOptions('ctproto', 'ctorigsrc', 'ctorigdst', 'ctreplsrc', 'ctrepldst', 'ctorigsrcport', 'ctorigdstport', 'ctreplsrcport', 'ctrepldstport', 'ctstatus', 'ctexpire', 'ctdir')
        : []),
    ],
    used: new Set(),
    finish: () => {
      if (!value) fail(token, module === 'conntrack' ? 'conntrack: At least one option is required (podpath understands --ctstate)' : 'state: option "--state" must be specified');
    },
    build: () => ({ kind: 'ctstate', module, ...value! }),
  };
  return ext;
}

function markMatch(module: 'mark' | 'connmark', token: Token, _rule: RuleState): MatchExtension {
  let value: { not: boolean; value: number; mask: number } | undefined;
  const ext: MatchExtension = {
    kind: 'match',
    name: module,
    token,
    options: [
      {
        names: ['mark'],
        args: 1,
        invert: true,
        parse: ([v], not) => {
          const mark = readMarkMask(v, module, 'mark');
          value = { not, value: mark.value, mask: mark.mask ?? 0xffffffff };
        },
      },
    ],
    used: new Set(),
    finish: () => requireOption(ext, 'mark'),
    build: () => ({ kind: module, ...value! }),
  };
  return ext;
}

function setMatch(token: Token, _rule: RuleState): MatchExtension {
  let value: { not: boolean; name: string; flags: ('src' | 'dst')[] } | undefined;
  const ext: MatchExtension = {
    kind: 'match',
    name: 'set',
    token,
    options: [
      {
        names: ['match-set'],
        args: 2,
        invert: true,
        parse: ([name, flags], not) => {
          if (name.value.length === 0 || name.value.length > 31) fail(name, `set name "${name.value}" must have 1 to 31 characters`);
          const list = flags.value.split(',');
          if (list.some((f) => f !== 'src' && f !== 'dst')) fail(flags, "You must specify (the comma separated list of) 'src' or 'dst'.");
          if (list.length > 6) fail(flags, "Can't be more src/dst options than 6.");
          value = { not, name: name.value, flags: list as ('src' | 'dst')[] };
        },
      },
      ...unsupportedOptions('return-nomatch', 'update-counters', 'update-subcounters', 'packets-eq', 'packets-lt', 'packets-gt', 'bytes-eq', 'bytes-lt', 'bytes-gt'),
    ],
    used: new Set(),
    finish: () => {
      if (!value) fail(token, 'set: You must specify `--match-set\' with proper arguments');
    },
    build: () => ({ kind: 'set', ...value! }),
  };
  return ext;
}

function commentMatch(token: Token, _rule: RuleState): MatchExtension {
  let text = '';
  const ext: MatchExtension = {
    kind: 'match',
    name: 'comment',
    token,
    options: [
      {
        names: ['comment'],
        args: 1,
        invert: false,
        parse: ([v]) => {
          if (v.value.length > 255) fail(v, `comment: a comment may have at most 255 characters; this one has ${v.value.length}`);
          text = v.value;
        },
      },
    ],
    used: new Set(),
    finish: () => requireOption(ext, 'comment'),
    build: () => ({ kind: 'comment', text }),
  };
  return ext;
}

function statisticMatch(token: Token, _rule: RuleState): MatchExtension {
  let mode: 'random' | 'nth' | undefined;
  let not = false;
  let probability: number | undefined;
  let every: number | undefined;
  let packet: number | undefined;
  const ext: MatchExtension = {
    kind: 'match',
    name: 'statistic',
    token,
    options: [
      {
        names: ['mode'],
        args: 1,
        invert: false,
        parse: ([v]) => {
          if (v.value !== 'random' && v.value !== 'nth') fail(v, `Bad mode "${v.value}"; expected random | nth`);
          mode = v.value;
        },
      },
      {
        names: ['probability'],
        args: 1,
        invert: true,
        parse: ([v], n, opt) => {
          exclusive(ext, opt, 'probability', ['every']);
          const p = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.value) ? Number(v.value) : NaN;
          if (!(p >= 0 && p <= 1)) fail(v, `statistic: bad value for option "--probability", or out of range (0-1): "${v.value}"`);
          probability = p;
          not = n;
        },
      },
      {
        names: ['every'],
        args: 1,
        invert: true,
        parse: ([v], n, opt) => {
          exclusive(ext, opt, 'every', ['probability']);
          every = readUint(v, 'statistic', 'every', 1);
          not = n;
        },
      },
      { names: ['packet'], args: 1, invert: false, parse: ([v]) => (packet = readUint(v, 'statistic', 'packet', 0)) },
    ],
    used: new Set(),
    finish: () => {
      requireOption(ext, 'mode');
      if (mode === 'random' && probability === undefined) fail(token, '--probability must be specified when using random mode');
      if (mode === 'nth' && every === undefined) fail(token, '--every must be specified when using nth mode');
      if (mode === 'random' && every !== undefined) fail(token, '--every can only be used in nth mode');
      // libxt_statistic in iptables 1.8.9 ties the two: "--every" also requires "--packet".
      if (every !== undefined && packet === undefined) fail(token, 'statistic: option "--every" also requires "--packet".');
      if (packet !== undefined && every === undefined) fail(token, 'statistic: option "--packet" also requires "--every".');
      if (every !== undefined && packet !== undefined && packet > every - 1) fail(token, 'the --packet p must be 0 <= p <= n-1');
    },
    build: () =>
      mode === 'random'
        ? { kind: 'statistic', not, mode: 'random', probability: probability! }
        : { kind: 'statistic', not, mode: 'nth', every: every!, packet: packet! },
  };
  return ext;
}

function physdevMatch(token: Token, _rule: RuleState): MatchExtension {
  let inDev: { not: boolean; iface: string } | undefined;
  let outDev: { not: boolean; iface: string } | undefined;
  let isIn = false;
  let isOut = false;
  let isBridged: { not: boolean } | undefined;
  const flag = (name: string, set: () => void): OptionDef => ({
    names: [name],
    args: 0,
    invert: true,
    parse: (_v, not, opt) => {
      if (not) fail(opt, `\`! --${name}' is not supported by podpath (only --physdev-is-bridged can be inverted here)`);
      set();
    },
  });
  const ext: MatchExtension = {
    kind: 'match',
    name: 'physdev',
    token,
    options: [
      { names: ['physdev-in'], args: 1, invert: true, parse: ([v], not) => (inDev = { not, iface: readIface(v) }) },
      { names: ['physdev-out'], args: 1, invert: true, parse: ([v], not) => (outDev = { not, iface: readIface(v) }) },
      flag('physdev-is-in', () => (isIn = true)),
      flag('physdev-is-out', () => (isOut = true)),
      { names: ['physdev-is-bridged'], args: 0, invert: true, parse: (_v, not) => (isBridged = { not }) },
    ],
    used: new Set(),
    finish: () => {
      if (ext.used.size === 0) fail(token, 'PHYSDEV: no physdev option specified');
    },
    build: () => ({
      kind: 'physdev',
      ...(inDev ? { in: inDev } : {}),
      ...(outDev ? { out: outDev } : {}),
      ...(isIn ? { isIn } : {}),
      ...(isOut ? { isOut } : {}),
      ...(isBridged ? { isBridged } : {}),
    }),
  };
  return ext;
}

const MATCHES: Record<string, (token: Token, rule: RuleState) => MatchExtension> = {
  tcp: (t, r) => l4Match('tcp', t, r),
  udp: (t, r) => l4Match('udp', t, r),
  icmp: icmpMatch,
  multiport: multiportMatch,
  addrtype: addrtypeMatch,
  conntrack: (t, r) => ctstateMatch('conntrack', t, r),
  state: (t, r) => ctstateMatch('state', t, r),
  mark: (t, r) => markMatch('mark', t, r),
  connmark: (t, r) => markMatch('connmark', t, r),
  set: setMatch,
  comment: commentMatch,
  statistic: statisticMatch,
  physdev: physdevMatch,
};
const MATCH_NAMES = Object.keys(MATCHES).join(', ');

// --- targets

/** Built-in chains where a target may be used (the kernel's hook mask), and its table. */
const TARGET_PLACES: Record<string, { table?: NfTableName; chains?: readonly string[] }> = {
  DNAT: { table: 'nat', chains: ['PREROUTING', 'OUTPUT'] },
  REDIRECT: { table: 'nat', chains: ['PREROUTING', 'OUTPUT'] },
  SNAT: { table: 'nat', chains: ['POSTROUTING', 'INPUT'] },
  MASQUERADE: { table: 'nat', chains: ['POSTROUTING'] },
  REJECT: { table: 'filter', chains: ['INPUT', 'FORWARD', 'OUTPUT'] },
  NOTRACK: { table: 'raw' },
  CT: { table: 'raw' },
};

function placeTarget(name: string, token: Token, rule: RuleState): void {
  const place = TARGET_PLACES[name];
  if (!place) return;
  if (place.table && rule.table !== place.table) fail(token, `${name} can only be used in the ${place.table} table (this rule is in ${rule.table})`);
  const chain = rule.chain!;
  const builtin = BUILTIN_CHAINS[rule.table].includes(chain);
  if (place.chains && builtin && !place.chains.includes(chain)) fail(token, `${name} can only be used in the ${place.chains.join(', ')} chains, not ${chain}`);
}

/** Ports in a NAT target need the rule's protocol first (libipt_DNAT/MASQUERADE/REDIRECT). */
function requirePortProto(option: Token, rule: RuleState): void {
  if (!rule.proto || rule.proto.not || ![6, 17, 132, 33].includes(rule.proto.value)) {
    fail(option, 'Need TCP, UDP, SCTP or DCCP with port specification (write -p tcp|udp before the target)');
  }
}

function readNatPort(token: Token, text: string, offset: number): number {
  const port = strtoui(text, 0xffff) ?? (Object.hasOwn(SERVICES, text) ? SERVICES[text].port : undefined);
  if (port === undefined) fail(part(token, offset, text), `Port \`${text}' not valid; expected a number from 0 to 65535`);
  return port;
}

/** `A.B.C.D[-A.B.C.D][:P[-Q]]` (--to-destination / --to-source). */
function readNatRange(token: Token, option: Token, rule: RuleState): NatRange {
  const text = token.value;
  const colon = text.indexOf(':');
  const addrText = colon < 0 ? text : text.slice(0, colon);
  const range: { addr?: Ipv4; addrTo?: Ipv4; port?: number; portTo?: number } = {};
  if (colon >= 0) {
    const portText = text.slice(colon + 1);
    if (portText.includes('/')) fail(token, `port shifting ("/${portText.split('/')[1]}") is not supported by podpath`);
    requirePortProto(option, rule);
    const dash = portText.indexOf('-');
    const base = colon + 1;
    if (dash < 0) {
      range.port = readNatPort(token, portText, base);
    } else {
      range.port = readNatPort(token, portText.slice(0, dash), base);
      range.portTo = readNatPort(token, portText.slice(dash + 1), base + dash + 1);
      if (range.portTo < range.port) fail(part(token, base + dash + 1, portText.slice(dash + 1)), `Port range \`${portText.slice(dash + 1)}' funky: the end is below ${range.port}`);
    }
  }
  if (addrText !== '' || colon < 0) {
    const dash = addrText.indexOf('-');
    const first = dash < 0 ? addrText : addrText.slice(0, dash);
    const addr = parseIpv4(first);
    if (addr === undefined) fail(token, `Bad IP address "${first}"; expected A.B.C.D[-A.B.C.D][:PORT[-PORT]]`);
    range.addr = addr;
    if (dash >= 0) {
      const second = addrText.slice(dash + 1);
      const addrTo = parseIpv4(second);
      if (addrTo === undefined) fail(part(token, dash + 1, second), `Bad IP address "${second}"`);
      range.addrTo = addrTo;
    }
  }
  return range;
}

/** `--to-ports P[-Q]` of MASQUERADE and REDIRECT. */
function readToPorts(token: Token, option: Token, rule: RuleState): PortRange {
  requirePortProto(option, rule);
  const dash = token.value.indexOf('-');
  if (dash < 0) {
    const port = readNatPort(token, token.value, 0);
    return { from: port, to: port };
  }
  const from = readNatPort(token, token.value.slice(0, dash), 0);
  const to = readNatPort(token, token.value.slice(dash + 1), dash + 1);
  if (to < from) fail(token, `Port range \`${token.value.slice(dash + 1)}' funky: the end is below ${from}`);
  return { from, to };
}

function simpleTarget(name: 'ACCEPT' | 'DROP' | 'RETURN' | 'NOTRACK', token: Token, rule: RuleState): TargetExtension {
  return {
    kind: 'target',
    name,
    token,
    options: [],
    used: new Set(),
    finish: () => placeTarget(name, token, rule),
    build: () => ({ kind: name }),
  };
}

/** libipt_REJECT's names and aliases, in its table order (a prefix of either is enough). */
const REJECT_TYPES: readonly (readonly [string, string])[] = [
  ['icmp-net-unreachable', 'net-unreach'],
  ['icmp-host-unreachable', 'host-unreach'],
  ['icmp-proto-unreachable', 'proto-unreach'],
  ['icmp-port-unreachable', 'port-unreach'],
  ['icmp-net-prohibited', 'net-prohib'],
  ['icmp-host-prohibited', 'host-prohib'],
  ['tcp-reset', 'tcp-rst'],
  ['icmp-admin-prohibited', 'admin-prohib'],
];

function rejectTarget(token: Token, rule: RuleState): TargetExtension {
  let withType = 'icmp-port-unreachable';
  let withToken: Token | undefined;
  return {
    kind: 'target',
    name: 'REJECT',
    token,
    options: [
      {
        names: ['reject-with'],
        args: 1,
        invert: false,
        parse: ([v]) => {
          const word = v.value.toLowerCase();
          const hit = REJECT_TYPES.find(([name, alias]) => word.length > 0 && (name.startsWith(word) || alias.startsWith(word)));
          if (!hit) fail(v, `unknown reject type "${v.value}"; expected ${REJECT_TYPES.map(([n]) => n).join(' | ')}`);
          withType = hit[0];
          withToken = v;
        },
      },
    ],
    used: new Set(),
    finish: () => {
      placeTarget('REJECT', token, rule);
      if (withType === 'tcp-reset' && (rule.proto?.value !== PROTO_TCP || rule.proto.not)) {
        fail(withToken!, '--reject-with tcp-reset needs -p tcp (the kernel refuses it for other protocols)');
      }
    },
    build: () => ({ kind: 'REJECT', with: withType }),
  };
}

function natTarget(name: 'DNAT' | 'SNAT', token: Token, rule: RuleState): TargetExtension {
  let to: NatRange | undefined;
  let random = false;
  let randomFully = false;
  let persistent = false;
  const toOption = name === 'DNAT' ? 'to-destination' : 'to-source';
  const options: OptionDef[] = [
    { names: [toOption], args: 1, invert: false, parse: ([v], _n, opt) => (to = readNatRange(v, opt, rule)) },
    { names: ['random'], args: 0, invert: false, parse: () => (random = true) },
    { names: ['persistent'], args: 0, invert: false, parse: () => (persistent = true) },
  ];
  if (name === 'SNAT') options.push({ names: ['random-fully'], args: 0, invert: false, parse: () => (randomFully = true) });
  const ext: TargetExtension = {
    kind: 'target',
    name,
    token,
    options,
    used: new Set(),
    finish: () => {
      requireOption(ext, toOption);
      placeTarget(name, token, rule);
    },
    build: () => ({
      kind: name,
      to: to!,
      ...(random ? { random } : {}),
      ...(randomFully ? { randomFully } : {}),
      ...(persistent ? { persistent } : {}),
    }),
  };
  return ext;
}

function masqueradeTarget(token: Token, rule: RuleState): TargetExtension {
  let toPorts: PortRange | undefined;
  let random = false;
  let randomFully = false;
  return {
    kind: 'target',
    name: 'MASQUERADE',
    token,
    options: [
      { names: ['to-ports'], args: 1, invert: false, parse: ([v], _n, opt) => (toPorts = readToPorts(v, opt, rule)) },
      { names: ['random'], args: 0, invert: false, parse: () => (random = true) },
      { names: ['random-fully'], args: 0, invert: false, parse: () => (randomFully = true) },
    ],
    used: new Set(),
    finish: () => placeTarget('MASQUERADE', token, rule),
    build: () => ({
      kind: 'MASQUERADE',
      ...(toPorts ? { toPorts } : {}),
      ...(random ? { random } : {}),
      ...(randomFully ? { randomFully } : {}),
    }),
  };
}

function redirectTarget(token: Token, rule: RuleState): TargetExtension {
  let toPorts: PortRange | undefined;
  return {
    kind: 'target',
    name: 'REDIRECT',
    token,
    options: [
      { names: ['to-ports'], args: 1, invert: false, parse: ([v], _n, opt) => (toPorts = readToPorts(v, opt, rule)) },
      ...unsupportedOptions('random'),
    ],
    used: new Set(),
    finish: () => placeTarget('REDIRECT', token, rule),
    build: () => ({ kind: 'REDIRECT', ...(toPorts ? { toPorts } : {}) }),
  };
}

/** MARK (libxt_MARK revision 2): every form becomes --set-xmark value/mask. */
function markTarget(token: Token, _rule: RuleState): TargetExtension {
  let result: { value: number; mask: number; written: string } | undefined;
  const ops = ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark'];
  const option = (name: string, masked: boolean, compute: (v: number, m: number | undefined) => { value: number; mask: number }): OptionDef => ({
    names: [name],
    args: 1,
    invert: false,
    parse: ([v], _n, opt) => {
      exclusive(ext, opt, name, ops);
      const read = masked ? readMarkMask(v, 'MARK', name) : { value: readMarkValue(v, 'MARK', name) };
      result = { ...compute(read.value, read.mask), written: `--${name} ${v.value}` };
    },
  });
  const ext: TargetExtension = {
    kind: 'target',
    name: 'MARK',
    token,
    options: [
      option('set-xmark', true, (v, m) => ({ value: v, mask: m ?? 0xffffffff })),
      option('set-mark', true, (v, m) => ({ value: v, mask: m === undefined ? 0xffffffff : (m | v) >>> 0 })),
      option('and-mark', false, (v) => ({ value: 0, mask: ~v >>> 0 })),
      option('or-mark', false, (v) => ({ value: v, mask: v })),
      option('xor-mark', false, (v) => ({ value: v, mask: 0 })),
    ],
    used: new Set(),
    finish: () => {
      if (!result) fail(token, 'MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required');
    },
    build: () => ({ kind: 'MARK', ...result! }),
  };
  return ext;
}

/** CONNMARK (libxt_CONNMARK revision 1). */
function connmarkTarget(token: Token, _rule: RuleState): TargetExtension {
  let op: 'set-xmark' | 'save-mark' | 'restore-mark' | undefined;
  let value = 0;
  let mask = 0;
  let nfmask: number | undefined;
  let ctmask: number | undefined;
  let masks: { nf?: number; ct?: number; both?: number; token?: Token } = {};
  const ops = ['set-xmark', 'set-mark', 'and-mark', 'or-mark', 'xor-mark', 'save-mark', 'restore-mark'];
  const setOption = (name: string, masked: boolean, compute: (v: number, m: number | undefined) => { value: number; mask: number }): OptionDef => ({
    names: [name],
    args: 1,
    invert: false,
    parse: ([v], _n, opt) => {
      exclusive(ext, opt, name, ops);
      const read = masked ? readMarkMask(v, 'CONNMARK', name) : { value: readMarkValue(v, 'CONNMARK', name) };
      ({ value, mask } = compute(read.value, read.mask));
      op = 'set-xmark';
    },
  });
  const maskOption = (name: 'mask' | 'nfmask' | 'ctmask'): OptionDef => ({
    names: [name],
    args: 1,
    invert: false,
    parse: ([v], _n, opt) => {
      exclusive(ext, opt, name, name === 'mask' ? ['nfmask', 'ctmask'] : ['mask']);
      const m = readMarkValue(v, 'CONNMARK', name);
      masks = { ...masks, token: opt, ...(name === 'mask' ? { both: m } : name === 'nfmask' ? { nf: m } : { ct: m }) };
    },
  });
  const ext: TargetExtension = {
    kind: 'target',
    name: 'CONNMARK',
    token,
    options: [
      setOption('set-xmark', true, (v, m) => ({ value: v, mask: m ?? 0xffffffff })),
      setOption('set-mark', true, (v, m) => ({ value: v, mask: m === undefined ? 0xffffffff : (m | v) >>> 0 })),
      setOption('and-mark', false, (v) => ({ value: 0, mask: ~v >>> 0 })),
      setOption('or-mark', false, (v) => ({ value: v, mask: v })),
      setOption('xor-mark', false, (v) => ({ value: v, mask: 0 })),
      { names: ['save-mark'], args: 0, invert: false, parse: (_v, _n, opt) => (exclusive(ext, opt, 'save-mark', ops), (op = 'save-mark')) },
      { names: ['restore-mark'], args: 0, invert: false, parse: (_v, _n, opt) => (exclusive(ext, opt, 'restore-mark', ops), (op = 'restore-mark')) },
      maskOption('mask'),
      maskOption('nfmask'),
      maskOption('ctmask'),
    ],
    used: new Set(),
    finish: () => {
      if (!op) fail(token, 'CONNMARK target: No operation specified (expected --set-xmark, --set-mark, --save-mark or --restore-mark)');
      if (op === 'set-xmark') {
        // libxt_CONNMARK: --set-mark V/M --mask X replaces the mask; the others need save/restore.
        if (masks.both !== undefined && ext.used.has('set-mark')) mask = masks.both;
        else if (masks.token) fail(masks.token, 'CONNMARK: --mask, --nfmask and --ctmask go with --save-mark or --restore-mark');
        return;
      }
      nfmask = masks.both ?? masks.nf ?? 0xffffffff;
      ctmask = masks.both ?? masks.ct ?? 0xffffffff;
    },
    build: () =>
      op === 'set-xmark' ? { kind: 'CONNMARK', op, value, mask } : { kind: 'CONNMARK', op: op!, value: 0, mask: 0, nfmask: nfmask!, ctmask: ctmask! },
  };
  return ext;
}

const LOG_LEVELS: Record<string, string> = {
  emerg: '0', panic: '0', alert: '1', crit: '2', error: '3', warning: '4', notice: '5', info: '6', debug: '7',
};

function logTarget(token: Token, _rule: RuleState): TargetExtension {
  let prefix: string | undefined;
  let level: string | undefined;
  return {
    kind: 'target',
    name: 'LOG',
    token,
    options: [
      {
        names: ['log-level'],
        args: 1,
        invert: false,
        parse: ([v]) => {
          level = /^[0-7]$/.test(v.value) ? v.value : Object.hasOwn(LOG_LEVELS, v.value) ? LOG_LEVELS[v.value] : undefined;
          if (level === undefined) fail(v, `log level "${v.value}" unknown; expected 0-7 or emerg | alert | crit | error | warning | notice | info | debug`);
        },
      },
      {
        names: ['log-prefix'],
        args: 1,
        invert: false,
        parse: ([v]) => {
          if (v.value.length === 0) fail(v, 'LOG: --log-prefix must have a minimum length of 1 characters');
          if (v.value.length > 29) fail(v, `Maximum prefix length 29 for --log-prefix; this one has ${v.value.length}`);
          prefix = v.value;
        },
      },
      ...unsupportedOptions('log-tcp-sequence', 'log-tcp-options', 'log-ip-options', 'log-uid', 'log-macdecode'),
    ],
    used: new Set(),
    finish: () => {},
    build: () => ({ kind: 'LOG', ...(prefix !== undefined ? { prefix } : {}), ...(level !== undefined ? { level } : {}) }),
  };
}

function ctTarget(token: Token, rule: RuleState): TargetExtension {
  let notrack = false;
  return {
    kind: 'target',
    name: 'CT',
    token,
    options: [
      { names: ['notrack'], args: 0, invert: false, parse: () => (notrack = true) },
      ...unsupportedOptions('helper', 'ctevents', 'expevents', 'zone', 'zone-orig', 'zone-reply', 'timeout'),
    ],
    used: new Set(),
    finish: () => placeTarget('CT', token, rule),
    build: () => ({ kind: 'CT', notrack }),
  };
}

function jumpTarget(kind: 'jump' | 'goto', chain: string, token: Token): TargetExtension {
  return { kind: 'target', name: chain, token, options: [], used: new Set(), finish: () => {}, build: () => ({ kind, chain }) };
}

const TARGETS: Record<string, (token: Token, rule: RuleState) => TargetExtension> = {
  ACCEPT: (t, r) => simpleTarget('ACCEPT', t, r),
  DROP: (t, r) => simpleTarget('DROP', t, r),
  RETURN: (t, r) => simpleTarget('RETURN', t, r),
  NOTRACK: (t, r) => simpleTarget('NOTRACK', t, r),
  REJECT: rejectTarget,
  DNAT: (t, r) => natTarget('DNAT', t, r),
  SNAT: (t, r) => natTarget('SNAT', t, r),
  MASQUERADE: masqueradeTarget,
  REDIRECT: redirectTarget,
  MARK: markTarget,
  CONNMARK: connmarkTarget,
  LOG: logTarget,
  CT: ctTarget,
};

// ---------------------------------------------------------------------------------------------
// The command line

type BaseOption =
  | 'append' | 'delete' | 'insert' | 'new-chain' | 'delete-chain' | 'flush' | 'zero' | 'policy'
  | 'check' | 'replace' | 'list' | 'list-rules' | 'rename-chain'
  | 'source' | 'destination' | 'protocol' | 'in-interface' | 'out-interface' | 'jump' | 'goto' | 'match'
  | 'table' | 'wait' | 'wait-interval' | 'numeric' | 'verbose' | 'exact' | 'line-numbers' | 'fragments'
  | 'set-counters' | 'ipv4' | 'ipv6' | 'version' | 'help' | 'modprobe';

/** iptables' long options in its table order, with their short letters. */
const BASE_OPTIONS: readonly (readonly [string, BaseOption, string?])[] = [
  ['append', 'append', 'A'],
  ['delete', 'delete', 'D'],
  ['check', 'check', 'C'],
  ['insert', 'insert', 'I'],
  ['replace', 'replace', 'R'],
  ['list', 'list', 'L'],
  ['list-rules', 'list-rules', 'S'],
  ['flush', 'flush', 'F'],
  ['zero', 'zero', 'Z'],
  ['new-chain', 'new-chain', 'N'],
  ['delete-chain', 'delete-chain', 'X'],
  ['rename-chain', 'rename-chain', 'E'],
  ['policy', 'policy', 'P'],
  ['source', 'source', 's'],
  ['destination', 'destination', 'd'],
  ['src', 'source'],
  ['dst', 'destination'],
  ['protocol', 'protocol', 'p'],
  ['in-interface', 'in-interface', 'i'],
  ['jump', 'jump', 'j'],
  ['table', 'table', 't'],
  ['match', 'match', 'm'],
  ['numeric', 'numeric', 'n'],
  ['out-interface', 'out-interface', 'o'],
  ['verbose', 'verbose', 'v'],
  ['wait', 'wait', 'w'],
  ['wait-interval', 'wait-interval', 'W'],
  ['exact', 'exact', 'x'],
  ['fragments', 'fragments', 'f'],
  ['version', 'version', 'V'],
  ['help', 'help', 'h'],
  ['line-numbers', 'line-numbers'],
  ['modprobe', 'modprobe', 'M'],
  ['set-counters', 'set-counters', 'c'],
  ['goto', 'goto', 'g'],
  ['ipv4', 'ipv4', '4'],
  ['ipv6', 'ipv6', '6'],
];

type Resolved =
  | { readonly kind: 'base'; readonly option: BaseOption; readonly value?: Token }
  | { readonly kind: 'ext'; readonly ext: Extension; readonly def: OptionDef; readonly value?: Token };

const COMMAND_OPTIONS: readonly BaseOption[] = ['append', 'delete', 'insert', 'new-chain', 'delete-chain', 'flush', 'zero', 'policy'];
const SHORT: Record<string, string> = { 'new-chain': 'N', 'delete-chain': 'X', append: 'A', delete: 'D', insert: 'I', flush: 'F', zero: 'Z', policy: 'P' };

export interface IptablesOptions {
  /** iptables-restore input: the table comes from `*table`, and -t / -w are refused. */
  readonly restore?: { readonly table: NfTableName };
}

export interface IptablesResult {
  readonly table: NfTableName;
  readonly command: NfCommand;
}

/**
 * Reads one iptables command line (without the program name): the command, its chain and, for
 * -A/-I/-D, the rule. Throws CommandError at the first problem.
 */
export function parseIptablesLine(args: Args, endPos: Position, options: IptablesOptions = {}): IptablesResult {
  let table: NfTableName = options.restore?.table ?? 'filter';
  const rule: RuleState = {
    get table() {
      return table;
    },
    end: endPos,
  };
  let command: { option: BaseOption; token: Token; chain?: Token; index?: number; policy?: 'ACCEPT' | 'DROP'; policyToken?: Token } | undefined;
  const matches: (NfMatch | MatchExtension)[] = [];
  const extensions: Extension[] = []; // load order
  let target: TargetExtension | undefined;
  let invert: Token | undefined;
  let firstRuleOption: Token | undefined;
  const seen = new Map<BaseOption, Token>();

  const isOptionWord = (t: Token | undefined) => t !== undefined && (t.value.startsWith('-') || t.value === '!') && t.value !== '-';
  const optionalWord = (): Token | undefined => (args.peek() && !isOptionWord(args.peek()) ? args.take() : undefined);

  /** getopt_long: exact name first, then a unique prefix; newest extension first. */
  const resolveLong = (name: string, token: Token): { kind: 'base'; option: BaseOption } | { kind: 'ext'; ext: Extension; def: OptionDef } | undefined => {
    // exact names first, in getopt's order (base options, then extensions newest first),
    // without building the candidate list: the common case on every kube-proxy rule
    for (const [n, option] of BASE_OPTIONS) if (n === name) return { kind: 'base', option };
    for (let k = extensions.length - 1; k >= 0; k--) {
      for (const def of extensions[k].options) if (def.names.includes(name)) return { kind: 'ext', ext: extensions[k], def };
    }
    type Cand = { id: string; hit: { kind: 'base'; option: BaseOption } | { kind: 'ext'; ext: Extension; def: OptionDef }; name: string };
    const candidates: Cand[] = BASE_OPTIONS.map(([n, option]) => ({ id: `base:${option}`, hit: { kind: 'base' as const, option }, name: n }));
    for (let k = extensions.length - 1; k >= 0; k--) {
      const ext = extensions[k];
      for (const def of ext.options) for (const n of def.names) candidates.push({ id: `${k}:${def.names[0]}`, hit: { kind: 'ext', ext, def }, name: n });
    }
    const exact = candidates.find((c) => c.name === name);
    if (exact) return exact.hit;
    const prefixed = candidates.filter((c) => name.length > 0 && c.name.startsWith(name));
    if (prefixed.length === 0) return undefined;
    if (new Set(prefixed.map((c) => c.id)).size > 1) {
      fail(token, `option '--${name}' is ambiguous; possibilities: ${[...new Set(prefixed.map((c) => `'--${c.name}'`))].join(' ')}`);
    }
    return prefixed[0].hit;
  };

  const resolve = (token: Token): Resolved => {
    const text = token.value;
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const name = eq < 0 ? text.slice(2) : text.slice(2, eq);
      const value = eq < 0 ? undefined : part(token, eq + 1, text.slice(eq + 1));
      let hit = resolveLong(name, token);
      if (!hit) {
        // The protocol's own match, loaded when an option nothing loaded knows follows -p.
        const implicit = rule.proto ? ({ [PROTO_TCP]: 'tcp', [PROTO_UDP]: 'udp', [PROTO_ICMP]: 'icmp' } as Record<number, string>)[rule.proto.value] : undefined;
        if (implicit && !extensions.some((e) => e.name === implicit)) {
          const ext = MATCHES[implicit](token, rule);
          if (ext.options.some((d) => d.names.some((n) => n === name || n.startsWith(name)))) {
            extensions.push(ext);
            matches.push(ext);
            hit = resolveLong(name, token);
          }
        }
      }
      if (!hit) fail(token, unknownOptionMessage(text, eq < 0 ? text : text.slice(0, eq)));
      return { ...hit, ...(value ? { value } : {}) };
    }
    const letter = text.slice(1);
    const entry = letter.length === 1 ? BASE_OPTIONS.find(([, , short]) => short === letter) : undefined;
    if (!entry) {
      if (/^-[A-Za-z0-9]{2,}$/.test(text)) fail(token, `unknown option "${text}": write one option per word (iptables options are -A, -s, -p …)`);
      fail(token, `unknown option "${text}"`);
    }
    return { kind: 'base', option: entry[1] };
  };

  const unknownOptionMessage = (text: string, name: string): string => {
    const bare = name.replace(/^--/, '');
    if (['sport', 'dport', 'source-port', 'destination-port', 'tcp-flags', 'syn'].includes(bare)) {
      return `unknown option "${text}": ${bare.includes('port') ? 'ports' : 'TCP flags'} need -p tcp${bare.includes('port') ? '|udp' : ''} (or -m tcp|udp) before them`;
    }
    if (bare === 'icmp-type') return `unknown option "${text}": --icmp-type needs -p icmp before it`;
    const owner = Object.entries(MODULE_OPTIONS).find(([, names]) => names.includes(bare));
    if (owner) return `unknown option "${text}": it belongs to ${owner[0]}, load it first`;
    return `unknown option "${text}"`;
  };

  const takeValue = (resolved: Resolved, what: string): Token => resolved.value ?? args.need(what);

  const setCommand = (option: BaseOption, token: Token) => {
    if (invert) fail(invert, `cannot have ! before -${SHORT[option]}`);
    if (command) fail(token, `Cannot use -${SHORT[option]} with -${SHORT[command.option]}: one command per line`);
    command = { option, token };
  };

  const baseOnce = (option: BaseOption, token: Token, flag: string) => {
    if (seen.has(option)) fail(token, `multiple ${flag} flags not allowed`);
    seen.set(option, token);
    firstRuleOption ??= token;
  };

  while (!args.done) {
    const token = args.take()!;
    if (token.value === '!') {
      if (invert) fail(token, 'multiple consecutive ! not allowed');
      invert = token;
      if (args.done) fail(token, 'nothing appropriate following !');
      continue;
    }
    if (!isOptionWord(token)) fail(token, `Bad argument \`${token.value}'`);
    const resolved = resolve(token);
    const not = invert !== undefined;
    const invertToken = invert;
    invert = undefined;

    if (resolved.kind === 'ext') {
      const { ext, def } = resolved;
      const optName = def.names[0];
      if (def.unsupported) fail(token, `${ext.kind === 'match' ? `-m ${ext.name}` : `-j ${ext.name}`} option --${optName} is not supported by podpath`);
      if (not && !def.invert) fail(invertToken!, `${ext.name}: option "--${optName}" cannot be inverted.`);
      if (ext.used.has(optName)) {
        const iptablesName = ext.name === 'tcp' || ext.name === 'udp' ? `Only one \`--${optName}' allowed` : `${ext.name}: option "--${optName}" can only be used once.`;
        fail(token, iptablesName);
      }
      if (def.args === 0 && resolved.value) fail(resolved.value, `option --${optName} takes no value`);
      const values: Token[] = [];
      if (def.args >= 1) values.push(takeValue(resolved, `a value for --${optName}`));
      if (def.args === 2) values.push(args.need(`a second value for --${optName}`));
      def.parse?.(values, not, token);
      ext.used.add(optName);
      continue;
    }

    const option = resolved.option;
    if (not && !['source', 'destination', 'protocol', 'in-interface', 'out-interface', 'match', 'jump', 'goto', ...COMMAND_OPTIONS].includes(option)) {
      fail(invertToken!, `cannot have ! before ${token.value}`);
    }
    switch (option) {
      case 'append':
      case 'insert':
      case 'delete':
      case 'new-chain':
      case 'policy': {
        setCommand(option, token);
        const chain = takeValue(resolved, 'a chain name');
        command!.chain = chain;
        if (option === 'new-chain') readNewChain(chain);
        else readChain(chain);
        if (option === 'insert' || option === 'delete') {
          const index = optionalWord();
          if (index) {
            const n = /^\d+$/.test(index.value) ? Number(index.value) : NaN;
            if (!(n >= 1)) fail(index, `Invalid rule number \`${index.value}'; rule numbers start at 1`);
            command!.index = n;
          }
        }
        if (option === 'policy') {
          const policy = args.need('a policy (ACCEPT | DROP)');
          if (policy.value !== 'ACCEPT' && policy.value !== 'DROP') fail(policy, `Bad policy name "${policy.value}"; expected ACCEPT | DROP`);
          command!.policy = policy.value;
          command!.policyToken = policy;
        }
        break;
      }
      case 'delete-chain':
      case 'flush':
      case 'zero': {
        setCommand(option, token);
        const chain = resolved.value ?? optionalWord();
        if (chain) {
          command!.chain = chain;
          readChain(chain);
          if (option === 'zero' && optionalWord()) fail(args.previous()!, '`-Z CHAIN N` (zeroing one rule) is not supported by podpath');
        }
        break;
      }
      case 'check':
      case 'replace':
      case 'list':
      case 'list-rules':
      case 'rename-chain':
        fail(token, `\`iptables ${token.value}\` is not supported: a podpath script configures rules with -A, -I, -D, -N, -X, -F, -Z and -P; the lab shows them`);
        break;
      case 'source':
      case 'destination': {
        baseOnce(option, token, option === 'source' ? '-s' : '-d');
        const prefix = readAddress(takeValue(resolved, 'an address'));
        matches.push({ kind: option === 'source' ? 'src' : 'dst', not, prefix });
        break;
      }
      case 'protocol': {
        baseOnce(option, token, '-p');
        const value = takeValue(resolved, 'a protocol');
        const proto = readProtocol(value);
        if (not && proto === 0) fail(value, 'rule would never match protocol');
        rule.proto = { value: proto, not, token: value };
        matches.push({ kind: 'proto', not, proto });
        break;
      }
      case 'in-interface':
      case 'out-interface': {
        baseOnce(option, token, option === 'in-interface' ? '-i' : '-o');
        const iface = readIface(takeValue(resolved, 'an interface name'));
        matches.push({ kind: option === 'in-interface' ? 'in' : 'out', not, iface });
        break;
      }
      case 'match': {
        if (not) fail(invertToken!, 'unexpected ! flag before --match');
        firstRuleOption ??= token;
        const nameToken = takeValue(resolved, 'a match name');
        const name = nameToken.value;
        const factory = Object.hasOwn(MATCHES, name) ? MATCHES[name] : undefined;
        if (!factory) fail(nameToken, `match \`${name}' is not supported by podpath; it understands -m ${MATCH_NAMES}`);
        // nf_tables keeps one tcp/udp payload match per rule: a second -m tcp adds to the first.
        const existing = (name === 'tcp' || name === 'udp') && extensions.find((e) => e.name === name);
        if (existing) break;
        const ext = factory(nameToken, rule);
        extensions.push(ext);
        matches.push(ext);
        break;
      }
      case 'jump':
      case 'goto': {
        if (not) fail(invertToken!, `cannot have ! before ${option === 'jump' ? '-j' : '-g'}`);
        if (target) fail(token, 'multiple -j flags not allowed');
        firstRuleOption ??= token;
        const nameToken = takeValue(resolved, option === 'jump' ? 'a target or chain name' : 'a chain name');
        const name = nameToken.value;
        if (option === 'jump' && Object.hasOwn(TARGETS, name)) {
          target = TARGETS[name](nameToken, rule);
        } else if (option === 'jump' && RESERVED_CHAIN_NAMES.has(name)) {
          fail(nameToken, `target ${name} is not supported by podpath; it understands ${Object.keys(TARGETS).join(', ')} and jumps to chains`);
        } else {
          if (option === 'goto' && Object.hasOwn(TARGETS, name)) fail(nameToken, `-g goes to a user chain; use -j ${name}`);
          target = jumpTarget(option === 'jump' ? 'jump' : 'goto', readChain(nameToken), nameToken);
        }
        extensions.push(target);
        break;
      }
      case 'table': {
        if (options.restore) fail(token, 'The -t option cannot be used in iptables-restore: the table comes from the *table line');
        const value = takeValue(resolved, 'a table name (raw | mangle | nat | filter)');
        if (!(TABLES as readonly string[]).includes(value.value)) {
          const known = value.value === 'security' ? 'the security table is not supported by podpath' : `table '${value.value}' does not exist`;
          fail(value, `${known}; expected raw | mangle | nat | filter`);
        }
        table = value.value as NfTableName;
        break;
      }
      case 'wait':
      case 'wait-interval': {
        if (options.restore) fail(token, `You cannot use \`${token.value}' from iptables-restore`);
        if (option === 'wait-interval') takeValue(resolved, 'a wait interval in microseconds');
        else if (!resolved.value && args.peek() && /^\d+$/.test(args.peek()!.value)) args.take();
        break;
      }
      case 'ipv4':
        break;
      default:
        fail(token, `iptables option \`${token.value}\` is not supported by podpath`);
    }
  }

  if (!command) fail(args.lastPos(), 'no command specified; expected -A, -I, -D, -N, -X, -F, -Z or -P');
  const cmd = command;
  const chain = cmd.chain?.value;
  rule.chain = chain;
  const takesRule = (cmd.option === 'append' || cmd.option === 'insert' || (cmd.option === 'delete' && cmd.index === undefined));
  if (!takesRule && firstRuleOption) fail(firstRuleOption, `Illegal option \`${firstRuleOption.value}' with this command (-${SHORT[cmd.option]} takes no rule)`);

  const builtins = BUILTIN_CHAINS[table];
  if (cmd.option === 'policy') {
    if (!builtins.includes(chain!)) fail(cmd.chain!, `Bad built-in chain name "${chain}": the ${table} table's built-in chains are ${builtins.join(', ')}`);
    if (table === 'nat' && cmd.policy === 'DROP') fail(cmd.policyToken!, 'The "nat" table is not intended for filtering, the use of DROP is therefore inhibited.');
    return { table, command: { action: 'policy', chain: chain!, policy: cmd.policy! } };
  }
  if (!takesRule) {
    switch (cmd.option) {
      case 'new-chain':
        return { table, command: { action: 'new-chain', chain: chain! } };
      case 'delete-chain':
        return { table, command: chain !== undefined ? { action: 'delete-chain', chain } : { action: 'delete-chain' } };
      case 'flush':
        return { table, command: chain !== undefined ? { action: 'flush', chain } : { action: 'flush' } };
      case 'zero':
        return { table, command: chain !== undefined ? { action: 'zero', chain } : { action: 'zero' } };
      case 'delete':
        return { table, command: { action: 'delete-index', chain: chain!, index: cmd.index! } };
    }
  }

  // The rule: checks iptables (and the kernel, for built-in chains) make once it is read.
  const iif = matches.find((m): m is Extract<NfMatch, { kind: 'in' }> => 'kind' in m && m.kind === 'in');
  const oif = matches.find((m): m is Extract<NfMatch, { kind: 'out' }> => 'kind' in m && m.kind === 'out');
  if (oif && (chain === 'PREROUTING' || chain === 'INPUT')) fail(seen.get('out-interface')!, `Can't use -o with ${chain}`);
  if (iif && (chain === 'POSTROUTING' || chain === 'OUTPUT')) fail(seen.get('in-interface')!, `Can't use -i with ${chain}`);
  for (const ext of extensions) ext.finish(rule);
  const spec: NfRuleSpec = {
    matches: matches.map((m) => ('build' in m ? m.build() : m)),
    ...(target ? { target: target.build() } : {}),
  };
  switch (cmd.option) {
    case 'append':
      return { table, command: { action: 'append', chain: chain!, rule: spec } };
    case 'insert':
      return { table, command: { action: 'insert', chain: chain!, index: cmd.index ?? 1, rule: spec } };
    default:
      return { table, command: { action: 'delete', chain: chain!, rule: spec } };
  }
}

/** Options of each supported module, for "load it first" hints. */
const MODULE_OPTIONS: Record<string, readonly string[]> = {
  '-m multiport': ['dports', 'sports', 'ports', 'destination-ports', 'source-ports'],
  '-m addrtype': ['src-type', 'dst-type', 'limit-iface-in', 'limit-iface-out'],
  '-m conntrack': ['ctstate'],
  '-m state': ['state'],
  '-m mark or -m connmark': ['mark'],
  '-m set': ['match-set'],
  '-m comment': ['comment'],
  '-m statistic': ['mode', 'probability', 'every', 'packet'],
  '-m physdev': ['physdev-in', 'physdev-out', 'physdev-is-in', 'physdev-is-out', 'physdev-is-bridged'],
  '-j REJECT': ['reject-with'],
  '-j DNAT': ['to-destination'],
  '-j SNAT': ['to-source'],
  '-j MASQUERADE or -j REDIRECT': ['to-ports'],
  '-j MARK or -j CONNMARK': ['set-mark', 'set-xmark', 'or-mark', 'and-mark', 'xor-mark'],
  '-j CONNMARK': ['save-mark', 'restore-mark', 'nfmask', 'ctmask'],
  '-j LOG': ['log-prefix', 'log-level'],
  '-j CT': ['notrack'],
};

/** `iptables …` as a script command (also iptables-legacy / iptables-nft). */
export function parseIptables(args: Args, ctx: CommandContext): ParsedOp[] {
  const program = args.take()!;
  if (args.done) fail(program, 'expected an iptables command (-A, -I, -D, -N, -X, -F, -Z or -P)');
  const result = parseIptablesLine(args, args.lastPos(), {});
  return [{ body: { op: 'iptables', table: result.table, command: result.command }, netns: ctx.netns }];
}
