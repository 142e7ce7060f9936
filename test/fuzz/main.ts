// The fuzz suite (issue 15): a corpus of malformed and hostile scenarios — deterministic
// mutations of the shipped ones plus hand-written attacks (attacks.ts) — run through the CLI's
// validate, trace --json and matrix, each file under a time limit and a memory limit. Fails on
// an internal error (exit 3), a timeout, the memory limit, raw terminal escapes reaching the
// output, or runaway output. Run: node --import tsx test/fuzz/main.ts [--jobs N] [--only TEXT]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { attacks, type FuzzCase } from './attacks';
import { AWAITING_OTHER_WORK } from './awaiting';
import { mutations } from './mutate';
import { Random } from './random';
import type { Job, Result } from './worker';

/** Mutations per shipped scenario. */
const MUTATIONS_PER_SCENARIO = 22;
/**
 * CPU time one file may take for its three commands (read from /proc: on a machine shared
 * with other work, wall time says more about the neighbours than about podpath), and a wall
 * time backstop for a worker that blocks without computing.
 */
const CPU_LIMIT_S = 20;
const WALL_LIMIT_MS = 120_000;
/** The worker's V8 heap: a file that needs more is a failure. */
const HEAP_MB = 1024;
/** More output than this for one command is runaway output (a 2.8 GB trace was one). */
const MAX_PRINTED = 20_000_000;

const root = fileURLToPath(new URL('../..', import.meta.url));

function corpus(): FuzzCase[] {
  const rnd = new Random(15);
  const dir = join(root, 'scenarios');
  const mutated = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) =>
      mutations(readFileSync(join(dir, f), 'utf8'), MUTATIONS_PER_SCENARIO, rnd).map((m, i) => ({ name: `${f.replace('.yaml', '')}#${i}: ${m.what}`, cls: 'mutation', text: m.text })),
    );
  return [...attacks(), ...mutated];
}

interface Outcome {
  readonly c: FuzzCase;
  readonly problems: string[];
  readonly ms: number;
}

class Worker {
  private child!: ChildProcess;
  private pending: ((r: Result | Error) => void) | undefined;
  private stderr = '';

  constructor() {
    this.start();
  }

  private start(): void {
    this.stderr = '';
    this.child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', join(root, 'test/fuzz/worker.ts')], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const done = this.pending;
      this.pending = undefined;
      done?.(JSON.parse(line) as Result);
    });
    this.child.stderr!.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-2000);
    });
    this.child.on('exit', (code, signal) => {
      const done = this.pending;
      this.pending = undefined;
      const oom = /heap out of memory|Allocation failed/.test(this.stderr);
      done?.(new Error(oom ? `memory limit (${HEAP_MB} MB heap) exceeded` : `worker died (code ${code}, signal ${signal}): ${this.stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
  }

  run(job: Job): Promise<Result | Error> {
    return new Promise((resolve) => {
      const started = Date.now();
      const cpuAtStart = cpuSeconds(this.child.pid);
      const kill = (why: string) => {
        clearInterval(watch);
        this.pending = undefined;
        this.child.removeAllListeners('exit');
        this.child.kill('SIGKILL');
        this.start();
        resolve(new Error(why));
      };
      const watch = setInterval(() => {
        const cpu = cpuSeconds(this.child.pid);
        if (cpu !== undefined && cpuAtStart !== undefined && cpu - cpuAtStart > CPU_LIMIT_S) kill(`timeout: over ${CPU_LIMIT_S} s of CPU`);
        else if (Date.now() - started > WALL_LIMIT_MS) kill(`timeout: over ${WALL_LIMIT_MS / 1000} s of wall time`);
      }, 250);
      this.pending = (r) => {
        clearInterval(watch);
        if (r instanceof Error) this.start();
        resolve(r);
      };
      this.child.stdin!.write(`${JSON.stringify(job)}\n`);
    });
  }

  stop(): void {
    this.child.removeAllListeners('exit');
    this.child.kill();
  }
}

/** A process's user + system CPU time in seconds (Linux /proc), or undefined where there is none. */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // fields after the command name (which may hold spaces, so split after its closing paren)
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return undefined;
  }
}

function problemsOf(r: Result | Error): string[] {
  if (r instanceof Error) return [r.message];
  return r.results.flatMap((c) => [
    ...(c.code === 3 ? [`${c.command}: exit 3 (internal error): ${c.internal}`] : []),
    ...(c.code < 0 || c.code > 3 ? [`${c.command}: exit ${c.code}`] : []),
    ...(c.rawEscape ? [`${c.command}: a raw terminal escape (ESC or CSI) reached the output`] : []),
    ...(c.printed > MAX_PRINTED ? [`${c.command}: printed ${c.printed} characters`] : []),
  ]);
}

async function runAll(cases: readonly FuzzCase[], jobs: number, dir: string): Promise<Outcome[]> {
  const files = cases.map((c, i) => c.path ?? c.make?.(dir) ?? writeCase(dir, i, c.text ?? ''));
  const workers = Array.from({ length: jobs }, () => new Worker());
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(
    workers.map(async (w) => {
      while (next < cases.length) {
        const i = next++;
        const started = Date.now();
        const result = await w.run({ id: i, file: files[i] });
        const outcome = { c: cases[i], problems: problemsOf(result), ms: Date.now() - started };
        outcomes.push(outcome);
        if (outcome.problems.length) process.stdout.write(`FAIL ${outcome.c.cls} ${outcome.c.name}\n${outcome.problems.map((p) => `    ${p}`).join('\n')}\n`);
      }
      w.stop();
    }),
  );
  return outcomes;
}

function writeCase(dir: string, i: number, text: string): string {
  const path = join(dir, `case-${String(i).padStart(4, '0')}.yaml`);
  writeFileSync(path, text);
  return path;
}

async function mainFuzz(): Promise<number> {
  const args = process.argv.slice(2);
  const jobs = Number(args[args.indexOf('--jobs') + 1] ?? 2) || 2;
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const started = Date.now();
  const cases = corpus().filter((c) => !only || c.name.includes(only) || c.cls.includes(only));
  const dir = mkdtempSync(join(tmpdir(), 'podpath-fuzz-'));
  let outcomes: Outcome[];
  try {
    outcomes = await runAll(cases, args.includes('--jobs') ? jobs : 2, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const classes = new Map<string, { n: number; failed: number }>();
  for (const o of outcomes) {
    const k = classes.get(o.c.cls) ?? { n: 0, failed: 0 };
    k.n++;
    if (o.problems.length) k.failed++;
    classes.set(o.c.cls, k);
  }
  const failed = outcomes.filter((o) => o.problems.length && !(o.c.name in AWAITING_OTHER_WORK));
  const awaiting = outcomes.filter((o) => o.problems.length && o.c.name in AWAITING_OTHER_WORK);
  const fixed = outcomes.filter((o) => !o.problems.length && o.c.name in AWAITING_OTHER_WORK);
  const slowest = [...outcomes].sort((a, b) => b.ms - a.ms).slice(0, 3);
  process.stdout.write(`\nclasses: ${[...classes].map(([k, v]) => `${k} ${v.n}${v.failed ? ` (${v.failed} failed)` : ''}`).join(', ')}\n`);
  process.stdout.write(`slowest: ${slowest.map((o) => `${o.c.name.split(':')[0]} ${(o.ms / 1000).toFixed(1)} s`).join(', ')}\n`);
  if (awaiting.length) process.stdout.write(`awaiting other work (test/fuzz/awaiting.ts), still failing: ${awaiting.map((o) => o.c.name).join(', ')}\n`);
  if (fixed.length) process.stdout.write(`listed in test/fuzz/awaiting.ts but now passing (remove them): ${fixed.map((o) => o.c.name).join(', ')}\n`);
  process.stdout.write(`fuzz: ${outcomes.length} inputs × 3 commands in ${((Date.now() - started) / 1000).toFixed(1)} s: ${outcomes.length - failed.length - awaiting.length} passed, ${failed.length} failed, ${awaiting.length} awaiting other work\n`);
  return failed.length ? 1 : 0;
}

process.exitCode = await mainFuzz();
