// One lab: a scenario (and variant) built in real namespaces by export-script, its flows run
// with real tools from the source namespace, and the kernel's account of each flow read back
// (exit status and error text of the tool, every frame every device sent and received,
// per-device packet counters, the kfree_skb records of the lab's namespaces).
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { World } from '../../src/engine/api';
import type { Flow } from '../../src/engine/trace/types';
import type { Scenario } from '../../src/scenario/model';
import { exportScript, FAILED_TAG, labNamespaces, REFUSED_TAG, UNEXPECTED_TAG, type LabNamespace } from '../../src/cli/exportScript';
import { opsOf } from '../../src/scenario/variant';
import { FrameCapture } from './capture';
import { parseFrame } from './frames';
import type { KfreeEvent, KfreeTracer } from './kfree';
import type { PlacedFrame } from './path';
import { parseLearned } from './vxlanFdb';
import { deleteNamespaces, registerNamespaces } from './netns';
import { Mutex, run, sleep } from './sh';

/** ARP retransmit time in the labs: an unanswered ARP fails after 3 × this (3 s by default). */
export const NEIGH_RETRANS_MS = 100;

export interface BuildOutcome {
  readonly ok: boolean;
  /** Commands the kernel refused although the engine accepted them (or other build failures). */
  readonly failures: readonly string[];
  /** Commands the engine expected Linux to refuse: what the kernel said. */
  readonly refused: readonly { at: string; expected: string; kernel: string }[];
  readonly ms: number;
}

export interface KernelObservation {
  readonly delivered: boolean;
  /** The error the client printed, normalised ("Connection refused", "Network is unreachable" …). */
  readonly error?: string;
  /** What the tool printed (for reports). */
  readonly output: string;
  /** Devices (machine/netns/dev keys) that sent / received at least one frame during the flow. */
  readonly tx: ReadonlySet<string>;
  readonly rx: ReadonlySet<string>;
  /** the kfree_skb records of the lab's namespaces during the flow, placed */
  readonly drops: readonly PlacedDrop[];
  /** every frame the lab's machine and pod namespaces' devices sent or received */
  readonly frames: readonly PlacedFrame[];
  /** a capture that could not run */
  readonly captureProblem?: string;
  /** vxlan FDB entries learned during the flow (`bridge fdb show`, vxlanCapture.ts parseLearned) */
  readonly learned?: ReadonlySet<string>;
  /** iptables rules whose packet counter moved: `machine/netns|table|-A CHAIN …` */
  readonly ruleHits: ReadonlySet<string>;
  /** conntrack -L after the flow, per namespace key machine/netns: `orig-tuple => reply-tuple` */
  readonly conntrack: ReadonlyMap<string, readonly string[]>;
}

/** A kfree_skb record placed in the lab: its namespace (machine/netns) and device. */
export interface PlacedDrop extends KfreeEvent {
  readonly ns: string;
  readonly dev?: string;
}

/** `-A CHAIN …` lines with their counters from `iptables-save -c`, keyed by table. */
export function parseSaveCounters(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let table = '';
  const seen = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('*')) table = line.slice(1).trim();
    const m = /^\[(\d+):\d+\] (-A .*)$/.exec(line);
    if (!m) continue;
    // identical rules in one chain are told apart by their occurrence
    const base = `${table}|${m[2]}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.set(n > 1 ? `${base}#${n}` : base, Number(m[1]));
  }
  return out;
}

/** `src=… dst=… sport=… dport=… … src=… dst=…` tuples of a conntrack -L line, without state. */
export function conntrackTuples(line: string): string | undefined {
  const fields = [...line.matchAll(/\b(src|dst|sport|dport)=(\S+)/g)].map((m) => `${m[1]}=${m[2]}`);
  if (fields.length < 4) return undefined;
  const half = fields.length / 2;
  return `${line.trim().split(/\s+/)[0]} ${fields.slice(0, half).join(' ')} => ${fields.slice(half).join(' ')}`;
}

/** machine/netns/dev, as the engine's Event.at names a device. */
export function devKey(machine: string, netns: string, dev: string): string {
  return `${machine}/${netns}/${dev}`;
}

/** Readable form of a devKey: node1:eth0, node1/pod1:eth0. */
export function showKey(key: string): string {
  const [m, ns, dev] = key.split('/');
  return `${m}${ns ? `/${ns}` : ''}:${dev}`;
}

/** The kernel's immediate answers to a client (errno text), as opposed to a timeout. */
export const IMMEDIATE_ERRORS = [
  'Connection refused',
  'Network is unreachable',
  'No route to host',
  'Operation not permitted',
  'Permission denied',
  'Invalid argument',
] as const;

const KNOWN_ERRORS = [
  ...IMMEDIATE_ERRORS,
  'Connection timed out',
  'timed out',
  'Destination Host Unreachable',
  'Destination Net Unreachable',
  'Destination Port Unreachable',
  'Destination Host Prohibited',
  'Destination Net Prohibited',
  'Packet filtered',
];

export function normaliseError(text: string): string | undefined {
  for (const e of KNOWN_ERRORS) if (text.includes(e)) return e === 'timed out' ? 'Connection timed out' : e;
  return undefined;
}

/** Global kernel state (the kfree_skb trace buffer) is read around one flow at a time. */
const flowMutex = new Mutex();

export class Lab {
  readonly namespaces: readonly LabNamespace[];
  private dir?: string;

  constructor(
    readonly scenario: Scenario,
    readonly variantId: string | undefined,
    readonly world: World,
    readonly prefix: string,
  ) {
    this.namespaces = labNamespaces(scenario, variantId, prefix);
  }

  script(): string {
    return exportScript(this.scenario, this.variantId, this.world, {
      prefix: this.prefix,
      listeners: 'echo',
      neighRetransMs: NEIGH_RETRANS_MS,
      quietBridges: true,
    });
  }

  async build(): Promise<BuildOutcome> {
    const started = Date.now();
    const text = this.script();
    this.dir = mkdtempSync(join(tmpdir(), 'podpath-parity-'));
    const file = join(this.dir, 'lab.sh');
    writeFileSync(file, text);
    registerNamespaces(this.namespaces.map((n) => n.name));
    const env = { ...process.env, PODPATH_PREFIX: this.prefix };
    const r = await run('bash', [file], { env, timeoutMs: 60000 });
    const failures: string[] = [];
    const refused: { at: string; expected: string; kernel: string }[] = [];
    for (const line of r.stderr.split('\n')) {
      const f = line.split('\t');
      if (f[0] === FAILED_TAG) failures.push(`kernel refused ${f[1]}: ${f[2]}`);
      else if (f[0] === UNEXPECTED_TAG) failures.push(`engine expected "${f[2]}" but the kernel accepted ${f[1]}: ${f[3]}`);
      else if (f[0] === REFUSED_TAG) refused.push({ at: f[1], expected: f[2], kernel: (f[3] ?? '').trim() });
    }
    if (r.code !== 0 && failures.length === 0) {
      failures.push(`build script exited ${r.code}${r.timedOut ? ' (timeout)' : ''}: ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
    }
    if (failures.length > 0) {
      // the script's own failure path also removes the lab; make sure
      const errs = r.stderr.trim().split('\n').filter((l) => l && !l.startsWith('podpath'));
      if (errs.length) failures.push(`kernel said: ${errs.slice(-3).join(' | ')}`);
    }
    return { ok: failures.length === 0, failures, refused, ms: Date.now() - started };
  }

  private nsOf(machine: string, netns: string): string {
    const n = this.namespaces.find((x) => x.kind !== 'switch' && x.machine === machine && x.netns === netns);
    if (!n) throw new Error(`no namespace for ${machine}${netns ? `/${netns}` : ''} in the lab`);
    return n.name;
  }

  /** ifindex → device name per namespace name, as the last counters() read them */
  private ifnames = new Map<string, Map<number, string>>();

  /** tx/rx packet counters of every device in every machine and netns namespace. */
  async counters(): Promise<Map<string, { tx: number; rx: number }>> {
    const out = new Map<string, { tx: number; rx: number }>();
    const list = this.namespaces.filter((n) => n.kind !== 'switch');
    const results = await Promise.all(list.map((n) => run('ip', ['-n', n.name, '-s', '-j', 'link', 'show'], { timeoutMs: 10000 })));
    list.forEach((n, i) => {
      const r = results[i];
      if (r.code !== 0) throw new Error(`ip -n ${n.name} -s -j link show: ${r.stderr.trim()}`);
      const links = JSON.parse(r.stdout) as { ifindex: number; ifname: string; stats64?: { tx: { packets: number }; rx: { packets: number } } }[];
      this.ifnames.set(n.name, new Map(links.map((l) => [l.ifindex, l.ifname])));
      for (const l of links) {
        out.set(devKey(n.machine!, n.netns!, l.ifname), { tx: l.stats64?.tx.packets ?? 0, rx: l.stats64?.rx.packets ?? 0 });
      }
    });
    return out;
  }

  /** Namespaces whose scenario configures iptables: the only ones worth reading counters from. */
  private filtered(): LabNamespace[] {
    return this.namespaces.filter((n) => n.kind !== 'switch' && this.world.show(n.machine!, n.netns!, 'iptables').trim() !== '');
  }

  async ruleCounters(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const list = this.filtered();
    const results = await Promise.all(list.map((n) => run('ip', ['netns', 'exec', n.name, 'iptables-save', '-c'], { timeoutMs: 10000 })));
    list.forEach((n, i) => {
      for (const [k, v] of parseSaveCounters(results[i].stdout)) out.set(`${n.machine}/${n.netns}|${k}`, v);
    });
    return out;
  }

  async conntrackList(): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    const list = this.filtered();
    const results = await Promise.all(list.map((n) => run('ip', ['netns', 'exec', n.name, 'conntrack', '-L'], { timeoutMs: 10000 })));
    list.forEach((n, i) => {
      const tuples = results[i].stdout.split('\n').map(conntrackTuples).filter((x): x is string => x !== undefined);
      if (tuples.length) out.set(`${n.machine}/${n.netns}`, tuples.sort());
    });
    return out;
  }

  /** Runs one flow with real tools and reads the kernel's account of it. */
  async runFlow(flow: Flow, tracer: KfreeTracer | undefined): Promise<KernelObservation> {
    const ns = this.nsOf(flow.from.machine, flow.from.netns);
    const hosts = this.namespaces.filter((n) => n.kind !== 'switch');
    const keyOf = new Map(hosts.map((n) => [n.name, `${n.machine}/${n.netns}`]));
    const inodes = new Map(hosts.map((n) => [statSync(`/run/netns/${n.name}`).ino, n.name]));
    return flowMutex.lock(async () => {
      const before = await this.counters();
      const rulesBefore = await this.ruleCounters();
      await Promise.all(this.filtered().map((n) => run('ip', ['netns', 'exec', n.name, 'conntrack', '-F'], { timeoutMs: 10000 })));
      const capture = new FrameCapture(hosts.map((n) => n.name));
      const captureProblem = await capture.start();
      const t0 = tracer?.now() ?? 0n;
      const started = Date.now();
      const { delivered, output } = await runClient(ns, flow);
      // Let the kernel finish what the flow started: an unanswered ARP fails 3 × retrans after
      // the first packet, which is freed then (NEIGH_FAILED); FIN exchanges end within
      // milliseconds. A client that waited out its own timeout has already waited that long.
      await sleep(delivered ? 100 : Math.max(100, NEIGH_RETRANS_MS * 3 + 250 - (Date.now() - started)));
      const t1 = tracer?.now() ?? 0n;
      const captured = captureProblem ? [] : await capture.stop();
      const freed = tracer ? await tracer.read(t0, t1, new Set(inodes.keys())) : [];
      const learned = this.hasVxlan() ? await this.learnedFdb() : undefined;
      const after = await this.counters();
      const rulesAfter = await this.ruleCounters();
      const ruleHits = new Set([...rulesAfter].filter(([k, v]) => v > (rulesBefore.get(k) ?? 0)).map(([k]) => k.replace(/#\d+$/, '')));
      const conntrack = await this.conntrackList();
      const tx = new Set<string>();
      const rx = new Set<string>();
      for (const [key, a] of after) {
        const b = before.get(key) ?? { tx: 0, rx: 0 };
        if (a.tx > b.tx) tx.add(key);
        if (a.rx > b.rx) rx.add(key);
      }
      const ports = this.vxlanPorts();
      const frames: PlacedFrame[] = captured.map((f) => ({ ts: f.ts, seq: f.seq, ns: keyOf.get(f.ns)!, dev: f.dev, dir: f.dir, packet: parseFrame(f.bytes, ports) }));
      const drops: PlacedDrop[] = freed.map((d) => {
        const name = inodes.get(d.netnsInode)!;
        const dev = this.ifnames.get(name)?.get(d.ifindex);
        return { ...d, ns: keyOf.get(name)!, ...(dev ? { dev } : {}) };
      });
      return {
        delivered, error: normaliseError(output), output: output.trim(), tx, rx, drops, frames, ruleHits, conntrack,
        ...(captureProblem ? { captureProblem } : {}),
        ...(learned ? { learned } : {}),
      };
    });
  }

  /** UDP ports the lab's vxlan devices use (and the two well-known ones): frames to them carry VXLAN. */
  private vxlanPorts(): Set<number> {
    const ports = new Set<number>([4789, 8472]);
    for (const m of this.scenario.machines) {
      for (const op of opsOf(this.scenario, m, this.variantId)) if (op.op === 'link-add' && op.kind === 'vxlan') ports.add(op.vxlan.dstport);
    }
    return ports;
  }

  private hasVxlan(): boolean {
    return this.scenario.machines.some((m) => opsOf(this.scenario, m, this.variantId).some((op) => op.op === 'link-add' && op.kind === 'vxlan'));
  }

  /** `bridge fdb show` in every machine and netns namespace: the entries vxlan learning added. */
  private async learnedFdb(): Promise<Set<string>> {
    const list = this.namespaces.filter((n) => n.kind !== 'switch');
    const results = await Promise.all(list.map((n) => run('bridge', ['-n', n.name, 'fdb', 'show'], { timeoutMs: 10000 })));
    return new Set(list.flatMap((n, i) => parseLearned(`${n.machine}/${n.netns}`, results[i].stdout)));
  }

  async destroy(): Promise<void> {
    await deleteNamespaces(this.namespaces.map((n) => n.name));
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The client side of a flow, as a user would test it. */
export async function runClient(ns: string, flow: Flow): Promise<{ delivered: boolean; output: string }> {
  const exec = ['netns', 'exec', ns];
  const addr = flow.to.addr;
  switch (flow.protocol) {
    case 'tcp': {
      // the engine's conversation: handshake, a line of data, its echo. A handshake alone (nc -z)
      // would pass a connection whose last ACK dies on the way (connect() returns at the
      // SYN-ACK), as conntrack's INVALID drop of that ACK does.
      const target = `TCP4:${addr}:${flow.to.port ?? 80},connect-timeout=1`;
      const r = await run('ip', [...exec, 'socat', '-t', '1', '-T', '2', '-', target], { input: 'x\n', timeoutMs: 8000 });
      return { delivered: r.stdout.includes('x'), output: r.stderr + r.stdout };
    }
    case 'udp': {
      // one datagram; the echo comes back within microseconds, socat waits 0.4 s for it. With a
      // size: that many bytes of IP packet, DF set and no local fragmentation (IP_PMTUDISC_DO)
      const sized = flow.size !== undefined;
      const input = sized ? `${'x'.repeat(flow.size! - 29)}\n` : 'x\n';
      const target = `UDP4:${addr}:${flow.to.port ?? 53}${sized ? ',ip-pmtudisc=2' : ''}`;
      const r = await run('ip', [...exec, 'socat', '-t', '0.4', '-', target], { input, timeoutMs: 8000 });
      return { delivered: r.stdout.includes('x'), output: r.stderr + r.stdout };
    }
    case 'icmp': {
      const size = flow.size !== undefined ? ['-M', 'do', '-s', String(flow.size - 28)] : [];
      const r = await run('ip', [...exec, 'ping', '-n', '-c', '1', '-W', '1', ...size, addr], { timeoutMs: 8000 });
      return { delivered: r.code === 0, output: r.stderr + r.stdout };
    }
  }
}
