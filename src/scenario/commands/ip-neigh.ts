// `ip neigh add | replace | del` (iproute2 ip/ipneigh.c, ipneigh_modify): static ARP entries,
// e.g. a pod's permanent entry for its 169.254.1.1 gateway.
import type { Ipv4 } from '../../engine/addr/ipv4';
import type { NudState, OpBody } from '../../engine/config/ops';
import { Args, fail, readIfname, readIpv4, readMac, resolveKeyword } from './args';
import { inContext, type CommandParser } from './parsed';

const NEIGH_VERBS = [
  ['add', 'neigh-add'],
  ['change', null],
  ['chg', null],
  ['replace', 'neigh-replace'],
  ['delete', 'neigh-del'],
  ['list', null],
  ['show', null],
  ['lst', null],
  ['get', null],
  ['flush', null],
] as const;

const NUD_STATES: readonly NudState[] = ['permanent', 'noarp', 'reachable', 'stale'];

function parseNeighChange(args: Args, op: 'neigh-add' | 'neigh-replace' | 'neigh-del'): OpBody {
  let ip: Ipv4 | undefined;
  let dev: string | undefined;
  let lladdr: string | undefined;
  let nud: NudState | undefined;
  while (!args.done) {
    const token = args.take()!;
    switch (token.value) {
      case 'lladdr':
        lladdr = readMac(args.need('a MAC address'));
        break;
      case 'nud': {
        const state = args.need('a nud state');
        nud = NUD_STATES.find((s) => s === state.value);
        if (!nud) fail(state, `nud state "${state.value}" is not supported; expected ${NUD_STATES.join(' | ')}`);
        break;
      }
      case 'dev':
        dev = readIfname(args.need('a device name'));
        break;
      case 'proxy':
      case 'router':
      case 'extern_learn':
      case 'protocol':
        fail(token, `\`${token.value}\` is not supported by podpath's \`ip neigh\``);
      default: {
        const addr = token.value === 'to' ? args.need('a neighbour address') : token;
        if (ip !== undefined) fail(addr, `unexpected "${addr.value}"; expected lladdr MAC | dev NAME | nud STATE`);
        ip = readIpv4(addr, 'a neighbour address');
      }
    }
  }
  if (ip === undefined) fail(args.lastPos(), 'expected the neighbour address (A.B.C.D)');
  if (dev === undefined) fail(args.lastPos(), 'Device (dev) is required argument');
  return { op, ip, dev, ...(lladdr !== undefined ? { lladdr } : {}), ...(nud !== undefined ? { nud } : {}) };
}

export const parseIpNeigh: CommandParser = (args, ctx) => {
  const verb = args.need('add | replace | del');
  const meaning = resolveKeyword(verb.value, NEIGH_VERBS)?.meaning;
  if (!meaning) fail(verb, `\`ip neigh ${verb.value}\` is not supported; expected add | replace | del`);
  return inContext(ctx, parseNeighChange(args, meaning));
};
