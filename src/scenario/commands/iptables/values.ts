// The values an iptables command line holds, read the way libxtables reads them
// (libxtables/xtables.c: xtables_strtoui, xtables_parse_port, xtables_numeric_to_ipaddr and
// xtables_numeric_to_ipmask, xtables_parse_interface; iptables/xshared.c: protocols, chain
// names), with the message iptables prints. Values only one extension reads (TCP flags, ICMP
// types, multiport lists, NAT ranges …) live with that extension.
import { makePrefix, type Ipv4, type Prefix } from '../../../engine/addr/ipv4';
import type { NfTableName, PortRange } from '../../../engine/config/netfilter';
import { protocolNumber } from '../../../engine/kernel/netfilter/save';
import { fail } from '../args';
import type { Token } from '../tokenize';

export const TABLES: readonly NfTableName[] = ['raw', 'mangle', 'nat', 'filter'];

export const PROTO_TCP = 6;
export const PROTO_UDP = 17;
export const PROTO_ICMP = 1;

/** A token standing for part of another (`--dport=80` → `80`), placed at its column. */
export function part(token: Token, offset: number, value: string): Token {
  return { ...token, value, pos: { line: token.pos.line, col: token.pos.col + offset }, start: token.start + offset };
}

/** xtables_strtoui with base 0: decimal, 0x-hex or 0-octal. */
export function strtoui(text: string, max: number): number | undefined {
  let value: number;
  if (/^0x[0-9a-f]+$/i.test(text)) value = parseInt(text.slice(2), 16);
  else if (/^0[0-7]*$/.test(text)) value = parseInt(text, 8);
  else if (/^[1-9][0-9]*$/.test(text)) value = Number(text);
  else return undefined;
  return value <= max ? value : undefined;
}

/** Service names from Debian's /etc/services that scripts use, with the protocols they exist for. */
export const SERVICES: Record<string, { port: number; protos: readonly number[] }> = {
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
export function readPort(token: Token, proto: number | undefined, text = token.value): number {
  const value = strtoui(text, 0xffff);
  if (value !== undefined) return value;
  const service = Object.hasOwn(SERVICES, text) ? SERVICES[text] : undefined;
  if (service && (proto === undefined || service.protos.includes(proto))) return service.port;
  fail(token, `invalid port/service \`${text}' specified; expected a port number from 0 to 65535`);
}

/** libxt_tcp/udp parse_ports: `P`, `A:B`, `:B` (from 0), `A:` (to 65535). */
export function readPortRange(token: Token, proto: number | undefined): PortRange {
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
export function readAddress(token: Token): Prefix {
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
export function readIface(token: Token): string {
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
export const RESERVED_CHAIN_NAMES = new Set([
  'ACCEPT', 'DROP', 'RETURN', 'QUEUE', 'REJECT', 'DNAT', 'SNAT', 'MASQUERADE', 'REDIRECT', 'MARK', 'CONNMARK', 'LOG',
  'NOTRACK', 'CT', 'TPROXY', 'TCPMSS', 'NFQUEUE', 'NFLOG', 'TRACE', 'DSCP', 'TOS', 'CLASSIFY', 'AUDIT', 'CHECKSUM',
  'TTL', 'SET', 'NETMAP', 'ULOG', 'IDLETIMER', 'LED', 'SECMARK', 'CONNSECMARK', 'HMARK', 'TEE', 'SYNPROXY',
  'RATEEST', 'CLUSTERIP', 'ECN', 'ERROR', 'standard',
]);

export function readNewChain(token: Token): string {
  const name = readChain(token);
  if (name.startsWith('-')) fail(token, "chain name not allowed to start with `-'");
  if (name.startsWith('!')) fail(token, "chain name not allowed to start with `!'");
  if (RESERVED_CHAIN_NAMES.has(name)) fail(token, `chain name \`${name}' may not clash with target name`);
  return name;
}

/** A mark `V[/M]` (base 0 numbers); the mask is undefined when not written. */
export function readMarkMask(token: Token, module: string, option: string): { value: number; mask?: number } {
  const slash = token.value.indexOf('/');
  const valueText = slash < 0 ? token.value : token.value.slice(0, slash);
  const value = strtoui(valueText, 0xffffffff);
  const mask = slash < 0 ? undefined : strtoui(token.value.slice(slash + 1), 0xffffffff);
  if (value === undefined || (slash >= 0 && mask === undefined)) {
    fail(token, `${module}: bad value for option "--${option}": "${token.value}"; expected VALUE[/MASK], numbers from 0 to 0xffffffff`);
  }
  return mask === undefined ? { value } : { value, mask };
}

export function readMarkValue(token: Token, module: string, option: string): number {
  const value = strtoui(token.value, 0xffffffff);
  if (value === undefined) fail(token, `${module}: bad value for option "--${option}": "${token.value}"; expected a number from 0 to 0xffffffff`);
  return value;
}

export function readUint(token: Token, module: string, option: string, min: number): number {
  const value = strtoui(token.value, 0xffffffff);
  if (value === undefined || value < min) {
    fail(token, `${module}: bad value for option "--${option}", or out of range (${min}-4294967295): "${token.value}"`);
  }
  return value;
}

/** The protocol of `-p`: a name from /etc/protocols, `all`, or a number 0-255. */
export function readProtocol(token: Token): number {
  const text = token.value.toLowerCase();
  const number = strtoui(text, 0xff);
  if (number !== undefined) return number;
  const named = protocolNumber(text);
  if (named === undefined) fail(token, `unknown protocol "${token.value}" specified; expected tcp | udp | icmp | all or a number 0-255`);
  return named;
}

/** A comma-separated list of names from `allowed` (case-insensitive), as written, without repeats. */
export function readNameList<T extends string>(token: Token, allowed: readonly T[], unsupported: readonly string[], what: string): T[] {
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
