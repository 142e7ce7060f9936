// VXLAN on the wire: tcpdump on every machine NIC (outgoing frames, UDP to the labs' vxlan
// ports) while a flow runs, each encapsulated frame reduced to one line of what both sides
// must agree on, and the same line built from the engine's trace. Outer and inner MACs are
// pinned by export-script, so they compare exactly; the UDP source port (a flow hash in
// Linux) and lengths (the engine's segments carry no TCP options) are left out.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Trace } from '../../src/engine/trace/types';

/** `node1:eth0 02:..>02:.. 192.168.3.11>192.168.3.10 ttl 64 - udp/8472 vni 1 | 02:..>02:.. IPv4 10.244.1.3>10.244.3.3 ttl 63 DF` */
export function encapLine(where: string, outer: { smac: string; dmac: string; src: string; dst: string; ttl: number; df: boolean; dport: number; vni: number }, inner: { smac: string; dmac: string; what: string }): string {
  const o = `${outer.smac}>${outer.dmac} ${outer.src}>${outer.dst} ttl ${outer.ttl} ${outer.df ? 'DF' : '-'} udp/${outer.dport} vni ${outer.vni}`;
  return `${where} ${o} | ${inner.smac}>${inner.dmac} ${inner.what}`;
}

const TS = /^\d\d:\d\d:\d\d\.\d+ /;
const ETH = /^(?:\d\d:\d\d:\d\d\.\d+ )?([0-9a-f:]{17}) > ([0-9a-f:]{17}), ethertype (\w+) \(0x[0-9a-f]+\), length \d+: (.*)$/;
const IPHDR = /ttl (\d+), id \d+, offset \d+, flags \[([^\]]*)\]/;
const UDP = /^\s*([\d.]+)\.\d+ > ([\d.]+)\.(\d+): (?:OTV|VXLAN), flags \[I\] \(0x08\), (?:overlay 0, instance|vni) (\d+)/;
const ADDRS = /^\s*(\d+\.\d+\.\d+\.\d+)(?:\.\d+)? > (\d+\.\d+\.\d+\.\d+)(?:\.\d+)?:/;

/** Packets of `tcpdump -nn -e -v` output captured on `where`, as encapLine()s (non-VXLAN frames skipped). */
export function parseTcpdump(where: string, text: string): string[] {
  const packets: string[][] = [];
  for (const line of text.split('\n')) {
    if (TS.test(line)) packets.push([line]);
    else if (packets.length && line.trim()) packets[packets.length - 1].push(line);
  }
  const out: string[] = [];
  for (const p of packets) {
    const outer = ETH.exec(p[0]);
    const oip = outer ? IPHDR.exec(outer[4]) : null;
    const udp = p[1] ? UDP.exec(p[1]) : null;
    const inner = p[2] ? ETH.exec(p[2]) : null;
    if (!outer || !oip || !udp || !inner) continue;
    let what = inner[3] === 'ARP' ? 'ARP' : inner[3];
    if (inner[3] === 'IPv4') {
      const iip = IPHDR.exec(inner[4]);
      const addrs = p[3] ? ADDRS.exec(p[3]) : null;
      what = `IPv4 ${addrs?.[1]}>${addrs?.[2]} ttl ${iip?.[1]} ${iip?.[2].includes('DF') ? 'DF' : '-'}`;
    }
    out.push(encapLine(
      where,
      { smac: outer[1], dmac: outer[2], src: udp[1], dst: udp[2], ttl: Number(oip[1]), df: oip[2].includes('DF'), dport: Number(udp[3]), vni: Number(udp[4]) },
      { smac: inner[1], dmac: inner[2], what },
    ));
  }
  return out;
}

/** The same lines from the engine: every frame a NIC sent (dev_queue_xmit) that carries VXLAN. */
export function engineEncap(trace: Trace): Set<string> {
  const out = new Set<string>();
  for (const leg of trace.legs) {
    for (const e of leg.events) {
      if (e.code !== 'dev.xmit' || !e.at.dev) continue;
      const [oeth, oip, udp, vx, ieth, l3] = e.packet;
      if (oeth?.layer !== 'eth' || oip?.layer !== 'ipv4' || udp?.layer !== 'udp' || vx?.layer !== 'vxlan' || ieth?.layer !== 'eth') continue;
      const what = l3?.layer === 'ipv4' ? `IPv4 ${l3.src}>${l3.dst} ttl ${l3.ttl} ${l3.df ? 'DF' : '-'}` : l3?.layer === 'arp' ? 'ARP' : String(l3?.layer);
      out.add(encapLine(
        `${e.at.machine}:${e.at.dev}`,
        { smac: oeth.src, dmac: oeth.dst, src: oip.src, dst: oip.dst, ttl: oip.ttl, df: oip.df, dport: udp.dport, vni: vx.vni },
        { smac: ieth.src, dmac: ieth.dst, what },
      ));
    }
  }
  return out;
}

/** tcpdump on each (namespace, NIC) while a flow runs. */
export class EncapCapture {
  private readonly procs: { where: string; child: ChildProcess; out: string; err: string; done: Promise<void> }[] = [];

  constructor(private readonly nics: readonly { ns: string; machine: string; nic: string }[], private readonly ports: readonly number[]) {}

  /** Starts every capture and waits until each one is listening (or failed). */
  async start(): Promise<void> {
    const filter = `udp and (${this.ports.map((p) => `dst port ${p}`).join(' or ')})`;
    await Promise.all(this.nics.map(({ ns, machine, nic }) => {
      const child = spawn('ip', ['netns', 'exec', ns, 'tcpdump', '-nn', '-e', '-v', '-l', '-Q', 'out', '-i', nic, filter], { stdio: ['ignore', 'pipe', 'pipe'] });
      const p = { where: `${machine}:${nic}`, child, out: '', err: '', done: Promise.resolve() };
      p.done = new Promise<void>((resolve) => child.on('close', () => resolve()));
      this.procs.push(p);
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (p.out += d));
      return new Promise<void>((ready) => {
        const timer = setTimeout(ready, 3000);
        child.stderr!.setEncoding('utf8').on('data', (d: string) => {
          p.err += d;
          if (p.err.includes('listening on')) {
            clearTimeout(timer);
            ready();
          }
        });
        child.on('close', () => ready());
      });
    }));
  }

  /** Stops the captures; the encapsulated frames seen, or an error naming a capture that never ran. */
  async stop(): Promise<{ lines: Set<string>; problem?: string }> {
    for (const p of this.procs) if (p.child.pid !== undefined && p.child.exitCode === null) p.child.kill('SIGINT');
    await Promise.race([Promise.all(this.procs.map((p) => p.done)), new Promise((r) => setTimeout(r, 3000))]);
    for (const p of this.procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    const lines = new Set(this.procs.flatMap((p) => parseTcpdump(p.where, p.out)));
    const failed = this.procs.find((p) => !p.err.includes('listening on'));
    return failed ? { lines, problem: `tcpdump on ${failed.where} did not start: ${failed.err.trim().split('\n').pop()}` } : { lines };
  }
}

/** Learned vxlan FDB lines (`bridge fdb show`, no `permanent`) of one namespace, keyed `machine/netns|line`. */
export function parseLearned(key: string, text: string): string[] {
  return text.split('\n').filter((l) => / dst \S+ self\s*$/.test(l)).map((l) => `${key}|${l.trim()}`);
}

/** What the trace says was learned (vxlan_snoop events), keyed as parseLearned does. */
export function engineLearned(trace: Trace): Set<string> {
  const out = new Set<string>();
  for (const leg of trace.legs) {
    for (const e of leg.events) if (e.code === 'vxlan.learn') for (const r of e.refs ?? []) out.add(`${e.at.machine}/${e.at.netns}|${r.line.trim()}`);
  }
  return out;
}
