// The kernel reference: how long real iptables-restore takes to load the same dump, each run
// in a fresh network namespace (`ip netns add ppbench<pid>r<k>`), so the machine's own
// (root namespace) rules are never read or touched. Every namespace made here is deleted
// afterwards, also on failure, Ctrl-C (SIGINT) or SIGTERM.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { summarize, type Summary } from './stats';

export interface BackendResult {
  readonly backend: 'legacy' | 'nft';
  readonly command: string;
  readonly version?: string;
  readonly summary?: Summary;
  /** rules the kernel holds after the first run (iptables-save -A lines), when checked */
  readonly rulesLoaded?: number;
  readonly skipped?: string;
  readonly error?: string;
}

const live = new Set<string>();

function delNetns(name: string): void {
  try {
    execFileSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
  } catch {
    // already gone
  }
  live.delete(name);
}

function cleanupAll(): void {
  for (const name of [...live]) delNetns(name);
}

let running: ReturnType<typeof spawn> | undefined;
function onSignal(signal: NodeJS.Signals): void {
  running?.kill('SIGKILL');
  cleanupAll();
  process.stderr.write(`\nbench: ${signal}: deleted the benchmark's network namespaces\n`);
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function which(bin: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Runs `ip netns exec NS BIN --noflush < file`; resolves with the wall time in ms. */
function restoreOnce(netns: string, bin: string, file: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fd = openSync(file, 'r');
    const t0 = performance.now();
    const child = spawn('ip', ['netns', 'exec', netns, bin, '--noflush'], { stdio: [fd, 'ignore', 'pipe'] });
    running = child;
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      closeSync(fd);
      reject(e);
    });
    child.on('close', (code, signal) => {
      const ms = performance.now() - t0;
      clearTimeout(timer);
      closeSync(fd);
      running = undefined;
      if (code === 0) resolve(ms);
      else reject(new Error(`${bin} ${signal ? `killed (${signal}${signal === 'SIGKILL' ? `, over ${timeoutMs / 1000} s?` : ''})` : `exit ${code}`}: ${stderr.trim().split('\n').slice(0, 3).join(' | ')}`));
    });
  });
}

function countRules(netns: string, saveBin: string): number | undefined {
  const r = spawnSync('ip', ['netns', 'exec', netns, saveBin], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) return undefined;
  let n = 0;
  for (const line of r.stdout.split('\n')) if (line.startsWith('-A ')) n++;
  return n;
}

export interface KernelOptions {
  readonly file: string;
  readonly runs: number;
  readonly nftRuns: number;
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

/** Why the kernel reference cannot run here, if it cannot. */
export function kernelUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (process.getuid?.() !== 0) return 'needs root (ip netns add)';
  if (!which('ip')) return 'no `ip` (iproute2)';
  return undefined;
}

export async function kernelReference(opts: KernelOptions): Promise<BackendResult[]> {
  const why = kernelUnavailable();
  const backends: { backend: 'legacy' | 'nft'; bin: string; save: string; runs: number }[] = [
    { backend: 'legacy', bin: 'iptables-legacy-restore', save: 'iptables-legacy-save', runs: opts.runs },
    { backend: 'nft', bin: 'iptables-restore', save: 'iptables-save', runs: opts.nftRuns },
  ];
  if (why) return backends.map((b) => ({ backend: b.backend, command: b.bin, skipped: why }));

  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', cleanupAll);
  const results: BackendResult[] = [];
  try {
    for (const b of backends) {
      const path = which(b.bin);
      if (!path) {
        results.push({ backend: b.backend, command: b.bin, skipped: `${b.bin} not installed (apt-get install -y iptables)` });
        continue;
      }
      if (b.runs <= 0) {
        results.push({ backend: b.backend, command: b.bin, skipped: 'runs set to 0' });
        continue;
      }
      const version = spawnSync(b.bin, ['--version'], { encoding: 'utf8' }).stdout.trim() || undefined;
      const samples: number[] = [];
      let rulesLoaded: number | undefined;
      try {
        for (let k = 0; k < b.runs; k++) {
          const netns = `ppbench${process.pid}${b.backend[0]}${k}`;
          execFileSync('ip', ['netns', 'add', netns], { stdio: 'ignore' });
          live.add(netns);
          try {
            const ms = await restoreOnce(netns, b.bin, opts.file, opts.timeoutMs);
            samples.push(ms);
            opts.log(`  kernel ${b.backend} run ${k + 1}/${b.runs}: ${(ms / 1000).toFixed(2)} s`);
            if (k === 0 && b.backend === 'legacy') rulesLoaded = countRules(netns, b.save);
          } finally {
            delNetns(netns);
          }
        }
        results.push({ backend: b.backend, command: `${b.bin} --noflush`, version, summary: summarize(samples), rulesLoaded });
      } catch (e) {
        results.push({ backend: b.backend, command: `${b.bin} --noflush`, version, error: (e as Error).message, ...(samples.length ? { summary: summarize(samples) } : {}) });
      }
    }
  } finally {
    cleanupAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', cleanupAll);
  }
  return results;
}

let cleanupHooked = false;

/**
 * One timed `iptables-legacy-restore --noflush < file` in a fresh namespace, deleted right
 * after (also on Ctrl-C or SIGTERM): for benches that interleave it with the engine's runs.
 */
export async function legacyRestoreOnce(file: string, timeoutMs = 120_000): Promise<number> {
  const why = kernelUnavailable() ?? (which('iptables-legacy-restore') ? undefined : 'iptables-legacy-restore not installed');
  if (why) throw new Error(why);
  if (!cleanupHooked) {
    cleanupHooked = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', cleanupAll);
  }
  const netns = `ppbench${process.pid}i${Math.floor(Math.random() * 1e6)}`;
  execFileSync('ip', ['netns', 'add', netns], { stdio: 'ignore' });
  live.add(netns);
  try {
    return await restoreOnce(netns, 'iptables-legacy-restore', file, timeoutMs);
  } finally {
    delNetns(netns);
  }
}
