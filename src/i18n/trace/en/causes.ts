// English for what killed a packet (the drop event's cause).
import type { RouteDecision } from '../../../engine/trace/causes';
import type { CauseWords } from '../types';
import { martianText } from './why';

/** `the blackhole route "blackhole 10.0.0.0/8"`, `the ip rule "1000: from all to 10.0.0.0/8 prohibit"` */
function decisionText(d: RouteDecision): string {
  return d.by === 'route' ? `the ${d.type} route "${d.line}"` : `the ip rule "${d.line}" (${d.type})`;
}

export const causes: CauseWords = {
  'hop-limit': (c) => `the packet crossed more than ${c.limit} devices, more than any real path: podpath stops following it (a layer-2 loop)`,
  'l2-loop': (c) => `this copy came back to ${c.kind === 'bridge' ? 'the bridge' : 'the switch'} ${c.name}, which had already forwarded the same frame: a layer-2 loop. Without STP the kernel floods it round the loop for ever (a broadcast storm) and the bridges' MAC tables flap; podpath stops this copy and follows the first ones`,
  'sender-too-big': (c) => `${c.length} bytes do not fit ${c.dev}'s MTU ${c.mtu} and the sender forbids fragmenting: nothing is sent`,
  'sender-no-route': (c) => (c.decided ? `the sender's lookup for ${c.dst} ends on ${decisionText(c.decided)}: connect() fails` : `the sender has no route to ${c.dst}: connect() fails`),
  'reply-no-route': (c) => (c.decided ? `the lookup back to ${c.dst} ends on ${decisionText(c.decided)}: the ${c.packet} is never sent` : `no route back to ${c.dst}: the ${c.packet} is never sent`),
  otherhost: (c) => `frame for ${c.dst}, not ${c.dev}'s MAC ${c.mac}: dropped`,
  martian: (c) => `martian ${c.what}: ${martianText(c.why)}`,
  'no-route': (c) => {
    if (!c.forwarding) return 'the packet is not for this machine and forwarding is off: dropped';
    const what = c.decided ? `${decisionText(c.decided)} matched` : c.icmp !== undefined ? 'no route' : c.errno === 'EINVAL' ? 'a blackhole route' : `no usable route (${c.errno})`;
    if (c.icmp !== undefined) return `${what}: dropped, ICMP destination unreachable (code ${c.icmp}) goes back to the sender`;
    return c.errno === 'EINVAL' ? `${what}: dropped, and the sender is told nothing` : `${what}: dropped`;
  },
  'nf-jump-depth': () => 'chain jumps nest too deep: the packet is dropped',
  'nf-policy': (c) => `no rule accepted it and ${c.chain}'s policy is DROP`,
  'nf-rule': (c) => (c.rule ? `rule ${c.index} of ${c.table} ${c.chain} dropped it: ${c.rule}` : `dropped by ${c.table} ${c.chain}`),
  'nf-reject': (c) => (c.rule ? `rule ${c.index} of ${c.table} ${c.chain} rejected it (${c.with}): ${c.rule}` : `rejected (${c.with})`),
  'nat-redirect': (c) => `NAT drops an ICMP redirect at ${c.hook} about a connection ${c.natted ? 'it translates' : 'whose NAT is not settled yet'}: redirected hosts would talk past the translation`,
  'reroute-no-route': (c) => `no route to the rewritten destination ${c.dst}`,
  'dev-down': (c) => `${c.dev} is down: nothing can be sent`,
  'peer-down': (c) => `the peer of ${c.dev} is down: no carrier`,
  'neigh-failed': (c) => `no ARP reply for ${c.nexthop}: neighbour FAILED, the queued packet is dropped`,
  'frag-needed': (c) =>
    c.underlay
      ? `${c.length} bytes with DF set do not fit the tunnel path (${c.underlay.dev}'s MTU ${c.underlay.mtu} minus the outer 20 bytes = ${c.mtu}): ICMP fragmentation needed (mtu ${c.mtu}) goes back, the packet is freed`
      : `${c.length} bytes with DF set do not fit ${c.dev}'s MTU ${c.mtu}: dropped, ICMP fragmentation needed (mtu ${c.mtu}) goes back to the sender`,
  'bridge-down': (c) => `bridge ${c.bridge} is down: port ${c.port} does not forward`,
  'bridge-same-port': (c) => `${c.mac} lives behind ${c.port}, the port the frame came in on: bridge ${c.bridge} never sends a frame back out of its input port unless that port is in hairpin mode (\`bridge link set dev ${c.port} hairpin on\`)`,
  'no-carrier': (c) => `${c.dev} has no carrier because its parent ${c.lower} is down or has none: its queue drops the frame`,
  'macvlan-down': (c) => `${c.lower}'s passthru macvlan ${c.dev} is down: the frame is freed`,
  'ipvlan-private': (c) => `the ipvlan port is private: ${c.addr} belongs to ${c.owner} on the same master, and private ipvlans never talk to each other (consumed)`,
  'ipvlan-l3-group': (c) => `${c.dev} is an l3 ipvlan: group frames are not sent`,
  'ipvlan-no-route': (c) => `${c.dev}'s master's namespace has no ${c.type ? `unicast route (only a ${c.type} one)` : `route (${c.errno})`} to ${c.dst}: the packet is freed`,
  'vxlan-no-fdb': (c) => `${c.dev}'s FDB has no entry for ${c.mac} and no 00:00:00:00:00:00 default: nowhere to send the frame`,
  'vxlan-no-route': (c) => `no route to the remote VTEP ${c.remote} (${c.errno})`,
  'vxlan-circular': (c) => `the route to ${c.remote} leads back into ${c.dev} (circular route)`,
  'vxlan-remote-type': (c) => `the remote ${c.remote} is ${c.type}: vxlan's local bypass is not modelled`,
  'vxlan-bad-header': (c) => `a UDP datagram to port ${c.port} without a VXLAN header`,
  'vxlan-vni': (c) => `VNI ${c.vni} from ${c.from}: no vxlan device here has it (port ${c.port}: ${c.devices.map((d) => `${d.dev} (VNI ${d.vni})`).join(', ')})`,
  'vxlan-own-mac': (c) => `the inner frame comes from ${c.dev}'s own MAC: a loop`,
  'vxlan-entry-exists': (c) => `${c.mac} came from ${c.from}, but a permanent FDB entry puts it behind ${c.owner}: static entries do not move, the frame is dropped`,
  'vxlan-bad-source': (c) => `the inner source MAC ${c.mac} is not a unicast address`,
  'ipip-no-route': (c) => `no route for the outer packet to ${c.dst}: ${c.dev} counts a carrier error and frees the packet`,
  'ipip-loop': (c) => `the outer packet to ${c.dst} would go back into ${c.dev} itself: the kernel counts a collision and frees it`,
  'ipip-not-loaded': (c) => `no handler for IP protocol 4 (the ipip module is not loaded): ICMP protocol unreachable goes back to ${c.from}`,
  'ipip-no-tunnel': (c) => `no ipip tunnel that is up matches ${c.src} > ${c.dst} (and tunl0 is down): ICMP port unreachable goes back`,
  'ipip-error': (c) => {
    const what = c.tunnel === undefined
      ? 'no tunnel of this namespace sent it'
      : c.nbma
        ? `${c.tunnel} is one-to-many and ignores it`
        : `${c.tunnel} only counts it, to report "link failure" on its next packets`;
    return `ICMP error about an IP-in-IP packet to ${c.dst}: ${what}; the sender of the inner packet hears nothing`;
  },
  'ipvs-no-dest': (c) => `IPVS ${c.service} has no real server`,
  'ipvs-no-route': (c) => `no route to the real server ${c.dst}`,
  'reset-request': (c) => `a reset for ${c.local}:${c.lport} ⇄ ${c.remote}:${c.rport}, still half-open (SYN_RECV): the connection request is dropped, and the reset with it`,
  'no-socket': (c) => `no socket for ${c.proto.toUpperCase()} ${c.dst}:${c.dport} from ${c.src}:${c.sport}`,
  'no-socket-icmp': (c) => `ICMP type ${c.type} from ${c.src} matches no socket here`,
  'vpc-no-route': (c) => `the VPC has no route to ${c.dst}: dropped`,
  'vpc-security-group': (c) => `security group ${c.dir} on ${c.eni}: dropped`,
  'vpc-source-dest': (c) => (c.which === 'source' ? `${c.eni} may only send from its own addresses: dropped` : `${c.eni} may only receive packets for its own addresses: dropped`),
  'vpc-eni-down': (c) => `${c.eni}'s interface is down: the packet is lost`,
  'ttl-exceeded': (c) => `TTL ${c.ttl} cannot be decremented and forwarded: ICMP time exceeded goes back to the sender`,
  'no-protocol': (c) => `no handler for IP protocol ${c.protocol} here: ICMP protocol unreachable goes back`,
  'unhandled-proto': (c) => `nothing on ${c.dev} handles ethertype 0x${c.ethertype.toString(16).padStart(4, '0')}`,
  'ipvlan-l3-proto': (c) => `${c.dev} is an l3 ipvlan: ethertype 0x${c.ethertype.toString(16).padStart(4, '0')} is neither IPv4 nor IPv6, freed`,
  vanished: () => 'no stage dropped the packet and nothing took it: it is lost',
};
