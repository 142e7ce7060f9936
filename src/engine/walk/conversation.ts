// A flow traced as the conversation a real client has (DESIGN §3 Conversations): TCP
// SYN → SYN-ACK → ACK → data, UDP request → reply, ICMP echo → reply. Each packet is sent by
// the namespace that would send it and walked through the same engine; kernel responses
// (RST, ICMP errors) are walked back as legs of their own. A redirect a router sends the
// packet's source is walked right after the packet's leg, whatever became of the packet, and is
// no part of the flow's verdict or outcome.
import { formatIpv4, parseIpv4, type Ipv4 } from '../addr/ipv4';
import type { Lab } from '../kernel/lab';
import type { Netns } from '../kernel/netns';
import { ERRNO_TEXT, ipRouteOutput } from '../kernel/fib/routeOutput';
import { IPPROTO_ICMP, IPPROTO_TCP, IPPROTO_UDP, type Header, type Headers, type TcpFlag } from '../packet/headers';
import { ICMP_ECHO, ICMP_ECHOREPLY, ICMP_FRAG_NEEDED, ICMP_NET_UNREACH, ICMP_PKT_FILTERED, ICMP_PORT_UNREACH } from '../packet/names';
import { Recorder } from '../trace/recorder';
import { TRACE_VERSION, type Drop, type Flow, type Leg, type Outcome, type PacketName, type Trace } from '../trace/types';
import { tcpFwmarkAccept } from '../kernel/sysctl';
import { atNs, WalkContext, type ConvSocket, type Delivery, type LegDrop, type Response } from './context';
import { ctRef } from './refs';
import { ipLocalOut } from './ipOutput';
import { routeDecision } from './refs';
import { routeOutputEvent } from './routeEvents';
import { newSkb, type Skb } from './skb';
import { LabStateWatcher } from './stateWatch';
import { defaultTtl } from '../kernel/sysctl';

const CLIENT_ISN = 1000;
const SERVER_ISN = 5000;
const DATA_BYTES = 64;

/** A deterministic ephemeral port per flow (Linux picks one at random). */
function ephemeralPort(flowId: string): number {
  let h = 0;
  for (const c of flowId) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 32768 + (h % 28000);
}

interface SendOptions {
  /** IP total length (flow.size); the payload grows to match */
  readonly size?: number;
  /** IP_PMTUDISC_DO: too big for the route's MTU is an error at the sender, never fragments */
  readonly dontFragment?: boolean;
  /** the sending socket's mark (sk_mark): the packet carries it, and the route lookup uses it */
  readonly mark?: number;
  /** a response the kernel builds in answer to a packet (RST, ICMP error) */
  readonly response?: Response;
}

interface LegResult {
  readonly leg: Leg;
  /** the packet's L4 header as sent (what an ICMP error says, without reading the events) */
  readonly sent: Header;
  readonly accepted?: Delivery;
  readonly responses: WalkContext['responses'];
}

/** Answers to answers are walked at most this deep (see walkResponses). */
const MAX_ANSWER_DEPTH = 3;

class Conversation {
  readonly rec: Recorder;
  readonly ctx: WalkContext;
  readonly legs: Leg[] = [];

  constructor(
    lab: Lab,
    /** the client's namespace: only its own sends surface an error to an application */
    private readonly client: Netns,
    watchEveryEvent = false,
    verdictOnly = false,
  ) {
    this.rec = verdictOnly ? new Recorder(undefined, true) : new Recorder(new LabStateWatcher(lab, watchEveryEvent));
    this.ctx = new WalkContext(lab, this.rec);
  }

  /** Routes and sends one packet from `ns`; returns the leg and where it was accepted. */
  send(name: PacketName, ns: Netns, l4: Header, daddr: Ipv4, saddr?: Ipv4, opts: SendOptions = {}): LegResult {
    const ctx = this.ctx;
    ctx.resetLeg();
    const resp = opts.response;
    const mark = opts.mark ?? 0;
    const rt = ipRouteOutput(ns, { daddr, saddr, mark, ...(resp?.anySrc ? { anySrc: true } : {}) });
    const protocol = l4.layer === 'tcp' ? IPPROTO_TCP : l4.layer === 'udp' ? IPPROTO_UDP : IPPROTO_ICMP;
    // Linux sockets do path MTU discovery (DF set); the kernel's own ICMP replies and errors do not
    const df = l4.layer === 'tcp' || l4.layer === 'udp' || (l4.layer === 'icmp' && l4.type === ICMP_ECHO);
    const length = opts.size ?? 20 + l4Length(l4);
    const headers: Headers = [{ layer: 'ipv4', src: rt.ok ? rt.saddr : (saddr ?? 0), dst: daddr, ttl: defaultTtl(ns.sysctl), protocol, length, df }, l4];
    const skb = newSkb(headers, mark);
    skb.leg = true;
    if (resp) responseEvents(ctx, resp, skb, daddr, l4);
    // nf_send_reset routes its reset with ip_route_me_harder (keeping a source it does not own)
    routeOutputEvent(ctx, ns, skb, resp?.by === 'nf_send_reset' ? 'ip_route_me_harder' : 'ip_route_output', rt, daddr);
    if (rt.ok && opts.dontFragment && length > rt.dev.mtu) {
      // ip_append_data with IP_PMTUDISC_DO: nothing is sent, the application gets EMSGSIZE
      ctx.drop(skb, { ...atNs(ns), dev: rt.dev.name, dir: 'out' }, 'PKT_TOO_BIG', 'ip_append_data',
        { code: 'sender-too-big', length, dev: rt.dev.name, mtu: rt.dev.mtu }, 'sendmsg: Message too long');
    } else if (!rt.ok) {
      // the client's connect()/sendto() fails with the errno; a server's reply or a kernel
      // response that cannot be routed is simply never sent, and the client hears nothing
      const byClient = ns === this.client && (name === 'SYN' || name === 'request' || name === 'echo-request');
      const dst = formatIpv4(daddr);
      const route = routeDecision(ns, rt.fib);
      const decided = route ? { decided: route } : {};
      if (byClient) ctx.drop(skb, atNs(ns), 'IP_OUTNOROUTES', 'ip_route_output', { code: 'sender-no-route', dst, ...decided }, `connect: ${ERRNO_TEXT[rt.errno]}`);
      else ctx.drop(skb, atNs(ns), 'IP_OUTNOROUTES', 'ip_route_output', { code: 'reply-no-route', dst, packet: name, ...decided });
    } else {
      ipLocalOut(ctx, ns, skb, rt.dev, rt.type === 'local' ? daddr : (rt.gateway ?? daddr));
    }
    const result = this.finishLeg(name, l4);
    // the redirect reaches the sender before its next packet leaves
    const redirects = result.responses.filter((r) => r.name === 'redirect');
    if (!redirects.length) return result;
    for (const r of redirects) this.sendResponse(r);
    return { ...result, responses: result.responses.filter((r) => r.name !== 'redirect') };
  }

  /** A kernel-generated response (RST, ICMP error) queued by the previous leg. */
  sendResponse(resp: Response): LegResult {
    const [iph, l4] = resp.headers as [Extract<Header, { layer: 'ipv4' }>, Header];
    return this.send(resp.name, resp.ns, l4, iph.dst, iph.src || undefined, { response: resp });
  }

  private finishLeg(name: PacketName, sent: Header): LegResult {
    const ctx = this.ctx;
    const events = this.rec.takeLeg();
    const accepted = ctx.delivered.find((d) => d.verdict === 'accepted');
    const responses = ctx.responses;
    if (accepted) {
      const leg: Leg = { packet: name, verdict: 'delivered', events };
      this.legs.push(leg);
      return { leg, sent, accepted, responses };
    }
    const drop: Drop = legDrop(ctx.drops) ?? silentLoss(events);
    const leg: Leg = { packet: name, verdict: 'dropped', drop, events };
    this.legs.push(leg);
    return { leg, sent, responses };
  }

  /**
   * The kernel's answers to a leg, and the answers to those (a RST the client sends to a SYN-ACK
   * from an unknown address, then the ICMP error a router sends about that RST). Bounded: no
   * ICMP error is answered and no RST is reset, so a chain ends by the third answer.
   */
  walkResponses(result: LegResult, depth = 0): LegResult[] {
    if (depth >= MAX_ANSWER_DEPTH) return [];
    return result.responses.flatMap((r) => {
      const answer = this.sendResponse(r);
      return [answer, ...this.walkResponses(answer, depth + 1)];
    });
  }
}

/**
 * The leg's drop is its own packet's: when ARP for the next hop fails, the queued packet dies
 * NEIGH_FAILED whatever killed the ARP request itself (a vxlan with no FDB entry for it). A
 * flooded copy that met another host (OTHERHOST) is not where the packet died, unless it is all
 * there is.
 */
function legDrop(drops: readonly LegDrop[]): Drop | undefined {
  const first = (own: boolean, otherhost: boolean) => drops.find((d) => d.own === own && (otherhost || d.drop.reason !== 'OTHERHOST'))?.drop;
  return first(true, false) ?? first(true, true) ?? first(false, false) ?? first(false, true);
}

/**
 * The first events of a response leg: who built the packet (tcp_v4_send_reset, nf_send_reset,
 * icmp_send), and the connection it was given (nf_ct_attach).
 */
function responseEvents(ctx: WalkContext, resp: Response, skb: Skb, daddr: Ipv4, l4: Header): void {
  const at = atNs(resp.ns);
  if (l4.layer === 'tcp') ctx.rec.emit(skb, at, resp.by, 'tcp.reset', { dst: formatIpv4(daddr), dport: l4.dport });
  else if (l4.layer === 'icmp') ctx.rec.emit(skb, at, resp.by, 'icmp.send', { type: l4.type, code: l4.code, dst: formatIpv4(daddr) });
  if (resp.ct?.entry) {
    skb.ct = resp.ct;
    ctx.rec.emit(skb, at, 'nf_ct_attach', 'ct.attach', { dir: resp.ct.dir }, ctx.rec.recording ? [ctRef(resp.ct.entry)] : undefined);
  }
}

/** No stage dropped the packet and nobody accepted it (e.g. it was consumed by a dummy device). */
function silentLoss(events: Leg['events']): Drop {
  const last = events[events.length - 1];
  return { reason: 'NOT_SPECIFIED', seq: last?.seq ?? 0, at: last?.at ?? { machine: '', netns: '' }, fn: last?.fn ?? '', cause: { code: 'vanished' } };
}

function l4Length(h: Header): number {
  if (h.layer === 'tcp') return 20 + h.payload;
  if (h.layer === 'udp') return 8 + h.payload;
  return 8 + (h.layer === 'icmp' && h.quoted ? 28 : 0);
}

function tcp(sport: number, dport: number, flags: TcpFlag[], seq: number, ack: number, payload = 0): Header {
  return { layer: 'tcp', sport, dport, flags, seq, ack, payload };
}

/**
 * What the client sees of a failed conversation. An error only when it reaches the client's own
 * socket: a RST delivered to it (refused), an ICMP error whose quoted packet is its own (icmp_err
 * → the protocol's err handler finds the socket by that tuple); its own send failing. A RST the
 * client itself sends (to a SYN-ACK from an address it never dialled) or an error for another
 * socket tells it nothing: it retransmits until it gives up.
 */
function outcomeOfFailure(results: LegResult[], client: ConvSocket): Outcome {
  for (const r of results) {
    if (r.leg.drop?.appError) return { code: 'app-error', message: r.leg.drop.appError };
  }
  const last = results[results.length - 1];
  if (last?.accepted?.socket !== client) return { code: 'timeout' };
  if (last.leg.packet === 'RST') return { code: 'refused', message: 'Connection refused' };
  if (last.leg.packet === 'icmp-error') {
    const icmp = last.sent;
    const code = icmp.layer === 'icmp' ? icmp.code : -1;
    // what ping, nc and connect() print for the error (strerror of the errno icmp_err_convert gives)
    const message = code === ICMP_FRAG_NEEDED
      ? `Frag needed and DF set (mtu = ${icmp.layer === 'icmp' ? (icmp.mtu ?? '?') : '?'})`
      : code === ICMP_NET_UNREACH ? 'Network is unreachable' : code === ICMP_PORT_UNREACH ? 'Connection refused' : code === ICMP_PKT_FILTERED ? 'Permission denied' : 'No route to host';
    return { code: 'icmp-error', message, icmpCode: code };
  }
  return { code: 'timeout' };
}

export interface TraceOptions {
  /** look for state changes after every event, not only when a namespace's counters moved (tests) */
  readonly watchEveryEvent?: boolean;
  /**
   * Keep only what the verdict needs: legs with their verdicts and drops, the outcome; no
   * events, header views or state changes (the reachability matrix's thousands of traces).
   */
  readonly verdictOnly?: boolean;
}

export function traceConversation(lab: Lab, flow: Flow, opts: TraceOptions = {}): Trace {
  const client = lab.netns(flow.from.machine, flow.from.netns);
  const daddr = parseIpv4(flow.to.addr);
  if (!client || daddr === undefined) throw new Error(`invariant: flow ${flow.id} was not validated`);
  const conv = new Conversation(lab, client, opts.watchEveryEvent, opts.verdictOnly);
  conv.ctx.seed = flow.seed ?? ephemeralPort(`seed:${flow.id}`);
  // flow.size: the client sends exactly that many bytes and may not fragment (ping -M do)
  const requestSize = flow.size !== undefined ? { size: flow.size, dontFragment: true } : {};
  const udpBytes = flow.size !== undefined ? flow.size - 28 : DATA_BYTES;
  const results: LegResult[] = [];
  const finish = (ok: boolean, outcome: Outcome): Trace => ({
    version: TRACE_VERSION,
    flow,
    verdict: ok && conv.legs.every((l) => l.verdict === 'delivered' || l.packet === 'redirect') ? 'delivered' : 'dropped',
    legs: conv.legs,
    outcome,
    state: conv.rec.stateDeltas(),
  });
  let clientSock: ConvSocket;
  const fail = (r: LegResult): Trace => {
    results.push(r, ...conv.walkResponses(r));
    return finish(false, outcomeOfFailure(results, clientSock));
  };

  if (flow.protocol === 'icmp') {
    const id = ephemeralPort(flow.id) & 0xffff;
    const route = ipRouteOutput(client, { daddr });
    const saddr = route.ok ? route.saddr : 0;
    clientSock = { ns: client, proto: 'icmp', local: saddr, lport: id, remote: daddr, rport: 0 };
    conv.ctx.sockets.push(clientSock);
    const req = conv.send('echo-request', client, { layer: 'icmp', type: ICMP_ECHO, code: 0, id, seq: 1 }, daddr, undefined, requestSize);
    if (!req.accepted) return fail(req);
    const iph = req.accepted.skb.headers.find((h) => h.layer === 'ipv4')!;
    if (iph.layer !== 'ipv4') throw new Error('invariant');
    const rep = conv.send('echo-reply', req.accepted.ns, { layer: 'icmp', type: ICMP_ECHOREPLY, code: 0, id, seq: 1 }, iph.src, iph.dst, { size: flow.size });
    if (!rep.accepted) return fail(rep);
    return finish(true, { code: 'echo-replied' });
  }

  const port = flow.to.port!;
  const cport = ephemeralPort(flow.id);
  const route = ipRouteOutput(client, { daddr });
  clientSock = { ns: client, proto: flow.protocol, local: route.ok ? route.saddr : 0, lport: cport, remote: daddr, rport: port };
  conv.ctx.sockets.push(clientSock);

  if (flow.protocol === 'udp') {
    const req = conv.send('request', client, { layer: 'udp', sport: cport, dport: port, payload: udpBytes }, daddr, undefined, requestSize);
    if (!req.accepted) return fail(req);
    const { ns, src, dst, sport, dport } = endpoints(req.accepted);
    conv.ctx.sockets.push({ ns, proto: 'udp', local: dst, lport: dport, remote: src, rport: sport });
    const rep = conv.send('reply', ns, { layer: 'udp', sport: dport, dport: sport, payload: udpBytes }, src, dst, { size: flow.size });
    if (!rep.accepted) return fail(rep);
    return finish(true, { code: 'replied' });
  }

  const syn = conv.send('SYN', client, tcp(cport, port, ['SYN'], CLIENT_ISN, 0), daddr);
  if (!syn.accepted) return fail(syn);
  const server = endpoints(syn.accepted);
  // inet_request_mark: the accepted connection's mark (ir_mark, then the child socket's sk_mark)
  // is the SYN's with net.ipv4.tcp_fwmark_accept, else the listener's own (0): the SYN-ACK
  // carries it and is routed with it (inet_csk_route_req), so fwmark rules apply to it
  const mark = tcpFwmarkAccept(server.ns.sysctl) ? syn.accepted.skb.mark : 0;
  const serverSock: ConvSocket = { ns: server.ns, proto: 'tcp', local: server.dst, lport: server.dport, remote: server.src, rport: server.sport, halfOpen: true };
  conv.ctx.sockets.push(serverSock);
  const synAck = conv.send('SYN-ACK', server.ns, tcp(server.dport, server.sport, ['SYN', 'ACK'], SERVER_ISN, CLIENT_ISN + 1), server.src, server.dst, { mark });
  if (!synAck.accepted) return fail(synAck);
  const ack = conv.send('ACK', client, tcp(cport, port, ['ACK'], CLIENT_ISN + 1, SERVER_ISN + 1), daddr, clientSock.local);
  if (!ack.accepted) return fail(ack);
  serverSock.halfOpen = false;
  const data = conv.send('data', client, tcp(cport, port, ['PSH', 'ACK'], CLIENT_ISN + 1, SERVER_ISN + 1, DATA_BYTES), daddr, clientSock.local);
  if (!data.accepted) return fail(data);
  return finish(true, { code: 'connected' });
}

function endpoints(d: Delivery) {
  const iph = d.skb.headers.find((h) => h.layer === 'ipv4');
  const l4 = d.skb.headers.find((h) => h.layer === 'tcp' || h.layer === 'udp');
  if (iph?.layer !== 'ipv4' || !l4 || (l4.layer !== 'tcp' && l4.layer !== 'udp')) throw new Error('invariant: delivery without headers');
  return { ns: d.ns, src: iph.src, dst: iph.dst, sport: l4.sport, dport: l4.dport };
}
