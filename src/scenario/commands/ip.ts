// The `ip` command (iproute2 ip/ip.c): global options (`-n NS`, `-4`), the object words with
// iproute2's abbreviations (`ip a`, `ip r`, `ip ru`, `ip n`, `ip l`), and `ip netns add | exec`.
import { Args, CommandError, fail, readNetnsName, resolveKeyword } from './args';
import { parseIpAddr } from './ip-addr';
import { parseIpLink } from './ip-link';
import { parseIpNeigh } from './ip-neigh';
import { parseIpRoute } from './ip-route';
import { parseIpRule } from './ip-rule';
import { parseIpTunnel } from './ip-tunnel';
import type { CommandParser, ParsedOp } from './parsed';
import type { CommandContext } from './shell';

type IpObject = 'addr' | 'route' | 'rule' | 'neigh' | 'link' | 'tunnel' | 'netns';

/** ip.c's command table, in the order iproute2 resolves abbreviations. */
const IP_OBJECTS: readonly (readonly [string, IpObject | null])[] = [
  ['address', 'addr'],
  ['addrlabel', null],
  ['maddress', null],
  ['route', 'route'],
  ['rule', 'rule'],
  ['neighbor', 'neigh'],
  ['neighbour', 'neigh'],
  ['ntable', null],
  ['ntbl', null],
  ['link', 'link'],
  ['l2tp', null],
  ['fou', null],
  ['ila', null],
  ['macsec', null],
  ['tunnel', 'tunnel'],
  ['tunl', 'tunnel'],
  ['tuntap', null],
  ['tap', null],
  ['token', null],
  ['tcpmetrics', null],
  ['tcp_metrics', null],
  ['monitor', null],
  ['xfrm', null],
  ['mroute', null],
  ['mrule', null],
  ['netns', 'netns'],
  ['netconf', null],
  ['vrf', null],
  ['sr', null],
  ['nexthop', null],
  ['mptcp', null],
  ['ioam', null],
  ['stats', null],
];

const NETNS_VERBS = [
  ['list', null],
  ['show', null],
  ['lst', null],
  ['list-id', null],
  ['add', 'add'],
  ['attach', null],
  ['set', null],
  ['delete', null],
  ['identify', null],
  ['pids', null],
  ['exec', 'exec'],
  ['monitor', null],
] as const;

const SUPPORTED = 'ip link | addr | route | rule | neigh | tunnel | netns';

function parseIpNetns(args: Args, ctx: CommandContext, dispatch: CommandParser): ParsedOp[] {
  const verb = args.need('add | exec');
  switch (resolveKeyword(verb.value, NETNS_VERBS)?.meaning) {
    case 'add': {
      const name = readNetnsName(args.need('a namespace name'));
      args.end('nothing after the namespace name');
      // Named namespaces belong to the machine, whichever namespace runs the command.
      return [{ body: { op: 'netns-add', name }, netns: '' }];
    }
    case 'exec': {
      const netns = readNetnsName(args.need('a namespace name'));
      if (args.done) fail(args.lastPos(), `expected a command to run in ${netns}`);
      return dispatch(args, { ...ctx, netns, insideExec: true });
    }
    default:
      fail(verb, `\`ip netns ${verb.value}\` is not supported; expected add | exec`);
  }
}

export function parseIp(args: Args, ctx: CommandContext, dispatch: CommandParser): ParsedOp[] {
  args.take(); // `ip`
  let netns = ctx.netns;
  let word = args.need(`an object (${SUPPORTED.slice(3)})`);
  while (word.value.startsWith('-')) {
    const option = word.value.startsWith('--') ? word.value.slice(1) : word.value;
    if (option.length >= 2 && '-netns'.startsWith(option)) netns = readNetnsName(args.need('a namespace name'));
    else if (option !== '-4') fail(word, `ip option \`${word.value}\` is not supported; podpath understands -n NS and -4`);
    word = args.need(`an object (${SUPPORTED.slice(3)})`);
  }
  const inner: CommandContext = { ...ctx, netns };
  const resolved = resolveKeyword(word.value, IP_OBJECTS);
  switch (resolved?.meaning) {
    case 'addr':
      return parseIpAddr(args, inner);
    case 'route':
      return parseIpRoute(args, inner);
    case 'rule':
      return parseIpRule(args, inner);
    case 'neigh':
      return parseIpNeigh(args, inner);
    case 'link':
      return parseIpLink(args, inner);
    case 'tunnel':
      return parseIpTunnel(args, inner);
    case 'netns':
      return parseIpNetns(args, inner, dispatch);
    default: {
      const what = resolved ? `\`ip ${resolved.keyword}\` is not supported yet` : `"${word.value}" is not an ip object`;
      throw new CommandError(word.pos, 'unknown-command', `${what}; podpath understands ${SUPPORTED}`);
    }
  }
}
