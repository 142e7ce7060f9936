// Routing differential fuzz (DESIGN §8): random routing configurations — addresses, routes in
// main and numbered tables, policy rules, the sysctls that change route lookups — built both
// in the engine (as one machine) and in a real namespace, then the same `ip route get` queries
// asked of both. The kernel is right; every disagreement is printed with a minimal config.
//
// One namespace per worker lives for the whole run; between configs it is reset by an
// `ip -batch` (delete the devices, flush tables and rules), so each config costs one process.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatIpv4 } from '../../src/engine/addr/ipv4';
import type { RouteGetResult, World } from '../../src/engine/api';
import type { Op } from '../../src/engine/config/ops';
import type { WorldSpec } from '../../src/engine/config/world';
import { sameMessage } from './compare';
import { type FuzzConfig, type FuzzQuery, generateConfig, type Step, TABLES } from './fuzz-gen';
import { deleteNamespaces, newPrefix, registerNamespaces } from './netns';
import { pool, run } from './sh';

export interface FuzzSummary {
  passed: number;
  failed: number;
}

export interface FuzzOptions {
  readonly configs: number;
  readonly seed: number;
  readonly print: (s: string) => void;
  /** namespaces (= parallel workers), default 2 */
  readonly workers?: number;
  /** failing configs shown in full (the rest are counted and written to a file) */
  readonly show?: number;
}

export const FUZZ_MACHINE = 'fuzz';

// ------------------------------------------------------------------------------------------
// The engine side

function opsOf(cfg: FuzzConfig, steps: readonly Step[] = cfg.steps): Op[] {
  const ordered = [...steps.filter((s) => s.where === 'pre'), ...steps.filter((s) => s.where === 'batch'), ...steps.filter((s) => s.where === 'post')];
  return ordered.map((s, i) => ({ ...s.body, text: s.text, netns: '', loc: { file: `fuzz#${cfg.id}`, line: i + 1, col: 1 } }) as Op);
}

export function worldSpecOf(cfg: FuzzConfig, steps: readonly Step[] = cfg.steps): WorldSpec {
  return { networks: [], machines: [{ name: FUZZ_MACHINE, role: 'host', nics: [], ops: opsOf(cfg, steps) }] };
}

// ------------------------------------------------------------------------------------------
// The kernel side

export type KernelRoute =
  | { ok: true; type: string; dev: string; via?: string; src?: string; table?: number }
  | { ok: false; message: string };

export interface KernelRun {
  /** batch step index (into the ordered ops) → the kernel's error message */
  readonly refused: Map<number, string>;
  readonly sysctlFailed: Set<string>;
  readonly answers: KernelRoute[];
}

function tableId(t: string | undefined): number | undefined {
  if (t === undefined) return undefined;
  if (t === 'main') return 254;
  if (t === 'local') return 255;
  if (t === 'default') return 253;
  if (t === 'unspec') return 0;
  return Number(t);
}

const RESET = [
  'link del a0',
  'link del a1',
  'link del a2',
  'rule flush',
  // `rule flush` keeps every rule of priority 0, and a rule added without a priority gets 0
  // when the second rule has priority 0 or 1: remove them all, then put `local` back
  ...Array.from({ length: 8 }, () => 'rule del priority 0'),
  'rule add priority 0 lookup local',
  'rule add priority 32766 lookup main',
  'rule add priority 32767 lookup default',
  'route flush table main',
  ...TABLES.map((t) => `route flush table ${t}`),
  'route flush table default',
];

export function kernelScript(cfg: FuzzConfig, steps: readonly Step[], queries: readonly FuzzQuery[]): { script: string; batchSteps: Step[] } {
  const pre = steps.filter((s) => s.where === 'pre');
  const batch = steps.filter((s) => s.where === 'batch');
  const post = steps.filter((s) => s.where === 'post');
  const L: string[] = [];
  // every namespace-wide value is written every time (the namespace is reused)
  const preValues = new Map<string, string>([
    ['net.ipv4.ip_forward', '0'],
    ['net.ipv4.conf.all.rp_filter', '0'],
    ['net.ipv4.conf.default.rp_filter', '0'],
    ['net.ipv4.conf.all.accept_local', '0'],
    ['net.ipv4.conf.default.accept_local', '0'],
    ['net.ipv4.conf.all.src_valid_mark', '0'],
  ]);
  for (const s of pre) if (s.body.op === 'sysctl') preValues.set(s.body.key, s.body.value);
  L.push(`sysctl -qw ${[...preValues].map(([k, v]) => `${k}=${v}`).join(' ')}`);
  L.push("ip -force -batch - >/dev/null 2>&1 <<'PP_RESET'", ...RESET, 'PP_RESET');
  L.push('echo @@config');
  L.push("ip -force -batch - 2>&1 <<'PP_BATCH'", ...batch.map((s) => s.shell), 'PP_BATCH');
  for (const s of post) L.push(`sysctl -qw ${s.shell} >/dev/null 2>&1 || echo "@@sysctl-failed ${s.shell}"`);
  queries.forEach((q, i) => {
    L.push(`echo "@@q ${i}"`, `ip -j route get ${q.args} 2>&1`, 'echo "@@rc $?"');
  });
  void cfg;
  return { script: L.join('\n') + '\n', batchSteps: batch };
}

export function parseKernelOutput(out: string, nQueries: number): { refusedLines: Map<number, string>; sysctlFailed: Set<string>; answers: KernelRoute[] } {
  const lines = out.split('\n');
  const refusedLines = new Map<number, string>();
  const sysctlFailed = new Set<string>();
  const answers: KernelRoute[] = new Array(nQueries);
  let i = lines.indexOf('@@config') + 1;
  let pending: string[] = [];
  for (; i < lines.length && !lines[i].startsWith('@@q '); i++) {
    const l = lines[i];
    const m = /^Command failed -:(\d+)/.exec(l);
    if (m) {
      refusedLines.set(Number(m[1]), pending.join(' ').trim());
      pending = [];
    } else if (l.startsWith('@@sysctl-failed ')) sysctlFailed.add(l.slice('@@sysctl-failed '.length));
    else if (l.trim()) pending.push(l.trim());
  }
  for (; i < lines.length; i++) {
    const m = /^@@q (\d+)$/.exec(lines[i]);
    if (!m) continue;
    const q = Number(m[1]);
    const body: string[] = [];
    let rc = 1;
    for (i++; i < lines.length; i++) {
      const rcm = /^@@rc (\d+)$/.exec(lines[i]);
      if (rcm) {
        rc = Number(rcm[1]);
        break;
      }
      body.push(lines[i]);
    }
    const text = body.join('\n').trim();
    if (rc === 0) {
      try {
        const j = (JSON.parse(text) as Record<string, unknown>[])[0];
        answers[q] = {
          ok: true,
          type: (j.type as string | undefined) ?? 'unicast',
          dev: j.dev as string,
          via: j.gateway as string | undefined,
          src: j.prefsrc as string | undefined,
          table: tableId(j.table as string | undefined),
        };
      } catch {
        answers[q] = { ok: false, message: `unparsable: ${text}` };
      }
    } else {
      answers[q] = { ok: false, message: text.replace(/^RTNETLINK answers:\s*/, '').replace(/^Error:\s*/, '').replace(/\.$/, '') };
    }
  }
  return { refusedLines, sysctlFailed, answers };
}

async function kernelRun(ns: string, cfg: FuzzConfig, steps: readonly Step[], queries: readonly FuzzQuery[]): Promise<KernelRun> {
  const { script, batchSteps } = kernelScript(cfg, steps, queries);
  const r = await run('ip', ['netns', 'exec', ns, 'bash', '-s'], { input: script, timeoutMs: 30000 });
  if (r.code !== 0 && !r.stdout.includes('@@config')) throw new Error(`fuzz namespace ${ns}: ${r.stderr.trim() || `exit ${r.code}`}`);
  const parsed = parseKernelOutput(r.stdout, queries.length);
  // batch line N is batchSteps[N-1]; its index among the ordered ops is preCount + N - 1
  const preCount = steps.filter((s) => s.where === 'pre').length;
  const refused = new Map<number, string>();
  for (const [line, msg] of parsed.refusedLines) if (line >= 1 && line <= batchSteps.length) refused.set(preCount + line - 1, msg);
  return { refused, sysctlFailed: parsed.sysctlFailed, answers: parsed.answers };
}

// ------------------------------------------------------------------------------------------
// Comparing

const TABLE_NAMES: Record<number, string> = { 255: 'local', 254: 'main', 253: 'default', 0: 'unspec' };
const tname = (t: number | undefined) => (t === undefined ? '(main/unspec)' : (TABLE_NAMES[t] ?? String(t)));

/** The disagreements for one query, as `field: engine X, kernel Y`. */
export function compareRoute(q: FuzzQuery, k: KernelRoute, e: RouteGetResult): string[] {
  if (!k.ok && !e.ok) return sameMessage(e.message, k.message) ? [] : [`error: engine ${e.error} "${e.message}", kernel "${k.message}"`];
  if (!k.ok && e.ok) return [`result: engine ${describe(e)}, kernel error "${k.message}"`];
  if (k.ok && !e.ok) return [`result: engine error ${e.error} "${e.message}", kernel ${describeK(k)}`];
  if (!k.ok || !e.ok) return [];
  const d: string[] = [];
  if (k.type !== e.type) d.push(`type: engine ${e.type}, kernel ${k.type}`);
  if (k.dev !== e.dev) d.push(`dev: engine ${e.dev}, kernel ${k.dev}`);
  const ev = e.via === undefined ? undefined : formatIpv4(e.via);
  if (k.via !== ev) d.push(`gateway: engine ${ev ?? '-'}, kernel ${k.via ?? '-'}`);
  // the kernel reports a preferred source only for output lookups without `from` (with
  // `from` it echoes the address given as "from", not as prefsrc)
  if (q.iif === undefined && q.from === undefined) {
    const es = e.src === undefined ? undefined : formatIpv4(e.src);
    if (k.src !== es) d.push(`prefsrc: engine ${es ?? '-'}, kernel ${k.src ?? '-'}`);
  }
  // `ip route get` leaves out "table main" (and table 0, a route made up for `oif`)
  const kt = k.table;
  if (kt === undefined ? e.table !== 254 && e.table !== 0 : kt !== e.table) d.push(`table: engine ${tname(e.table)}, kernel ${tname(kt)}`);
  return d;
}

function describe(e: Extract<RouteGetResult, { ok: true }>): string {
  return `${e.type} dev ${e.dev}${e.via !== undefined ? ` via ${formatIpv4(e.via)}` : ''} table ${tname(e.table)}`;
}
function describeK(k: Extract<KernelRoute, { ok: true }>): string {
  return `${k.type} dev ${k.dev}${k.via ? ` via ${k.via}` : ''} table ${tname(k.table)}`;
}

export interface Disagreement {
  readonly what: 'build' | 'query';
  /** what kind of disagreement, to group them: the same category is most likely the same bug */
  readonly category: string;
  readonly query?: FuzzQuery;
  readonly diffs: string[];
}

function queryKind(q: FuzzQuery): string {
  if (q.iif !== undefined) return `input${q.mark !== undefined ? '+mark' : ''}`;
  if (q.from !== undefined) return 'output from';
  if (q.oif !== undefined) return 'output oif';
  if (q.mark !== undefined) return 'output mark';
  return 'output';
}

/** `route get (input): error engine "X" kernel "Y"`, `route get (output): dev,prefsrc` … */
export function queryCategory(q: FuzzQuery, diffs: readonly string[]): string {
  const fields = diffs.map((d) => {
    const field = d.split(':')[0];
    if (field === 'error' || field === 'result') return d.replace(/\d+\.\d+\.\d+\.\d+/g, 'A').replace(/dev \S+/g, 'dev D').replace(/table \S+/g, 'table T');
    return field;
  });
  return `route get (${queryKind(q)}): ${fields.join(', ')}`;
}

function engineRun(buildWorld: (s: WorldSpec) => World, cfg: FuzzConfig, steps: readonly Step[], queries: readonly FuzzQuery[]) {
  const world = buildWorld(worldSpecOf(cfg, steps));
  const answers = queries.map((q): RouteGetResult => {
    try {
      return world.routeGet(FUZZ_MACHINE, '', q);
    } catch (err) {
      return { ok: false, error: 'invalid', message: `engine threw: ${(err as Error).message}` };
    }
  });
  return { world, answers };
}

export async function checkConfig(
  buildWorld: (s: WorldSpec) => World,
  ns: string,
  cfg: FuzzConfig,
  steps: readonly Step[] = cfg.steps,
  queries: readonly FuzzQuery[] = cfg.queries,
): Promise<Disagreement[]> {
  const out: Disagreement[] = [];
  const kernel = await kernelRun(ns, cfg, steps, queries);
  let eng;
  try {
    eng = engineRun(buildWorld, cfg, steps, queries);
  } catch (err) {
    return [{ what: 'build', category: 'engine threw', diffs: [`engine threw building the world: ${(err as Error).stack ?? String(err)}`] }];
  }
  // build: the commands each side refused
  const ordered = opsOf(cfg, steps);
  const engineRefused = new Map<number, string>();
  // (build disagreements: one per command either side refuses alone, or with another message)
  for (const e of eng.world.errors) engineRefused.set(e.loc.line - 1, e.message);
  for (let i = 0; i < ordered.length; i++) {
    const o = ordered[i];
    const k = kernel.refused.get(i) ?? (o.op === 'sysctl' && kernel.sysctlFailed.has(`${o.key}=${o.value}`) ? 'sysctl failed' : undefined);
    const e = engineRefused.get(i);
    const cmd = `\`${o.text}\``;
    if (k !== undefined && e === undefined)
      out.push({ what: 'build', category: `build: kernel refuses "${k}", engine accepts`, diffs: [`${cmd}: kernel refuses it ("${k}"), engine accepts it`] });
    else if (k === undefined && e !== undefined)
      out.push({ what: 'build', category: `build: engine refuses "${e}", kernel accepts`, diffs: [`${cmd}: engine refuses it ("${e}"), kernel accepts it`] });
    else if (k !== undefined && e !== undefined && !sameMessage(e, k))
      out.push({ what: 'build', category: `build: engine says "${e}", kernel "${k}"`, diffs: [`${cmd}: both refuse it, engine "${e}", kernel "${k}"`] });
  }
  queries.forEach((q, i) => {
    const k = kernel.answers[i];
    if (!k) {
      out.push({ what: 'query', query: q, diffs: ['the kernel gave no answer (harness problem)'], category: 'harness' });
      return;
    }
    const d = compareRoute(q, k, eng.answers[i]);
    if (d.length) out.push({ what: 'query', query: q, diffs: d, category: queryCategory(q, d) });
  });
  return out;
}

const signature = (d: Disagreement) => d.category;

/**
 * Delta-debugging light: drops steps one at a time while the same query still disagrees the
 * same way. The namespace-wide sysctls stay (they are always written).
 */
async function minimize(buildWorld: (s: WorldSpec) => World, ns: string, cfg: FuzzConfig, d: Disagreement): Promise<Step[]> {
  let steps = [...cfg.steps];
  const queries = d.query ? [d.query] : [];
  const sig = signature(d);
  const still = async (cand: Step[]) => {
    try {
      const got = await checkConfig(buildWorld, ns, cfg, cand, queries);
      return got.some((x) => x.what === d.what && signature(x) === sig);
    } catch {
      return false;
    }
  };
  for (let pass = 0; pass < 2; pass++) {
    let changed = false;
    for (let i = steps.length - 1; i >= 0; i--) {
      if (steps[i].where === 'pre') continue;
      const cand = steps.filter((_, j) => j !== i);
      if (await still(cand)) {
        steps = cand;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return steps;
}

function showSteps(steps: readonly Step[]): string[] {
  const ordered = [...steps.filter((s) => s.where === 'pre'), ...steps.filter((s) => s.where === 'batch'), ...steps.filter((s) => s.where === 'post')];
  return ordered.map((s) => s.text);
}

/** A new namespace for the fuzz: no IPv6, lo up, nothing else. */
async function freshNamespace(name: string): Promise<string> {
  const ns = `${newPrefix()}${name}`;
  registerNamespaces([ns]);
  const add = await run('ip', ['netns', 'add', ns]);
  if (add.code !== 0) throw new Error(`ip netns add ${ns}: ${add.stderr.trim()}`);
  await run('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
  await run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  return ns;
}

export async function runFuzz(buildWorld: (s: WorldSpec) => World, opts: FuzzOptions): Promise<FuzzSummary> {
  const started = Date.now();
  const workers = Math.max(1, opts.workers ?? 2);
  const show = opts.show ?? 20;
  const spaces: string[] = [];
  for (let w = 0; w < workers; w++) spaces.push(await freshNamespace('fuzz'));
  const free = [...spaces];
  let passed = 0;
  let failed = 0;
  let queriesAsked = 0;
  const failures: { cfg: FuzzConfig; ds: Disagreement[] }[] = [];
  try {
    const ids = Array.from({ length: opts.configs }, (_, i) => i);
    await pool(ids, workers, async (id) => {
      const ns = free.pop()!;
      try {
        const cfg = generateConfig(opts.seed, id);
        queriesAsked += cfg.queries.length;
        const ds = await checkConfig(buildWorld, ns, cfg);
        if (ds.length === 0) passed++;
        else {
          failed++;
          failures.push({ cfg, ds });
        }
      } finally {
        free.push(ns);
      }
    });

    // report: group by kind of disagreement; show the first ones minimised
    failures.sort((a, b) => a.cfg.id - b.cfg.id);
    const bySig = new Map<string, number>();
    for (const f of failures) for (const d of f.ds) bySig.set(signature(d), (bySig.get(signature(d)) ?? 0) + 1);
    const shownSigs = new Set<string>();
    const full: string[] = [];
    const toShow: { f: (typeof failures)[number]; d: Disagreement }[] = [];
    for (const f of failures) {
      const block: string[] = [];
      for (const d of f.ds) {
        const head = d.what === 'build' ? `FAIL fuzz #${f.cfg.id} (seed ${opts.seed}) build` : `FAIL fuzz #${f.cfg.id} (seed ${opts.seed}) \`ip route get ${d.query!.args}\``;
        block.push(head, ...d.diffs.map((x) => `    ${x}`));
      }
      block.push('    config:', ...showSteps(f.cfg.steps).map((x) => `      ${x}`));
      full.push(...block, '');
      const fresh = f.ds.find((d) => !shownSigs.has(d.category));
      if (fresh && toShow.length < show) {
        shownSigs.add(fresh.category);
        toShow.push({ f, d: fresh });
      }
    }
    // one minimised example per kind of disagreement, minimised in parallel on the workers
    const shown = await pool(toShow, workers, async ({ f, d }) => {
      const ns = free.pop()!;
      let min: Step[];
      try {
        min = await minimize(buildWorld, ns, f.cfg, d);
      } finally {
        free.push(ns);
      }
      // the minimal config again, in a namespace that never saw another config
      const check = await freshNamespace('fuzzcheck');
      let confirmed: boolean;
      try {
        const again = await checkConfig(buildWorld, check, f.cfg, min, d.query ? [d.query] : []);
        confirmed = again.some((x) => x.category === d.category);
      } finally {
        await deleteNamespaces([check]);
      }
      return [
        d.what === 'build' ? `FAIL fuzz #${f.cfg.id} (seed ${opts.seed}) build` : `FAIL fuzz #${f.cfg.id} (seed ${opts.seed}) \`ip route get ${d.query!.args}\``,
        ...d.diffs.map((x) => `    ${x}`),
        `    minimal config (${min.length} of ${f.cfg.steps.length} commands; ${
          confirmed ? 'reproduces the same disagreement in a fresh namespace' : 'WARNING: does not reproduce in a fresh namespace, suspect the harness'
        }):`,
        ...showSteps(min).map((x) => `      ${x}`),
        '',
      ].join('\n');
    });
    for (const text of shown) opts.print(`${text}\n`);
    if (failures.length) {
      const file = join(tmpdir(), `podpath-fuzz-seed${opts.seed}.txt`);
      writeFileSync(file, full.join('\n') + '\n');
      opts.print(`fuzz: disagreements by kind (${bySig.size}):\n${[...bySig].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${String(n).padStart(4)} × ${k}`).join('\n')}\n`);
      opts.print(`fuzz: every failing config in full: ${file}\n`);
    }
    opts.print(`fuzz: ${opts.configs} configs, ${queriesAsked} route queries, ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
  } finally {
    await deleteNamespaces(spaces);
  }
  return { passed, failed };
}
