// ipvlan devices (drivers/net/ipvlan/ipvlan_core.c). Every ipvlan of a master shares its MAC;
// the port's mode decides how a packet finds its device. ipvlan_queue_xmit: in l2, a frame to
// the shared MAC goes to the ipvlan that holds its destination address (ipvlan_rcv_frame), or to
// the master's own stack (dev_forward_skb) when none does; group frames go to every other
// ipvlan and out the master (ipvlan_process_multicast); the rest leaves by the master. In l3 and
// l3s, a packet for another ipvlan's address goes straight to it, anything else is routed in the
// master's namespace (ipvlan_process_v4_outbound → ip_local_out: its OUTPUT and POSTROUTING).
// ipvlan_handle_frame, the master's rx_handler, gives a packet to the ipvlan that holds its
// destination (l2 unicast, l3), copies l2 group frames to every ipvlan, and leaves the rest —
// and, in l3s, everything — to the master's stack (ipvlanL3s.ts takes it from there).
import { formatIpv4, type Ipv4 } from '../addr/ipv4';
import { BROADCAST_MAC, isMulticastMac, type Mac } from '../addr/mac';
import type { Device, IpvlanPort } from '../kernel/dev/device';
import { ipvlanAddrLookup, ipvlanMulticastTargets } from '../kernel/dev/ipvlan';
import { ipRouteOutput } from '../kernel/fib/routeOutput';
import { ETH_P_IP, type ArpHeader } from '../packet/headers';
import type { EventParams } from '../trace/events';
import { atDev, placeOf, type RxHandlerResult, type WalkContext } from './context';
import { devQueueXmit } from './devXmit';
import { ipLocalOut } from './ipOutput';
import { devForwardSkb, netifReceiveSkb } from './netifReceive';
import { routeOutputEvent } from './routeEvents';
import { cloneSkb, eth, ip, popEth, scrub, type Skb } from './skb';

const isGroup = (mac: Mac) => mac === BROADCAST_MAC || isMulticastMac(mac);

/** ipvlan_get_L3_hdr + ipvlan_addr_lookup's address: IPv4 destination (or source), ARP target (or sender). */
function l3Addr(skb: Skb, useDest: boolean): Ipv4 | undefined {
  const l3 = skb.headers[1];
  if (l3?.layer === 'ipv4') return useDest ? l3.dst : l3.src;
  if (l3?.layer === 'arp') return useDest ? (l3 as ArpHeader).targetIp : (l3 as ArpHeader).senderIp;
  return undefined;
}

type XmitBase = Pick<EventParams['ipvlan.xmit'], 'dev' | 'lower' | 'mode' | 'flag'>;

/** ipvlan_queue_xmit: a frame sent on ipvlan `dev`. */
export function ipvlanQueueXmit(ctx: WalkContext, dev: Device, skb: Skb): void {
  const lower = dev.ipvlan!.lower;
  const port = lower.ipvlanPort!;
  const base: XmitBase = { dev: dev.name, lower: placeOf(lower), mode: port.mode, flag: port.flag };
  if (port.mode === 'l2') ipvlanXmitModeL2(ctx, dev, lower, port, skb, base);
  else ipvlanXmitModeL3(ctx, dev, lower, port, skb, base);
}

function ipvlanXmitModeL2(ctx: WalkContext, dev: Device, lower: Device, port: IpvlanPort, skb: Skb, base: XmitBase): void {
  const frame = eth(skb)!;
  const at = atDev(dev, 'out');
  if (port.flag !== 'vepa' && frame.dst === frame.src) {
    const addr = l3Addr(skb, true);
    const owner = addr !== undefined ? ipvlanAddrLookup(port, addr) : undefined;
    if (owner) return ipvlanRcvLocal(ctx, dev, port, owner, addr!, skb, base, 'ipvlan_xmit_mode_l2');
    ctx.rec.emit(skb, at, 'ipvlan_xmit_mode_l2', 'ipvlan.xmit', { ...base, to: 'master', ...(addr !== undefined ? { addr: formatIpv4(addr) } : {}) });
    // "the dest is local": dev_forward_skb to the master, whose rx_handler lets its stack have it
    scrub(skb, lower.ns !== dev.ns);
    devForwardSkb(ctx, lower, skb);
    return;
  }
  if (isGroup(frame.dst)) {
    const slaves = ipvlanMulticastTargets(port, dev);
    ctx.rec.emit(skb, at, 'ipvlan_xmit_mode_l2', 'ipvlan.xmit', { ...base, to: 'flood', slaves: slaves.map(placeOf) });
    // ipvlan_process_multicast (tx): a copy forwarded into every other ipvlan, then out the master
    scrub(skb, true);
    for (const s of slaves) netifReceiveSkb(ctx, s, cloneSkb(skb), 'broadcast');
    devQueueXmit(ctx, lower, skb);
    return;
  }
  ctx.rec.emit(skb, at, 'ipvlan_xmit_mode_l2', 'ipvlan.xmit', { ...base, to: 'lower' });
  devQueueXmit(ctx, lower, skb);
}

function ipvlanXmitModeL3(ctx: WalkContext, dev: Device, lower: Device, port: IpvlanPort, skb: Skb, base: XmitBase): void {
  const at = atDev(dev, 'out');
  const addr = l3Addr(skb, true);
  const owner = port.flag !== 'vepa' && addr !== undefined ? ipvlanAddrLookup(port, addr) : undefined;
  if (owner) return ipvlanRcvLocal(ctx, dev, port, owner, addr!, skb, base, 'ipvlan_xmit_mode_l3');
  ctx.rec.emit(skb, at, 'ipvlan_xmit_mode_l3', 'ipvlan.xmit', { ...base, to: 'route', ...(addr !== undefined ? { addr: formatIpv4(addr) } : {}) });
  // ipvlan_skb_crossing_ns into the master's namespace, then ipvlan_process_outbound
  scrub(skb, lower.ns !== dev.ns);
  const frame = eth(skb)!;
  if (isGroup(frame.dst)) {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'ipvlan_process_outbound', { code: 'ipvlan-l3-group', dev: dev.name });
    return;
  }
  if (frame.type !== ETH_P_IP) {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'ipvlan_process_outbound', { code: 'ipvlan-l3-proto', dev: dev.name, ethertype: frame.type });
    return;
  }
  popEth(skb);
  const iph = ip(skb);
  const ns = lower.ns;
  const rt = ipRouteOutput(ns, { daddr: iph.dst, saddr: iph.src, oif: lower, mark: skb.mark, anySrc: true });
  routeOutputEvent(ctx, ns, skb, 'ipvlan_process_v4_outbound', rt, iph.dst, { purpose: 'ipvlan' });
  const dst = formatIpv4(iph.dst);
  if (!rt.ok) {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'ipvlan_process_v4_outbound', { code: 'ipvlan-no-route', dev: dev.name, dst, errno: rt.errno });
    return;
  }
  if (rt.type !== 'unicast' && rt.type !== 'local') {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'ipvlan_process_v4_outbound', { code: 'ipvlan-no-route', dev: dev.name, dst, type: rt.type });
    return;
  }
  ipLocalOut(ctx, ns, skb, rt.dev, rt.type === 'local' ? iph.dst : (rt.gateway ?? iph.dst));
}

/** ipvlan_rcv_frame, local: another ipvlan of the port holds the destination (private: consumed). */
function ipvlanRcvLocal(ctx: WalkContext, dev: Device, port: IpvlanPort, owner: Device, addr: Ipv4, skb: Skb, base: XmitBase, fn: string): void {
  const at = atDev(dev, 'out');
  if (port.flag === 'private') {
    ctx.drop(skb, at, 'NOT_SPECIFIED', fn, { code: 'ipvlan-private', dev: dev.name, addr: formatIpv4(addr), owner: owner.name });
    return;
  }
  ctx.rec.emit(skb, at, fn, 'ipvlan.xmit', { ...base, to: 'slave', addr: formatIpv4(addr), slave: placeOf(owner) });
  scrub(skb, owner.ns !== dev.ns);
  netifReceiveSkb(ctx, owner, skb, 'host');
}

/** ipvlan_handle_frame: the rx_handler of a master with ipvlans. */
export function ipvlanHandleFrame(ctx: WalkContext, lower: Device, skb: Skb): RxHandlerResult {
  const port = lower.ipvlanPort!;
  const at = atDev(lower, 'in');
  if (port.mode === 'l3s') {
    ctx.rec.emit(skb, at, 'ipvlan_handle_frame', 'ipvlan.pass', { lower: lower.name, mode: port.mode });
    return { consumed: false };
  }
  const frame = eth(skb)!;
  if (port.mode === 'l2' && isGroup(frame.dst)) {
    // ipvlan_external_frame: the port's own frames coming back are not copied again
    const src = l3Addr(skb, false);
    const own = frame.src === lower.mac && src !== undefined && ipvlanAddrLookup(port, src) !== undefined;
    if (own) return { consumed: false };
    const targets = ipvlanMulticastTargets(port);
    ctx.rec.emit(skb, at, 'ipvlan_handle_mode_l2', 'ipvlan.flood', { lower: lower.name, to: targets.map(placeOf) });
    const copies = targets.map(() => cloneSkb(skb));
    return { consumed: false, later: () => targets.forEach((t, i) => netifReceiveSkb(ctx, t, copies[i], 'broadcast')) };
  }
  // ipvlan_handle_mode_l3, for l2 unicast too
  const addr = l3Addr(skb, true);
  const owner = addr !== undefined ? ipvlanAddrLookup(port, addr) : undefined;
  if (!owner) {
    ctx.rec.emit(skb, at, 'ipvlan_handle_mode_l3', 'ipvlan.pass', { lower: lower.name, mode: port.mode, ...(addr !== undefined ? { addr: formatIpv4(addr) } : {}) });
    return { consumed: false };
  }
  ctx.rec.emit(skb, at, 'ipvlan_handle_mode_l3', 'ipvlan.rx', { lower: lower.name, mode: port.mode, addr: formatIpv4(addr!), dev: placeOf(owner) });
  // RX_HANDLER_ANOTHER: the packet arrives on the ipvlan, as the master classified it
  netifReceiveSkb(ctx, owner, skb, skb.pktType);
  return { consumed: true };
}
