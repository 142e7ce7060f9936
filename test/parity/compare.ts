// Comparing the engine's trace of a flow with the kernel's account of the same flow. Pure:
// unit-tested without root.
import { eventKind } from '../../src/engine/trace/events';
import { finalRows, type CtState } from '../../src/engine/trace/state';
import { protoName } from '../../src/engine/kernel/conntrack/tuple';
import type { Trace } from '../../src/engine/trace/types';
import { outcomeText } from '../../src/i18n/trace';
import { devKey, IMMEDIATE_ERRORS, type KernelObservation, showKey } from './lab';
import { engineEncap, engineLearned } from './vxlanCapture';

/** Drop reasons the application sees as an error and for which no skb is freed. */
const APP_LEVEL = new Set(['IP_OUTNOROUTES']);

/** Errors that are the kernel's immediate answer to the client (not a timeout). */
const IMMEDIATE = new Set<string>(IMMEDIATE_ERRORS);

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
      if (kind === 'xmit' || kind === 'encap') tx.add(devKey(e.at.machine, e.at.netns, e.at.dev));
      if (kind === 'recv') rx.add(devKey(e.at.machine, e.at.netns, e.at.dev));
    }
  }
  return { tx, rx };
}

export function engineDrop(trace: Trace) {
  return trace.legs.find((l) => l.verdict === 'dropped')?.drop;
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
  const e = engineDevices(trace);
  diffs.push(...setDiff('tx', e.tx, k.tx), ...setDiff('rx', e.rx, k.rx));

  const drop = engineDrop(trace);
  const kernelReasons = [...new Set(k.drops.map((d) => d.reason))];
  if (!engineDelivered && drop) {
    const appError = drop.appError ? drop.appError.replace(/^[a-z]+:\s*/i, '') : undefined;
    const atClient = drop.at.machine === trace.flow.from.machine && drop.at.netns === trace.flow.from.netns;
    if (APP_LEVEL.has(drop.reason) && !atClient) {
      // a reply the remote stack cannot route (IP_OUTNOROUTES there): no skb is freed and the
      // client only sees silence; the verdict and the device sets are all there is to compare
    } else if (APP_LEVEL.has(drop.reason) || (appError && !kernelReasons.includes(drop.reason))) {
      const want = appError ?? (drop.reason === 'IP_OUTNOROUTES' ? 'Network is unreachable' : drop.reason);
      if (!k.output.toLowerCase().includes(want.toLowerCase())) {
        diffs.push(`drop: engine ${drop.reason} (the client sees "${want}"), the client printed "${oneLine(k.output)}"`);
      }
    } else if (!kernelReasons.includes(drop.reason)) {
      diffs.push(`drop reason: engine ${drop.reason} at ${where(drop.at)}, kernel kfree_skb reasons: ${kernelReasons.join(' ') || '(none)'}`);
    }
  }
  diffs.push(...setDiffPlain('iptables rule hits', engineRuleHits(trace), k.ruleHits));
  if (k.encap) diffs.push(...(k.encapProblem ? [k.encapProblem] : []), ...setDiffPlain('VXLAN frames on the wire (tcpdump)', engineEncap(trace), k.encap));
  if (k.learned) diffs.push(...setDiffPlain('vxlan FDB entries learned', engineLearned(trace), k.learned));
  diffs.push(...compareConntrack(trace, k.conntrack));
  // The client's immediate error (not a timeout) must be the one the engine says it sees.
  if (!k.delivered && k.error && IMMEDIATE.has(k.error)) {
    const engineSays = `${said(trace)} ${drop?.appError ?? ''}`.toLowerCase();
    if (!engineSays.includes(k.error.toLowerCase())) diffs.push(`client error: kernel "${k.error}", engine outcome "${said(trace)}"`);
  }
  // And the other way: when the engine says an error reaches the client, the client printed one
  // (a RST or ICMP error for another socket, or one the client sends itself, tells it nothing).
  if (!k.delivered && heardError(trace) && !kernelHeard(trace, k)) {
    diffs.push(`client error: engine outcome "${said(trace)}", the client heard nothing ("${oneLine(k.output)}")`);
  }
  return { ok: diffs.length === 0, diffs };
}

/** The engine says an error reached the client: a RST or an ICMP error its socket took. */
function heardError(trace: Trace): boolean {
  return trace.outcome.code === 'refused' || trace.outcome.code === 'icmp-error';
}

/** The client printed an error other than its own timeout (ping names ICMP errors its own way). */
function kernelHeard(trace: Trace, k: KernelObservation): boolean {
  if (k.error && k.error !== 'Connection timed out') return true;
  return 'message' in trace.outcome && k.output.includes(trace.outcome.message);
}

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
