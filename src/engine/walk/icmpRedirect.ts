// ICMP redirects, both ends.
// The router (net/ipv4/ip_forward.c ip_forward, route.c ip_rt_send_redirect): a packet the
// input route marked IPSKB_DOREDIRECT (it leaves by the device it came in on, from a source on
// that link) makes the router send its source "ICMP redirect host" (type 5 code 1) naming the
// next hop, after the TTL decrement and before the FORWARD hook; the packet itself is forwarded
// all the same. ip_rt_send_redirect sends the first one to a source at once and the next only
// after 20 ms << n (ip_rt_redirect_load), none after 9: a conversation's packets follow each
// other well within 40 ms, so one redirect per source and conversation is what a real router
// sends; the others are traced as held back.
// The host (icmp.c icmp_redirect → the protocol's err handler → route.c __ip_do_redirect): the
// socket the quoted packet belongs to looks at its route to the quoted destination; a redirect
// from the gateway that route uses, to a usable new gateway, on a device that accepts redirects
// (accept_redirects; a forwarding device needs it in `all` and its own, and ip_forward=1 turns
// `all` off) creates a next-hop exception when the new gateway's neighbour entry is valid, and
// only asks for it (neigh_event_send: ARP) when it is not.
import { formatIpv4, isMulticast, isZeronet, LIMITED_BROADCAST, type Ipv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { updateOrCreateFnhe } from '../kernel/fib/exception';
import { ipRouteOutput } from '../kernel/fib/routeOutput';
import { inetAddrOnlink } from '../kernel/fib/routeInput';
import { neighFail, neighLookup, neighUpdate, neighValid } from '../kernel/neigh/neighbour';
import type { Netns } from '../kernel/netns';
import { devForwarding, orConf, rxRedirects } from '../kernel/sysctl';
import { IPPROTO_IPIP, type Header, type IcmpHeader } from '../packet/headers';
import { ICMP_ECHO, ICMP_REDIR_HOST, ICMP_REDIRECT } from '../packet/names';
import type { RedirectIgnored } from '../trace/events';
import { arpSolicit } from './arp';
import { atDev, type WalkContext } from './context';
import { icmpSend } from './icmp';
import { ip, type Skb } from './skb';

/** ip_rt_send_redirect: tell the source of `skb` (already TTL-decremented) to use `gateway`. */
export function ipRtSendRedirect(ctx: WalkContext, inDev: Device, outDev: Device, skb: Skb, gateway: Ipv4): void {
  const ns = outDev.ns;
  if (!orConf(ns.sysctl, outDev.name, 'send_redirects')) return;
  const iph = ip(skb);
  let peers = ctx.redirectPeers.get(ns);
  if (!peers) ctx.redirectPeers.set(ns, (peers = new Map()));
  const sent = peers.get(iph.src) ?? 0;
  const params = { to: formatIpv4(iph.src), dst: formatIpv4(iph.dst), gateway: formatIpv4(gateway), dev: inDev.name };
  if (sent > 0) {
    ctx.rec.emit(skb, atDev(inDev, 'in'), 'ip_rt_send_redirect', 'ip.redirect', { ...params, limited: true });
    return;
  }
  peers.set(iph.src, sent + 1);
  ctx.rec.emit(skb, atDev(inDev, 'in'), 'ip_rt_send_redirect', 'ip.redirect', params);
  icmpSend(ctx, ns, skb, ICMP_REDIRECT, ICMP_REDIR_HOST, false, undefined, gateway);
}

/**
 * Whether the quoted packet's owner looks at the redirect: the socket tcp_v4_err,
 * __udp4_lib_err or ping_err finds by the quoted tuple (an IP-in-IP packet's tunnel needs none:
 * ipip_err → ipv4_redirect). TCP acts only on a socket it may touch: a SYN's or a data
 * segment's redirect comes back while connect() or send() still holds the socket
 * (sock_owned_by_user: Linux 6.18 left the route of a connecting socket alone even with the new
 * gateway's MAC known), and a SYN-ACK's reaches a request socket, which tcp_req_err ignores.
 */
function quotedOwnerIgnores(ctx: WalkContext, ns: Netns, quoted: readonly Header[]): RedirectIgnored | undefined {
  const [qip, ql4] = quoted;
  if (qip?.layer !== 'ipv4') return 'no-socket';
  if (qip.protocol === IPPROTO_IPIP) return undefined;
  const owner = ctx.sockets.some((s) => {
    if (s.ns !== ns || s.local !== qip.src || s.remote !== qip.dst) return false;
    if (ql4?.layer === 'tcp' || ql4?.layer === 'udp') return s.proto === ql4.layer && s.lport === ql4.sport && s.rport === ql4.dport;
    return ql4?.layer === 'icmp' && ql4.type === ICMP_ECHO && s.proto === 'icmp' && s.lport === ql4.id;
  });
  if (!owner) return 'no-socket';
  if (ql4?.layer !== 'tcp') return undefined;
  if (ql4.flags.includes('SYN')) return ql4.flags.includes('ACK') ? 'request-socket' : 'socket-busy';
  return ql4.payload > 0 ? 'socket-busy' : undefined;
}

/** inet_addr_type (the local table): what kind of address the new gateway is to this host. */
function localTableType(ns: Netns, addr: Ipv4): string {
  let best: { len: number; type: string } | undefined;
  for (const r of ns.tables.get(255) ?? []) {
    const len = r.dst.len;
    if ((len === 0 || (addr ^ r.dst.addr) >>> (32 - len) === 0) && (!best || len > best.len)) best = { len, type: r.type };
  }
  return best?.type ?? 'unicast';
}

/** ip_fib_check_default: the new gateway is one of the device's default routers. */
function isDefaultGateway(ns: Netns, gw: Ipv4, dev: Device): boolean {
  return (ns.tables.get(254)?.routes ?? []).some((r) => r.dst.len === 0 && r.via === gw && r.dev === dev);
}

/** icmp_redirect at the host the redirect is addressed to: act on it or ignore it. */
export function icmpRedirect(ctx: WalkContext, ns: Netns, dev: Device, skb: Skb, icmp: IcmpHeader): void {
  const at = atDev(dev, 'in');
  const oldGw = ip(skb).src;
  const newGw = icmp.gateway ?? 0;
  const quoted = icmp.quoted ?? [];
  const qip = quoted[0]?.layer === 'ipv4' ? quoted[0] : undefined;
  const base = { from: formatIpv4(oldGw), gateway: formatIpv4(newGw), dst: qip ? formatIpv4(qip.dst) : '?' };
  const ignore = (why: RedirectIgnored, extra: { via?: string; forwarding?: boolean } = {}): void => {
    ctx.rec.emit(skb, at, '__ip_do_redirect', 'icmp.redirect', { ...base, result: 'ignored', why, ...extra });
  };
  // icmp_rcv consumed it whatever comes next
  ctx.delivered.push({ ns, skb, verdict: 'accepted' });
  const owner = quotedOwnerIgnores(ctx, ns, quoted);
  if (!qip || owner) return ignore(owner ?? 'no-socket');
  // the route the socket uses: only a redirect from its own gateway counts
  const rt = ipRouteOutput(ns, { daddr: qip.dst, saddr: qip.src, anySrc: true });
  if (!rt.ok || rt.gateway !== oldGw) return ignore('other-gateway', rt.ok && rt.gateway !== undefined ? { via: formatIpv4(rt.gateway) } : {});
  if (!rxRedirects(ns.sysctl, dev.name)) return ignore('not-accepted', { forwarding: devForwarding(ns.sysctl, dev.name) });
  if (newGw === oldGw || isMulticast(newGw) || newGw === LIMITED_BROADCAST || isZeronet(newGw)) return ignore('bad-gateway');
  if (!orConf(ns.sysctl, dev.name, 'shared_media')) {
    if (!inetAddrOnlink(dev, newGw, oldGw)) return ignore('not-onlink');
    if (orConf(ns.sysctl, dev.name, 'secure_redirects') && !isDefaultGateway(ns, newGw, dev)) return ignore('not-default');
  } else if (localTableType(ns, newGw) !== 'unicast') return ignore('bad-gateway');
  const entry = neighLookup(ns, rt.dev, newGw);
  if (!neighValid(entry)) {
    // neigh_event_send: ask for the new gateway; no exception until a later redirect finds it known
    ctx.rec.emit(skb, at, '__ip_do_redirect', 'icmp.redirect', { ...base, result: 'resolving' });
    if (!entry) neighUpdate(ns, rt.dev, newGw, undefined, 'incomplete');
    arpSolicit(ctx, rt.dev, newGw, 0);
    const after = neighLookup(ns, rt.dev, newGw);
    if (after && !neighValid(after)) neighFail(ns, after);
    return;
  }
  if (rt.route) updateOrCreateFnhe(ns, rt.route, qip.dst, newGw);
  ctx.rec.emit(skb, at, '__ip_do_redirect', 'icmp.redirect', { ...base, result: 'applied' });
}
