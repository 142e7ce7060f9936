// What `podpath import` and then `podpath trace` do with a node snapshot, in-process, for
// bench/nodeScale.ts and its test: read the snapshot (parseSnapshot), import it
// (importSnapshots: the script, checked by a load and a build of the lab), then load the
// scenario file it wrote and build its world, as a trace of that file does. A snapshot holds no
// processes, so the Services the bench traces get listeners in their endpoint pods, and the
// flows from a pod to their ClusterIPs, through the importer's own `append`/`flows` extras (as
// the parity round trip carries a lab's listeners over).
import type { Flow, Trace, World } from '../src/engine';
import { buildWorld } from '../src/engine';
import { eventText } from '../src/i18n/trace';
import { importSnapshots, parseSnapshot } from '../src/scenario/import';
import { loadScenario } from '../src/scenario/load';
import { worldSpecFor } from '../src/scenario/variant';
import { endpointPods, type NodeSnapshot } from './nodeSnapshot';

export interface TracedService {
  readonly label: string;
  readonly index: number;
  readonly flowId: string;
  /** the addresses its DNAT may pick */
  readonly endpoints: readonly string[];
}

export interface NodeImportPlan {
  readonly traced: readonly TracedService[];
  readonly append: Readonly<Record<string, readonly string[]>>;
  readonly flows: readonly Record<string, unknown>[];
}

/** The first, middle and last Service of KUBE-SERVICES, each from a pod that does not serve it. */
export function planTraces(node: NodeSnapshot, machine: string): NodeImportPlan {
  const n = node.services.length;
  const picks = [
    { label: 'first', index: 0 },
    { label: 'middle', index: Math.floor(n / 2) },
    { label: 'last', index: n - 1 },
  ].filter((p, i, all) => all.findIndex((q) => q.index === p.index) === i);
  const listeners = new Set<string>();
  const flows: Record<string, unknown>[] = [];
  const traced = picks.map((p) => {
    const svc = node.services[p.index];
    const serving = endpointPods(p.index, node.pods.length);
    for (const k of serving) listeners.add(`ip netns exec ${node.pods[k].name} nc -lk ${svc.targetPort} &`);
    const client = node.pods[[...Array(node.pods.length).keys()].find((k) => !serving.includes(k))!];
    const flowId = `${p.label}-service`;
    flows.push({ id: flowId, from: `${machine}/${client.name}`, to: `${svc.clusterIp}:${svc.port}`, protocol: 'tcp' });
    return { ...p, flowId, endpoints: serving.map((k) => node.pods[k].ip) };
  });
  return { traced, append: { [machine]: [...listeners] }, flows };
}

export interface ImportedNode {
  readonly yaml: string;
  readonly notes: readonly string[];
  readonly world: World;
  readonly flows: readonly Flow[];
  /** ms: parseSnapshot + importSnapshots (what `podpath import` runs) */
  readonly importMs: number;
  /** ms: loading the scenario file it wrote and building its world */
  readonly buildMs: number;
}

/** The snapshot's text through the importer, then the lab it wrote loaded and built. */
export function importNode(text: string, file: string, plan: NodeImportPlan): ImportedNode {
  let t = performance.now();
  const parsed = parseSnapshot(text, file);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const { yaml, notes } = importSnapshots([{ snapshot: parsed.snapshot, file }], { append: plan.append, flows: plan.flows });
  const importMs = performance.now() - t;
  t = performance.now();
  const loaded = loadScenario(yaml, file.replace(/\.json$/, '.yaml'));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  const world = buildWorld(worldSpecFor(loaded.scenario, undefined));
  const buildMs = performance.now() - t;
  if (world.errors.length) throw new Error(world.errors.map((e) => e.message).join('\n'));
  return { yaml, notes, world, flows: loaded.scenario.flows, importMs, buildMs };
}

/** Why a traced conversation is not what the bench means to time, or undefined when it is. */
export function traceProblem(trace: Trace, service: TracedService): string | undefined {
  if (trace.verdict !== 'delivered') return `${service.label}: ${trace.verdict}`;
  const nat = trace.legs[0]?.events.find((e) => e.code.startsWith('nat.'));
  const text = nat && eventText(nat, 'en');
  if (!text || !service.endpoints.some((ip) => new RegExp(`→ ${ip.replace(/\./g, '\\.')}(?![\\d.])`).test(text))) return `${service.label}: no DNAT to an endpoint pod (${text ?? 'no nat event'})`;
  return undefined;
}
