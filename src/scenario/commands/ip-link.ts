// `ip link add | set | del` (iproute2 ip/iplink.c, ip/link_veth.c): create veth pairs,
// bridges, dummies, vxlan, ipip, macvlan and ipvlan devices (`link PARENT` names a macvlan's or
// ipvlan's parent); set state, master, namespace, MAC, MTU, name and promiscuity; delete.
import type { LinkAttrs, LinkTypeChange, OpBody } from '../../engine/config/ops';
import { Args, fail, readIfname, readMac, readNetnsName, readNewIfname, readOnOff, readUnsigned, resolveKeyword } from './args';
import { parseVxlanOptions } from './ip-link-vxlan';
import { parseIpvlanOptions } from './ip-link-ipvlan';
import { parseMacvlanOptions } from './ip-link-macvlan';
import { parseIpipLinkAdd } from './ip-tunnel';
import { inContext, type CommandParser } from './parsed';
import type { Token } from './tokenize';

const SET_EXPECTED = 'up | down | master BR | nomaster | netns NS | address MAC | mtu N | name NEW | promisc on|off | type macvlan|ipvlan|bridge_slave …';

/** Options iproute2 accepts that podpath does not model, so they are refused by name. */
const UNSUPPORTED_LINK_OPTIONS = new Set([
  'link', 'txqueuelen', 'txqlen', 'qlen', 'broadcast', 'brd', 'index', 'numtxqueues', 'numrxqueues',
  'group', 'alias', 'arp', 'multicast', 'allmulticast', 'dynamic', 'trailers', 'carrier', 'vf',
  'xdp', 'protodown', 'gso_max_size', 'gso_max_segs', 'gro_max_size', 'addrgenmode', 'state', 'link-netns', 'link-netnsid',
]);

const LINK_VERBS = [
  ['add', 'add'],
  ['set', 'set'],
  ['change', 'set'],
  ['replace', null],
  ['delete', 'del'],
  ['show', null],
  ['lst', null],
  ['list', null],
] as const;

function readMtu(args: Args): number {
  // any 32-bit value: the kernel, not iproute2, says which MTUs a device takes (apply/linkLimits.ts)
  return readUnsigned(args.need('an MTU'), 'mtu');
}

function refuseUnsupported(token: Token, command: string): void {
  if (UNSUPPORTED_LINK_OPTIONS.has(token.value)) fail(token, `\`${token.value}\` is not supported by podpath's \`${command}\``);
}

function parseVethPeer(args: Args, typeToken: Token): Extract<OpBody, { kind: 'veth' }>['peer'] {
  const peerWord = args.take();
  if (!peerWord || peerWord.value !== 'peer') {
    fail(peerWord ?? typeToken, 'a veth needs its other end named: `type veth peer name NAME [netns NS]`');
  }
  let name: string | undefined;
  let netns: string | undefined;
  let address: string | undefined;
  let mtu: number | undefined;
  while (!args.done) {
    const token = args.take()!;
    switch (token.value) {
      case 'name':
        name = readNewIfname(args.need('the peer device name'));
        break;
      case 'netns':
        netns = readNetnsName(args.need('a namespace name'));
        break;
      case 'address':
        address = readMac(args.need('a MAC address'));
        break;
      case 'mtu':
        mtu = readMtu(args);
        break;
      default:
        refuseUnsupported(token, 'ip link add … peer');
        if (name === undefined) name = readNewIfname(token);
        else fail(token, `unexpected "${token.value}"; expected name NAME | netns NS | address MAC | mtu N after \`peer\``);
    }
  }
  if (name === undefined) fail(peerWord, 'expected `name NAME` after `peer`');
  return { name, ...(netns !== undefined ? { netns } : {}), ...(address !== undefined ? { address } : {}), ...(mtu !== undefined ? { mtu } : {}) };
}

const KINDS = 'veth | bridge | dummy | vxlan | ipip | macvlan | ipvlan';

function parseLinkAdd(args: Args): OpBody {
  let name: string | undefined;
  let link: { token: Token; name: string } | undefined;
  const attrs: { -readonly [K in keyof LinkAttrs]: LinkAttrs[K] } = {};
  let typeToken: Token | undefined;
  while (!args.done) {
    const token = args.take()!;
    if (token.value === 'type') {
      typeToken = token;
      break;
    }
    switch (token.value) {
      case 'name':
      case 'dev':
        name = readNewIfname(args.need('a device name'));
        break;
      case 'address':
        attrs.address = readMac(args.need('a MAC address'));
        break;
      case 'mtu':
        attrs.mtu = readMtu(args);
        break;
      case 'master':
        attrs.master = readIfname(args.need('a bridge name'));
        break;
      case 'up':
        attrs.up = true;
        break;
      case 'link':
        link = { token, name: readIfname(args.need('the parent device')) };
        break;
      default:
        refuseUnsupported(token, 'ip link add');
        if (name === undefined) name = readNewIfname(token);
        else fail(token, `unexpected "${token.value}"; expected address MAC | mtu N | master BR | up | type KIND`);
    }
  }
  if (!typeToken) fail(args.lastPos(), `expected \`type ${KINDS}\``);
  if (name === undefined) fail(typeToken, 'expected a device name before `type`');
  const kind = args.need(`a link type (${KINDS})`);
  if (link && kind.value !== 'macvlan' && kind.value !== 'ipvlan') {
    fail(link.token, `\`link\` is not supported by podpath's \`ip link add … type ${kind.value}\`; it names the parent of a macvlan or ipvlan device`);
  }
  const parent = (): string => {
    // without IFLA_LINK, macvlan_common_newlink and ipvlan_link_new answer EINVAL
    if (!link) fail(kind, `a ${kind.value} device needs its parent: \`ip link add link DEV name NAME type ${kind.value} …\` (without it Linux answers "Invalid argument")`);
    return link.name;
  };
  switch (kind.value) {
    case 'veth':
      return { op: 'link-add', name, kind: 'veth', attrs, peer: parseVethPeer(args, kind) };
    case 'bridge':
    case 'dummy':
      args.end(`nothing after \`type ${kind.value}\` (bridge options are not supported)`);
      return { op: 'link-add', name, kind: kind.value, attrs };
    case 'vxlan':
      return { op: 'link-add', name, kind: 'vxlan', attrs, vxlan: parseVxlanOptions(args, kind) };
    case 'ipip':
      return parseIpipLinkAdd(args, name, attrs);
    case 'macvlan':
      // macvlan_common_newlink: no mode is vepa
      return { op: 'link-add', name, kind: 'macvlan', attrs, link: parent(), mode: parseMacvlanOptions(args) ?? 'vepa' };
    case 'ipvlan':
      return { op: 'link-add', name, kind: 'ipvlan', attrs, link: parent(), ...parseIpvlanOptions(args) };
    case 'vlan':
    case 'gre':
    case 'vrf':
    case 'bond':
      fail(kind, `link type ${kind.value} is not supported yet; this version creates ${KINDS.replace(/ \| /g, ', ')} devices`);
    default:
      fail(kind, `unknown link type "${kind.value}"; expected ${KINDS}`);
  }
}

function parseLinkSet(args: Args): OpBody {
  let dev: string | undefined;
  let devToken: Token | undefined;
  const set: {
    up?: boolean;
    master?: string | null;
    toNetns?: string;
    address?: string;
    mtu?: number;
    name?: string;
    promisc?: boolean;
    type?: LinkTypeChange;
  } = {};
  while (!args.done) {
    const token = args.take()!;
    switch (token.value) {
      case 'dev':
        devToken = args.need('a device name');
        dev = readIfname(devToken);
        break;
      case 'up':
        set.up = true;
        break;
      case 'down':
        set.up = false;
        break;
      case 'master':
        set.master = readIfname(args.need('a bridge name'));
        break;
      case 'nomaster':
        set.master = null;
        break;
      case 'netns':
        set.toNetns = readNetnsName(args.need('a namespace name'));
        break;
      case 'address':
        set.address = readMac(args.need('a MAC address'));
        break;
      case 'mtu':
        set.mtu = readMtu(args);
        break;
      case 'name':
        set.name = readNewIfname(args.need('the new device name'));
        break;
      case 'type':
        // everything after `type` belongs to the kind's own options
        set.type = parseTypeChange(args);
        break;
      case 'promisc': {
        const onOff = args.need('on | off');
        if (onOff.value !== 'on' && onOff.value !== 'off') fail(onOff, `expected on | off after \`promisc\`, got "${onOff.value}"`);
        set.promisc = onOff.value === 'on';
        break;
      }
      default:
        refuseUnsupported(token, 'ip link set');
        if (dev === undefined) {
          devToken = token;
          dev = readIfname(token);
        } else {
          fail(token, `unexpected "${token.value}"; expected ${SET_EXPECTED}`);
        }
    }
  }
  if (dev === undefined) fail(args.lastPos(), 'expected a device name');
  if (Object.keys(set).length === 0) fail(devToken!, `nothing to set on ${dev}: expected ${SET_EXPECTED}`);
  return { op: 'link-set', dev, ...set };
}

/** iplink_bridge_slave.c's other port settings, refused by name: podpath models hairpin. */
const UNSUPPORTED_BRIDGE_SLAVE_OPTIONS = new Set([
  'fdb_flush', 'state', 'priority', 'cost', 'guard', 'fastleave', 'root_block', 'learning', 'flood', 'proxy_arp', 'proxy_arp_wifi',
  'mcast_router', 'mcast_fast_leave', 'bcast_flood', 'mcast_flood', 'mcast_to_unicast', 'group_fwd_mask', 'neigh_suppress',
  'neigh_vlan_suppress', 'vlan_tunnel', 'isolated', 'backup_port', 'nobackup_port', 'locked', 'mab', 'backup_nhid', 'mcast_max_groups',
]);

/** `type bridge_slave [hairpin on|off]`: the port's settings (iproute2 ip/iplink_bridge_slave.c). */
function parseBridgeSlaveOptions(args: Args): LinkTypeChange {
  let hairpin: boolean | undefined;
  while (!args.done) {
    const token = args.take()!;
    if (token.value === 'hairpin') {
      hairpin = readOnOff(args, 'hairpin');
      continue;
    }
    if (UNSUPPORTED_BRIDGE_SLAVE_OPTIONS.has(token.value)) fail(token, `\`${token.value}\` is not supported by podpath's \`type bridge_slave\`; it sets hairpin on | off`);
    fail(token, `unexpected "${token.value}"; expected hairpin on | off`);
  }
  return { kind: 'bridge_slave', ...(hairpin !== undefined ? { hairpin } : {}) };
}

/** `type macvlan [mode M]` / `type ipvlan [mode M] [FLAG]` / `type bridge_slave …` at the end of `ip link set`. */
function parseTypeChange(args: Args): LinkTypeChange {
  const kind = args.need('a link type (macvlan | ipvlan | bridge_slave)');
  switch (kind.value) {
    case 'macvlan': {
      const mode = parseMacvlanOptions(args);
      return { kind: 'macvlan', ...(mode !== undefined ? { mode } : {}) };
    }
    case 'ipvlan':
      return args.done ? { kind: 'ipvlan' } : { kind: 'ipvlan', ...parseIpvlanOptions(args) };
    case 'bridge_slave':
      return parseBridgeSlaveOptions(args);
    default:
      fail(kind, `\`ip link set … type ${kind.value}\` is not supported by podpath; it changes macvlan and ipvlan devices and bridge ports (type macvlan mode M, type ipvlan mode M FLAG, type bridge_slave hairpin on|off)`);
  }
}

function parseLinkDel(args: Args): OpBody {
  let token = args.need('a device name');
  if (token.value === 'dev') token = args.need('a device name');
  const dev = readIfname(token);
  args.end('nothing after the device name');
  return { op: 'link-del', dev };
}

export const parseIpLink: CommandParser = (args, ctx) => {
  const verb = args.need('add | set | del');
  const resolved = resolveKeyword(verb.value, LINK_VERBS);
  switch (resolved?.meaning) {
    case 'add':
      return inContext(ctx, parseLinkAdd(args));
    case 'set':
      return inContext(ctx, parseLinkSet(args));
    case 'del':
      return inContext(ctx, parseLinkDel(args));
    default:
      fail(verb, `\`ip link ${verb.value}\` is not supported; expected add | set | del | delete`);
  }
};
