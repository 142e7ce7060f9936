// vxlan_xmit / vxlan_xmit_one and vxlan_rcv (drivers/net/vxlan/vxlan_core.c; RFC 7348): the
// inner Ethernet frame's destination MAC picks FDB remotes, each copy is wrapped in
// IPv4/UDP/VXLAN from the local VTEP and sent through the namespace's own routing; the UDP
// socket of the receiving namespace unwraps it onto the vxlan device with the frame's VNI.
import { formatIpv4, type Ipv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { vxlanFdbLookup, vxlanSnoop } from '../kernel/dev/vxlanFdb';
import { ipRouteOutput } from '../kernel/fib/routeOutput';
import type { Netns } from '../kernel/netns';
import { IPPROTO_UDP, type Header, type Headers, type UdpHeader } from '../packet/headers';
import type { StateRef } from '../trace/refs';
import { atDev, type WalkContext } from './context';
import { ipLocalOut } from './ipOutput';
import { netifReceiveSkb } from './netifReceive';
import { vxlanFdbRef } from './refs';
import { routeOutputEvent } from './routeEvents';
import { cloneSkb, eth, ip, l4, scrub, type Skb } from './skb';
import { defaultTtl } from '../kernel/sysctl';

/** `ttl auto`: the route's hop limit, net.ipv4.ip_default_ttl. */
/** Outer IPv4 (20) + UDP (8) + VXLAN (8) in front of the inner frame. */
const VXLAN_OUTER = 36;

/** A frame sent on a vxlan device: FDB lookup, then one encapsulated copy per remote. */
export function vxlanXmit(ctx: WalkContext, dev: Device, skb: Skb): void {
  const vx = dev.vxlan!;
  const frame = eth(skb)!;
  const at = atDev(dev, 'out');
  const f = vxlanFdbLookup(vx, frame.dst);
  if (!f) {
    // (an ARP request dies here too: the packet waiting for it then fails with NEIGH_FAILED)
    ctx.drop(skb, at, 'NO_TX_TARGET', 'vxlan_xmit', { code: 'vxlan-no-fdb', dev: dev.name, mac: frame.dst });
    return;
  }
  const refs = f.remotes.map((r) => vxlanFdbRef(dev, f.mac, r));
  ctx.rec.emit(skb, at, 'vxlan_xmit', 'vxlan.fdb', { dev: dev.name, mac: frame.dst, remotes: f.remotes.map((r) => formatIpv4(r.dst)), default: f.mac !== frame.dst }, refs);
  // the kernel sends clones to the second and later remotes first, the frame itself last
  const order = [...f.remotes.keys()].slice(1).concat(0);
  for (const i of order) vxlanXmitOne(ctx, dev, i === 0 ? skb : cloneSkb(skb), f.remotes[i].dst, refs[i]);
}

/**
 * The flow hash of the inner frame picks the UDP source port (udp_flow_src_port), in
 * 32768–60999. Like the kernel's flow hash it is symmetric: both directions of a flow (and an
 * ARP request and its reply) get the same port. The value itself is podpath's, not Linux's.
 */
export function vxlanSourcePort(inner: Headers): number {
  const l3 = inner[1];
  const l4h = inner[2];
  const ends = (a: string, b: string) => [a, b].sort().join('~');
  let key: string;
  if (l3?.layer === 'ipv4') {
    const ports = l4h?.layer === 'tcp' || l4h?.layer === 'udp' ? [`${l3.src}:${l4h.sport}`, `${l3.dst}:${l4h.dport}`] : [`${l3.src}`, `${l3.dst}`];
    key = `${l3.protocol}|${ends(ports[0], ports[1])}`;
  } else if (l3?.layer === 'arp') {
    key = `arp|${ends(String(l3.senderIp), String(l3.targetIp))}`;
  } else {
    key = inner.map((h) => h.layer).join('|');
  }
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return 32768 + (h % (60999 - 32768));
}

function frameLength(inner: Headers): number {
  const l3 = inner[1];
  if (l3?.layer === 'ipv4') return 14 + l3.length;
  return 14 + 28; // ARP
}

function vxlanXmitOne(ctx: WalkContext, dev: Device, skb: Skb, remote: Ipv4, fdbRef: StateRef): void {
  const vx = dev.vxlan!;
  const at = atDev(dev, 'out');
  const rt = ipRouteOutput(dev.ns, { daddr: remote, saddr: vx.local, mark: skb.mark });
  const to = formatIpv4(remote);
  if (!rt.ok) {
    ctx.drop(skb, at, 'IP_OUTNOROUTES', 'vxlan_xmit_one', { code: 'vxlan-no-route', remote: to, errno: rt.errno });
    return;
  }
  if (rt.dev === dev) {
    ctx.drop(skb, at, 'IP_OUTNOROUTES', 'vxlan_xmit_one', { code: 'vxlan-circular', remote: to, dev: dev.name });
    return;
  }
  routeOutputEvent(ctx, dev.ns, skb, 'udp_tunnel_dst_lookup', rt, remote, { purpose: 'vxlan' });
  if (rt.type !== 'unicast') {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'vxlan_xmit_one', { code: 'vxlan-remote-type', remote: to, type: rt.type });
    return;
  }
  const inner = skb.headers;
  const len = frameLength(inner);
  const outer: Header[] = [
    { layer: 'ipv4', src: rt.saddr, dst: remote, ttl: defaultTtl(dev.ns.sysctl), protocol: IPPROTO_UDP, length: VXLAN_OUTER + len, df: false },
    { layer: 'udp', sport: vxlanSourcePort(inner), dport: vx.dstport, payload: 8 + len },
    { layer: 'vxlan', vni: vx.vni },
  ];
  // udp_tunnel_xmit_skb → iptunnel_xmit: skb_scrub_packet, then ip_local_out
  scrub(skb, false);
  skb.headers = [...outer, ...inner];
  ctx.rec.emit(skb, at, 'vxlan_xmit_one', 'vxlan.encap', { dev: dev.name, port: vx.dstport, vni: vx.vni, src: formatIpv4(rt.saddr), dst: to }, [fdbRef]);
  ipLocalOut(ctx, dev.ns, skb, rt.dev, rt.gateway ?? remote);
}

function vxlanDevices(ns: Netns, dport: number): Device[] {
  return ns.orderedDevices().filter((d) => d.vxlan && d.up && d.vxlan.dstport === dport);
}

/**
 * The vxlan device of `ns` whose UDP socket owns a locally delivered UDP datagram to `dport`,
 * if any (udp_rcv → the encap socket's vxlan_rcv). The socket exists while a device using the
 * port is up, bound to every address.
 */
export function vxlanSocketFor(ns: Netns, dport: number): Device | undefined {
  return vxlanDevices(ns, dport)[0];
}

/** A UDP datagram to a vxlan socket: VNI check, decapsulation, learning, receive on the vxlan device. */
export function vxlanRcv(ctx: WalkContext, sock: Device, skb: Skb, at: Device): void {
  const outer = ip(skb);
  const udp = l4(skb) as UdpHeader;
  const i = skb.headers.indexOf(udp);
  const vxh = skb.headers[i + 1];
  const where = atDev(at, 'in');
  if (vxh?.layer !== 'vxlan' || skb.headers[i + 2]?.layer !== 'eth') {
    ctx.drop(skb, where, 'VXLAN_INVALID_HDR', 'vxlan_rcv', { code: 'vxlan-bad-header', port: udp.dport });
    return;
  }
  const devs = vxlanDevices(sock.ns, udp.dport);
  const dev = devs.find((d) => d.vxlan!.vni === vxh.vni);
  if (!dev) {
    ctx.drop(skb, where, 'VXLAN_VNI_NOT_FOUND', 'vxlan_rcv', {
      code: 'vxlan-vni',
      vni: vxh.vni,
      from: formatIpv4(outer.src),
      port: udp.dport,
      devices: devs.map((d) => ({ dev: d.name, vni: d.vxlan!.vni })),
    });
    return;
  }
  // __iptunnel_pull_header: the outer headers go, and with them the skb's conntrack
  skb.headers = skb.headers.slice(i + 2);
  scrub(skb, false);
  const frame = eth(skb)!;
  ctx.rec.emit(skb, atDev(dev, 'in'), 'vxlan_rcv', 'vxlan.decap', { dev: dev.name, port: udp.dport, vni: vxh.vni, from: formatIpv4(outer.src) });
  if (frame.src === dev.mac) {
    ctx.drop(skb, atDev(dev, 'in'), 'LOCAL_MAC', 'vxlan_set_mac', { code: 'vxlan-own-mac', dev: dev.name });
    return;
  }
  if (dev.vxlan!.learning && !vxlanLearn(ctx, dev, skb, outer.src)) return;
  netifReceiveSkb(ctx, dev, skb);
}

/** vxlan_snoop: false when the frame must be dropped. */
function vxlanLearn(ctx: WalkContext, dev: Device, skb: Skb, from: Ipv4): boolean {
  const vx = dev.vxlan!;
  const src = eth(skb)!.src;
  const res = vxlanSnoop(vx, src, from);
  if (res.kind === 'learned' || res.kind === 'migrated') dev.ns.stateVersion++;
  const at = atDev(dev, 'in');
  const vtep = formatIpv4(from);
  const refs = () => [vxlanFdbRef(dev, src, vx.fdb.get(src)![0])];
  switch (res.kind) {
    case 'known':
      return true;
    case 'learned':
      ctx.rec.emit(skb, at, 'vxlan_snoop', 'vxlan.learn', { dev: dev.name, mac: src, vtep }, refs());
      return true;
    case 'migrated':
      ctx.rec.emit(skb, at, 'vxlan_snoop', 'vxlan.learn', { dev: dev.name, mac: src, vtep, movedFrom: formatIpv4(res.from!) }, refs());
      return true;
    case 'drop':
      if (res.reason === 'VXLAN_ENTRY_EXISTS') ctx.drop(skb, at, res.reason, 'vxlan_snoop', { code: 'vxlan-entry-exists', mac: src, from: vtep, owner: formatIpv4(res.owner!) });
      else ctx.drop(skb, at, res.reason, 'vxlan_snoop', { code: 'vxlan-bad-source', mac: src });
      return false;
  }
}
