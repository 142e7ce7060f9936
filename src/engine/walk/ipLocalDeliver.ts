// ip_local_deliver and the transport demux (net/ipv4/ip_input.c, tcp_ipv4.c tcp_v4_rcv,
// udp.c __udp4_lib_rcv, icmp.c icmp_rcv): INPUT hook, then the socket that owns the packet,
// or NO_SOCKET with the RST / ICMP port unreachable the kernel sends back.
import { formatIpv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import type { Netns } from '../kernel/netns';
import type { At } from '../trace/types';
import { IPPROTO_IPIP, IPPROTO_TCP, type Header, type IcmpHeader, type Ipv4Header, type TcpHeader } from '../packet/headers';
import { ICMP_DEST_UNREACH, ICMP_ECHO, ICMP_ECHOREPLY, ICMP_PORT_UNREACH, ICMP_REDIRECT } from '../packet/names';
import { atDev, type ConvSocket, type WalkContext } from './context';
import { icmpSend } from './icmp';
import { icmpRedirect } from './icmpRedirect';
import { ipVsNatXmit } from './ipvs';
import { nfHook } from './netfilter';
import { resetFor } from './netfilter/reject';
import { ipipErr, ipipRcv } from './ipip';
import { ip, l4, type Skb } from './skb';
import { vxlanRcv, vxlanSocketFor } from './vxlan';
import { defaultTtl } from '../kernel/sysctl';

function findSocket(ctx: WalkContext, ns: Netns, proto: ConvSocket['proto'], saddr: number, sport: number, daddr: number, dport: number) {
  return ctx.sockets.find((s) => s.ns === ns && s.proto === proto && s.local === daddr && s.lport === dport && s.remote === saddr && s.rport === sport);
}

/**
 * icmp_unreach → icmp_socket_deliver: an ICMP error goes to the protocol's err handler
 * (tcp_v4_err, __udp4_lib_err, ping_err), which looks up the socket of the packet the error
 * quotes, from the quoted header: the sender's own address and port are its source. Only that
 * socket hears the error; when none matches, icmp_rcv consumes the error and nobody is told.
 */
function icmpUnreach(ctx: WalkContext, ns: Netns, at: At, skb: Skb, icmp: IcmpHeader): void {
  const [qip, ql4] = icmp.quoted ?? [];
  const quoted = qip?.layer === 'ipv4' ? quotedTuple(qip, ql4) : undefined;
  const owner = quoted && ctx.sockets.find((s) => s.ns === ns && s.proto === quoted.proto && s.local === quoted.src && s.remote === quoted.dst
    && s.lport === quoted.sport && (quoted.proto === 'icmp' || s.rport === quoted.dport));
  if (owner) {
    ctx.rec.emit(skb, at, 'icmp_rcv', 'icmp.deliver', { type: icmp.type, code: icmp.code });
  } else {
    ctx.rec.emit(skb, at, 'icmp_unreach', 'icmp.unmatched', {
      type: icmp.type,
      code: icmp.code,
      ...(quoted ? { quoted: { proto: quoted.proto, src: formatIpv4(quoted.src), sport: quoted.sport, dst: formatIpv4(quoted.dst), dport: quoted.dport } } : {}),
    });
  }
  ctx.delivered.push({ ns, skb, verdict: 'accepted', ...(owner ? { socket: owner } : {}) });
}

/** The socket a quoted packet came from: its protocol, addresses and ports (ICMP: the echo id). */
function quotedTuple(qip: Ipv4Header, ql4: Header | undefined) {
  if (ql4?.layer === 'tcp' || ql4?.layer === 'udp') return { proto: ql4.layer, src: qip.src, dst: qip.dst, sport: ql4.sport, dport: ql4.dport };
  if (ql4?.layer === 'icmp' && ql4.type === ICMP_ECHO) return { proto: 'icmp' as const, src: qip.src, dst: qip.dst, sport: ql4.id ?? 0, dport: 0 };
  return undefined;
}

export function ipLocalDeliver(ctx: WalkContext, ns: Netns, dev: Device, skb: Skb): void {
  const verdict = nfHook(ctx, 'INPUT', ns, skb, dev).verdict;
  if (verdict === 'drop') return;
  if (verdict === 'stolen') return ipVsNatXmit(ctx, ns, skb);
  ipLocalDeliverFinish(ctx, ns, dev, skb);
}

/** ip_local_deliver_finish: the protocol and the socket, in `ns` (an l3s ipvlan's own, after its master's INPUT). */
export function ipLocalDeliverFinish(ctx: WalkContext, ns: Netns, dev: Device, skb: Skb): void {
  const at = atDev(dev, 'in');
  const iph = ip(skb);
  const seg = l4(skb);
  if (!seg) throw new Error('invariant: an IP packet without a transport header');
  if (iph.protocol === IPPROTO_IPIP) return ipipRcv(ctx, ns, skb, dev);
  if (seg.layer === 'udp') {
    const vxlan = vxlanSocketFor(ns, seg.dport);
    if (vxlan) return vxlanRcv(ctx, vxlan, skb, dev);
  }
  if (seg.layer === 'tcp' || seg.layer === 'udp') {
    const proto = seg.layer;
    const sock = findSocket(ctx, ns, proto, iph.src, seg.sport, iph.dst, seg.dport);
    const step = proto === 'tcp' ? 'tcp_v4_rcv' : 'udp_rcv';
    if (sock?.halfOpen && seg.layer === 'tcp' && seg.flags.includes('RST')) {
      // tcp_check_req → embryonic_reset: the request socket goes (inet_csk_reqsk_queue_drop),
      // and tcp_v4_rcv frees the reset without a reason (Linux 6.18: NOT_SPECIFIED there)
      ctx.sockets.splice(ctx.sockets.indexOf(sock), 1);
      ctx.drop(skb, at, 'NOT_SPECIFIED', 'tcp_v4_rcv', { code: 'reset-request', local: formatIpv4(sock.local), lport: sock.lport, remote: formatIpv4(sock.remote), rport: sock.rport });
      return;
    }
    if (sock) {
      ctx.rec.emit(skb, at, step, 'sock.deliver', { proto, local: formatIpv4(sock.local), lport: sock.lport, remote: formatIpv4(sock.remote), rport: sock.rport });
      ctx.delivered.push({ ns, skb, verdict: 'accepted', socket: sock });
      return;
    }
    const isSyn = proto === 'udp' || ((seg as TcpHeader).flags.includes('SYN') && !(seg as TcpHeader).flags.includes('ACK'));
    const listener = isSyn ? ns.listeners.find((l) => l.proto === proto && l.port === seg.dport && (l.addr === undefined || l.addr === iph.dst)) : undefined;
    if (listener) {
      ctx.rec.emit(skb, at, step, 'sock.listen', { proto, port: seg.dport, command: listener.command }, [{ type: 'listener', proto, port: seg.dport, line: listener.command }]);
      ctx.delivered.push({ ns, skb, verdict: 'accepted' });
      return;
    }
    ctx.drop(skb, at, 'NO_SOCKET', step, { code: 'no-socket', proto, dst: formatIpv4(iph.dst), dport: seg.dport, src: formatIpv4(iph.src), sport: seg.sport });
    ctx.delivered.push({ ns, skb, verdict: 'no-socket' });
    if (seg.layer === 'tcp') {
      // tcp_v4_send_reset: never a reset for a reset
      if (!seg.flags.includes('RST')) {
        ctx.responses.push({
          ns,
          name: 'RST',
          by: 'tcp_v4_send_reset',
          headers: [{ layer: 'ipv4', src: iph.dst, dst: iph.src, ttl: defaultTtl(ns.sysctl), protocol: IPPROTO_TCP, length: 40, df: true }, resetFor(seg)],
        });
      }
    } else {
      icmpSend(ctx, ns, skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, true);
    }
    return;
  }
  if (seg.layer === 'icmp') {
    if (seg.type === ICMP_ECHO) {
      ctx.rec.emit(skb, at, 'icmp_echo', 'icmp.echo', {});
      ctx.delivered.push({ ns, skb, verdict: 'accepted' });
      return;
    }
    // icmp_redirect: the quoted packet's socket (or tunnel) decides whether its route changes
    if (seg.type === ICMP_REDIRECT) return icmpRedirect(ctx, ns, dev, skb, seg);
    // an error about an IP-in-IP packet goes to the tunnel (tunnel4_err → ipip_err), not a socket
    if (seg.quoted?.[0]?.layer === 'ipv4' && seg.quoted[0].protocol === IPPROTO_IPIP) return ipipErr(ctx, ns, skb, dev);
    if (seg.type === ICMP_ECHOREPLY) {
      const owner = ctx.sockets.find((s) => s.ns === ns && s.proto === 'icmp' && s.lport === seg.id && s.local === iph.dst && s.remote === iph.src);
      if (owner) {
        ctx.rec.emit(skb, at, 'icmp_rcv', 'icmp.deliver', { type: seg.type, code: seg.code });
        ctx.delivered.push({ ns, skb, verdict: 'accepted', socket: owner });
        return;
      }
      // ping_rcv: no ping socket has the echo id
      ctx.drop(skb, at, 'NO_SOCKET', 'icmp_rcv', { code: 'no-socket-icmp', type: seg.type, src: formatIpv4(iph.src) });
      ctx.delivered.push({ ns, skb, verdict: 'no-socket' });
      return;
    }
    return icmpUnreach(ctx, ns, at, skb, seg);
  }
  ctx.drop(skb, at, 'IP_NOPROTO', 'ip_local_deliver', { code: 'no-protocol', protocol: ip(skb).protocol });
}
