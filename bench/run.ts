// podpath's scale benchmark (npm run bench): a kube-proxy iptables-mode ruleset for many
// Services, loaded by a node's machine script through `iptables-restore --noflush <<EOF`, and
// timed at each stage: parse (script → ops), build (buildWorld), one TCP conversation traced
// to a ClusterIP (world.trace), and, as the reference, the real kernel loading the same dump
// with iptables-legacy-restore and iptables-restore (nf_tables) in a throwaway netns.
// Options: see usage() below; bench/README.md says what each figure means.
import { unlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Op, Trace, World } from '../src/engine';
import type { RestoreTable } from '../src/engine/config/netfilter';
import { kernelReference, type BackendResult } from './kernel';
import { build, directOps, makeLab, parseLab, parserReady, SERVER_PODS, type BenchLab } from './lab';
import { profile, type ProfileSummary } from './profile';
import { fmtMs, fmtSummary, round3, settle, summarize, timeRuns, type Summary } from './stats';
import { eventText } from '../src/i18n/trace';

const HERE = dirname(fileURLToPath(import.meta.url));

interface Options {
  services: number;
  runs: number;
  traceRuns: number;
  small: number;
  nftRuns: number;
  kernel: boolean;
  profile: boolean;
  profileParse: boolean;
  direct: boolean;
  out: string;
}

function usage(): string {
  return `usage: npm run bench -- [options]
  --services N     Services in the big dump (default 10000; 3 endpoints each, NodePort every 10th)
  --runs N         timed runs of parse, build and the legacy kernel restore (default 5)
  --trace-runs N   timed world.trace() calls per traced Service (default 31: a trace takes about a ms)
  --small N        Services in the comparison dump (default 100; 0 skips it)
  --nft-runs N     timed runs of the nf_tables iptables-restore (default 3; it is slow at 10k)
  --no-kernel      skip the kernel reference (needs root and ip netns)
  --no-profile     skip the CPU profile of the trace path
  --profile-parse  also profile one parse of the big script (bench/results/parse.cpuprofile)
  --direct         build from the generator's own ops even if the iptables-restore parser exists
  --out FILE       where the JSON goes (default bench/results/latest.json)`;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { services: 10_000, runs: 5, traceRuns: 31, small: 100, nftRuns: 3, kernel: true, profile: true, profileParse: false, direct: false, out: join(HERE, 'results', 'latest.json') };
  const num = (i: number, name: string) => {
    const v = Number(argv[i + 1]);
    if (!Number.isInteger(v) || v < 0) throw new Error(`${name} wants a whole number, got ${argv[i + 1]}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--services': o.services = num(i++, a); break;
      case '--runs': o.runs = Math.max(1, num(i++, a)); break;
      case '--trace-runs': o.traceRuns = Math.max(1, num(i++, a)); break;
      case '--small': o.small = num(i++, a); break;
      case '--nft-runs': o.nftRuns = num(i++, a); break;
      case '--no-kernel': o.kernel = false; break;
      case '--no-profile': o.profile = false; break;
      case '--profile-parse': o.profileParse = true; break;
      case '--direct': o.direct = true; break;
      case '--out': o.out = argv[++i]; break;
      case '-h': case '--help': console.log(usage()); process.exit(0); break;
      default: throw new Error(`unknown option ${a}\n${usage()}`);
    }
  }
  if (o.services < 1) throw new Error('--services must be at least 1');
  return o;
}

const T0 = performance.now();
/** Progress on stderr, each line stamped with the seconds since the start. */
const log = (line: string) => {
  const stamp = `[${((performance.now() - T0) / 1000).toFixed(1).padStart(5)} s]`;
  process.stderr.write(line.replace(/^(\n*)/, `$1${stamp} `) + '\n');
};

/** A stage whose runs have taken this long stops after its third run (keeps the bench near 3 minutes). */
const RUN_BUDGET_MS = 40_000;

// ---- parse, build, trace ----------------------------------------------------------------

interface TraceResult {
  readonly label: string;
  readonly service: string;
  readonly target: string;
  /** 1-based rule of nat KUBE-SERVICES the flow matches */
  readonly servicesRule: number;
  readonly verdict: string;
  readonly dnatTo?: string;
  /** world.trace(flow) again and again on one world: the steady state (the goal's figure) */
  readonly trace: Summary;
  /** the first world.trace(flow) after buildWorld: pays whatever the engine prepares lazily */
  readonly firstTrace: Summary;
}

interface Stage {
  readonly services: number;
  readonly dump: BenchLab['dump']['stats'];
  readonly generateMs: number;
  readonly opsFrom: 'parser' | 'generator';
  readonly parse?: Summary;
  readonly parseErrors?: readonly string[];
  readonly parserCheck?: { readonly rules: number; readonly same: number; readonly firstDifferences: readonly string[] };
  readonly build: Summary;
  readonly buildErrors: readonly string[];
  readonly heapAfterBuildMb: number;
  readonly traces: readonly TraceResult[];
}

/** JSON with object keys sorted: two specs built in a different key order compare equal. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

/** The parser's tables against the generator's: same chains, same rules, in order? */
function compareTables(ops: readonly Op[], want: readonly RestoreTable[]): Stage['parserCheck'] {
  const restore = ops.find((o) => o.op === 'iptables-restore');
  const got: readonly RestoreTable[] = restore && restore.op === 'iptables-restore' ? restore.tables : [];
  const diffs: string[] = [];
  let rules = 0;
  let same = 0;
  for (const w of want) {
    const g = got.find((t) => t.table === w.table);
    if (!g) {
      diffs.push(`table ${w.table} missing`);
      continue;
    }
    const gotChains = g.chains.map((c) => `${c.name}:${c.policy}`).join(' ');
    if (gotChains !== w.chains.map((c) => `${c.name}:${c.policy}`).join(' ')) diffs.push(`${w.table}: chain declarations differ`);
    for (let i = 0; i < w.commands.length; i++) {
      rules++;
      const a = canonical(g.commands[i]);
      const b = canonical(w.commands[i]);
      if (a === b) same++;
      else if (diffs.length < 3) diffs.push(`${w.table} command ${i + 1}: parser ${a?.slice(0, 300)} ≠ generator ${b.slice(0, 300)}`);
    }
    if (g.commands.length !== w.commands.length) diffs.push(`${w.table}: ${g.commands.length} commands parsed, ${w.commands.length} written`);
  }
  return { rules, same, firstDifferences: diffs.slice(0, 5) };
}

function natSummary(trace: Trace): string | undefined {
  const ev = trace.legs[0]?.events.find((e) => e.code.startsWith('nat.'));
  return ev && eventText(ev, 'en');
}

function stage(services: number, o: Options, label: string): { stage: Stage; lab: BenchLab; world: World; ops: readonly Op[] } {
  log(`\n[${label}] ${services} Services: generating the dump…`);
  let t0 = performance.now();
  const lab = makeLab(services);
  const generateMs = performance.now() - t0;
  const s = lab.dump.stats;
  log(`  ${s.rules} rules, ${s.chains} chains, ${(s.bytes / 1e6).toFixed(1)} MB, ${s.lines} lines (${fmtMs(generateMs)})`);

  const ready = parserReady();
  let ops: readonly Op[];
  let parse: Summary | undefined;
  let parseErrors: string[] | undefined;
  let parserCheck: Stage['parserCheck'];
  let opsFrom: Stage['opsFrom'] = 'generator';
  if (ready.ready && !o.direct) {
    log(`  parse ×${o.runs}…`);
    const { samples, last } = timeRuns(o.runs, () => parseLab(lab), RUN_BUDGET_MS);
    parse = summarize(samples);
    log(`  parse median ${fmtMs(parse.median)}`);
    if (last.errors.length) {
      parseErrors = last.errors.slice(0, 10);
      log(`  the parser reported ${last.errors.length} errors (first: ${last.errors[0]}); building from the generator's ops instead`);
      ops = directOps(lab);
    } else {
      ops = last.ops;
      opsFrom = 'parser';
      parserCheck = compareTables(ops, lab.dump.tables);
      if (parserCheck && parserCheck.same !== parserCheck.rules) log(`  note: parser and generator agree on ${parserCheck.same}/${parserCheck.rules} rules; ${parserCheck.firstDifferences[0] ?? ''}`);
    }
  } else {
    log(`  the iptables-restore parser is not usable${o.direct ? ' (--direct)' : `: ${ready.why}`}; building from the generator's own ops`);
    ops = directOps(lab);
  }

  log(`  build ×${o.runs}…`);
  const built = timeRuns(o.runs, () => build(ops), RUN_BUDGET_MS);
  const buildSummary = summarize(built.samples);
  const world: World = built.last;
  log(`  build median ${fmtMs(buildSummary.median)}`);
  settle();
  const heapAfterBuildMb = Math.round(process.memoryUsage().heapUsed / 1e5) / 10;

  const traces: TraceResult[] = [];
  // warm the JIT on the trace path first, so the first Service measured is not also paying
  // for compiling the engine (untimed; it also prepares `world`'s lazy state, which is why the
  // cold figures below use worlds of their own)
  for (let r = 0; r < 10; r++) for (const t of lab.traced) world.trace(t.flow);
  for (const t of lab.traced) {
    const svc = lab.dump.services[t.index];
    // cold: the first trace on a world just built (not timed: the build)
    const cold: number[] = [];
    let first: Trace | undefined;
    for (let i = 0; i < Math.min(o.runs, 3); i++) {
      const w = build(ops); // no forced GC here: a build has just run, as in real use
      t0 = performance.now();
      const tr = w.trace(t.flow);
      cold.push(performance.now() - t0);
      first ??= tr;
    }
    // proof that the conversation really crossed the ruleset
    const dnat = natSummary(first!);
    if (first!.verdict !== 'delivered') log(`  WARNING: ${t.label} (${svc.portName}) was ${first!.verdict}: ${first!.outcome}`);
    if (!dnat || !SERVER_PODS.some((p) => dnat.includes(p.ip))) log(`  WARNING: ${t.label}: no DNAT to a server pod (${dnat ?? 'no nat event'})`);
    // warm: the same world, trace after trace
    const tr = timeRuns(o.traceRuns, () => world.trace(t.flow), Infinity, false);
    const res: TraceResult = {
      label: t.label,
      service: svc.portName,
      target: `${svc.clusterIp}:${svc.port}`,
      servicesRule: svc.servicesRule,
      verdict: first!.verdict,
      dnatTo: dnat,
      trace: summarize(tr.samples),
      firstTrace: summarize(cold),
    };
    log(`  trace ${t.label} (${res.target}, KUBE-SERVICES rule ${res.servicesRule}): ${fmtMs(res.trace.median)}; first after build ${fmtMs(res.firstTrace.median)}`);
    traces.push(res);
  }
  const result: Stage = {
    services,
    dump: s,
    generateMs: round3(generateMs),
    opsFrom,
    parse,
    parseErrors,
    parserCheck,
    build: buildSummary,
    buildErrors: world.errors.slice(0, 10).map((e) => `${e.loc.file}:${e.loc.line}: ${e.command.slice(0, 80)}: ${e.message}`),
    heapAfterBuildMb,
    traces,
  };
  return { stage: result, lab, world, ops };
}

/** ~1 s of world.trace() over the traced Services, profiled. */
async function profileTraces(lab: BenchLab, world: World, file: string): Promise<ProfileSummary> {
  const flows = lab.traced.map((t) => t.flow);
  for (const f of flows) world.trace(f); // warm
  settle();
  return profile(() => {
    const until = performance.now() + 1000;
    do for (const f of flows) world.trace(f);
    while (performance.now() < until);
  }, file);
}

/** One parse of the big script, profiled (opt-in: at 10k Services a parse takes seconds). */
async function profileParse(lab: BenchLab, file: string): Promise<ProfileSummary> {
  settle();
  return profile(() => void parseLab(lab), file);
}

// ---- report ---------------------------------------------------------------------------------

function row(what: string, value: string, width = 64): string {
  return `  ${what.padEnd(width)} ${value}`;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const hasGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
  const loadBefore = loadavg()[0];
  if (loadBefore > 0.7 * cpus().length) log(`note: load average ${loadBefore.toFixed(2)} on ${cpus().length} CPUs — something else is running; figures will be noisy`);
  log(`podpath bench: ${o.services} Services, ${o.runs} runs${hasGc ? '' : ' (node without --expose-gc: no GC between runs)'}`);

  const bigRun = stage(o.services, o, 'big');
  const big = bigRun.stage;
  const small = o.small > 0 && o.small !== o.services ? stage(o.small, o, 'small').stage : undefined;

  let prof: ProfileSummary | undefined;
  if (o.profile) {
    log('\n[profile] world.trace() on the big dump, the traced Services over and over for ~1 s…');
    const file = join(dirname(o.out), 'trace.cpuprofile');
    mkdirSync(dirname(file), { recursive: true });
    prof = await profileTraces(bigRun.lab, bigRun.world, file);
  }
  let parseProf: ProfileSummary | undefined;
  if (o.profileParse && big.opsFrom === 'parser') {
    log('\n[profile] one parse of the big script…');
    const file = join(dirname(o.out), 'parse.cpuprofile');
    mkdirSync(dirname(file), { recursive: true });
    parseProf = await profileParse(bigRun.lab, file);
  }

  let kernel: BackendResult[] = [];
  if (o.kernel) {
    log('\n[kernel] iptables-restore of the same dump in fresh network namespaces…');
    const file = join(tmpdir(), `ppbench-${process.pid}.rules`);
    writeFileSync(file, bigRun.lab.dump.text);
    try {
      kernel = await kernelReference({ file, runs: o.runs, nftRuns: o.nftRuns, timeoutMs: 300_000, log });
    } finally {
      unlinkSync(file);
    }
    for (const k of kernel) if (k.skipped || k.error) log(`  ${k.command}: ${k.skipped ?? k.error}`);
  }

  // ---- goals
  const legacy = kernel.find((k) => k.backend === 'legacy')?.summary;
  const nft = kernel.find((k) => k.backend === 'nft')?.summary;
  const parseBuild = big.parse ? big.parse.median + big.build.median : undefined;
  const goalLoad = {
    goal: 'parse + build ≤ ½ × kernel iptables-legacy-restore',
    parseBuildMs: parseBuild !== undefined ? round3(parseBuild) : undefined,
    legacyMs: legacy ? round3(legacy.median) : undefined,
    ratio: parseBuild !== undefined && legacy ? round3(parseBuild / legacy.median) : undefined,
    status: parseBuild === undefined ? 'n/a (parser not available)' : !legacy ? 'n/a (no kernel reference)' : parseBuild <= legacy.median / 2 ? 'PASS' : 'FAIL',
  };
  const worst = big.traces.reduce((w, t) => (t.trace.median > w.trace.median ? t : w), big.traces[0]);
  const goalTrace = {
    goal: 'full conversation trace < 1 ms (median, slowest Service)',
    worstMedianMs: round3(worst.trace.median),
    worstService: `${worst.label} (${worst.target})`,
    status: worst.trace.median < 1 ? 'PASS' : 'FAIL',
  };

  // ---- table
  const git = spawnSync('git', ['describe', '--always', '--dirty'], { cwd: HERE, encoding: 'utf8' });
  const tree = git.status === 0 ? git.stdout.trim() : 'unknown';
  const out: string[] = [];
  const cpu = cpus();
  out.push('');
  out.push(`podpath bench — ${o.services} Services × 3 endpoints (NodePort for every 10th): ${big.dump.rules} rules, ${big.dump.chains} chains, ${(big.dump.bytes / 1e6).toFixed(1)} MB`);
  const loadAfter = loadavg()[0];
  out.push(`node ${process.version}, ${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, load average ${loadBefore.toFixed(2)} → ${loadAfter.toFixed(2)}, tree ${tree}`);
  out.push('figures: median (min–max, ±spread = (max−min)/median, n = runs)');
  out.push('');
  const section = (st: Stage) => {
    out.push(`${st.services} Services (${st.dump.rules} rules, ops from the ${st.opsFrom === 'parser' ? 'iptables-restore parser' : 'generator — the parser was not usable'})`);
    out.push(row('parse: `iptables-restore --noflush <<EOF` script → ops', st.parse ? fmtSummary(st.parse) : 'not measured (no parser)'));
    out.push(row('build: buildWorld(spec)', fmtSummary(st.build)));
    if (st.parse) out.push(row('parse + build (medians)', fmtMs(st.parse.median + st.build.median)));
    if (st.parserCheck) out.push(row('parser output = the generator\'s own rule data', `${st.parserCheck.same}/${st.parserCheck.rules} rules${st.parserCheck.firstDifferences.length ? `; ${st.parserCheck.firstDifferences[0].slice(0, 160)}` : ''}`));
    if (st.parseErrors) out.push(row('PARSE ERRORS (built from the generator instead)', st.parseErrors[0]));
    if (st.buildErrors.length) out.push(row('BUILD ERRORS', st.buildErrors[0]));
    for (const t of st.traces) {
      out.push(row(`trace ${t.label}: world.trace(→ ${t.target}), KUBE-SERVICES #${t.servicesRule}`, fmtSummary(t.trace)));
      out.push(row('    first trace after buildWorld (cold)', fmtSummary(t.firstTrace)));
    }
    out.push('');
  };
  section(big);
  if (small) section(small);
  out.push(`kernel reference (${o.services} Services, fresh netns per run)`);
  for (const k of kernel) {
    const name = `${k.command}${k.version ? ` [${k.version.replace(/^iptables /, '')}]` : ''}`;
    out.push(row(name, k.summary ? fmtSummary(k.summary) + (k.error ? `  (failed: ${k.error})` : '') : `skipped: ${k.skipped ?? k.error}`));
  }
  if (!o.kernel) out.push(row('(not run: --no-kernel)', ''));
  out.push('');
  out.push('goals');
  out.push(row(goalLoad.goal, `${goalLoad.status}${goalLoad.ratio !== undefined ? `  (${fmtMs(goalLoad.parseBuildMs!)} vs ${fmtMs(goalLoad.legacyMs!)}: ${goalLoad.ratio.toFixed(2)}× the kernel, goal ≤ 0.50×)` : ''}`));
  out.push(row(goalTrace.goal, `${goalTrace.status}  (worst median ${fmtMs(goalTrace.worstMedianMs)}, ${goalTrace.worstService})`));
  if (nft && legacy) out.push(row('(for scale: nf_tables restore / legacy restore)', `${(nft.median / legacy.median).toFixed(1)}×`));
  if (prof) {
    out.push('');
    out.push(`where world.trace() spends its time (CPU profile, ${fmtMs(prof.totalMs)} sampled; ${relative(process.cwd(), prof.file)})`);
    out.push('  self time:');
    for (const e of prof.self.slice(0, 10)) out.push(`    ${String(e.pct).padStart(5)}%  ${fmtMs(e.ms).padStart(9)}  ${e.fn}`);
    out.push('  self time by source file:');
    for (const e of prof.byFile.slice(0, 10)) out.push(`    ${String(e.pct).padStart(5)}%  ${fmtMs(e.ms).padStart(9)}  ${e.fn}`);
    out.push('  total time (including callees):');
    for (const e of prof.total.slice(0, 12)) out.push(`    ${String(e.pct).padStart(5)}%  ${fmtMs(e.ms).padStart(9)}  ${e.fn}`);
  }
  if (parseProf) {
    out.push('');
    out.push(`where the parse spends its time (CPU profile, ${fmtMs(parseProf.totalMs)} sampled; ${relative(process.cwd(), parseProf.file)})`);
    out.push('  self time:');
    for (const e of parseProf.self.slice(0, 10)) out.push(`    ${String(e.pct).padStart(5)}%  ${fmtMs(e.ms).padStart(9)}  ${e.fn}`);
    out.push('  self time by source file:');
    for (const e of parseProf.byFile.slice(0, 8)) out.push(`    ${String(e.pct).padStart(5)}%  ${fmtMs(e.ms).padStart(9)}  ${e.fn}`);
  }
  const elapsed = (performance.now() - started) / 1000;
  out.push('');
  out.push(`bench took ${elapsed.toFixed(0)} s; JSON: ${relative(process.cwd(), o.out)}`);
  console.log(out.join('\n'));

  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model.trim(),
    gcBetweenRuns: hasGc,
    tree,
    loadAverage: { before: round3(loadBefore), after: round3(loadAfter) },
    options: o,
    big,
    small,
    kernel,
    goals: [goalLoad, goalTrace],
    profile: prof,
    parseProfile: parseProf,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    elapsedS: round3(elapsed),
  };
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
