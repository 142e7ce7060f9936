// ARP (net/ipv4/arp.c): arp_rcv/arp_process answering requests for local addresses and, with
// proxy_arp, for addresses routed out another device; arp_solicit sending requests; and the
// neighbour updates both sides make.
import { formatIpv4, type Ipv4 } from '../addr/ipv4';
import { BROADCAST_MAC, ZERO_MAC, type Mac } from '../addr/mac';
import type { Device } from '../kernel/dev/device';
import { isLocalAddress } from '../kernel/fib/lookup';
import { formatRoute, RT_SCOPE_LINK } from '../kernel/fib/route';
import { ipRouteInput } from '../kernel/fib/routeInput';
import { inetSelectAddr } from '../kernel/fib/source';
import { neighLookup, neighUpdate } from '../kernel/neigh/neighbour';
import { devForwarding, maxConf, orConf } from '../kernel/sysctl';
import { ETH_P_ARP, type ArpHeader } from '../packet/headers';
import { t } from '../trace/recorder';
import { atDev, type WalkContext } from './context';
import { devQueueXmit } from './devXmit';
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
  ctx.rec.emit(skb, atDev(dev), 'arp_solicit', 'arp', t(
    `who has ${formatIpv4(nexthop)}? ARP request broadcast on ${dev.name} from ${formatIpv4(saddr)}`,
    `谁是 ${formatIpv4(nexthop)}？从 ${dev.name} 以 ${formatIpv4(saddr)} 广播 ARP 请求`));
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
  const at = atDev(dev);
  if (skb.pktType === 'otherhost') {
    ctx.rec.emit(skb, at, 'arp_rcv', 'arp', t('ARP frame for another host: ignored', '发给其他主机的 ARP 帧：忽略'));
    return;
  }
  const { senderIp: sip, targetIp: tip, senderMac: sha } = arp;
  if (arp.op === 'request') {
    const rt = ipRouteInput(ns, { saddr: sip, daddr: tip, dev, mark: skb.mark, isArp: true });
    if (rt.kind === 'local') {
      if (arpIgnore(dev, sip, tip)) {
        ctx.rec.emit(skb, at, 'arp_process', 'arp', t(`${formatIpv4(tip)} is local but arp_ignore keeps ${dev.name} silent`, `${formatIpv4(tip)} 是本地地址，但 arp_ignore 让 ${dev.name} 不作应答`));
        return;
      }
      neighUpdate(ns, dev, sip, sha, 'stale');
      ctx.rec.emit(skb, at, 'arp_process', 'arp', t(
        `${formatIpv4(tip)} is mine: reply, and remember ${formatIpv4(sip)} at ${sha}`,
        `${formatIpv4(tip)} 是本机地址：应答，并记下 ${formatIpv4(sip)} 位于 ${sha}`), rt.route ? formatRoute(rt.route) : undefined);
      return arpReply(ctx, dev, sip, sha, tip);
    }
    if (rt.kind === 'forward' && devForwarding(ns.sysctl, dev.name) && rt.dev !== dev && orConf(ns.sysctl, dev.name, 'proxy_arp')) {
      neighUpdate(ns, dev, sip, sha, 'stale');
      ctx.rec.emit(skb, at, 'arp_process', 'arp', t(
        `proxy_arp on ${dev.name}: ${formatIpv4(tip)} is routed out ${rt.dev.name}, so answer with my own MAC`,
        `${dev.name} 开启了 proxy_arp：${formatIpv4(tip)} 经 ${rt.dev.name} 路由，于是用自己的 MAC 应答`), formatRoute(rt.route));
      return arpReply(ctx, dev, sip, sha, tip);
    }
    if (rt.kind === 'martian') {
      ctx.rec.emit(skb, at, 'arp_process', 'arp', t(
        `the request's sender ${formatIpv4(sip)} fails source validation (${rt.why}): no reply`,
        `请求方 ${formatIpv4(sip)} 未通过源地址校验（${rt.why}）：不应答`));
      return;
    }
    const why = proxyRefusal(ns, dev, rt.kind === 'forward' ? rt.dev : undefined, rt.kind);
    ctx.rec.emit(skb, at, 'arp_process', 'arp', t(`${formatIpv4(tip)} is not mine${why.en}: no reply`, `${formatIpv4(tip)} 不是本机地址${why['zh-CN']}：不应答`));
    updateExisting(ctx, dev, sip, sha, 'stale');
    return;
  }
  // a reply: complete the pending entry
  const existing = neighLookup(ns, dev, sip);
  if (!existing) {
    ctx.rec.emit(skb, at, 'arp_process', 'arp', t('unsolicited ARP reply: ignored (arp_accept=0)', '未经请求的 ARP 应答：忽略（arp_accept=0）'));
    return;
  }
  neighUpdate(ns, dev, sip, sha, skb.pktType === 'host' ? 'reachable' : 'stale');
  ctx.rec.emit(skb, at, 'arp_process', 'neigh', t(`${formatIpv4(sip)} is at ${sha}: neighbour entry REACHABLE`, `${formatIpv4(sip)} 位于 ${sha}：邻居表项变为 REACHABLE`), `${formatIpv4(sip)} dev ${dev.name} lladdr ${sha} REACHABLE`);
}

function proxyRefusal(ns: Device['ns'], dev: Device, out: Device | undefined, kind: string): { en: string; 'zh-CN': string } {
  if (!orConf(ns.sysctl, dev.name, 'proxy_arp')) return { en: '', 'zh-CN': '' };
  if (kind !== 'forward') return t(' (proxy_arp is on, but there is no usable route to it)', '（开启了 proxy_arp，但没有可用的路由到达它）');
  if (out === dev) return t(` (proxy_arp is on, but the route to it leaves by ${dev.name} itself)`, `（开启了 proxy_arp，但去往它的路由正是从 ${dev.name} 出去）`);
  return t(' (proxy_arp is on, but forwarding is off)', '（开启了 proxy_arp，但转发已关闭）');
}

function updateExisting(ctx: WalkContext, dev: Device, sip: Ipv4, sha: Mac, state: 'stale'): void {
  if (neighLookup(dev.ns, dev, sip)) neighUpdate(dev.ns, dev, sip, sha, state);
}

function arpReply(ctx: WalkContext, dev: Device, sip: Ipv4, sha: Mac, tip: Ipv4): void {
  const reply = arpFrame('reply', dev.mac, sha, dev.mac, tip, sha, sip);
  ctx.rec.emit(reply, atDev(dev), 'arp_send', 'arp', t(`ARP reply: ${formatIpv4(tip)} is at ${dev.mac}`, `ARP 应答：${formatIpv4(tip)} 位于 ${dev.mac}`));
  devQueueXmit(ctx, dev, reply);
}
