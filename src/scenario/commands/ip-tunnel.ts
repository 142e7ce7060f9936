// `ip tunnel add | change | del` for ipip (iproute2 ip/iptunnel.c parse_args) and the options
// of `ip link add NAME type ipip …` (ip/link_iptnl.c). Both tools default to pmtudisc (DF in
// the outer header) and `ttl inherit`; `any` is the zero address (one-to-many for `remote`).
import { formatIpv4, isMulticast, type Ipv4 } from '../../engine/addr/ipv4';
import type { LinkAttrs, OpBody, TunnelAttrs, TunnelChange } from '../../engine/config/ops';
import { Args, fail, readIfname, readIpv4, readNewIfname, resolveKeyword } from './args';
import { inContext, type CommandParser } from './parsed';
import type { Token } from './tokenize';

const TUNNEL_VERBS = [
  ['add', 'add'],
  ['change', 'change'],
  ['delete', 'del'],
  ['show', null],
  ['lst', null],
  ['list', null],
  ['prl', null],
  ['6rd', null],
] as const;

const OTHER_MODES = new Set(['gre', 'gre/ip', 'sit', 'ipv6/ip', 'isatap', 'vti']);
/** GRE flags: accepted by iproute2, cleared by ipip_tunnel_ctl, so they change nothing. */
const GRE_FLAGS = new Set(['seq', 'iseq', 'oseq', 'csum', 'icsum', 'ocsum']);

function readEndpoint(token: Token): Ipv4 | null {
  return token.value === 'any' ? null : readIpv4(token, 'an IPv4 address or any');
}

function readTtl(token: Token): number {
  if (token.value === 'inherit') return 0;
  const n = /^\d+$/.test(token.value) ? Number(token.value) : /^0x[0-9a-f]+$/i.test(token.value) ? parseInt(token.value, 16) : NaN;
  if (!(n >= 0 && n <= 255)) fail(token, `invalid TTL "${token.value}": expected 1..255 or inherit`);
  return n;
}

function checkRemote(token: Token, remote: Ipv4 | null): void {
  if (remote !== null && isMulticast(remote)) fail(token, `podpath does not model multicast tunnels (remote ${formatIpv4(remote)})`);
}

interface Parsed {
  name?: Token;
  /** the name came first (`ip tunnel change NAME …` then starts from the tunnel's settings) */
  nameFirst: boolean;
  mode?: Token;
  given: { -readonly [K in keyof TunnelChange]: TunnelChange[K] };
}

/** iproute2's parse_args: every word is an option or the tunnel's name. */
function parseArgs(args: Args): Parsed {
  const p: Parsed = { nameFirst: false, given: {} };
  let count = 0;
  while (!args.done) {
    const token = args.take()!;
    switch (token.value) {
      case 'mode': {
        const mode = args.need('a tunnel mode (ipip)');
        if (OTHER_MODES.has(mode.value)) fail(mode, `podpath models ipip tunnels only, not mode ${mode.value}`);
        if (mode.value !== 'ipip' && mode.value !== 'ip/ip') fail(mode, `Unknown tunnel mode "${mode.value}"; expected ipip`);
        p.mode = mode;
        break;
      }
      case 'key':
      case 'ikey':
      case 'okey':
        fail(token, 'Keys are not allowed with ipip and sit tunnels');
      case 'nopmtudisc':
        p.given.pmtudisc = false;
        break;
      case 'pmtudisc':
        p.given.pmtudisc = true;
        break;
      case 'remote': {
        const at = args.need('an address or any');
        p.given.remote = readEndpoint(at);
        checkRemote(at, p.given.remote);
        break;
      }
      case 'local':
        p.given.local = readEndpoint(args.need('an address or any'));
        break;
      case 'dev':
        p.given.dev = readIfname(args.need('the underlay device'));
        break;
      case 'ttl':
      case 'hoplimit':
      case 'hlim':
        p.given.ttl = readTtl(args.need('a TTL (1..255 | inherit)'));
        break;
      case 'tos':
      case 'tclass':
        fail(token, '`tos` is not modelled by podpath (packets carry no TOS)');
      default: {
        if (GRE_FLAGS.has(token.value)) break;
        if ('dsfield'.startsWith(token.value) && token.value.length > 0) fail(token, '`dsfield` is not modelled by podpath (packets carry no TOS)');
        const word = token.value === 'name' ? args.need('the tunnel name') : token;
        if (p.name) fail(word, `duplicate "name": "${word.value}" is the second value.`);
        readNewIfname(word);
        p.name = word;
        p.nameFirst = count === 0;
      }
    }
    count++;
  }
  return p;
}

/** Without `mode`, iproute2 guesses it from the name (`ipip…`), as tnl_defname needs one. */
function requireIpip(p: Parsed, verb: Token): void {
  if (p.mode || p.name?.value.startsWith('ipip')) return;
  if (p.name && /^(gre|sit|isatap|vti)/.test(p.name.value)) fail(p.name, `podpath models ipip tunnels only, and "${p.name.value}" names another kind`);
  fail(verb, 'cannot determine tunnel mode (ipip, gre, vti or sit): add `mode ipip`');
}

function needName(p: Parsed, verb: Token): Token {
  if (!p.name) fail(verb, `expected the tunnel's name after \`${verb.value}\``);
  return p.name;
}

function tunnelAttrs(given: Parsed['given'], ioctl: boolean): TunnelAttrs {
  return {
    ...(given.local != null ? { local: given.local } : {}),
    ...(given.remote != null ? { remote: given.remote } : {}),
    ttl: given.ttl ?? 0,
    ...(given.dev != null ? { dev: given.dev } : {}),
    ...(given.pmtudisc === false ? { pmtudisc: false } : {}),
    ...(ioctl ? { ioctl: true } : {}),
  };
}

function checkTtlPmtudisc(verb: Token, given: Parsed['given']): void {
  if (given.ttl && given.pmtudisc === false) fail(verb, 'ttl != 0 and nopmtudisc are incompatible');
}

export const parseIpTunnel: CommandParser = (args, ctx) => {
  const verb = args.need('add | change | del');
  const meaning = resolveKeyword(verb.value, TUNNEL_VERBS)?.meaning;
  if (!meaning) fail(verb, `\`ip tunnel ${verb.value}\` is not supported; expected add | change | del`);
  const p = parseArgs(args);
  const name = needName(p, verb);
  if (meaning === 'del') return inContext(ctx, { op: 'tunnel-del', dev: name.value });
  checkTtlPmtudisc(verb, p.given);
  if (meaning === 'add') {
    requireIpip(p, verb);
    return inContext(ctx, { op: 'link-add', name: name.value, kind: 'ipip', attrs: {}, tunnel: tunnelAttrs(p.given, true) });
  }
  // change: NAME first starts from the tunnel's own settings; otherwise from the defaults
  if (!p.nameFirst) requireIpip(p, verb);
  const tunnel: TunnelChange = p.nameFirst ? p.given : { local: null, remote: null, ttl: 0, dev: null, pmtudisc: true, ...p.given };
  return inContext(ctx, { op: 'tunnel-change', dev: name.value, tunnel });
};

const LINK_EXPECTED = 'remote ADDR | local ADDR | ttl TTL | dev DEV | pmtudisc | nopmtudisc | mode ipip';

/** The options after `ip link add NAME … type ipip` (iptunnel_parse_opt). */
export function parseIpipLinkAdd(args: Args, name: string, attrs: LinkAttrs): OpBody {
  const given: Parsed['given'] = {};
  while (!args.done) {
    const token = args.take()!;
    switch (token.value) {
      case 'remote': {
        const at = args.need('an address or any');
        given.remote = readEndpoint(at);
        checkRemote(at, given.remote);
        break;
      }
      case 'local':
        given.local = readEndpoint(args.need('an address or any'));
        break;
      case 'ttl':
      case 'hoplimit':
      case 'hlim':
        given.ttl = readTtl(args.need('a TTL (1..255 | inherit)'));
        break;
      case 'nopmtudisc':
        given.pmtudisc = false;
        break;
      case 'pmtudisc':
        given.pmtudisc = true;
        break;
      case 'mode': {
        const mode = args.need('ipip');
        if (!['ipip', 'ipv4/ipv4', 'ip4ip4', 'any', 'any/ipv4'].includes(mode.value)) fail(mode, `podpath models IPv4-in-IPv4 only, not mode ${mode.value}`);
        break;
      }
      default:
        if (token.value.length > 0 && 'dev'.startsWith(token.value)) {
          given.dev = readIfname(args.need('the underlay device'));
          break;
        }
        if (['tos', 'tclass', 'fwmark', 'external', 'encap', 'noencap'].includes(token.value) || token.value.startsWith('encap-') || token.value.startsWith('dsfield')) {
          fail(token, `\`${token.value}\` is not modelled by podpath's ipip tunnels`);
        }
        fail(token, `unexpected "${token.value}"; expected ${LINK_EXPECTED}`);
    }
  }
  if (given.ttl && given.pmtudisc === false) fail(args.lastPos(), 'ttl != 0 and nopmtudisc are incompatible');
  return { op: 'link-add', name, kind: 'ipip', attrs, tunnel: tunnelAttrs(given, false) };
}
