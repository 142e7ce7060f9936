// The import round trip (issue 14, docs/debug-your-node.md): every scenario (and variant) this
// kernel can build is built in namespaces by export-script, the collector
// (scripts/podpath-collect.sh) reads each machine's namespaces (the machine's namespace as its
// root, its netns namespaces by their scenario names; the switch namespaces are the wire and
// are not read), `podpath import` turns the snapshots into a scenario, the original flows and
// listeners (processes: not in a snapshot) are carried over, and every flow's engine trace of
// the imported lab must equal the original's: verdict, outcome, drop (reason, place, function)
// and, per packet, the device hops (machine, namespace, device, direction, kernel function).
// Cases that cannot be equal are listed, each with why, in roundtrip-known.yaml.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Flow, Trace } from '../../src/engine/trace/types';
import type { Scenario } from '../../src/scenario/model';
import { loadScenario } from '../../src/scenario/load';
import { importSnapshots, parseSnapshot, type ImportInput } from '../../src/scenario/import';
import { opsOf, worldSpecFor } from '../../src/scenario/variant';
import { buildWorld } from '../../src/engine';
import { Lab } from './lab';
import { newPrefix } from './netns';
import { listed, readNotCheckable, type NotCheckable } from './notCheckable';
import type { CaseLine, LabJob } from './scenarios';
import { notCheckable } from './scenarios';
import { pool, run } from './sh';

export const KNOWN_FILE = fileURLToPath(new URL('./roundtrip-known.yaml', import.meta.url));
const COLLECTOR = fileURLToPath(new URL('../../scripts/podpath-collect.sh', import.meta.url));

const variantName = (v: string | undefined) => v ?? 'base';

/** A flow as a scenario file writes it. */
export function flowEntry(flow: Flow): Record<string, unknown> {
  return {
    id: flow.id,
    from: flow.from.netns ? `${flow.from.machine}/${flow.from.netns}` : flow.from.machine,
    to: flow.to.port !== undefined ? `${flow.to.addr}:${flow.to.port}` : flow.to.addr,
    protocol: flow.protocol,
    ...(flow.seed !== undefined ? { seed: flow.seed } : {}),
    ...(flow.size !== undefined ? { size: flow.size } : {}),
  };
}

/** The original's listeners, as commands in each machine's script. */
export function listenerLines(scenario: Scenario, variantId: string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of scenario.machines) {
    const lines = opsOf(scenario, m, variantId)
      .filter((op) => op.op === 'listen')
      .map((op) => op.text.trim());
    if (lines.length) out[m.name] = lines;
  }
  return out;
}

/** What must be equal: one line per fact, so a difference prints as the lines that differ. */
export function traceFacts(trace: Trace, machines: ReadonlySet<string>): string[] {
  const out = [`verdict ${trace.verdict}`, `outcome ${JSON.stringify(trace.outcome)}`];
  for (const leg of trace.legs) {
    out.push(`leg ${leg.packet} ${leg.verdict}${leg.drop ? ` ${leg.drop.reason} at ${leg.drop.at.machine}/${leg.drop.at.netns} ${leg.drop.fn}` : ''}`);
    for (const e of leg.events) {
      // the wire's own events are named after the network, which the import names itself
      if (e.at.dev === undefined || !machines.has(e.at.machine)) continue;
      out.push(`  ${e.at.machine}/${e.at.netns}:${e.at.dev} ${e.at.dir ?? ''} ${e.fn}`);
    }
  }
  return out;
}

/** The verdict and outcome when they differ, then the first hop or drop that differs. */
function differences(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    out.push(`fact ${i + 1}: original: ${a[i] ?? '(nothing)'}`, `   imported: ${b[i] ?? '(nothing)'}`);
    if (i >= 2) break;
  }
  return out;
}

export function readKnown(): { entries: NotCheckable[]; problems: string[] } {
  const r = readNotCheckable(readFileSync(KNOWN_FILE, 'utf8'));
  return { entries: r.entries, problems: r.problems.map((p) => p.replace('not-checkable.yaml', 'roundtrip-known.yaml')) };
}

async function collect(lab: Lab, machine: string): Promise<ImportInput & { raw: string }> {
  const mine = lab.namespaces.filter((n) => n.kind !== 'switch' && n.machine === machine);
  const root = mine.find((n) => n.netns === '')!;
  const args = [COLLECTOR, '--name', machine, '--root', root.name, ...mine.filter((n) => n.netns).flatMap((n) => ['--netns', `${n.name}=${n.netns}`])];
  const r = await run('sh', args, { timeoutMs: 60000 });
  if (r.code !== 0) throw new Error(`the collector failed for ${machine} (exit ${r.code}): ${r.stderr.trim()}`);
  const parsed = parseSnapshot(r.stdout, `${machine}.json`);
  if (!parsed.ok) throw new Error(`the collector's snapshot of ${machine} does not parse: ${parsed.errors.join('; ')}`);
  return { snapshot: parsed.snapshot, file: `${machine}.json`, name: machine, raw: r.stdout };
}

/** Builds, collects, imports and compares one job; one line per flow (and per failure to get there). */
async function roundTrip(job: LabJob): Promise<CaseLine[]> {
  const base = `roundtrip:${job.scenario.id}/${variantName(job.variantId)}`;
  const lab = new Lab(job.scenario, job.variantId, job.world, newPrefix());
  try {
    const built = await lab.build();
    if (!built.ok) return [{ name: `${base}/(build)`, status: 'FAIL', details: built.failures }];
    const inputs: (ImportInput & { raw: string })[] = [];
    for (const m of job.scenario.machines) inputs.push(await collect(lab, m.name));
    const imported = importSnapshots(inputs, {
      id: `${job.scenario.id}-imported`,
      flows: job.scenario.flows.map(flowEntry),
      append: listenerLines(job.scenario, job.variantId),
    });
    // ROUNDTRIP_KEEP=DIR: keep each job's snapshots and imported scenario (for reading a failure)
    const keep = process.env.ROUNDTRIP_KEEP;
    if (keep) {
      const dir = join(keep, `${job.scenario.id}-${variantName(job.variantId)}`);
      mkdirSync(dir, { recursive: true });
      for (const i of inputs) writeFileSync(join(dir, i.file), i.raw);
      writeFileSync(join(dir, 'imported.yaml'), imported.yaml);
    }
    const loaded = loadScenario(imported.yaml, `${job.scenario.id}-imported.yaml`);
    if (!loaded.ok) return [{ name: `${base}/(import)`, status: 'FAIL', details: loaded.errors.map((e) => `${e.line}:${e.col}: ${e.message}`) }];
    const world = buildWorld(worldSpecFor(loaded.scenario, undefined));
    const machines = new Set(job.scenario.machines.map((m) => m.name));
    const lines: CaseLine[] = [];
    const noteCount = imported.notes.length;
    for (const flow of job.scenario.flows) {
      const copy = loaded.scenario.flows.find((f) => f.id === flow.id)!;
      const a = traceFacts(job.world.trace(flow), machines);
      const b = traceFacts(world.trace(copy), machines);
      const diff = differences(a, b);
      lines.push({ name: `${base}/${flow.id}`, status: diff.length ? 'FAIL' : 'ok', details: diff, summary: `${a.length} facts equal, ${noteCount} import note(s)` });
    }
    return lines;
  } catch (e) {
    return [{ name: `${base}/(roundtrip)`, status: 'FAIL', details: [(e as Error).stack ?? String(e)] }];
  } finally {
    await lab.destroy();
  }
}

export async function runRoundTrips(jobs: readonly LabJob[], kinds: ReadonlySet<string>, record: (line: CaseLine) => void, concurrency: number): Promise<void> {
  const known = readKnown();
  for (const p of known.problems) record({ name: 'roundtrip-known.yaml', status: 'FAIL', details: [p] });
  const runnable = jobs.filter((j) => notCheckable(j, kinds) === undefined && j.scenario.flows.length > 0);
  await pool(runnable, concurrency, async (job) => {
    for (const line of await roundTrip(job)) {
      const entry = listed(known.entries, line.name.replace(/^roundtrip:/, ''));
      if (!entry) record(line);
      else if (line.status === 'ok') record({ ...line, status: 'FAIL', details: [`listed in test/parity/roundtrip-known.yaml (${entry.why}) but the traces are equal: remove it from the list`] });
      else record({ ...line, status: 'skip', details: [`round trip (roundtrip-known.yaml): ${entry.why}`, ...line.details] });
    }
  });
}
