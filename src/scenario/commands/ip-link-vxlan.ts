// The options after `ip link add NAME type vxlan` (iproute2 ip/iplink_vxlan.c vxlan_parse_opt):
// id, local, remote, dev, dstport, [no]learning. The others iproute2 knows are refused by name.
import type { VxlanAttrs } from '../../engine/config/ops';
import { Args, fail, readIfname, readIpv4, readUnsigned } from './args';
import type { Token } from './tokenize';

/** The kernel's port when `dstport` is omitted or 0 (iproute2 warns; the IANA 4789 must be asked for). */
export const VXLAN_DEFAULT_DSTPORT = 8472;

const VXLAN_N_VID = 1 << 24;

const UNSUPPORTED = new Set([
  'group', 'ttl', 'hoplimit', 'tos', 'dsfield', 'df', 'flowlabel', 'label', 'ageing', 'maxaddress', 'port', 'srcport',
  'proxy', 'noproxy', 'rsc', 'norsc', 'l2miss', 'nol2miss', 'l3miss', 'nol3miss', 'udpcsum', 'noudpcsum',
  'udp6zerocsumtx', 'noudp6zerocsumtx', 'udp6zerocsumrx', 'noudp6zerocsumrx', 'remcsumtx', 'noremcsumtx',
  'remcsumrx', 'noremcsumrx', 'external', 'noexternal', 'gbp', 'gpe', 'vnifilter', 'novnifilter', 'localbypass', 'nolocalbypass',
]);

export const VXLAN_EXPECTED = 'id VNI | local IP | remote IP | dev DEV | dstport PORT | learning | nolearning';

export function parseVxlanOptions(args: Args, typeToken: Token): VxlanAttrs {
  let vni: number | undefined;
  let local: number | undefined;
  let remote: number | undefined;
  let dev: string | undefined;
  let dstport = 0;
  let learning = true;
  while (!args.done) {
    const token = args.take()!;
    switch (token.value) {
      case 'id':
      case 'vni': {
        const value = args.need('a VNI');
        vni = readUnsigned(value, 'id');
        if (vni >= VXLAN_N_VID) fail(value, `argument "${value.value}" is wrong: invalid id (a VNI is 0 to ${VXLAN_N_VID - 1})`);
        break;
      }
      case 'local':
        local = readIpv4(args.need('an address'), 'the local VTEP address');
        break;
      case 'remote':
        remote = readIpv4(args.need('an address'), 'the remote VTEP address');
        break;
      case 'dev':
        dev = readIfname(args.need('a device name'));
        break;
      case 'dstport':
        dstport = readUnsigned(args.need('a port'), 'dstport', 65535);
        break;
      case 'learning':
        learning = true;
        break;
      case 'nolearning':
        learning = false;
        break;
      default:
        if (UNSUPPORTED.has(token.value)) {
          fail(token, `vxlan option \`${token.value}\` is not supported by podpath (multicast groups, flow-based and offload options are not modelled); expected ${VXLAN_EXPECTED}`);
        }
        fail(token, `vxlan: unknown command "${token.value}"; expected ${VXLAN_EXPECTED} (link options such as mtu go before \`type\`)`);
    }
  }
  if (vni === undefined) fail(typeToken, 'vxlan: missing virtual network identifier: expected `id VNI`');
  return {
    vni,
    ...(local !== undefined ? { local } : {}),
    ...(remote !== undefined ? { remote } : {}),
    ...(dev !== undefined ? { dev } : {}),
    dstport: dstport || VXLAN_DEFAULT_DSTPORT,
    learning,
  };
}
