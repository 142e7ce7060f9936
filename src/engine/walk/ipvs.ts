// IPVS in the packet's path (net/netfilter/ipvs/ip_vs_core.c, ip_vs_xmit.c). Hooks, by the
// kernel's priorities: LOCAL_IN ip_vs_reply4 (98) and ip_vs_remote_request4 (99), just before
// nat INPUT; LOCAL_OUT ip_vs_local_request4 (-98) after nat OUTPUT; FORWARD ip_vs_reply4 (100)
// after filter. Masquerade forwarding rewrites the destination to the real server, tells
// conntrack to expect the reply from it (net.ipv4.vs.conntrack=1, as kube-proxy sets), and
// rewrites replies' source back to the virtual address.
import { formatIpv4 } from '../addr/ipv4';
import { ipRouteOutput } from '../kernel/fib/routeOutput';
import { formatDest, formatService, schedule } from '../kernel/ipvs/ipvs';
import type { Netns } from '../kernel/netns';
import type { Header } from '../packet/headers';
import { atNs, type WalkContext } from './context';
import { ipLocalOut } from './ipOutput';
import { routeOutputEvent } from './routeEvents';
import { ip, l4, popEth, replaceLayer, type Skb } from './skb';

function ports(skb: Skb): { sport: number; dport: number } | undefined {
  const seg = l4(skb);
  return seg?.layer === 'tcp' || seg?.layer === 'udp' ? { sport: seg.sport, dport: seg.dport } : undefined;
}

function rewrite(skb: Skb, which: 'src' | 'dst', addr: number, port: number): void {
  const iph = ip(skb);
  replaceLayer(skb, iph, which === 'src' ? { ...iph, src: addr } : { ...iph, dst: addr });
  const seg = l4(skb);
  if (seg && (seg.layer === 'tcp' || seg.layer === 'udp')) {
    const next: Header = which === 'src' ? { ...seg, sport: port } : { ...seg, dport: port };
    replaceLayer(skb, seg, next);
  }
}

/** ip_vs_in: a packet for a virtual service is scheduled to a real server. */
export function ipVsRequest(ctx: WalkContext, hook: 'INPUT' | 'OUTPUT', ns: Netns, skb: Skb): 'accept' | 'stolen' | 'drop' {
  if (skb.ipvsProperty || ns.ipvs.services.size === 0) return 'accept';
  const p = ports(skb);
  const iph = ip(skb);
  if (!p) return 'accept';
  const svc = ns.ipvs.find(iph.protocol, iph.dst, p.dport);
  if (!svc) return 'accept';
  let conn = ns.ipvs.connIn(iph.protocol, iph.src, p.sport, iph.dst, p.dport);
  const step = hook === 'INPUT' ? 'ip_vs_remote_request4' : 'ip_vs_local_request4';
  if (!conn) {
    const pick = schedule(svc, ctx.draw(`${ns.label}|ipvs|${formatService(svc)}`));
    if (!pick.dest) {
      ctx.drop(skb, atNs(ns), 'NOT_SPECIFIED', step, { code: 'ipvs-no-dest', service: formatService(svc) });
      return 'drop';
    }
    conn = { proto: iph.protocol, caddr: iph.src, cport: p.sport, vaddr: iph.dst, vport: p.dport, daddr: pick.dest.rip, dport: pick.dest.rport };
    ns.ipvs.conns.push(conn);
    const service = formatService(svc);
    ctx.rec.emit(skb, atNs(ns), step, 'ipvs.schedule', { hook, scheduler: svc.scheduler, index: pick.index + 1, count: svc.dests.length, dest: formatIpv4(conn.daddr), port: conn.dport }, [
      { type: 'ipvs-service', line: service },
      { type: 'ipvs-dest', service, line: formatDest(pick.dest) },
    ]);
  }
  rewrite(skb, 'dst', conn.daddr, conn.dport);
  skb.ipvsProperty = true;
  // ip_vs_update_conntrack: the reply will come from the real server
  const entry = skb.ct?.entry;
  if (entry) {
    entry.reply = { ...entry.reply, src: conn.daddr, sport: conn.dport };
    ns.conntrack.touch();
  }
  ctx.rec.emit(skb, atNs(ns), step, 'ipvs.dnat', { hook, from: formatIpv4(conn.vaddr), fromPort: conn.vport, to: formatIpv4(conn.daddr), toPort: conn.dport });
  return hook === 'INPUT' ? 'stolen' : 'accept';
}

/** ip_vs_reply4: a real server's reply gets the virtual address back as its source. */
export function ipVsReply(ctx: WalkContext, hook: 'INPUT' | 'FORWARD', ns: Netns, skb: Skb): void {
  if (ns.ipvs.conns.length === 0) return;
  const p = ports(skb);
  const iph = ip(skb);
  if (!p) return;
  const conn = ns.ipvs.connOut(iph.protocol, iph.src, p.sport, iph.dst, p.dport);
  if (!conn) return;
  rewrite(skb, 'src', conn.vaddr, conn.vport);
  ctx.rec.emit(skb, atNs(ns), 'ip_vs_reply4', 'ipvs.reply', { hook, from: formatIpv4(conn.daddr), fromPort: conn.dport, to: formatIpv4(conn.vaddr), toPort: conn.vport });
}

/** ip_vs_nat_xmit from LOCAL_IN: route to the real server and send through LOCAL_OUT. */
export function ipVsNatXmit(ctx: WalkContext, ns: Netns, skb: Skb): void {
  popEth(skb);
  const iph = ip(skb);
  const rt = ipRouteOutput(ns, { daddr: iph.dst });
  if (!rt.ok) {
    ctx.drop(skb, atNs(ns), 'NOT_SPECIFIED', 'ip_vs_nat_xmit', { code: 'ipvs-no-route', dst: formatIpv4(iph.dst) });
    return;
  }
  routeOutputEvent(ctx, ns, skb, 'ip_vs_nat_xmit', rt, iph.dst, { purpose: 'ipvs' });
  ipLocalOut(ctx, ns, skb, rt.dev, rt.type === 'local' ? iph.dst : (rt.gateway ?? iph.dst));
}
