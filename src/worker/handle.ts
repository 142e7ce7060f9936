// The worker's work, without the worker: load → worldSpecFor → buildWorld → trace (or the
// reachability matrix), with a small cache so switching flows does not re-parse or rebuild.
// Pure; tested with fakes.
import type { World } from '../engine/api';
import type { WorldSpec } from '../engine/config/world';
import type { Expectation } from '../engine/trace/types';
import type { LoadResult, Scenario } from '../scenario/model';
import { expectationMet } from '../engine/trace/expectation';
import { scenarioMatrix } from '../scenario/matrix';
import { variantChanges } from '../scenario/variantChanges';
import type { ShowWhat } from '../engine/api';
import type { EngineRequest, EngineResult, NamespaceState, ScenarioView, TopologyService, TopologyView } from './protocol';
import { kubeServicesInSave } from '../engine/kernel/netfilter/kubeServices';
import { own } from '../scenario/own';

export interface EngineDeps {
  loadScenario(text: string, file: string): LoadResult;
  worldSpecFor(scenario: Scenario, variantId?: string): WorldSpec;
  expectationsFor(scenario: Scenario, variantId?: string): Record<string, Expectation>;
  buildWorld(spec: WorldSpec): World;
}

export function viewOf(s: Scenario, expectationsFor: EngineDeps['expectationsFor']): ScenarioView {
  const expectations: Record<string, Record<string, Expectation>> = { '': expectationsFor(s, undefined) };
  for (const v of s.variants) expectations[v.id] = expectationsFor(s, v.id);
  return {
    file: s.file,
    id: s.id,
    title: s.title,
    summary: s.summary,
    tags: s.tags,
    source: s.source,
    ...(s.track !== undefined ? { track: s.track } : {}),
    ...(s.level !== undefined ? { level: s.level } : {}),
    ...(s.articles ? { articles: s.articles } : {}),
    machines: s.machines.map((m) => ({ name: m.name, role: m.role })),
    flows: s.flows,
    variants: s.variants.map((v) => ({
      id: v.id,
      title: v.title,
      ...(v.explain ? { explain: v.explain } : {}),
      ...(v.fixes !== undefined ? { fixes: v.fixes } : {}),
      changes: variantChanges(v),
    })),
    expectations,
    tour: s.tour,
  };
}

/** The built lab as the canvas draws it: machines with their namespaces, networks, devices. */
export function topologyOf(s: Scenario, spec: WorldSpec, world: World): TopologyView {
  const namespaces = new Map<string, string[]>(s.machines.map((m) => [m.name, ['']]));
  for (const { machine, netns } of world.namespaces()) {
    const list = namespaces.get(machine);
    if (list && !list.includes(netns)) list.push(netns);
  }
  return {
    machines: s.machines.map((m) => ({ name: m.name, role: m.role, namespaces: namespaces.get(m.name) ?? [''] })),
    // the variant's networks: a cloud variant may turn a switch into a vpc
    networks: spec.networks.map((n) => ({ name: n.name, kind: n.kind })),
    devices: world.devices(),
    layout: s.layout,
    services: servicesOf(s, world),
  };
}

/** The block's ClusterIPs first, then what the rules of every namespace name, one per address:port/protocol. */
function servicesOf(s: Scenario, world: World): TopologyService[] {
  const out = new Map<string, TopologyService>();
  const add = (x: TopologyService) => {
    const key = `${x.addr}:${x.port}/${x.protocol}`;
    if (!out.has(key)) out.set(key, x);
  };
  for (const x of s.services ?? []) if (x.kind === 'cluster-ip') add({ name: x.service, addr: x.addr, port: x.port, protocol: x.protocol });
  for (const { machine, netns } of world.namespaces()) for (const x of kubeServicesInSave(world.show(machine, netns, 'iptables'))) add(x);
  return [...out.values()];
}

const SHOWN: readonly ShowWhat[] = ['addr', 'route', 'rule', 'neigh', 'fdb', 'iptables', 'ipvs', 'conntrack'];

const CACHE_LIMIT = 16;

/**
 * A tiny insertion-ordered cache of what was made from a scenario's text. Keyed by a short key
 * and the text compared as a whole: an imported node's text is ~20 MB, and hashing it into a
 * map key on every request cost ~13 ms a lookup, where comparing it costs ~2.
 */
class Lru<V> {
  private readonly map = new Map<string, { text: string; value: V }>();
  get(key: string, text: string, make: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) this.map.delete(key);
    if (hit !== undefined && hit.text === text) {
      this.map.set(key, hit);
      return hit.value;
    }
    const value = make();
    this.map.set(key, { text, value });
    if (this.map.size > CACHE_LIMIT) this.map.delete(this.map.keys().next().value as string);
    return value;
  }
}

export function createHandler(deps: EngineDeps): (req: EngineRequest) => EngineResult {
  const loads = new Lru<LoadResult>();
  const worlds = new Lru<{ spec: WorldSpec; world: World }>();

  return function handle(req) {
    try {
      // the text's length in the key keeps a few edits of one file apart; the text decides
      const key = `${req.file}\u0000${req.scenarioText.length}`;
      const loaded = loads.get(key, req.scenarioText, () => deps.loadScenario(req.scenarioText, req.file));
      if (!loaded.ok) return { kind: 'invalid', errors: loaded.errors, buildErrors: [] };
      const { scenario } = loaded;
      if (req.variant !== undefined && !scenario.variants.some((v) => v.id === req.variant)) {
        const ids = scenario.variants.map((v) => v.id).join(', ') || '(none)';
        return { kind: 'failed', message: `unknown variant "${req.variant}"; variants: ${ids}` };
      }
      const { spec, world } = worlds.get(`${key}\u0000${req.variant ?? ''}`, req.scenarioText, () => {
        const spec = deps.worldSpecFor(scenario, req.variant);
        return { spec, world: deps.buildWorld(spec) };
      });
      const expectations = deps.expectationsFor(scenario, req.variant);

      if (req.kind === 'describe') {
        return {
          kind: 'scenario',
          scenario: viewOf(scenario, deps.expectationsFor),
          buildErrors: world.errors,
          buildWarnings: world.warnings,
          expectations,
          topology: topologyOf(scenario, spec, world),
        };
      }
      if (world.errors.length) return { kind: 'invalid', errors: [], buildErrors: world.errors };
      if (req.kind === 'state') {
        if (!world.namespaces().some((n) => n.machine === req.machine && n.netns === req.netns)) {
          return { kind: 'failed', message: `no namespace ${req.netns ? `${req.machine}/${req.netns}` : req.machine}` };
        }
        const state = Object.fromEntries(SHOWN.map((what) => [what, world.lines(req.machine, req.netns, what)])) as NamespaceState;
        return { kind: 'state', state };
      }
      if (req.kind === 'matrix') return { kind: 'matrix', matrix: scenarioMatrix(scenario, world, req.mode, req.variant, req.only) };
      if (req.flow) return { kind: 'trace', trace: world.trace(req.flow) };
      const flow = scenario.flows.find((f) => f.id === req.flowId);
      if (!flow) {
        const ids = scenario.flows.map((f) => f.id).join(', ') || '(none)';
        return { kind: 'failed', message: `unknown flow "${req.flowId}"; flows: ${ids}` };
      }
      const trace = world.trace(flow);
      const expectation = own(expectations, flow.id);
      return expectation === undefined
        ? { kind: 'trace', trace }
        : { kind: 'trace', trace, expectation, met: expectationMet(trace, expectation) };
    } catch (error) {
      return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  };
}
