// vxlan_xmit / vxlan_xmit_one and vxlan_rcv (drivers/net/vxlan/vxlan_core.c; RFC 7348): the
// inner Ethernet frame's destination MAC picks FDB remotes, each copy is wrapped in
// IPv4/UDP/VXLAN from the local VTEP and sent through the namespace's own routing; the UDP
// socket of the receiving namespace unwraps it onto the vxlan device with the frame's VNI.
import { formatIpv4, type Ipv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { formatVxlanFdb, vxlanFdbLookup, vxlanSnoop } from '../kernel/dev/vxlanFdb';
import { ipRouteOutput } from '../kernel/fib/routeOutput';
import type { Netns } from '../kernel/netns';
import { IPPROTO_UDP, type Header, type Headers, type UdpHeader } from '../packet/headers';
import { t } from '../trace/recorder';
import { atDev, type WalkContext } from './context';
import { matchedOf } from './explain';
import { ipLocalOut } from './ipOutput';
import { netifReceiveSkb } from './netifReceive';
import { cloneSkb, eth, ip, l4, scrub, type Skb } from './skb';

/** `ttl auto`: the route's hop limit, net.ipv4.ip_default_ttl. */
const VXLAN_TTL = 64;
/** Outer IPv4 (20) + UDP (8) + VXLAN (8) in front of the inner frame. */
const VXLAN_OUTER = 36;

/** A frame sent on a vxlan device: FDB lookup, then one encapsulated copy per remote. */
export function vxlanXmit(ctx: WalkContext, dev: Device, skb: Skb): void {
  const vx = dev.vxlan!;
  const frame = eth(skb)!;
  const at = atDev(dev);
  const f = vxlanFdbLookup(vx, frame.dst);
  if (!f) {
    const why = t(
      `${dev.name}'s FDB has no entry for ${frame.dst} and no 00:00:00:00:00:00 default: nowhere to send the frame`,
      `${dev.name} 的 FDB 既没有 ${frame.dst} 的表项，也没有 00:00:00:00:00:00 默认表项：帧无处可发`);
    // (an ARP request dies here too: the packet waiting for it then fails with NEIGH_FAILED)
    ctx.drop(skb, at, 'NO_TX_TARGET', 'vxlan_xmit', why);
    return;
  }
  const lines = f.remotes.map((r) => formatVxlanFdb(dev, f.mac, r));
  const dsts = f.remotes.map((r) => formatIpv4(r.dst)).join(', ');
  ctx.rec.emit(skb, at, 'vxlan_xmit', 'fdb', f.mac === frame.dst
    ? t(`FDB: ${frame.dst} is behind the VTEP ${dsts}`, `FDB：${frame.dst} 位于 VTEP ${dsts} 之后`)
    : t(`FDB: no entry for ${frame.dst}; the all-zeros default entry sends a copy to ${dsts}`, `FDB：没有 ${frame.dst} 的表项；全 0 默认表项把副本发往 ${dsts}`), lines.join('\n'));
  // the kernel sends clones to the second and later remotes first, the frame itself last
  const order = [...f.remotes.keys()].slice(1).concat(0);
  for (const i of order) vxlanXmitOne(ctx, dev, i === 0 ? skb : cloneSkb(skb), f.remotes[i].dst, lines[i]);
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

function vxlanXmitOne(ctx: WalkContext, dev: Device, skb: Skb, remote: Ipv4, fdbLine: string): void {
  const vx = dev.vxlan!;
  const at = atDev(dev);
  const rt = ipRouteOutput(dev.ns, { daddr: remote, saddr: vx.local, mark: skb.mark });
  const to = formatIpv4(remote);
  if (!rt.ok || rt.dev === dev) {
    const why = !rt.ok ? `no route to the remote VTEP ${to} (${rt.errno})` : `the route to ${to} leads back into ${dev.name} (circular route)`;
    ctx.drop(skb, at, 'IP_OUTNOROUTES', 'vxlan_xmit_one', t(why, !rt.ok ? `没有到远端 VTEP ${to} 的路由（${rt.errno}）` : `去往 ${to} 的路由又回到了 ${dev.name}（环路）`));
    return;
  }
  ctx.rec.emit(skb, { ...at, dev: rt.dev.name }, 'udp_tunnel_dst_lookup', 'route', t(
    `outer route to ${to}: out ${rt.dev.name}, source ${formatIpv4(rt.saddr)}`,
    `外层路由去往 ${to}：从 ${rt.dev.name} 出去，源地址 ${formatIpv4(rt.saddr)}`), matchedOf(rt.fib));
  if (rt.type !== 'unicast') {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'vxlan_xmit_one', t(`the remote ${to} is ${rt.type}: vxlan's local bypass is not modelled`, `远端 ${to} 是 ${rt.type} 地址：未实现 vxlan 的本地旁路`));
    return;
  }
  const inner = skb.headers;
  const len = frameLength(inner);
  const outer: Header[] = [
    { layer: 'ipv4', src: rt.saddr, dst: remote, ttl: VXLAN_TTL, protocol: IPPROTO_UDP, length: VXLAN_OUTER + len, df: false },
    { layer: 'udp', sport: vxlanSourcePort(inner), dport: vx.dstport, payload: 8 + len },
    { layer: 'vxlan', vni: vx.vni },
  ];
  // udp_tunnel_xmit_skb → iptunnel_xmit: skb_scrub_packet, then ip_local_out
  scrub(skb, false);
  skb.headers = [...outer, ...inner];
  ctx.rec.emit(skb, at, 'vxlan_xmit_one', 'encap', t(
    `encapsulated in UDP ${vx.dstport}, VNI ${vx.vni}: outer IPv4 ${formatIpv4(rt.saddr)} > ${to} around the whole inner frame`,
    `封装进 UDP ${vx.dstport}，VNI ${vx.vni}：外层 IPv4 ${formatIpv4(rt.saddr)} > ${to} 包住整个内层帧`), fdbLine);
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
  const where = atDev(at);
  if (vxh?.layer !== 'vxlan' || skb.headers[i + 2]?.layer !== 'eth') {
    ctx.drop(skb, where, 'VXLAN_INVALID_HDR', 'vxlan_rcv', t(`a UDP datagram to port ${udp.dport} without a VXLAN header`, `发往端口 ${udp.dport} 的 UDP 数据报没有 VXLAN 头`));
    return;
  }
  const devs = vxlanDevices(sock.ns, udp.dport);
  const dev = devs.find((d) => d.vxlan!.vni === vxh.vni);
  if (!dev) {
    const have = devs.map((d) => `${d.name} (VNI ${d.vxlan!.vni})`).join(', ');
    ctx.drop(skb, where, 'VXLAN_VNI_NOT_FOUND', 'vxlan_rcv', t(
      `VNI ${vxh.vni} from ${formatIpv4(outer.src)}: no vxlan device here has it (port ${udp.dport}: ${have})`,
      `来自 ${formatIpv4(outer.src)} 的 VNI ${vxh.vni}：这里没有该 VNI 的 vxlan 设备（端口 ${udp.dport}：${have}）`));
    return;
  }
  // __iptunnel_pull_header: the outer headers go, and with them the skb's conntrack
  skb.headers = skb.headers.slice(i + 2);
  scrub(skb, false);
  const frame = eth(skb)!;
  const from = formatIpv4(outer.src);
  ctx.rec.emit(skb, atDev(dev), 'vxlan_rcv', 'decap', t(
    `UDP ${udp.dport} belongs to the vxlan socket: VNI ${vxh.vni} from ${from} is ${dev.name}'s; decapsulated, the inner frame arrives on ${dev.name}`,
    `UDP ${udp.dport} 属于 vxlan 套接字：来自 ${from} 的 VNI ${vxh.vni} 属于 ${dev.name}；解封装后内层帧到达 ${dev.name}`));
  if (frame.src === dev.mac) {
    ctx.drop(skb, atDev(dev), 'LOCAL_MAC', 'vxlan_set_mac', t(`the inner frame comes from ${dev.name}'s own MAC: a loop`, `内层帧的源 MAC 就是 ${dev.name} 自己的：环路`));
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
  const at = atDev(dev);
  const ip4 = formatIpv4(from);
  const line = () => formatVxlanFdb(dev, src, vx.fdb.get(src)![0]);
  switch (res.kind) {
    case 'known':
      return true;
    case 'learned':
      ctx.rec.emit(skb, at, 'vxlan_snoop', 'fdb', t(`learning: ${src} is behind the VTEP ${ip4}`, `学习：${src} 位于 VTEP ${ip4} 之后`), line());
      return true;
    case 'migrated':
      ctx.rec.emit(skb, at, 'vxlan_snoop', 'fdb', t(`learning: ${src} moved from ${formatIpv4(res.from!)} to ${ip4}`, `学习：${src} 从 ${formatIpv4(res.from!)} 迁到 ${ip4}`), line());
      return true;
    case 'drop':
      ctx.drop(skb, at, res.reason, 'vxlan_snoop', res.reason === 'VXLAN_ENTRY_EXISTS'
        ? t(`${src} came from ${ip4}, but a permanent FDB entry puts it behind ${formatIpv4(res.owner!)}: static entries do not move, the frame is dropped`,
          `${src} 来自 ${ip4}，但永久 FDB 表项把它放在 ${formatIpv4(res.owner!)} 之后：静态表项不会迁移，帧被丢弃`)
        : t(`the inner source MAC ${src} is not a unicast address`, `内层源 MAC ${src} 不是单播地址`));
      return false;
  }
}
