// The kernel's own drop reasons: tracepoint skb:kfree_skb in a trace instance of our own
// (/sys/kernel/tracing/instances/pp<pid>), so the suite never touches the global trace
// buffer or anybody else's instance. The tracepoint is machine-wide (it has no namespace
// field), so callers read it around one flow at a time (the flow mutex in lab.ts).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { onExit, removeDir } from './netns';

export interface KfreeEvent {
  readonly ts: number;
  readonly protocol: number;
  readonly location: string;
  readonly reason: string;
}

const ETH_P_IP = 0x0800;
const ETH_P_ARP = 0x0806;

export function parseKfree(text: string): KfreeEvent[] {
  const out: KfreeEvent[] = [];
  const re = /\s(\d+\.\d+): kfree_skb: .*?protocol=(\d+) location=(\S+) reason: (\w+)/;
  for (const line of text.split('\n')) {
    const m = re.exec(line);
    if (m) out.push({ ts: Number(m[1]), protocol: Number(m[2]), location: m[3], reason: m[4] });
  }
  return out;
}

export class KfreeTracer {
  readonly dir: string;
  private undo?: () => void;

  constructor(readonly root = '/sys/kernel/tracing') {
    this.dir = `${root}/instances/pp${process.pid}`;
  }

  /** Why tracing cannot work here, or undefined. */
  static problem(root = '/sys/kernel/tracing'): string | undefined {
    if (!existsSync(`${root}/instances`)) {
      try {
        mkdirSync(root, { recursive: true });
        execFileSync('mount', ['-t', 'tracefs', 'nodev', root]);
      } catch (e) {
        return `tracefs is not mounted at ${root} and mounting it failed: ${(e as Error).message}`;
      }
    }
    if (!existsSync(`${root}/events/skb/kfree_skb/format`)) return 'this kernel has no skb:kfree_skb tracepoint';
    if (!readFileSync(`${root}/events/skb/kfree_skb/format`, 'utf8').includes('reason'))
      return 'skb:kfree_skb has no reason field (kernel older than 5.17)';
    return undefined;
  }

  start(): void {
    if (!existsSync(this.dir)) mkdirSync(this.dir);
    this.undo = onExit(() => this.stopSync());
    writeFileSync(`${this.dir}/buffer_size_kb`, '1024');
    const ev = `${this.dir}/events/skb/kfree_skb`;
    // NOT_SPECIFIED (2) is the catch-all of unrelated frees; only IPv4 and ARP frames matter.
    writeFileSync(`${ev}/filter`, `reason != 2 && (protocol == ${ETH_P_IP} || protocol == ${ETH_P_ARP})`);
    writeFileSync(`${ev}/enable`, '1');
    writeFileSync(`${this.dir}/tracing_on`, '1');
    this.clear();
  }

  clear(): void {
    writeFileSync(`${this.dir}/trace`, '');
  }

  read(): KfreeEvent[] {
    return parseKfree(readFileSync(`${this.dir}/trace`, 'utf8'));
  }

  private stopSync(): void {
    if (!existsSync(this.dir)) return;
    try {
      writeFileSync(`${this.dir}/events/skb/kfree_skb/enable`, '0');
    } catch {
      /* gone */
    }
    removeDir(this.dir);
  }

  stop(): void {
    this.stopSync();
    this.undo?.();
  }
}
