// Kernel parity (DESIGN §8): builds every scenario in real network namespaces and compares
// what the kernel does with the engine's trace, then runs the routing differential fuzz.
//
//   node --import tsx test/parity/main.ts [options]      (or: node bin/podpath-parity.mjs)
//
//   --only TEXT          only scenarios whose id or file contains TEXT
//   --jobs N             labs alive at once (default 2)
//   --fixtures           the hand-written fixture labs (fixtures/scenarios.ts) instead of scenarios/,
//                        compared with the real engine (--fixtures-engine: the same)
//   --no-fuzz            skip the routing fuzz        --fuzz-only   only the routing fuzz
//   --fuzz-configs N     routing configurations (default 600)
//   --fuzz-show N        kinds of disagreement shown with a minimised config (default 20)
//   --seed N             fuzz seed (default 1)
//   --scenarios DIR      scenario directory (default: scenarios/ and test/parity/labs/)
//   --roundtrip          only the import round trip (roundtrip.ts): build each scenario of
//                        scenarios/, collect its machines with scripts/podpath-collect.sh,
//                        import, and require equal engine traces; part of the default run
//   --no-roundtrip       skip the round trip
//
// Exit status: 0 when every case passes, 1 on any failure or when this machine cannot run
// the suite (not root, no `ip netns`): it never passes without checking.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDeps, loadEngine } from './deps';
import { runFuzz, type FuzzSummary } from './fuzz-routing';
import { KfreeTracer } from './kfree';
import { environmentProblem, installExitHandlers, supportedLinkKinds, sweepStale } from './netns';
import { runRoundTrips } from './roundtrip';
import { type CaseLine, collectJobs, type LabJob, type Report, runJobs } from './scenarios';

interface Args {
  only?: string;
  jobs: number;
  fixtures: boolean;
  fuzz: boolean;
  scenarios: boolean;
  roundtrip: boolean;
  fuzzConfigs: number;
  fuzzShow: number;
  seed: number;
  /** scenario directories: the shipped labs and the kernel-only labs (test/parity/labs) */
  dirs: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = {
    jobs: 2,
    fixtures: false,
    fuzz: true,
    scenarios: true,
    roundtrip: true,
    fuzzConfigs: 600,
    fuzzShow: 20,
    seed: 1,
    dirs: [fileURLToPath(new URL('../../scenarios', import.meta.url)), fileURLToPath(new URL('./labs', import.meta.url))],
  };
  for (let i = 0; i < argv.length; i++) {
    const v = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return x;
    };
    switch (argv[i]) {
      case '--only': a.only = v(); break;
      case '--jobs': a.jobs = Math.max(1, Math.min(3, Number(v()) || 2)); break;
      case '--fixtures': a.fixtures = true; a.fuzz = false; a.roundtrip = false; break;
      case '--fixtures-engine': a.fixtures = true; a.fuzz = false; a.roundtrip = false; break;
      case '--no-fuzz': a.fuzz = false; break;
      case '--fuzz-only': a.scenarios = false; a.roundtrip = false; break;
      case '--roundtrip': a.scenarios = false; a.fuzz = false; a.roundtrip = true; break;
      case '--no-roundtrip': a.roundtrip = false; break;
      case '--fuzz-configs': a.fuzzConfigs = Number(v()); break;
      case '--fuzz-show': a.fuzzShow = Number(v()); break;
      case '--seed': a.seed = Number(v()); break;
      case '--scenarios': a.dirs = [v()]; break;
      case '-h': case '--help':
        process.stdout.write('usage: podpath-parity [--only TEXT] [--jobs N] [--fixtures] [--no-fuzz|--fuzz-only] [--fuzz-configs N] [--fuzz-show N] [--seed N] [--scenarios DIR] [--roundtrip|--no-roundtrip]\n');
        process.exit(0);
      default: throw new Error(`unknown option ${argv[i]}`);
    }
  }
  return a;
}

function printLine(l: CaseLine) {
  const head = `${l.status === 'skip' ? 'skip' : l.status} ${l.name}${l.summary ? `  (${l.summary})` : ''}`;
  process.stdout.write(l.details.length ? `${head}\n${l.details.map((d) => `    ${d}`).join('\n')}\n` : `${head}\n`);
}

async function main(): Promise<number> {
  const started = Date.now();
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`podpath-parity: ${(e as Error).message}\n`);
    return 1;
  }
  const problem = await environmentProblem();
  if (problem) {
    process.stdout.write(`parity: cannot run on this machine: ${problem}\nparity: 0 passed, 0 failed (NOT RUN)\n`);
    return 1;
  }
  installExitHandlers();
  const swept = await sweepStale();
  if (swept.length) process.stdout.write(`parity: removed leftovers of dead runs: ${swept.join(', ')}\n`);

  const report: Report = { lines: [], print: printLine };
  let fuzz: FuzzSummary | undefined;
  let failedToStart: string | undefined;

  if (args.scenarios) {
    const tracerProblem = KfreeTracer.problem();
    if (tracerProblem) {
      process.stdout.write(`parity: cannot read drop reasons: ${tracerProblem}\nparity: 0 passed, 0 failed (NOT RUN)\n`);
      return 1;
    }
    const kinds = await supportedLinkKinds();
    const jobs: LabJob[] = [];
    if (args.fixtures) {
      const { FIXTURES, fixtureWorldSpec } = await import('./fixtures/scenarios');
      // the fixtures' own kernel answers (FakeWorld) carry no packets, so the machinery is
      // checked with the real engine: the leg, header and drop comparisons need its traces
      const engine = await loadEngine();
      if (typeof engine === 'string') failedToStart = engine;
      else {
        for (const f of FIXTURES.filter((x) => !args.only || x.scenario.id.includes(args.only))) {
          for (const v of [undefined, ...f.scenario.variants.map((x) => x.id)]) {
            jobs.push({ scenario: f.scenario, variantId: v, world: engine.buildWorld(fixtureWorldSpec(f.scenario, v)) });
          }
        }
      }
    } else {
      const deps = await loadDeps();
      if (typeof deps === 'string') failedToStart = deps;
      else {
        const missing = args.dirs.find((d) => !existsSync(d));
        if (missing) failedToStart = `no scenario directory ${missing}`;
        else for (const d of args.dirs) jobs.push(...(await collectJobs(d, deps, report, args.only)));
      }
    }
    if (failedToStart) {
      process.stdout.write(`parity: cannot check scenarios: ${failedToStart}\n`);
    } else {
      const tracer = new KfreeTracer();
      try {
        await tracer.start();
        await runJobs(jobs, kinds, tracer, report, args.jobs);
      } catch (e) {
        failedToStart = (e as Error).message;
        process.stdout.write(`parity: ${failedToStart}\n`);
      } finally {
        await tracer.stop();
      }
    }
  }
  if (args.roundtrip && !failedToStart) {
    // the shipped scenarios only (the first directory): the labs of test/parity/labs are kernel questions
    const deps = await loadDeps();
    if (typeof deps === 'string') failedToStart = deps;
    else {
      const rtReport: Report = { lines: report.lines, print: printLine };
      const jobs = await collectJobs(args.dirs[0], deps, rtReport, args.only);
      const kinds = await supportedLinkKinds();
      const record = (l: CaseLine) => {
        report.lines.push(l);
        printLine(l);
      };
      await runRoundTrips(jobs, kinds, record, args.jobs);
    }
  }
  if (args.fuzz) {
    const engine = await loadEngine();
    if (typeof engine === 'string') {
      process.stdout.write(`parity: cannot run the routing fuzz: ${engine}\n`);
      failedToStart ??= engine;
    } else {
      fuzz = await runFuzz(engine.buildWorld, { configs: args.fuzzConfigs, seed: args.seed, show: args.fuzzShow, print: (s) => process.stdout.write(s) });
    }
  }

  const passed = report.lines.filter((l) => l.status === 'ok').length;
  const failed = report.lines.filter((l) => l.status === 'FAIL').length;
  const skipped = report.lines.filter((l) => l.status === 'skip');
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write('\n');
  if (failed) {
    process.stdout.write('failed cases:\n');
    for (const l of report.lines.filter((x) => x.status === 'FAIL')) process.stdout.write(`  ${l.name}\n`);
  }
  if (skipped.length) {
    process.stdout.write(`not checkable (${skipped.length}, listed in test/parity/not-checkable.yaml):\n`);
    const byReason = new Map<string, string[]>();
    for (const s of skipped) byReason.set(s.details[0], [...(byReason.get(s.details[0]) ?? []), s.name]);
    for (const [why, names] of byReason) process.stdout.write(`  ${names.length} case(s): ${why}\n    ${names.join(' ')}\n`);
  }
  if (failedToStart) process.stdout.write(`NOT RUN: ${failedToStart}\n`);
  process.stdout.write(`time: ${secs}s\n`);
  if ((args.scenarios || args.roundtrip) && skipped.length) process.stdout.write(`not checkable: ${skipped.length} (listed above with the reason)\n`);
  if (fuzz) process.stdout.write(`fuzz: ${fuzz.passed} passed, ${fuzz.failed} failed\n`);
  const reruns = report.lines.filter((l) => l.status === 'ok' && l.summary?.endsWith('agreed on a rerun')).length;
  if (args.scenarios || args.roundtrip) process.stdout.write(`parity: ${passed} passed, ${failed} failed${reruns ? ` (${reruns} agreed only on a rerun, listed above with what the first run saw)` : ''}\n`);
  const fuzzFailed = fuzz ? fuzz.failed > 0 : false;
  return failed > 0 || fuzzFailed || failedToStart !== undefined ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`podpath-parity: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
