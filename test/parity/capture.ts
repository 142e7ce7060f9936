// Runs capture.py around one flow: every frame every device of the lab's machine and pod
// namespaces sent or received, with the kernel's timestamp and the order within its namespace.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface CapturedFrame {
  /** the kernel's timestamp (CLOCK_REALTIME, ns) */
  readonly ts: bigint;
  /** order of arrival on its namespace's socket: exact within one namespace */
  readonly seq: number;
  /** the namespace's name (the lab's prefixed name) */
  readonly ns: string;
  readonly dev: string;
  readonly dir: 'in' | 'out';
  readonly bytes: Uint8Array;
}

const PACKET_OUTGOING = 4;
const SCRIPT = fileURLToPath(new URL('./capture.py', import.meta.url));

/** capture.py's output lines as frames. */
export function parseCapture(text: string): CapturedFrame[] {
  const out: CapturedFrame[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+) (\d+) (\S+) (\S+) (\d+) ([0-9a-f]*)$/.exec(line);
    if (!m) continue;
    out.push({ ts: BigInt(m[1]), seq: Number(m[2]), ns: m[3], dev: m[4], dir: Number(m[5]) === PACKET_OUTGOING ? 'out' : 'in', bytes: Uint8Array.from(Buffer.from(m[6], 'hex')) });
  }
  return out;
}

export class FrameCapture {
  private child?: ChildProcess;
  private out = '';
  private err = '';
  private done: Promise<void> = Promise.resolve();

  constructor(private readonly namespaces: readonly string[]) {}

  /** Opens a socket in every namespace; resolves once all are open (or with the reason it failed). */
  async start(): Promise<string | undefined> {
    const child = spawn('python3', [SCRIPT, ...this.namespaces], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.done = new Promise((r) => child.on('close', () => r()));
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (this.out += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (this.err += d));
    child.stdin!.on('error', () => {});
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(`capture.py did not start in 10 s: ${this.err.trim()}`), 10000);
      const check = () => {
        if (this.out.startsWith('ready\n')) {
          clearTimeout(timer);
          resolve(undefined);
        }
      };
      child.stdout!.on('data', check);
      child.on('close', () => {
        clearTimeout(timer);
        resolve(`capture.py exited: ${this.err.trim()}`);
      });
    });
  }

  /** Stops capturing and returns every frame, or throws when the capture broke. */
  async stop(): Promise<CapturedFrame[]> {
    const child = this.child;
    if (!child) return [];
    child.stdin!.end();
    await Promise.race([this.done, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    if (!this.out.trimEnd().endsWith('end')) throw new Error(`capture.py did not finish: ${this.err.trim()}`);
    return parseCapture(this.out);
  }
}
