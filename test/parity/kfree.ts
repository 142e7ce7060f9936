// The kernel's own drop records: tracepoint skb:kfree_skb, read by one bpftrace program that
// runs for the whole parity run. The tracepoint is machine-wide and its fields (skbaddr,
// location, protocol, reason) name no namespace, so the program reads the namespace from the
// packet itself: the inode number of the network namespace of skb->dev (else of the route's
// device, else of the owning socket) and the device's ifindex. A record belongs to a lab when
// that inode is one of the lab's namespaces (stat /run/netns/NAME) and it happened while the
// lab's flow ran (bpftrace's nsecs and Node's hrtime are both CLOCK_MONOTONIC); nothing else on
// the machine can be attributed to it. The location is resolved to its function by bpftrace
// (ksym, the same table as /proc/kallsyms), and the first 40 bytes of the network header say
// which packet it was (IPv4 addresses, protocol, ports, TCP flags, ICMP type; ARP op and
// addresses).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { onExit } from './netns';
import { sleep } from './sh';

export const ETH_P_IP = 0x0800;
export const ETH_P_ARP = 0x0806;

/** What the freed packet was, read from its network header. */
export type FreedPacket =
  | { readonly kind: 'ipv4'; readonly src: string; readonly dst: string; readonly protocol: number; readonly sport?: number; readonly dport?: number; readonly tcpFlags?: number; readonly icmpType?: number }
  | { readonly kind: 'arp'; readonly op: number; readonly senderIp: string; readonly targetIp: string }
  | { readonly kind: 'other'; readonly protocol: number };

export interface KfreeEvent {
  /** CLOCK_MONOTONIC, ns */
  readonly ts: bigint;
  /** network namespace inode of the packet's device (or route's device, or socket); 0 when none */
  readonly netnsInode: number;
  readonly ifindex: number;
  readonly reason: string;
  /** the function that freed it (the tracepoint's location, resolved to its symbol) */
  readonly fn: string;
  readonly packet: FreedPacket;
}

/** `reason` numbers as this kernel's skb:kfree_skb format prints them. */
export function reasonNames(format: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of format.matchAll(/\{ (\d+), "(\w+)" \}/g)) out.set(Number(m[1]), m[2]);
  return out;
}

const ipStr = (b: Uint8Array, o: number) => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;

/** The network header's first 40 bytes (five little-endian u64 words as bpftrace printed them) as a packet. */
export function decodeHeader(protocol: number, words: readonly bigint[]): FreedPacket {
  const b = new Uint8Array(40);
  words.forEach((w, i) => {
    for (let k = 0; k < 8; k++) b[i * 8 + k] = Number((w >> BigInt(8 * k)) & 0xffn);
  });
  if (protocol === ETH_P_ARP) return { kind: 'arp', op: (b[6] << 8) | b[7], senderIp: ipStr(b, 14), targetIp: ipStr(b, 24) };
  if (protocol !== ETH_P_IP || b[0] >> 4 !== 4) return { kind: 'other', protocol };
  const ihl = (b[0] & 0xf) * 4;
  const proto = b[9];
  const base = { kind: 'ipv4' as const, src: ipStr(b, 12), dst: ipStr(b, 16), protocol: proto };
  if (ihl + 4 > 40) return base;
  const sport = (b[ihl] << 8) | b[ihl + 1];
  const dport = (b[ihl + 2] << 8) | b[ihl + 3];
  if (proto === 6) return { ...base, sport, dport, ...(ihl + 13 < 40 ? { tcpFlags: b[ihl + 13] } : {}) };
  if (proto === 17) return { ...base, sport, dport };
  if (proto === 1) return { ...base, icmpType: b[ihl] };
  return base;
}

/** One `K …` line of the program's output, or undefined for anything else. */
export function parseRecord(line: string, reasons: ReadonlyMap<number, string>): KfreeEvent | undefined {
  const m = /^K (\d+) (\d+) (-?\d+) (\d+) (\d+) (\S+) ([0-9a-f]+) ([0-9a-f]+) ([0-9a-f]+) ([0-9a-f]+) ([0-9a-f]+)$/.exec(line.trim());
  if (!m) return undefined;
  const protocol = Number(m[5]);
  return {
    ts: BigInt(m[1]),
    netnsInode: Number(m[2]),
    ifindex: Number(m[3]),
    reason: reasons.get(Number(m[4])) ?? `reason ${m[4]}`,
    fn: m[6],
    packet: decodeHeader(protocol, m.slice(7, 12).map((x) => BigInt(`0x${x}`))),
  };
}

/** The bpftrace program: every kfree_skb outside `initInode`, and a heartbeat every 20 ms. */
export function program(initInode: number): string {
  return `
tracepoint:skb:kfree_skb
{
  $skb = (struct sk_buff *)args->skbaddr;
  $dev = $skb->dev;
  $ns = (uint64)0;
  $ifi = (int32)0;
  if ($dev != 0) {
    $ns = $dev->nd_net.net->ns.inum;
    $ifi = $dev->ifindex;
  } else {
    $dst = (struct dst_entry *)($skb->_skb_refdst & 0xfffffffffffffffe);
    if ($dst != 0 && $dst->dev != 0) {
      $ns = $dst->dev->nd_net.net->ns.inum;
      $ifi = $dst->dev->ifindex;
    } else if ($skb->sk != 0) {
      $ns = $skb->sk->__sk_common.skc_net.net->ns.inum;
    }
  }
  if ($ns != ${initInode}) {
    $nh = $skb->head + $skb->network_header;
    printf("K %llu %llu %d %d %d %s %llx %llx %llx %llx %llx\\n", nsecs, $ns, $ifi, args->reason, args->protocol, ksym(args->location),
      *(uint64 *)$nh, *(uint64 *)($nh + 8), *(uint64 *)($nh + 16), *(uint64 *)($nh + 24), *(uint64 *)($nh + 32));
  }
}
interval:ms:20 { printf("T %llu\\n", nsecs); }
`;
}

const FORMAT = '/sys/kernel/tracing/events/skb/kfree_skb/format';

export class KfreeTracer {
  private child?: ChildProcess;
  private records: KfreeEvent[] = [];
  private heartbeat = 0n;
  private stderr = '';
  private reasons = new Map<number, string>();
  private undo?: () => void;

  /** Why tracing cannot work here, or undefined. */
  static problem(): string | undefined {
    if (!existsSync(FORMAT)) {
      if (!existsSync('/sys/kernel/tracing/events')) {
        const r = spawnSync('mount', ['-t', 'tracefs', 'nodev', '/sys/kernel/tracing']);
        if (r.status !== 0) return 'tracefs is not mounted at /sys/kernel/tracing and mounting it failed';
      }
      if (!existsSync(FORMAT)) return 'this kernel has no skb:kfree_skb tracepoint';
    }
    const r = spawnSync('bpftrace', ['--version'], { encoding: 'utf8' });
    if (r.status !== 0) return 'bpftrace is not installed (scripts/setup-test-deps.sh installs it)';
    if (!existsSync('/sys/kernel/btf/vmlinux')) return 'the kernel has no BTF (/sys/kernel/btf/vmlinux): bpftrace cannot read sk_buff';
    return undefined;
  }

  /** Starts the program and waits until it reports (up to 60 s: bpftrace compiles it first). */
  async start(): Promise<void> {
    const { readFileSync } = await import('node:fs');
    this.reasons = reasonNames(readFileSync(FORMAT, 'utf8'));
    const init = statSync('/proc/self/ns/net').ino;
    const child = spawn('bpftrace', ['-B', 'line', '-e', program(init)], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.undo = onExit(() => this.killSync());
    let partial = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      const lines = (partial + d).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('T ')) this.heartbeat = BigInt(line.slice(2).trim());
        else if (line.startsWith('K ')) {
          const r = parseRecord(line, this.reasons);
          if (r) this.records.push(r);
        }
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    const until = Date.now() + 60000;
    while (this.heartbeat === 0n) {
      if (child.exitCode !== null || Date.now() > until) {
        throw new Error(`bpftrace did not start: ${this.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      }
      await sleep(50);
    }
  }

  /** Now, on the program's clock. */
  now(): bigint {
    return process.hrtime.bigint();
  }

  /**
   * The records between t0 and t1 in the given namespaces (inode → name), once the program has
   * reported past t1; older records are forgotten (flows are read one at a time).
   */
  async read(t0: bigint, t1: bigint, inodes: ReadonlySet<number>): Promise<KfreeEvent[]> {
    const until = Date.now() + 5000;
    // two heartbeats past t1: every CPU's buffer has been read by then
    while (this.heartbeat < t1 + 40_000_000n) {
      if (this.child?.exitCode !== null || Date.now() > until) throw new Error(`bpftrace stopped reporting: ${this.stderr.trim().split('\n').slice(-3).join(' | ')}`);
      await sleep(10);
    }
    const out = this.records.filter((r) => r.ts >= t0 && r.ts <= t1 && inodes.has(r.netnsInode));
    this.records = this.records.filter((r) => r.ts > t1);
    return out;
  }

  private killSync(): void {
    if (this.child?.pid !== undefined && this.child.exitCode === null) {
      try {
        process.kill(this.child.pid, 'SIGINT');
      } catch {
        /* gone */
      }
    }
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.killSync();
    if (child && child.exitCode === null) {
      await Promise.race([new Promise((r) => child.on('close', r)), sleep(3000)]);
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }
    this.undo?.();
  }
}
