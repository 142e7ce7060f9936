// `ip route add | replace | append | del | flush` (iproute2 ip/iproute.c, iproute_modify):
// unicast routes with gateway, device, onlink, scope, preferred source, table, metric and
// protocol, and the typed routes (local, broadcast, blackhole, unreachable, prohibit).
import type { Ipv4, Prefix } from '../../engine/addr/ipv4';
import { TABLE_LOCAL, TABLE_MAIN, type OpBody, type RouteType, type Scope } from '../../engine/config/ops';
import { Args, fail, readIfname, readIpv4, readPrefix, readScope, readTable, readUnsigned, resolveKeyword } from './args';
import { inContext, type CommandParser } from './parsed';
import type { Token } from './tokenize';

type RouteVerb = 'route-add' | 'route-replace' | 'route-append' | 'route-del' | 'flush';

const ROUTE_VERBS: readonly (readonly [string, RouteVerb | null])[] = [
  ['add', 'route-add'],
  ['change', null],
  ['chg', null],
  ['replace', 'route-replace'],
  ['prepend', null],
  ['append', 'route-append'],
  ['test', null],
  ['delete', 'route-del'],
  ['list', null],
  ['show', null],
  ['lst', null],
  ['get', null],
  ['flush', 'flush'],
];

/** rtnl_rtntype_a2n: the names `ip route` takes as a route type. */
const ROUTE_TYPES: Record<string, RouteType | null> = {
  unicast: 'unicast',
  local: 'local',
  broadcast: 'broadcast',
  brd: 'broadcast',
  blackhole: 'blackhole',
  unreachable: 'unreachable',
  prohibit: 'prohibit',
  nat: null,
  anycast: null,
  multicast: null,
  xresolve: null,
  throw: null,
};

const OPTIONS_EXPECTED = 'via GW | dev NAME | onlink | scope SCOPE | src ADDR | table ID | metric N | proto P';

const UNSUPPORTED_ROUTE_OPTIONS = new Set([
  'as', 'from', 'tos', 'dsfield', 'expires', 'mtu', 'hoplimit', 'advmss', 'reordering', 'rtt', 'rttvar',
  'window', 'cwnd', 'initcwnd', 'initrwnd', 'features', 'quickack', 'congctl', 'rto_min', 'realms', 'realm',
  'nexthop', 'nhid', 'encap', 'vrf', 'pref', 'ttl-propagate', 'fastopen_no_cookie', 'pervasive',
]);

function parseRouteChange(args: Args, op: Exclude<RouteVerb, 'flush'>): OpBody {
  let type: RouteType | undefined;
  let dst: Prefix | undefined;
  let via: Ipv4 | undefined;
  let dev: string | undefined;
  let onlink = false;
  let scope: Scope | undefined;
  let src: Ipv4 | undefined;
  let table: number | undefined;
  let metric: number | undefined;
  let proto: string | undefined;

  while (!args.done) {
    const token = args.take()!;
    switch (token.value) {
      case 'via': {
        let gw = args.need('a gateway address');
        if (gw.value === 'inet') gw = args.need('a gateway address');
        via = readIpv4(gw, 'a gateway address');
        break;
      }
      case 'dev':
      case 'oif':
        dev = readIfname(args.need('a device name'));
        break;
      case 'onlink':
        onlink = true;
        break;
      case 'scope':
        scope = readScope(args.need('a scope'));
        break;
      case 'src':
        src = readIpv4(args.need('a source address'), 'a source address');
        break;
      case 'table':
        table = readTable(args.need('a table id'));
        break;
      case 'metric':
      case 'priority':
      case 'preference':
        metric = readUnsigned(args.need('a metric'), 'metric');
        break;
      case 'proto':
      case 'protocol': {
        const value = args.need('a protocol (boot | static | kernel | number)');
        if (!/^[A-Za-z0-9_-]+$/.test(value.value)) fail(value, `"protocol" value is invalid: "${value.value}"`);
        proto = value.value;
        break;
      }
      default:
        readDestination(token);
    }
  }

  function readDestination(token: Token): void {
    if (UNSUPPORTED_ROUTE_OPTIONS.has(token.value)) fail(token, `\`${token.value}\` is not supported by podpath's \`ip route\``);
    let word = token;
    if (word.value === 'to') word = args.need('a destination prefix');
    if (!/^\d/.test(word.value) && Object.hasOwn(ROUTE_TYPES, word.value)) {
      const routeType = ROUTE_TYPES[word.value];
      if (routeType === null) fail(word, `route type ${word.value} is not supported; expected unicast | local | broadcast | blackhole | unreachable | prohibit`);
      if (type !== undefined || dst !== undefined) fail(word, `the route type (${word.value}) goes before the destination`);
      type = routeType;
      word = args.need('a destination prefix');
    }
    if (dst !== undefined) fail(word, `either "to" is duplicate, or "${word.value}" is a garbage; expected ${OPTIONS_EXPECTED}`);
    dst = readPrefix(word, { strict: true, what: 'a destination prefix (A.B.C.D/N) or default' });
  }

  if (dst === undefined) fail(args.lastPos(), 'expected a destination prefix (A.B.C.D/N) or default');
  const routeType = type ?? 'unicast';
  // iproute2 puts local and broadcast routes into table local unless told otherwise.
  const defaultTable = routeType === 'local' || routeType === 'broadcast' ? TABLE_LOCAL : TABLE_MAIN;
  return {
    op,
    route: {
      type: routeType,
      dst,
      table: table ?? defaultTable,
      ...(via !== undefined ? { via } : {}),
      ...(dev !== undefined ? { dev } : {}),
      ...(onlink ? { onlink } : {}),
      ...(scope !== undefined ? { scope } : {}),
      ...(src !== undefined ? { src } : {}),
      ...(metric !== undefined ? { metric } : {}),
      ...(proto !== undefined ? { proto } : {}),
    },
  };
}

function parseRouteFlush(args: Args): OpBody {
  const selector = args.need('table ID');
  if (selector.value !== 'table') fail(selector, `\`ip route flush ${selector.value}\` is not supported; expected \`ip route flush table ID\``);
  const table = readTable(args.need('a table id'));
  args.end('nothing after the table id');
  return { op: 'route-flush', table };
}

export const parseIpRoute: CommandParser = (args, ctx) => {
  const verb = args.need('add | replace | append | del | flush');
  const meaning = resolveKeyword(verb.value, ROUTE_VERBS)?.meaning;
  if (!meaning) fail(verb, `\`ip route ${verb.value}\` is not supported; expected add | replace | append | del | flush`);
  return inContext(ctx, meaning === 'flush' ? parseRouteFlush(args) : parseRouteChange(args, meaning));
};
