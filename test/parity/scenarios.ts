// The scenario half of the parity run: every scenario file × (base + every variant) × every
// flow, each in a fresh lab, compared with the engine's trace.
import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { World } from '../../src/engine/api';
import type { Flow, Trace } from '../../src/engine/trace/types';
import type { Scenario } from '../../src/scenario/model';
import { opsOf, worldSpecFor } from '../../src/scenario/variant';
import { compareFlow, compareRefusals, engineDevices, engineDrop } from './compare';
import type { ParityDeps } from './deps';
import type { KfreeTracer } from './kfree';
import { type KernelObservation, Lab } from './lab';
import { newPrefix } from './netns';
import { listed, readNotCheckable } from './notCheckable';
import { pool } from './sh';

export interface CaseLine {
  readonly name: string; // scenario/variant/flow
  readonly status: 'ok' | 'FAIL' | 'skip';
  readonly details: readonly string[];
  /** what agreed, for the report: verdict, drop reason, device counts */
  readonly summary?: string;
}

/** One scenario in one variant: the unit a lab is built for. */
export interface LabJob {
  readonly scenario: Scenario;
  readonly variantId: string | undefined;
  readonly world: World;
}

export interface Report {
  readonly lines: CaseLine[];
  readonly print: (line: CaseLine) => void;
}

const variantName = (v: string | undefined) => v ?? 'base';

/** PARITY_DUMP=FILE: one JSON line per case with the trace's drop events and the kernel's records (for building kernelFns.ts). */
function dumpCase(file: string, name: string, trace: Trace, k: KernelObservation, ok: boolean) {
  const engine = trace.legs.flatMap((l) => l.events.filter((e) => e.code === 'drop').map((e) => ({ leg: l.packet, reason: (e.params as { reason: string }).reason, fn: e.fn, ns: `${e.at.machine}/${e.at.netns}`, dev: e.at.dev })));
  const kernel = k.drops.map((d) => ({ reason: d.reason, fn: d.fn, ns: d.ns, dev: d.dev, packet: d.packet }));
  appendFileSync(file, `${JSON.stringify({ name, ok, engine, kernel, outcome: trace.outcome, output: k.output })}\n`);
}

/** Why a lab cannot be built on this kernel, or undefined when it can. */
export function notCheckable(job: LabJob, kinds: ReadonlySet<string>): string | undefined {
  const { scenario } = job;
  // the variant's networks: a variant may replace a switch by a vpc
  for (const n of worldSpecFor(scenario, job.variantId).networks) {
    if (n.kind === 'vpc') return `network ${n.name}: the vpc fabric is not a kernel (covered by unit tests and reviewed golden traces)`;
    if (n.kind !== 'switch') {
      const other: { name: string; kind: string } = n;
      return `network ${other.name} is a ${other.kind} network, which has no kernel equivalent to compare with`;
    }
  }
  for (const m of scenario.machines) {
    for (const op of opsOf(scenario, m, job.variantId)) {
      // `modprobe ipip` and `ip tunnel …` need the module as much as `ip link add … type ipip`
      const ipip = (op.op === 'link-add' && op.kind === 'ipip') || op.op === 'module-load' || op.op === 'tunnel-change' || op.op === 'tunnel-del';
      if (ipip && !kinds.has('ipip')) return `no ipip module on this kernel (${op.loc.file}:${op.loc.line}); reviewed golden traces in test/golden cover it`;
      if (op.op === 'link-add' && op.kind === 'ipvlan' && !kinds.has('ipvlan')) {
        return `no ipvlan module on this kernel (${op.loc.file}:${op.loc.line}); golden traces reviewed against drivers/net/ipvlan/ cover it (test/golden)`;
      }
      if (op.op === 'link-add' && !kinds.has(op.kind)) return `uses ${op.kind} devices (${op.loc.file}:${op.loc.line}); this kernel has no ${op.kind} support`;
    }
  }
  return undefined;
}

/** Loads every scenario file and builds a world per variant; load errors become FAIL lines. */
export async function collectJobs(dir: string, deps: ParityDeps, report: Report, only?: string): Promise<LabJob[]> {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  const jobs: LabJob[] = [];
  for (const file of files) {
    const loaded = await deps.loadScenarioFile(file);
    if (!loaded.ok) {
      const line: CaseLine = {
        name: file,
        status: 'FAIL',
        details: loaded.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`),
      };
      report.lines.push(line);
      report.print(line);
      continue;
    }
    const scenario = loaded.scenario;
    if (only && !scenario.id.includes(only) && !file.includes(only)) continue;
    for (const variantId of [undefined, ...scenario.variants.map((v) => v.id)]) {
      try {
        jobs.push({ scenario, variantId, world: deps.buildWorld(deps.worldSpecFor(scenario, variantId)) });
      } catch (e) {
        const line: CaseLine = {
          name: `${scenario.id}/${variantName(variantId)}/(engine)`,
          status: 'FAIL',
          details: [`the engine threw building the world: ${(e as Error).stack ?? String(e)}`],
        };
        report.lines.push(line);
        report.print(line);
      }
    }
  }
  return jobs;
}

/**
 * Runs every flow of every job in a fresh lab (at most `concurrency` labs alive at once; the
 * flows themselves run one at a time, see lab.ts) and records one line per case.
 */
export async function runJobs(jobs: readonly LabJob[], kinds: ReadonlySet<string>, tracer: KfreeTracer | undefined, report: Report, concurrency: number) {
  const record = (line: CaseLine) => {
    report.lines.push(line);
    report.print(line);
  };
  type Unit = { job: LabJob; flow: Flow; first: boolean };
  const units: Unit[] = [];
  const list = readNotCheckable();
  for (const p of list.problems) record({ name: 'not-checkable.yaml', status: 'FAIL', details: [p] });
  // entries naming no case of the scenarios run
  const names = new Set(jobs.flatMap((j) => j.scenario.flows.map((f) => `${j.scenario.id}/${variantName(j.variantId)}/${f.id}`)));
  const scenarios = new Set(jobs.map((j) => j.scenario.id));
  for (const e of list.entries) {
    if (!scenarios.has(e.case.split('/')[0])) continue;
    if (![...names].some((n) => listed([e], n))) record({ name: 'not-checkable.yaml', status: 'FAIL', details: [`${e.case} names no case: remove it`] });
  }
  for (const job of jobs) {
    const name = `${job.scenario.id}/${variantName(job.variantId)}`;
    const why = notCheckable(job, kinds);
    if (why) {
      for (const flow of job.scenario.flows) {
        const entry = listed(list.entries, `${name}/${flow.id}`);
        if (entry) record({ name: `${name}/${flow.id}`, status: 'skip', details: [entry.why] });
        else record({ name: `${name}/${flow.id}`, status: 'FAIL', details: [`cannot be checked here (${why}) and is not listed in test/parity/not-checkable.yaml`] });
      }
      continue;
    }
    job.scenario.flows.forEach((flow, i) => units.push({ job, flow, first: i === 0 }));
    if (job.scenario.flows.length === 0) units.push({ job, flow: undefined as unknown as Flow, first: true });
  }
  await pool(units, concurrency, async ({ job, flow, first }) => {
    const base = `${job.scenario.id}/${variantName(job.variantId)}`;
    const entry = flow ? listed(list.entries, `${base}/${flow.id}`) : undefined;
    // A case that disagrees is run once more in a fresh lab: the kernel's account of a flow can
    // miss a record when its timers race the capture window (a neighbour failing, a late
    // retransmission). A real divergence disagrees twice; a case that agrees only the second
    // time passes, and the log keeps what the first run saw ("agreed on a rerun").
    let firstDiffs: readonly string[] | undefined;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const lab = new Lab(job.scenario, job.variantId, job.world, newPrefix());
      try {
        let built;
        try {
          built = await lab.build();
        } catch (e) {
          built = { ok: false, failures: [`export-script: ${(e as Error).message}`], refused: [], ms: 0 };
        }
        if (first && attempt === 1) {
          const diffs = [...built.failures, ...compareRefusals(built.refused)];
          record({
            name: `${base}/(build)`,
            status: diffs.length ? 'FAIL' : 'ok',
            details: diffs.length ? diffs : built.refused.length ? [`${built.refused.length} command(s) refused as the engine expects`] : [],
          });
        }
        if (!built.ok) {
          if (flow) record({ name: `${base}/${flow.id}`, status: 'FAIL', details: [`not run: the lab does not build (${built.failures[0]})`] });
          return;
        }
        if (!flow) return;
        let trace = job.world.trace(flow);
        const kernel = await lab.runFlow(flow, tracer);
        let cmp = compareFlow(trace, kernel);
        // -m statistic --mode random and IPVS schedulers are random in the kernel and seeded in
        // the engine: when the engine's branch was not the kernel's, let the engine draw again
        // (other seeds) and accept the draw that reproduces everything the kernel did.
        const random = (t: typeof trace) => t.legs.some((l) => l.events.some((e) => (e.refs ?? []).some((r) => r.line.includes('-m statistic')) || e.fn.startsWith('ip_vs_')));
        for (let k = 1; !cmp.ok && random(trace) && k <= 16; k++) {
          const retry = job.world.trace({ ...flow, seed: k });
          const c = compareFlow(retry, kernel);
          if (c.ok) {
            trace = retry;
            cmp = c;
          }
        }
        if (!cmp.ok && !entry && attempt === 1) {
          firstDiffs = cmp.diffs;
          continue;
        }
        if (process.env.PARITY_DUMP) dumpCase(process.env.PARITY_DUMP, `${base}/${flow.id}`, trace, kernel, cmp.ok);
        const drop = engineDrop(trace);
        const dev = engineDevices(trace);
        const wire = kernel.learned ? `, ${kernel.learned.size} FDB entries learned` : '';
        const rerun = firstDiffs && cmp.ok ? ', agreed on a rerun' : '';
        const summary = `${trace.verdict}${drop ? ` ${drop.reason}@${drop.at.machine}${drop.at.netns ? `/${drop.at.netns}` : ''}` : ''}, ${dev.tx.size} tx / ${dev.rx.size} rx devices${wire}${rerun}`;
        const earlier = firstDiffs ? [`first run: ${firstDiffs.join(' | ')}`] : [];
        if (entry && cmp.ok) record({ name: `${base}/${flow.id}`, status: 'FAIL', details: [`listed in test/parity/not-checkable.yaml (${entry.why}) but it agrees with the kernel: remove it from the list`], summary });
        else if (entry) record({ name: `${base}/${flow.id}`, status: 'skip', details: [entry.why, ...cmp.diffs], summary });
        else record({ name: `${base}/${flow.id}`, status: cmp.ok ? 'ok' : 'FAIL', details: cmp.ok ? earlier : [...cmp.diffs, ...(firstDiffs ? ['(disagreed in both runs)'] : [])], summary });
        return;
      } catch (e) {
        record({ name: `${base}/${flow?.id ?? '(build)'}`, status: 'FAIL', details: [`error (engine or harness): ${(e as Error).stack ?? String(e)}`] });
        return;
      } finally {
        await lab.destroy();
      }
    }
  });
}
