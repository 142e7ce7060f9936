// Comparing the engine's trace of a flow with the kernel's account of the same flow. Pure:
// unit-tested without root.
import { eventKind } from '../../src/engine/trace/events';
import { finalRows, type CtState } from '../../src/engine/trace/state';
import { protoName } from '../../src/engine/kernel/conntrack/tuple';
import { traceDrop } from '../../src/engine/trace/expectation';
import type { Trace, TraceEvent } from '../../src/engine/trace/types';
import { KERNEL_DROP_REASONS } from '../../src/engine/trace/dropReasons';
import type { PacketView } from '../../src/engine/packet/view';
import type { Outcome } from '../../src/engine/trace/types';
import { outcomeText } from '../../src/i18n/trace';
import { portMask } from './frames';
import { kernelFnMatches, tolerated } from './kernelFns';
import type { FreedPacket } from './kfree';
import { devKey, type KernelObservation, type PlacedDrop, showKey } from './lab';
import { beyondConversation, compareHops, engineHops, kernelHops, serverPorts } from './path';
import { engineLearned } from './vxlanFdb';

/** Drop reasons the application sees as an error and for which no skb is freed. */
const APP_LEVEL = new Set(['IP_OUTNOROUTES']);

export interface Comparison {
  readonly ok: boolean;
  readonly diffs: readonly string[];
}

export function engineDevices(trace: Trace): { tx: Set<string>; rx: Set<string> } {
  const tx = new Set<string>();
  const rx = new Set<string>();
  for (const leg of trace.legs) {
    for (const e of leg.events) {
      if (e.at.dev === undefined) continue;
      // a tunnel device counts a transmission when it encapsulates (vxlan_xmit_one)
      const kind = eventKind(e.code);
      // br.nf.xmit: br_dev_xmit hands a bridged-DNAT frame back before counting it
      if ((kind === 'xmit' && e.code !== 'br.nf.xmit') || kind === 'encap') tx.add(devKey(e.at.machine, e.at.netns, e.at.dev));
      // dev_forward_skb hands a frame to a device's taps without its driver counting it
      if (kind === 'recv' && e.code !== 'dev.forward') rx.add(devKey(e.at.machine, e.at.netns, e.at.dev));
    }
  }
  return { tx, rx };
}

export function engineDrop(trace: Trace) {
  return traceDrop(trace);
}

function setDiff(name: string, engine: ReadonlySet<string>, kernel: ReadonlySet<string>): string[] {
  const onlyE = [...engine].filter((k) => !kernel.has(k)).map(showKey).sort();
  const onlyK = [...kernel].filter((k) => !engine.has(k)).map(showKey).sort();
  if (!onlyE.length && !onlyK.length) return [];
  const parts = [];
  if (onlyK.length) parts.push(`kernel only: ${onlyK.join(' ')}`);
  if (onlyE.length) parts.push(`engine only: ${onlyE.join(' ')}`);
  return [`${name} devices differ (${parts.join('; ')})`];
}

/** What the client sees, as the English CLI prints it (`connected`, `Connection refused` …). */
function said(trace: Trace): string {
  return outcomeText(trace.outcome, 'en');
}

export function compareFlow(trace: Trace, k: KernelObservation): Comparison {
  const diffs: string[] = [];
  const engineDelivered = trace.verdict === 'delivered';
  if (engineDelivered !== k.delivered) {
    diffs.push(
      `verdict: engine ${trace.verdict} (${said(trace)}), kernel ${k.delivered ? 'delivered' : 'dropped'}${k.error ? ` (${k.error})` : ''}`,
    );
  }
  // what the client printed, exactly as the trace's outcome says it
  const eo = engineOutcome(trace.outcome, trace.flow.protocol);
  const ko = kernelOutcome(trace.flow.protocol, k.delivered, k.output);
  if (eo !== ko) diffs.push(`client outcome: engine "${eo}" (${said(trace)}), kernel "${ko}" (the client printed "${oneLine(k.output) || 'nothing'}")`);
  const e = engineDevices(trace);
  diffs.push(...setDiff('tx', e.tx, k.tx), ...setDiff('rx', e.rx, k.rx));
  diffs.push(...compareDrops(trace, k.drops));
  if (k.captureProblem) diffs.push(`capture: ${k.captureProblem}`);
  else {
    const mask = maskFor(trace);
    const engine = engineHops(trace);
    diffs.push(...compareHops(engine, kernelHops(k.frames, engine, serverPorts(trace), mask), mask, beyondConversation(trace)));
  }
  diffs.push(...setDiffPlain('iptables rule hits', engineRuleHits(trace), k.ruleHits));
  if (k.learned) diffs.push(...setDiffPlain('vxlan FDB entries learned', engineLearned(trace), k.learned));
  diffs.push(...compareConntrack(trace, k.conntrack));
  return { ok: diffs.length === 0, diffs };
}

/** Ports the kernel draws are not compared: the client's, and every client-side one after --random-fully. */
export function maskFor(trace: Trace) {
  return portMask(serverPorts(trace), [...engineRuleHits(trace)].some((h) => h.includes('--random-fully')));
}

/**
 * The client's outcome in one comparable form: `connected`, `replied`, `echo-replied`,
 * `timeout`, or `error: TEXT` with the errno text (strerror) the client's system call got, or for
 * ping the ICMP error it printed (`icmp N/M`, `Frag needed and DF set (mtu = N)`).
 */
export function engineOutcome(o: Outcome, protocol: Trace['flow']['protocol']): string {
  switch (o.code) {
    case 'connected':
    case 'replied':
    case 'echo-replied':
    case 'timeout':
      return o.code;
    case 'refused':
      return 'error: Connection refused';
    case 'icmp-error':
      // ping prints the ICMP error itself; a socket's system call gets its errno
      return o.message.startsWith('Frag needed') || protocol !== 'icmp' ? `error: ${o.message}` : `error: ${o.message}; icmp 3/${o.icmpCode}`;
    case 'app-error':
      return `error: ${o.message.replace(/^[a-z]+:\s*/i, '')}`;
  }
}

/** ping's words for ICMP destination-unreachable codes (iputils ping_common.c pr_icmph). */
const PING_UNREACH: readonly [string, number, string][] = [
  ['Destination Net Unreachable', 0, 'Network is unreachable'],
  ['Destination Host Unreachable', 1, 'No route to host'],
  ['Destination Protocol Unreachable', 2, 'No route to host'],
  ['Destination Port Unreachable', 3, 'Connection refused'],
  ['Destination Net Prohibited', 9, 'No route to host'],
  ['Destination Host Prohibited', 10, 'No route to host'],
  ['Packet filtered', 13, 'Permission denied'],
];

const ERRNO_TEXTS = ['Connection refused', 'No route to host', 'Network is unreachable', 'Operation not permitted', 'Permission denied', 'Message too long', 'Connection reset by peer', 'Invalid argument', 'Protocol not available'];

/** The same form from what the real client printed (socat for TCP and UDP, ping for ICMP). */
export function kernelOutcome(protocol: Trace['flow']['protocol'], delivered: boolean, output: string): string {
  if (delivered) return protocol === 'tcp' ? 'connected' : protocol === 'udp' ? 'replied' : 'echo-replied';
  const frag = /Frag needed and DF set \(mtu = \d+\)/.exec(output);
  if (frag) return `error: ${frag[0]}`;
  if (protocol === 'icmp') {
    for (const [words, code, text] of PING_UNREACH) if (output.includes(words)) return `error: ${text}; icmp 3/${code}`;
    const local = /ping: (?:connect|sendmsg|local error): ([^,\n]+)/i.exec(output);
    if (local) {
      const t = ERRNO_TEXTS.find((x) => x.toLowerCase() === local[1].trim().toLowerCase());
      return `error: ${t ?? local[1].trim()}`;
    }
    return 'timeout';
  }
  // socat: "E connect(…): Connection refused", "E read(…): Connection refused", "E sendto(…): Message too long"
  if (/timed out/i.test(output)) return 'timeout';
  const t = ERRNO_TEXTS.find((x) => output.includes(x));
  return t ? `error: ${t}` : 'timeout';
}

/**
 * The kfree_skb records of the lab during the flow against the trace's drop events.
 *
 * Each drop event the kernel can see (not IP_OUTNOROUTES, which frees nothing, nor a drop whose
 * application sees the error from its own system call, nor the fabric's reasons) must be matched by a record in the same namespace with the same reason, the same
 * kind of packet (IPv4 or ARP; for IPv4 the same addresses and protocol as one of the dropped
 * packet's IPv4 headers) and a location in one of the kernel functions KERNEL_FNS maps the
 * engine's function to. Every record must be explained: matched by a drop event (a TCP
 * retransmission dies where the first segment died, so several records may match one event), or
 * one of the TOLERATED frees, each with its reason (kfree.ts, test/parity/README.md).
 */
export function compareDrops(trace: Trace, drops: readonly PlacedDrop[]): string[] {
  const diffs: string[] = [];
  const explained = new Set<PlacedDrop>();
  const flowDrop = traceDrop(trace);
  /** the flow's own drop, once the kernel confirmed it exactly: where its later segments die too */
  let confirmedFlowDrop: TraceEvent | undefined;
  for (const leg of trace.legs) {
    for (const ev of leg.events) {
      if (ev.code !== 'drop') continue;
      const reason = (ev.params as { reason: string }).reason;
      if (!(KERNEL_DROP_REASONS as readonly string[]).includes(reason) || APP_LEVEL.has(reason)) continue;
      // the sender's own system call failed (sendmsg: Message too long …): no skb was made
      if (leg.drop?.seq === ev.seq && leg.drop.appError) continue;
      const ns = `${ev.at.machine}/${ev.at.netns}`;
      const matches = drops.filter((d) => d.ns === ns && d.reason === reason && kernelFnMatches(ev.fn, d.fn) && samePacket(ev.packet, d.packet));
      for (const m of matches) explained.add(m);
      if (matches.length > 0 && leg.drop === flowDrop && flowDrop?.seq === ev.seq) confirmedFlowDrop = ev;
      if (matches.length === 0) {
        const near = drops.filter((d) => d.ns === ns);
        diffs.push(`drop (${leg.packet}): engine ${reason} by ${ev.fn} at ${where(ev.at)} (${freedText(ev.packet)}); kernel records there: ${near.map(showDrop).join('; ') || 'none'}`);
      }
    }
  }
  for (const d of drops) {
    if (explained.has(d) || tolerated(d, `${trace.flow.from.machine}/${trace.flow.from.netns}`)) continue;
    if (confirmedFlowDrop && laterSegment(confirmedFlowDrop, d)) continue;
    diffs.push(`kernel drop not in the trace: ${showDrop(d)}`);
  }
  return diffs;
}

function freedText(p: PacketView): string {
  const arp = p.find((h) => h.layer === 'arp');
  if (arp && arp.layer === 'arp') return `ARP ${arp.op} ${arp.senderIp} > ${arp.targetIp}`;
  const ips = p.filter((h) => h.layer === 'ipv4');
  return ips.map((h) => (h.layer === 'ipv4' ? `IPv4 ${h.src} > ${h.dst} proto ${h.protocol}` : '')).join(' in ') || 'no IPv4';
}

/** The freed packet is the dropped one: ARP for ARP; for IPv4 one of its IPv4 headers (outer or inner). */
function samePacket(p: PacketView, f: FreedPacket): boolean {
  // the kernel reads the network header of the skb it frees: an ARP carried in VXLAN dies as
  // its outer IPv4/UDP packet (vxlan_rcv), a bare ARP as ARP
  const outer = p.find((h) => h.layer === 'arp' || h.layer === 'ipv4');
  if (f.kind === 'arp') return outer?.layer === 'arp';
  if (f.kind !== 'ipv4' || outer?.layer !== 'ipv4') return false;
  // and the same kind of packet: a client's RST has its SYN's addresses, an ICMP error its echo's
  return p.some((h, i) => h.layer === 'ipv4' && h.src === f.src && h.dst === f.dst && h.protocol === f.protocol && sameTransport(p[i + 1], f));
}

/**
 * A later segment of the connection whose packet died (the client, believing itself connected,
 * sends its data and then its FIN), freed at the same place, for the same reason, by the same
 * function as the flow's drop the kernel confirmed: the conversation the engine plays stops at that
 * drop. Only TCP with ACK set and no SYN or RST.
 */
function laterSegment(flowDrop: TraceEvent, d: PlacedDrop): boolean {
  const p = d.packet;
  if (p.kind !== 'ipv4' || p.protocol !== 6 || p.tcpFlags === undefined || (p.tcpFlags & 0x16) !== 0x10) return false;
  return (
    d.ns === `${flowDrop.at.machine}/${flowDrop.at.netns}` &&
    d.reason === (flowDrop.params as { reason: string }).reason &&
    kernelFnMatches(flowDrop.fn, d.fn) &&
    flowDrop.packet.some((h) => h.layer === 'ipv4' && h.src === p.src && h.dst === p.dst && h.protocol === 6)
  );
}

/** SYN, ACK, RST, FIN as the kernel record has them (PSH aside), or the ICMP type; anything else passes. */
function sameTransport(h: PacketView[number] | undefined, f: Extract<FreedPacket, { kind: 'ipv4' }>): boolean {
  if (h?.layer === 'tcp' && f.tcpFlags !== undefined) {
    const bits = { FIN: 0x01, SYN: 0x02, RST: 0x04, ACK: 0x10 } as const;
    const engine = (h.flags as readonly string[]).reduce((m, x) => m | (bits[x as keyof typeof bits] ?? 0), 0);
    return engine === (f.tcpFlags & 0x17);
  }
  if (h?.layer === 'icmp' && f.icmpType !== undefined) return h.type === f.icmpType;
  return true;
}

export function showDrop(d: PlacedDrop): string {
  const p = d.packet;
  const what = p.kind === 'arp' ? `ARP op ${p.op} ${p.senderIp} > ${p.targetIp}` : p.kind === 'ipv4' ? `IPv4 ${p.src} > ${p.dst} proto ${p.protocol}${p.sport !== undefined ? ` ${p.sport} > ${p.dport}` : ''}${p.tcpFlags !== undefined ? ` flags 0x${p.tcpFlags.toString(16)}` : ''}${p.icmpType !== undefined ? ` icmp ${p.icmpType}` : ''}` : `protocol 0x${p.protocol.toString(16)}`;
  return `${d.reason} by ${d.fn} at ${showNs(d.ns)}${d.dev ? `:${d.dev}` : ''} (${what})`;
}

const showNs = (ns: string) => (ns.endsWith('/') ? ns.slice(0, -1) : ns);

/** The rules the trace says matched: machine/netns|table|-A CHAIN … (as iptables-save -c keys them). */
export function engineRuleHits(trace: Trace): Set<string> {
  const out = new Set<string>();
  for (const leg of trace.legs) {
    for (const e of leg.events) {
      if (e.code !== 'nf.rule') continue;
      for (const r of e.refs ?? []) if (r.type === 'nf-rule') out.add(`${e.at.machine}/${e.at.netns}|${r.table}|${r.line}`);
    }
  }
  return out;
}

function setDiffPlain(name: string, engine: ReadonlySet<string>, kernel: ReadonlySet<string>): string[] {
  const onlyE = [...engine].filter((k) => !kernel.has(k)).sort();
  const onlyK = [...kernel].filter((k) => !engine.has(k)).sort();
  if (!onlyE.length && !onlyK.length) return [];
  const parts = [];
  if (onlyK.length) parts.push(`kernel only: ${onlyK.join(' ; ')}`);
  if (onlyE.length) parts.push(`engine only: ${onlyE.join(' ; ')}`);
  return [`${name} differ (${parts.join('; ')})`];
}

/**
 * The client's port is the kernel's random pick (ip_local_port_range 32768-60999), and
 * MASQUERADE --random-fully picks another anywhere above 1023 that the engine does not draw:
 * ports from 32768 up are not compared (server ports and NodePorts lie below).
 */
function ephemeral(tuples: readonly string[]): string[] {
  return tuples.map((t) => t.replace(/(sport|dport)=(\d+)/g, (all, k, v) => (Number(v) >= 32768 ? `${k}=*` : all))).sort();
}

/** Conntrack tuples (orig => reply, NAT included) per namespace; TCP states differ by design (nc closes). */
export function compareConntrack(trace: Trace, kernelRaw: ReadonlyMap<string, readonly string[]>): string[] {
  const kernel = new Map([...kernelRaw].map(([k, v]) => [k, ephemeral(v)]));
  const engine = new Map<string, string[]>();
  for (const [ns, rows] of finalRows(trace.state, 'conntrack')) {
    if (rows.size === 0) continue;
    engine.set(ns.replace('\u0000', '/'), ephemeral([...rows.values()].flatMap((r) => (r.table === 'conntrack' ? [engineTuples(r.entry)] : []))));
  }
  // a port MASQUERADE/SNAT --random-fully drew is random in the kernel too: not compared, on
  // the client's side of every entry (the reply's destination where it was drawn, the
  // original source in the namespaces the masqueraded packet reaches)
  const randomFully = [...engineRuleHits(trace)].some((h) => h.includes('--random-fully'));
  const unport = (list: readonly string[]): string[] =>
    randomFully ? list.map((t) => t.replace(/(=> .*dport=)\d+/, '$1*').replace(/^([^=]*src=\S+ dst=\S+ sport=)\d+/, '$1*')) : [...list];
  for (const [k, v] of engine) engine.set(k, unport(v));
  for (const [k, v] of kernel) kernel.set(k, unport(v));
  const diffs: string[] = [];
  for (const key of new Set([...engine.keys(), ...kernel.keys()])) {
    const e = (engine.get(key) ?? []).join(' | ');
    const k = (kernel.get(key) ?? []).join(' | ');
    if (e !== k) diffs.push(`conntrack ${key}: engine [${e}], kernel [${k}]`);
  }
  return diffs;
}

/** An engine conntrack entry written as conntrackTuples writes the kernel's `conntrack -L` line. */
export function engineTuples(e: CtState): string {
  const half = (t: CtState['orig']) => (e.proto === 1 ? `src=${t.src} dst=${t.dst}` : `src=${t.src} dst=${t.dst} sport=${t.sport} dport=${t.dport}`);
  return `${protoName(e.proto)} ${half(e.orig)} => ${half(e.reply)}`;
}

function where(at: { machine: string; netns: string; dev?: string }): string {
  return `${at.machine}${at.netns ? `/${at.netns}` : ''}${at.dev ? `:${at.dev}` : ''}`;
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 160 ? `${t.slice(0, 157)}...` : t;
}

/** Build parity: commands the engine expected Linux to refuse, and what Linux said. */
export function compareRefusals(refused: readonly { at: string; expected: string; kernel: string }[]): string[] {
  const diffs: string[] = [];
  for (const r of refused) {
    if (!sameMessage(r.expected, r.kernel)) diffs.push(`${r.at}: engine says "${r.expected}", kernel says "${r.kernel}"`);
  }
  return diffs;
}

/** `RTNETLINK answers: File exists` ≈ `Error: File exists.`: the tools dress the same errno differently. */
export function sameMessage(engine: string, kernel: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/RTNETLINK answers:\s*/gi, '')
      .replace(/^Error:\s*/i, '')
      .replace(/\.\s*$/, '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
  const e = norm(engine);
  const k = norm(kernel);
  return e === k || k.includes(e) || e.includes(k);
}
