// Running real tools: one small promise wrapper around child_process.spawn, with a timeout
// that kills the child (by its own pid) so a hung tool never hangs the suite.
import { spawn, spawnSync } from 'node:child_process';

export interface RunResult {
  readonly code: number; // exit status; 124 on timeout, 127 when the tool cannot start
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  readonly ms: number;
}

export interface RunOptions {
  readonly input?: string;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export function run(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: opts.env ?? process.env });
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            if (child.pid !== undefined) {
              try {
                process.kill(child.pid, 'SIGKILL');
              } catch {
                /* already gone */
              }
            }
          }, opts.timeoutMs);
    const finish = (code: number) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      resolve({ code: timedOut ? 124 : code, stdout, stderr, timedOut, ms: Date.now() - started });
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (e) => {
      stderr += String(e);
      finish(127);
    });
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
    child.stdin.on('error', () => {
      /* the tool may exit before reading its input */
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Synchronous variant for exit handlers, where the event loop no longer runs. */
export function runSync(cmd: string, args: readonly string[]): { code: number; stdout: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 5000 });
  return { code: r.status ?? 1, stdout: r.stdout ?? '' };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A FIFO mutex: the part of a flow that reads global kernel state runs one at a time. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  async lock<T>(fn: () => Promise<T>): Promise<T> {
    const prev = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((r) => (release = r));
    await prev;
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** Runs `fn` over `items` with at most `limit` at once, keeping the order of results. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
