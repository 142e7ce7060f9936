// `ip addr add | del | flush` (iproute2 ip/ipaddress.c): interface addresses, whose prefix
// route and local route the kernel derives (the engine does that part).
import { broadcastOf, formatIpv4, parseIpv4 } from '../../engine/addr/ipv4';
import type { OpBody, Scope } from '../../engine/config/ops';
import type { Position } from '../errors';
import { Args, fail, readIfname, readInterfaceAddress, readScope, resolveKeyword } from './args';
import { inContext, type CommandParser } from './parsed';

const ADDR_VERBS = [
  ['add', 'add'],
  ['change', null],
  ['chg', null],
  ['replace', null],
  ['delete', 'del'],
  ['list', null],
  ['show', null],
  ['lst', null],
  ['flush', 'flush'],
] as const;

const UNSUPPORTED_ADDR_OPTIONS = new Set([
  'peer', 'remote', 'anycast', 'label', 'metric', 'priority', 'preference', 'valid_lft', 'preferred_lft',
  'home', 'nodad', 'mngtmpaddr', 'noprefixroute', 'autojoin', 'optimistic',
]);

function parseAddrChange(args: Args, op: 'addr-add' | 'addr-del'): OpBody {
  let address: { addr: number; len: number } | undefined;
  let dev: string | undefined;
  let scope: Scope | undefined;
  let broadcast: { value: string; pos: Position } | undefined;
  while (!args.done) {
    const token = args.take()!;
    switch (token.value) {
      case 'dev':
        dev = readIfname(args.need('a device name'));
        break;
      case 'scope':
        scope = readScope(args.need('a scope'));
        break;
      case 'brd':
      case 'broadcast': {
        const value = args.need('+ or a broadcast address');
        broadcast = { value: value.value, pos: value.pos };
        break;
      }
      default:
        if (UNSUPPORTED_ADDR_OPTIONS.has(token.value)) fail(token, `\`${token.value}\` is not supported by podpath's \`ip addr\``);
        if (address) fail(token, `unexpected "${token.value}"; expected dev NAME | brd + | scope SCOPE`);
        address = readInterfaceAddress(token.value === 'local' ? args.need('an address') : token);
    }
  }
  if (!address) fail(args.lastPos(), 'expected an address (A.B.C.D/N)');
  if (dev === undefined) fail(args.lastPos(), 'Not enough information: "dev" argument is required');
  if (broadcast && broadcast.value !== '+') {
    const given = parseIpv4(broadcast.value);
    const computed = broadcastOf(address.addr, address.len);
    if (given !== computed) {
      fail(broadcast.pos, `podpath derives the broadcast address (${formatIpv4(computed)}); write \`brd +\` or leave it out, got "${broadcast.value}"`);
    }
  }
  return { op, dev, addr: address.addr, len: address.len, ...(scope !== undefined ? { scope } : {}) };
}

function parseAddrFlush(args: Args): OpBody {
  let token = args.need('dev NAME');
  if (token.value === 'dev') token = args.need('a device name');
  const dev = readIfname(token);
  args.end('nothing after the device name');
  return { op: 'addr-flush', dev };
}

export const parseIpAddr: CommandParser = (args, ctx) => {
  const verb = args.need('add | del | flush');
  switch (resolveKeyword(verb.value, ADDR_VERBS)?.meaning) {
    case 'add':
      return inContext(ctx, parseAddrChange(args, 'addr-add'));
    case 'del':
      return inContext(ctx, parseAddrChange(args, 'addr-del'));
    case 'flush':
      return inContext(ctx, parseAddrFlush(args));
    default:
      fail(verb, `\`ip addr ${verb.value}\` is not supported; expected add | del | flush`);
  }
};
