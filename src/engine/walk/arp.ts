// ARP (net/ipv4/arp.c): arp_rcv/arp_process answering requests for local addresses and, with
// proxy_arp, for addresses routed out another device; arp_solicit sending requests; and the
// neighbour updates both sides make.
import { formatIpv4, type Ipv4 } from '../addr/ipv4';
import { BROADCAST_MAC, ZERO_MAC, type Mac } from '../addr/mac';
import { isNoArp, type Device } from '../kernel/dev/device';
import { isLocalAddress } from '../kernel/fib/lookup';
import { RT_SCOPE_LINK } from '../kernel/fib/route';
import { ipRouteInput } from '../kernel/fib/routeInput';
import { inetSelectAddr } from '../kernel/fib/source';
import { neighLookup, neighUpdate } from '../kernel/neigh/neighbour';
import { devForwarding, maxConf, orConf } from '../kernel/sysctl';
import { ETH_P_ARP, type ArpHeader } from '../packet/headers';
import type { EventParams } from '../trace/events';
import { atDev, type WalkContext } from './context';
import { devQueueXmit } from './devXmit';
import { neighRef, routeRef } from './refs';
import { newSkb, type Skb } from './skb';

function arpFrame(op: ArpHeader['op'], src: Mac, dst: Mac, senderMac: Mac, senderIp: Ipv4, targetMac: Mac, targetIp: Ipv4): Skb {
  return newSkb([
    { layer: 'eth', src, dst, type: ETH_P_ARP },
    { layer: 'arp', op, senderMac, senderIp, targetMac, targetIp },
  ]);
}

/** arp_solicit: broadcast "who-has nexthop" on dev. The source IP follows arp_announce. */
export function arpSolicit(ctx: WalkContext, dev: Device, nexthop: Ipv4, packetSaddr: Ipv4): void {
  const announce = maxConf(dev.ns.sysctl, dev.name, 'arp_announce');
  let saddr = 0;
  if (announce === 0 && isLocalAddress(dev.ns, packetSaddr)) saddr = packetSaddr;
  if (!saddr) saddr = inetSelectAddr(dev, nexthop, RT_SCOPE_LINK);
  const skb = arpFrame('request', dev.mac, BROADCAST_MAC, dev.mac, saddr, ZERO_MAC, nexthop);
  ctx.rec.emit(skb, atDev(dev, 'out'), 'arp_solicit', 'arp.request', { target: formatIpv4(nexthop), sender: formatIpv4(saddr), dev: dev.name });
  devQueueXmit(ctx, dev, skb);
}

/** arp_ignore: whether to stay silent about a local target address. */
function arpIgnore(dev: Device, sip: Ipv4, tip: Ipv4): boolean {
  const mode = maxConf(dev.ns.sysctl, dev.name, 'arp_ignore');
  if (mode === 0) return false;
  const onDev = dev.addrs.some((a) => a.local === tip);
  if (mode === 1) return !onDev;
  if (mode === 2) return !dev.addrs.some((a) => a.local === tip && ((a.local ^ sip) >>> (32 - a.len) === 0 || a.len === 0));
  return true;
}

export function arpRcv(ctx: WalkContext, dev: Device, skb: Skb): void {
  const ns = dev.ns;
  const arp = skb.headers[1] as ArpHeader;
  const at = atDev(dev, 'in');
  if (isNoArp(dev)) {
    ctx.rec.emit(skb, at, 'arp_rcv', 'arp.noarp', { dev: dev.name });
    return;
  }
  if (skb.pktType === 'otherhost') {
    ctx.rec.emit(skb, at, 'arp_rcv', 'arp.otherhost', {});
    return;
  }
  const { senderIp: sip, targetIp: tip, senderMac: sha } = arp;
  const target = formatIpv4(tip);
  if (arp.op === 'request') {
    const rt = ipRouteInput(ns, { saddr: sip, daddr: tip, dev, mark: skb.mark, isArp: true });
    if (rt.kind === 'local') {
      if (arpIgnore(dev, sip, tip)) {
        ctx.rec.emit(skb, at, 'arp_process', 'arp.ignore', { target, dev: dev.name });
        return;
      }
      neighUpdate(ns, dev, sip, sha, 'stale');
      ctx.rec.emit(skb, at, 'arp_process', 'arp.local', { target, sender: formatIpv4(sip), senderMac: sha }, rt.route ? [routeRef(ns, rt.route)] : []);
      return arpReply(ctx, dev, sip, sha, tip);
    }
    if (rt.kind === 'forward' && devForwarding(ns.sysctl, dev.name) && rt.dev !== dev && orConf(ns.sysctl, dev.name, 'proxy_arp')) {
      neighUpdate(ns, dev, sip, sha, 'stale');
      ctx.rec.emit(skb, at, 'arp_process', 'arp.proxy', { target, dev: dev.name, outDev: rt.dev.name }, [routeRef(ns, rt.route)]);
      return arpReply(ctx, dev, sip, sha, tip);
    }
    if (rt.kind === 'martian') {
      ctx.rec.emit(skb, at, 'arp_process', 'arp.martian', { sender: formatIpv4(sip), why: rt.why });
      return;
    }
    const proxy = proxyRefusal(ns, dev, rt.kind === 'forward' ? rt.dev : undefined, rt.kind);
    ctx.rec.emit(skb, at, 'arp_process', 'arp.decline', { target, dev: dev.name, ...(proxy ? { proxy } : {}) });
    updateExisting(ctx, dev, sip, sha, 'stale');
    return;
  }
  // a reply: complete the pending entry
  const existing = neighLookup(ns, dev, sip);
  if (!existing) {
    ctx.rec.emit(skb, at, 'arp_process', 'arp.unsolicited', {});
    return;
  }
  const entry = neighUpdate(ns, dev, sip, sha, skb.pktType === 'host' ? 'reachable' : 'stale');
  ctx.rec.emit(skb, at, 'arp_process', 'neigh.update', { addr: formatIpv4(sip), lladdr: sha, state: entry.state.toUpperCase() }, [neighRef(entry)]);
}

/** Why proxy_arp, when it is on, did not answer. */
function proxyRefusal(ns: Device['ns'], dev: Device, out: Device | undefined, kind: string): EventParams['arp.decline']['proxy'] {
  if (!orConf(ns.sysctl, dev.name, 'proxy_arp')) return undefined;
  if (kind !== 'forward') return 'no-route';
  if (out === dev) return 'same-dev';
  return 'no-forwarding';
}

function updateExisting(ctx: WalkContext, dev: Device, sip: Ipv4, sha: Mac, state: 'stale'): void {
  if (neighLookup(dev.ns, dev, sip)) neighUpdate(dev.ns, dev, sip, sha, state);
}

function arpReply(ctx: WalkContext, dev: Device, sip: Ipv4, sha: Mac, tip: Ipv4): void {
  const reply = arpFrame('reply', dev.mac, sha, dev.mac, tip, sha, sip);
  ctx.rec.emit(reply, atDev(dev, 'out'), 'arp_send', 'arp.reply', { target: formatIpv4(tip), lladdr: dev.mac });
  devQueueXmit(ctx, dev, reply);
}
