// English for every trace event code.
import { formatHeaders } from '../../../engine/packet/format';
import type { SgWhy, VpcRouteWhy } from '../../../engine/trace/causes';
import type { NatParams } from '../../../engine/trace/events';
import { placeText, sameNamespace } from '../common';
import type { EventWords } from '../types';
import { causes } from './causes';
import { checkText, ctInvalidText, martianText } from './why';

const quotedText = (q: NatParams['quoted']) =>
  q ? `; the quoted packet: ${q.field} ${q.from}${q.fromPort !== undefined ? `:${q.fromPort}` : ''} → ${q.to}${q.toPort !== undefined ? `:${q.toPort}` : ''}` : '';
const via = (gateway: string | undefined) => (gateway !== undefined ? ` via ${gateway}` : '');
function sgText(why: SgWhy, eni: string, dir: 'ingress' | 'egress'): string {
  const side = dir === 'ingress' ? 'into' : 'out of';
  switch (why.code) {
    case 'no-groups':
      return `ENI ${eni} has no security group: not filtered`;
    case 'tracked':
      return `a connection security group ${why.group} allowed earlier (${why.flow}): it passes ${side} ${eni}`;
    case 'related':
      return `an ICMP error about a connection security group ${why.group} tracks (${why.flow}): it passes`;
    case 'allowed':
      return why.stateful
        ? `security group ${why.group} allows it ${side} ${eni}, and tracks the connection so its replies pass`
        : `security group ${why.group} (stateless) allows it ${side} ${eni}`;
    case 'denied': {
      const what = why.port !== undefined ? `${why.proto} port ${why.port}` : why.proto;
      return `no ${dir} rule of ${why.groups.join(', ')} on ${eni} allows ${what} ${dir === 'ingress' ? 'from' : 'to'} ${why.peer}, and it belongs to no tracked connection`;
    }
  }
}

function vpcRouteText(why: VpcRouteWhy, dst: string): string {
  switch (why.code) {
    case 'eni':
      return `${dst} belongs to ENI ${why.eni}: deliver it there`;
    case 'route':
      return `the VPC route table sends ${dst} to ENI ${why.eni}`;
    case 'local-unheld':
      return `${dst} is inside the VPC (${why.cidr}), but no ENI holds it`;
    case 'none':
      return `no ENI holds ${dst} and no route of the VPC covers it`;
    case 'blackhole':
      return `the route for ${dst} points at ${why.via}, which is not attached to this VPC (blackhole)`;
  }
}

export const events: EventWords = {
  'route.output': ({ params: p }) => {
    if (p.purpose === 'ipip') {
      const why = p.tunnelDst === 'remote'
        ? `the tunnel's remote ${p.dst}`
        : p.tunnelDst === 'gateway'
          ? `one-to-many tunnel: the gateway ${p.dst} of the route that chose ${p.tunnel}`
          : `one-to-many tunnel and a route without gateway: the inner destination ${p.dst} itself`;
      return p.result === 'error' ? `outer destination: ${why}; no route to it (${p.errno})` : `outer destination: ${why}; routed${via(p.gateway)} dev ${p.dev}, source ${p.src}`;
    }
    if (p.result === 'error') return `no route to ${p.dst} (${p.errno})`;
    if (p.purpose === 'vxlan') return `outer route to ${p.dst}: out ${p.dev}, source ${p.src}`;
    if (p.purpose === 'ipvs') return `to the real server${via(p.gateway)} dev ${p.dev}, through OUTPUT`;
    if (p.purpose === 'ipvlan') return `the ipvlan's packet is routed in its master's namespace: to ${p.dst}${via(p.gateway)} dev ${p.dev}, then OUTPUT and POSTROUTING there`;
    if (p.result === 'local') return `${p.dst} is local: loop back`;
    return `to ${p.dst}${via(p.gateway)} dev ${p.dev}, source ${p.src}`;
  },
  'route.reroute': ({ params: p }) => `OUTPUT changed the ${p.changed === 'dst' ? 'destination' : 'mark'}: routed again, now${via(p.gateway)} dev ${p.dev}`,
  'route.input': ({ params: p }) => {
    switch (p.result) {
      case 'local':
        return `${p.dst} is a local address: deliver here`;
      case 'broadcast':
        return `${p.dst} is a broadcast: deliver here`;
      case 'forward':
        return `${p.dst} is not local: forward${via(p.gateway)} out ${p.dev}`;
      case 'martian':
        return `route lookup for ${p.dst}`;
      case 'error':
        return p.forwarding ? `no usable route to ${p.dst} (${p.errno})` : `${p.dst} is not local and forwarding is off on ${p.inDev}`;
    }
  },
  'route.validate': ({ params: p }) => {
    const mark = p.mark
      ? p.mark.used
        ? ` (looked up with the packet's mark 0x${p.mark.value.toString(16)}: src_valid_mark=1)`
        : ` (looked up without the packet's mark 0x${p.mark.value.toString(16)}: src_valid_mark=0)`
      : '';
    return `rp_filter=${p.rpFilter}: ${checkText(p.check, p.rpFilter)}${mark}`;
  },
  'ip.forward': ({ params: p }) => `forwarding from ${p.inDev} to ${p.outDev}, next hop ${p.nexthop}; TTL ${p.ttl} → ${p.newTtl}`,
  'ip.redirect': ({ params: p }) => p.limited
    ? `the packet leaves by ${p.dev}, the device it came in on, but ${p.to} was sent a redirect moments ago: no other one yet (ip_rt_send_redirect's rate limit); the packet is forwarded`
    : `the packet leaves by ${p.dev}, the device it came in on, and its source ${p.to} is on that link: ICMP redirect to ${p.to} — reach ${p.dst} via ${p.gateway} directly; the packet is forwarded all the same (send_redirects=0 turns this off)`,
  'ip.fragment': ({ params: p }) => `${p.length} bytes exceed ${p.dev}'s MTU ${p.mtu}: sent as ${p.count} fragments, reassembled by the receiver (podpath follows them as one packet)`,

  'neigh.output': ({ params: p }) => `next hop ${p.nexthop} is at ${p.lladdr} (${p.state.toLowerCase()})`,
  'neigh.noarp': ({ params: p }) => `${p.dev} has no link layer (NOARP): no ARP, no Ethernet header`,
  'neigh.solicit': ({ params: p }) => `next hop ${p.nexthop} unknown on ${p.dev}: queue the packet and ask with ARP`,
  'neigh.resolved': ({ params: p }) => `resolved ${p.nexthop} → ${p.lladdr}: send the queued packet`,
  'neigh.update': ({ params: p }) => `${p.addr} is at ${p.lladdr}: neighbour entry ${p.state}`,
  'arp.request': ({ params: p }) => `who has ${p.target}? ARP request broadcast on ${p.dev} from ${p.sender}`,
  'arp.otherhost': () => 'ARP frame for another host: ignored',
  'arp.noarp': ({ params: p }) => `${p.dev} does not do ARP (NOARP): the ARP frame is consumed unanswered`,
  'arp.local': ({ params: p }) => `${p.target} is mine: reply, and remember ${p.sender} at ${p.senderMac}`,
  'arp.ignore': ({ params: p }) => `${p.target} is local but arp_ignore keeps ${p.dev} silent`,
  'arp.proxy': ({ params: p }) => `proxy_arp on ${p.dev}: ${p.target} is routed out ${p.outDev}, so answer with my own MAC`,
  'arp.martian': ({ params: p }) => `the request's sender ${p.sender} fails source validation (${martianText(p.why)}): no reply`,
  'arp.decline': ({ params: p }) => {
    const proxy = p.proxy === 'no-route'
      ? ' (proxy_arp is on, but there is no usable route to it)'
      : p.proxy === 'same-dev'
        ? ` (proxy_arp is on, but the route to it leaves by ${p.dev} itself)`
        : p.proxy === 'no-forwarding'
          ? ' (proxy_arp is on, but forwarding is off)'
          : '';
    return `${p.target} is not mine${proxy}: no reply`;
  },
  'arp.unsolicited': () => 'unsolicited ARP reply: ignored (arp_accept=0)',
  'arp.reply': ({ params: p }) => `ARP reply: ${p.target} is at ${p.lladdr}`,

  'dev.xmit': ({ params: p }) => `sent on ${p.dev} to network ${p.network}`,
  'veth.xmit': ({ params: p, at }) => {
    const sameNs = p.peer.machine === at.machine && p.peer.netns === at.netns;
    const mark = p.markCleared !== undefined ? `; its mark 0x${p.markCleared.toString(16)} stays behind (a mark does not cross namespaces)` : '';
    return `sent on ${p.dev}; the veth pair hands it to ${sameNs ? p.peer.dev : placeText(p.peer)}${mark}`;
  },
  'br.xmit': ({ params: p, packet }) => `sent on bridge ${p.bridge}: ${formatHeaders(packet)}`,
  'lo.xmit': () => 'looped back to this namespace',
  'dummy.xmit': ({ params: p }) => `${p.dev} is a dummy device: the packet is discarded`,
  'ipip.xmit': ({ params: p, packet }) => `sent on ${p.dev}: ${formatHeaders(packet)}`,
  'dev.recv': ({ params: p, packet }) => `received on ${p.dev}: ${formatHeaders(packet)}`,
  'br.nf.xmit': ({ params: p }) => `sent out ${p.bridge} once its neighbour was resolved, and handed straight back to the bridge to be forwarded (bridged DNAT, br_nf_pre_routing_finish_bridge_slow); tcpdump on ${p.bridge} sees it, its counters do not move`,
  'dev.forward': ({ params: p }) => `handed into ${p.dev}'s receive path by a device of this host (dev_forward_skb): tcpdump on ${p.dev} sees it, its counters do not move`,

  'macvlan.xmit': ({ params: p, at }) => {
    const lower = sameNamespace(p.lower, at) ? p.lower.dev : placeText(p.lower);
    if (p.to === 'sibling') return `bridge mode: the destination is ${placeText(p.sibling!)}, a bridge-mode macvlan of ${lower}: handed to it directly, without leaving the host`;
    if (p.to === 'flood') {
      const sibs = (p.siblings ?? []).map(placeText).join(', ');
      return `bridge mode: a group frame, copied to ${sibs ? `the bridge-mode siblings ${sibs}` : 'no sibling (none in bridge mode)'} and sent out ${lower}`;
    }
    if (p.sibling) {
      const why = p.mode !== 'bridge' ? `${p.mode} mode never talks to a sibling directly` : `${placeText(p.sibling)} is in ${p.siblingMode} mode, which takes no frames from siblings`;
      return `the destination is ${placeText(p.sibling)} on the same parent, but ${why}: out ${lower} to the wire (only a hairpinning switch could bring it back)`;
    }
    return p.mode === 'vepa' ? `vepa mode: every frame leaves by ${lower} to the wire` : `${p.mode} mode: out ${lower} to the wire`;
  },
  'macvlan.rx': ({ params: p }) => p.passthru
    ? `${p.lower} has a passthru macvlan: it takes every unicast frame, here for ${p.mac}: handed to ${placeText(p.dev)}`
    : `${p.mac} is the MAC of the macvlan ${placeText(p.dev)}: ${p.lower} hands it the frame (its own stack never sees it)`,
  'macvlan.pass': ({ params: p }) => `no macvlan of ${p.lower} has ${p.mac}: the frame is ${p.lower}'s own`,
  'macvlan.broadcast': ({ params: p }) => {
    const to = p.to.map(placeText).join(', ') || 'no macvlan';
    if (p.source === 'own') return `a group frame sent by ${to} came back: only it gets a copy`;
    if (p.source === 'hairpin') return `a group frame that one of ${p.lower}'s macvlans sent came back from the wire: copied to ${to}; ${p.lower} takes it too`;
    return `group frame ${p.mac} from the wire: a copy to each macvlan (${to}), and ${p.lower}'s own stack takes it too`;
  },
  'ipvlan.xmit': ({ params: p, at }) => {
    const lower = sameNamespace(p.lower, at) ? p.lower.dev : placeText(p.lower);
    const mode = `ipvlan ${p.mode}${p.flag !== 'bridge' ? ` ${p.flag}` : ''}`;
    switch (p.to) {
      case 'slave':
        return `${mode}: ${p.addr} belongs to ${placeText(p.slave!)} on the same master: handed to it directly, without leaving the host`;
      case 'master':
        return `${mode}: the frame is for the port's own MAC and no ipvlan holds ${p.addr}: ${lower}'s own stack takes it`;
      case 'flood':
        return `${mode}: a group frame, copied to ${(p.slaves ?? []).map(placeText).join(', ') || 'no other ipvlan'} and sent out ${lower}`;
      case 'lower':
        return `${mode}: ${p.flag === 'vepa' ? 'vepa: every frame' : 'the frame is for another MAC'}: out ${lower} to the wire`;
      case 'route':
        return `${mode}: ${p.flag === 'vepa' ? 'vepa: no shortcut to a sibling' : `no ipvlan holds ${p.addr}`}: the packet leaves the ipvlan's namespace and is routed by ${lower}'s`;
    }
  },
  'ipvlan.rx': ({ params: p }) => `ipvlan ${p.mode}: ${p.addr} belongs to ${placeText(p.dev)}: ${p.lower} hands it the packet (its own stack never sees it)`,
  'ipvlan.pass': ({ params: p }) => p.mode === 'l3s'
    ? `ipvlan l3s: ${p.lower}'s own stack takes every packet (PREROUTING runs here)`
    : `ipvlan ${p.mode}: no ipvlan of ${p.lower} holds ${p.addr ?? 'the destination'}: ${p.lower}'s own stack takes it`,
  'ipvlan.flood': ({ params: p }) => `a group frame from the wire: copied to every ipvlan of ${p.lower} (${p.to.map(placeText).join(', ') || 'none open'}); ${p.lower} takes it too`,
  'ipvlan.l3s': ({ params: p }) => `ipvlan l3s: ${p.addr} belongs to ${placeText(p.dev)}: routed in its namespace as arriving on it; INPUT still runs in ${p.lower}'s namespace`,
  'ipvlan.l3s-input': ({ params: p }) => `ipvlan l3s, after INPUT: the packet now belongs to ${p.dev}`,

  'br.fdb.learn': ({ params: p }) => `bridge ${p.bridge} learns ${p.mac} behind port ${p.port}`,
  'br.forward': ({ params: p }) => p.hairpin
    ? `FDB: ${p.mac} is behind port ${p.port}, the port the frame came in on; ${p.port} is in hairpin mode, so it goes back out there`
    : `FDB: ${p.mac} is behind port ${p.port}`,
  'br.forward.inport': ({ params: p }) => `${p.mac} lives behind the port the frame came from, and ${p.port} is not in hairpin mode: not forwarded`,
  'br.flood': ({ params: p }) => `${p.broadcast ? 'broadcast' : `${p.mac} is unknown`}: flooded to ${p.ports.join(', ') || 'no other port'}`,
  'br.nf': ({ params: p }) => `IPv4 frame entering bridge port ${p.port}: bridge-nf-call-iptables=1 runs the iptables PREROUTING hook here (physdev in ${p.port})`,
  'br.nf.dnat': ({ params: p }) => p.to === 'bridge'
    ? `the destination became ${p.dst}, reached through ${p.bridge} itself: bridged DNAT — the frame is bridged to its MAC, not routed (no TTL decrement)`
    : `the destination became ${p.dst}: the frame goes to ${p.bridge}'s IP stack to be routed`,

  'nf.rule': ({ params: p }) => {
    const t = p.target;
    const target = !t ? '' : t.chain !== undefined ? `: ${t.kind} to ${t.chain}` : `: ${t.kind}`;
    return `rule ${p.index} of ${p.chain} matched${target}`;
  },
  'nf.policy': ({ params: p }) => `the end of ${p.chain}: its policy ${p.policy} decides`,
  'ct.new': () => 'conntrack: a new connection (NEW)',
  'ct.known': ({ params: p }) => `conntrack: ${p.state}, ${p.dir} direction of a known connection${p.tcp ? ` (TCP ${p.tcp})` : ''}`,
  'ct.invalid': ({ params: p }) => `conntrack: INVALID — ${ctInvalidText(p.why)}`,
  'ct.confirm': () => 'conntrack entry confirmed: the connection is now tracked',
  'ct.attach': ({ params: p }) => `conntrack: the answer takes the connection of the packet it answers — RELATED, ${p.dir} direction (conntrack skips it; NAT treats it as that connection's)`,
  'nat.dnat': ({ params: p }) => `DNAT: ${p.field} ${p.from} → ${p.to}${p.toPort !== undefined ? `:${p.toPort}` : ''}${quotedText(p.quoted)}`,
  'nat.snat': ({ params: p }) => `SNAT: ${p.field} ${p.from} → ${p.to}${p.toPort !== undefined ? `:${p.toPort}` : ''}${quotedText(p.quoted)}`,
  'nat.undo': ({ params: p }) => `reply: undo the ${p.undone} — ${p.field} ${p.from} → ${p.to}${quotedText(p.quoted)}`,

  'ipvs.schedule': ({ params: p }) => `IPVS ${p.scheduler}: real server ${p.index} of ${p.count}, ${p.dest}:${p.port}`,
  'ipvs.dnat': ({ params: p }) => `IPVS masquerade: destination ${p.from}:${p.fromPort} → ${p.to}:${p.toPort}`,
  'ipvs.reply': ({ params: p }) => `IPVS reply: source ${p.from}:${p.fromPort} → ${p.to}:${p.toPort}`,

  'vxlan.fdb': ({ params: p }) => p.default
    ? `FDB: no entry for ${p.mac}; the all-zeros default entry sends a copy to ${p.remotes.join(', ')}`
    : `FDB: ${p.mac} is behind the VTEP ${p.remotes.join(', ')}`,
  'vxlan.encap': ({ params: p }) => `encapsulated in UDP ${p.port}, VNI ${p.vni}: outer IPv4 ${p.src} > ${p.dst} around the whole inner frame`,
  'vxlan.decap': ({ params: p }) => `UDP ${p.port} belongs to the vxlan socket: VNI ${p.vni} from ${p.from} is ${p.dev}'s; decapsulated, the inner frame arrives on ${p.dev}`,
  'vxlan.learn': ({ params: p }) => (p.movedFrom !== undefined ? `learning: ${p.mac} moved from ${p.movedFrom} to ${p.vtep}` : `learning: ${p.mac} is behind the VTEP ${p.vtep}`),
  'ipip.encap': ({ params: p }) => `IP-in-IP: outer IPv4 ${p.src} > ${p.dst} protocol 4, ttl ${p.ttl}${p.inherited ? ' (inherited)' : ''}${p.df ? ', DF' : ''} around ${p.innerSrc} > ${p.innerDst}`,
  'ipip.decap': ({ params: p, packet }) => `${p.dev} takes the packet from ${p.from}: outer header removed, ${formatHeaders(packet)}`,

  'sock.deliver': ({ params: p }) => `delivered to the connected socket ${p.local}:${p.lport} ⇄ ${p.remote}:${p.rport}`,
  'sock.listen': ({ params: p }) => `delivered to the ${p.proto.toUpperCase()} listener on port ${p.port} (${p.command})`,
  'icmp.echo': () => 'echo request answered by the kernel',
  'icmp.redirect': ({ params: p }) => {
    const head = `redirect from ${p.from}: reach ${p.dst} via ${p.gateway}`;
    if (p.result === 'applied') return `${head} — accepted: a route exception (\`ip route get ${p.dst}\` shows \`cache <redirected>\`), later packets to ${p.dst} go straight to ${p.gateway}`;
    if (p.result === 'resolving') return `${head} — acceptable, but ${p.gateway}'s MAC is not known yet: ARP asks for it and the route stays as it is until a later redirect finds it known`;
    switch (p.why) {
      case 'no-socket': return `${head} — ignored: no socket here sent the packet it quotes`;
      case 'socket-busy': return `${head} — ignored: it comes back while the call that sent the segment (connect, send) still holds the TCP socket, and tcp_v4_err leaves a busy socket's route alone`;
      case 'request-socket': return `${head} — ignored: the SYN-ACK it quotes belongs to a connection not yet accepted, and tcp_req_err takes no redirect`;
      case 'other-gateway': return `${head} — ignored: the route to ${p.dst} does not go via ${p.from}${p.via ? ` (it uses ${p.via})` : ` (${p.dst} is on-link)`}`;
      case 'not-accepted': return p.forwarding
        ? `${head} — ignored: this device forwards, and a forwarding device takes redirects only with accept_redirects on in both conf/all and its own conf (ip_forward=1 turned conf/all off)`
        : `${head} — ignored: accept_redirects is off (conf/all and the device)`;
      case 'bad-gateway': return `${head} — ignored: ${p.gateway} is not another host's unicast address`;
      case 'not-onlink': return `${head} — ignored: shared_media is off and ${p.gateway} is not on the same subnet as ${p.from}`;
      case 'not-default': return `${head} — ignored: secure_redirects accepts only a default gateway, and ${p.gateway} is none`;
      default: return `${head} — ignored`;
    }
  },
  'icmp.deliver': ({ params: p }) => (p.type === 0 ? 'echo reply delivered to ping' : `ICMP error (type ${p.type} code ${p.code}) reported to the sending socket`),
  'icmp.unmatched': ({ params: p }) => `ICMP error (type ${p.type} code ${p.code}) about ${p.quoted ? `${p.quoted.proto.toUpperCase()} ${p.quoted.src}${p.quoted.proto === 'icmp' ? '' : `:${p.quoted.sport}`} → ${p.quoted.dst}${p.quoted.proto === 'icmp' ? '' : `:${p.quoted.dport}`}` : 'a packet'}: no socket here sent that, so no application hears of it`,
  'tcp.reset': ({ params: p }) => `the kernel answers with a TCP reset to ${p.dst}:${p.dport}`,
  'icmp.send': ({ params: p }) => `the kernel sends an ICMP error (type ${p.type} code ${p.code}) to ${p.dst}`,

  'switch.forward': ({ params: p }) => `switch ${p.network}: ${p.mac} is on ${p.to.machine}:${p.to.dev}`,
  'switch.flood': ({ params: p }) =>
    `switch ${p.network}: ${p.broadcast ? 'broadcast' : `${p.mac} not learned yet`}, flooded to ${p.to.map((n) => `${n.machine}:${n.dev}`).join(', ') || 'nobody'}`,
  'vpc.unsupported': () => 'neither IPv4 nor ARP: the VPC does not carry it',
  'vpc.security-group': ({ params: p }) => sgText(p.why, p.eni, p.dir),
  'vpc.source-dest-check': ({ params: p }) => {
    if (p.result === 'off') return `source/dest check is off on ${p.eni}: ${p.which} ${p.addr} is not checked`;
    if (p.result === 'own') return `source/dest check on ${p.eni}: ${p.which} ${p.addr} is its own${p.prefix ? ` (${p.prefix})` : ''}`;
    return `source/dest check on ${p.eni}: ${p.which} ${p.addr} is not one of its addresses`;
  },
  'vpc.route': ({ params: p }) => vpcRouteText(p.why, p.dst),
  'vpc.deliver': ({ params: p }) => `the VPC delivers it to ENI ${p.eni} (${p.mac})`,
  'vpc.arp': ({ params: p }) => {
    if (p.result === 'ignored') return `the VPC answers ARP itself: the reply from ${p.from} is ignored`;
    if (p.result === 'unanswered') return `the VPC: no ENI holds ${p.target} and no route covers it, nobody answers`;
    const who = p.who === 'eni' ? `ENI ${p.eni}'s address` : p.who === 'router' ? 'the VPC router' : `routed to ENI ${p.eni}`;
    return `the VPC answers for ${p.target} itself: ${who}, MAC ${p.mac}`;
  },
  'vpc.arp-reply': ({ params: p }) => `ARP reply to ${p.eni}: ${p.target} is at ${p.mac}`,

  drop: ({ params: p }) => (p.cause ? (causes[p.cause.code] as (c: typeof p.cause) => string)(p.cause) : `dropped: ${p.reason}`),
};
