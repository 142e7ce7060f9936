// `bridge fdb add | append | del` (iproute2 bridge/fdb.c, fdb_modify): forwarding-database
// entries of a bridge port or a vxlan device (`dst` is the remote VTEP); `bridge link set dev
// PORT hairpin on|off` (bridge/link.c, brlink_modify): a bridge port's hairpin flag.
import type { Ipv4 } from '../../engine/addr/ipv4';
import type { Mac } from '../../engine/addr/mac';
import type { OpBody } from '../../engine/config/ops';
import { Args, CommandError, fail, readIfname, readIpv4, readMac, readNetnsName, readOnOff, resolveKeyword } from './args';
import type { CommandParser } from './parsed';

const BRIDGE_OBJECTS = [
  ['link', 'link'],
  ['fdb', 'fdb'],
  ['mdb', null],
  ['vlan', null],
  ['vni', null],
  ['monitor', null],
] as const;

const FDB_VERBS = [
  ['add', 'fdb-add'],
  ['append', 'fdb-append'],
  ['replace', null],
  ['delete', 'fdb-del'],
  ['show', null],
  ['lst', null],
  ['list', null],
  ['get', null],
  ['flush', null],
] as const;

const LINK_VERBS = [
  ['set', 'set'],
  ['change', 'set'],
  ['show', null],
  ['lst', null],
  ['list', null],
] as const;

const UNSUPPORTED_FDB_OPTIONS = new Set([
  'nhid', 'port', 'vni', 'src_vni', 'via', 'router', 'local', 'temp', 'static', 'dynamic', 'vlan', 'use', 'extern_learn', 'sticky',
]);

function parseFdbChange(args: Args, op: 'fdb-add' | 'fdb-append' | 'fdb-del'): OpBody {
  let mac: Mac | undefined;
  let dev: string | undefined;
  let dst: Ipv4 | undefined;
  let self = false;
  let master = false;
  let permanent = false;
  while (!args.done) {
    const token = args.take()!;
    switch (token.value) {
      case 'dev':
        dev = readIfname(args.need('a device name'));
        break;
      case 'dst':
        dst = readIpv4(args.need('a remote address'), 'a remote VTEP address');
        break;
      case 'self':
        self = true;
        break;
      case 'master':
        master = true;
        break;
      case 'permanent':
        permanent = true;
        break;
      default: {
        if (UNSUPPORTED_FDB_OPTIONS.has(token.value)) fail(token, `\`${token.value}\` is not supported by podpath's \`bridge fdb\``);
        const addr = token.value === 'to' ? args.need('a MAC address') : token;
        if (mac !== undefined) fail(addr, `unexpected "${addr.value}"; expected dev NAME | dst IP | self | master | permanent`);
        mac = readMac(addr);
      }
    }
  }
  if (mac === undefined || dev === undefined) fail(args.lastPos(), 'Device and address are required arguments: bridge fdb add MAC dev NAME');
  return {
    op,
    mac,
    dev,
    ...(dst !== undefined ? { dst } : {}),
    ...(master ? { master } : {}),
    ...(self ? { self } : {}),
    ...(permanent ? { permanent } : {}),
  };
}

/** brlink_modify's other port settings, refused by name: podpath models the hairpin flag. */
const UNSUPPORTED_LINK_OPTIONS = new Set([
  'guard', 'fastleave', 'root_block', 'learning', 'learning_sync', 'flood', 'mcast_flood', 'bcast_flood', 'mcast_to_unicast',
  'neigh_suppress', 'neigh_vlan_suppress', 'vlan_tunnel', 'isolated', 'locked', 'mab', 'backup_port', 'nobackup_port',
  'backup_nhid', 'cost', 'priority', 'state', 'hwmode', 'self', 'master', 'mcast_router', 'mcast_max_groups',
]);

function parseLinkSet(args: Args): OpBody {
  let dev: string | undefined;
  let hairpin: boolean | undefined;
  const start = args.lastPos();
  while (!args.done) {
    const token = args.take()!;
    switch (token.value) {
      case 'dev':
        dev = readIfname(args.need('a device name'));
        break;
      case 'hairpin':
        hairpin = readOnOff(args, 'hairpin');
        break;
      default:
        if (UNSUPPORTED_LINK_OPTIONS.has(token.value)) fail(token, `\`${token.value}\` is not supported by podpath's \`bridge link set\`; it sets hairpin on | off`);
        fail(token, `unexpected "${token.value}"; expected dev NAME | hairpin on|off`);
    }
  }
  if (dev === undefined) fail(start, 'Device is a required argument.');
  if (hairpin === undefined) fail(start, `nothing to set on ${dev}: expected hairpin on | off`);
  return { op: 'brlink-set', dev, hairpin };
}

export const parseBridge: CommandParser = (args, ctx) => {
  args.take(); // `bridge`
  let netns = ctx.netns;
  let word = args.need('fdb');
  while (word.value.startsWith('-')) {
    const option = word.value.startsWith('--') ? word.value.slice(1) : word.value;
    if (option.length >= 2 && '-netns'.startsWith(option)) netns = readNetnsName(args.need('a namespace name'));
    else fail(word, `bridge option \`${word.value}\` is not supported; podpath understands -n NS`);
    word = args.need('fdb');
  }
  const object = resolveKeyword(word.value, BRIDGE_OBJECTS);
  if (object?.meaning === 'link') {
    const verb = args.need('set');
    if (resolveKeyword(verb.value, LINK_VERBS)?.meaning !== 'set') fail(verb, `\`bridge link ${verb.value}\` is not supported; expected set`);
    return [{ body: parseLinkSet(args), netns }];
  }
  if (object?.meaning !== 'fdb') {
    throw new CommandError(word.pos, 'unknown-command', `\`bridge ${object?.keyword ?? word.value}\` is not supported; podpath understands bridge fdb add | append | del and bridge link set`);
  }
  const verb = args.need('add | append | del');
  const op = resolveKeyword(verb.value, FDB_VERBS)?.meaning;
  if (!op) fail(verb, `\`bridge fdb ${verb.value}\` is not supported; expected add | append | del`);
  return [{ body: parseFdbChange(args, op), netns }];
};
