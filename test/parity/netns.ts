// The suite's namespaces: unique prefixes, a registry of every namespace alive, removal on
// every way out (normal end, exception, SIGINT/SIGTERM), and a sweeper for the leftovers of
// runs that died. It only ever touches namespaces whose name starts with `pp<pid>x<n>-`, and
// only the processes running inside them (the servers a lab started).
import { existsSync, readdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { run, runSync } from './sh';

const OURS = /^pp(\d+)x\d+-/;
let counter = 0;

/** A fresh namespace prefix for one lab: `pp<pid>x<n>-`. */
export function newPrefix(): string {
  return `pp${process.pid}x${counter++}-`;
}

const live = new Set<string>();
const cleanups = new Set<() => void>();

export function registerNamespaces(names: readonly string[]): void {
  for (const n of names) {
    if (!OURS.test(n)) throw new Error(`refusing to manage namespace "${n}": not one of ours`);
    live.add(n);
  }
}

/** A synchronous cleanup to run on exit (trace instances). */
export function onExit(fn: () => void): () => void {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

async function pidsIn(ns: string): Promise<number[]> {
  const r = await run('ip', ['netns', 'pids', ns], { timeoutMs: 5000 });
  return r.stdout
    .split(/\s+/)
    .filter((s) => /^\d+$/.test(s))
    .map(Number)
    .filter((p) => p !== process.pid);
}

function killPids(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Removes namespaces (ours only): first the servers running in them, then the namespaces. */
export async function deleteNamespaces(names: readonly string[]): Promise<void> {
  for (const ns of names) {
    if (!OURS.test(ns)) continue;
    if (existsSync(`/run/netns/${ns}`)) {
      killPids(await pidsIn(ns));
      await run('ip', ['netns', 'del', ns], { timeoutMs: 10000 });
    }
    live.delete(ns);
  }
}

function deleteNamespacesSync(names: readonly string[]): void {
  for (const ns of names) {
    if (!OURS.test(ns) || !existsSync(`/run/netns/${ns}`)) continue;
    const pids = runSync('ip', ['netns', 'pids', ns])
      .stdout.split(/\s+/)
      .filter((s) => /^\d+$/.test(s))
      .map(Number)
      .filter((p) => p !== process.pid);
    killPids(pids);
    runSync('ip', ['netns', 'del', ns]);
  }
}

let installed = false;
/** Installs the exit handlers once: every namespace still registered is removed. */
export function installExitHandlers(): void {
  if (installed) return;
  installed = true;
  const cleanupAll = () => {
    for (const fn of cleanups) {
      try {
        fn();
      } catch {
        /* keep cleaning */
      }
    }
    cleanups.clear();
    deleteNamespacesSync([...live]);
    live.clear();
  };
  process.on('exit', cleanupAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      process.stderr.write(`\nparity: ${sig}, removing the lab namespaces\n`);
      cleanupAll();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (e) => {
    process.stderr.write(`parity: uncaught ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    cleanupAll();
    process.exit(1);
  });
  process.on('unhandledRejection', (e) => {
    process.stderr.write(`parity: unhandled ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    cleanupAll();
    process.exit(1);
  });
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the namespaces and trace instances of earlier runs whose process is gone. */
export async function sweepStale(): Promise<string[]> {
  const r = await run('ip', ['netns', 'list'], { timeoutMs: 5000 });
  const stale = r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => {
      const m = OURS.exec(n);
      return m !== null && !alive(Number(m[1]));
    });
  await deleteNamespaces(stale);
  const inst = '/sys/kernel/tracing/instances';
  if (existsSync(inst)) {
    for (const d of readdirSync(inst)) {
      const m = /^pp(\d+)$/.exec(d);
      if (m && !alive(Number(m[1]))) {
        try {
          for (const ev of ['skb/kfree_skb']) writeFileSync(`${inst}/${d}/events/${ev}/enable`, '0');
          rmdirSync(`${inst}/${d}`);
          stale.push(`trace instance ${d}`);
        } catch {
          /* busy: leave it */
        }
      }
    }
  }
  return stale;
}

/** Why this machine cannot run the parity suite, or undefined when it can. */
export async function environmentProblem(): Promise<string | undefined> {
  if (process.platform !== 'linux') return `not Linux (${process.platform}): the parity suite needs the Linux kernel`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0)
    return `not root (uid ${process.getuid()}): creating network namespaces needs root`;
  const probe = `pp${process.pid}x${counter++}-probe`;
  const add = await run('ip', ['netns', 'add', probe], { timeoutMs: 5000 });
  if (add.code !== 0) return `\`ip netns add\` does not work here: ${add.stderr.trim() || `exit ${add.code}`}`;
  live.add(probe);
  const veth = await run('ip', ['-n', probe, 'link', 'add', 'a0', 'type', 'veth', 'peer', 'name', 'b0'], { timeoutMs: 5000 });
  const bridge = await run('ip', ['-n', probe, 'link', 'add', 'br0', 'type', 'bridge'], { timeoutMs: 5000 });
  await deleteNamespaces([probe]);
  if (veth.code !== 0) return `cannot create veth devices: ${veth.stderr.trim()}`;
  if (bridge.code !== 0) return `cannot create bridges: ${bridge.stderr.trim()}`;
  for (const tool of ['socat', 'ping', 'ss', 'bash', 'sysctl', 'bridge']) {
    const w = await run('sh', ['-c', `command -v ${tool}`]);
    if (w.code !== 0) return `${tool} is not installed`;
  }
  return undefined;
}

/** Device kinds this kernel can create (it may lack modules: dummy, ipip, ipvlan here). */
export async function supportedLinkKinds(): Promise<Set<string>> {
  const probe = `pp${process.pid}x${counter++}-kinds`;
  await run('ip', ['netns', 'add', probe], { timeoutMs: 5000 });
  live.add(probe);
  const ok = new Set<string>(['veth', 'nic']);
  const tries: Record<string, string[]> = {
    bridge: ['type', 'bridge'],
    dummy: ['type', 'dummy'],
    vxlan: ['type', 'vxlan', 'id', '1', 'dstport', '4789'],
    ipip: ['type', 'ipip', 'remote', '192.0.2.1'],
    macvlan: ['link', 'lo0', 'type', 'macvlan'],
    ipvlan: ['link', 'lo0', 'type', 'ipvlan'],
  };
  await run('ip', ['-n', probe, 'link', 'add', 'lo0', 'type', 'veth', 'peer', 'name', 'lo1']);
  for (const [kind, args] of Object.entries(tries)) {
    const r = await run('ip', ['-n', probe, 'link', 'add', `t-${kind}`, ...args], { timeoutMs: 5000 });
    if (r.code === 0) ok.add(kind);
  }
  await deleteNamespaces([probe]);
  return ok;
}

export function removeDir(path: string): void {
  try {
    rmdirSync(path);
  } catch {
    /* gone */
  }
}
