// The canvas graph over the shipped scenarios, as the worker describes them: boxes do not
// overlap, and every step of every flow has a node for the packet token.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../engine/index';
import { expectationsFor, loadScenario, worldSpecFor } from '../../scenario/index';
import { createHandler } from '../../worker/handle';
import { machineOfNode, nodeIdForAt, topologyGraph } from './graph';
import { collapseFor, touchedNamespaces } from './collapse';
import { focusOf } from './graphFocus';
import { absolute, inside, overlappingSiblings } from './graphTesting';
import { stepsOf } from './steps';

const handle = createHandler({ loadScenario, worldSpecFor, expectationsFor, buildWorld });
const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => `scenarios/${f}`);

describe.each(files)('the canvas of %s', (file) => {
  const req = { file, scenarioText: readFileSync(file, 'utf8') };
  const described = handle({ ...req, kind: 'describe' });
  if (described.kind !== 'scenario') throw new Error(`${file}: ${described.kind}`);
  const graph = topologyGraph(described.topology);

  it('draws every machine and network, and one edge per NIC', () => {
    expect(graph.nodes.filter((n) => n.type === 'machine')).toHaveLength(described.topology.machines.length);
    expect(graph.nodes.filter((n) => n.type === 'network')).toHaveLength(described.topology.networks.length);
    expect(graph.edges.filter((e) => e.data?.kind === 'nic')).toHaveLength(described.topology.devices.filter((d) => d.network).length);
  });

  it('perches the token on the top of every tunnel end, where the arc arrives', () => {
    const tunnels = graph.edges.filter((e) => e.data?.kind === 'tunnel');
    const sides = tunnels.flatMap((e) => [e.source, e.target]).flatMap((id) => graph.nodes.filter((n) => n.id === id && n.type === 'device')).map((n) => `${n.id} ${(n.data as { tokenSide: string }).tokenSide}`);
    expect(sides.filter((s) => !s.endsWith(' top'))).toEqual([]);
  });

  it('has no overlapping boxes and keeps every child inside its parent', () => {
    expect(overlappingSiblings(graph)).toEqual([]);
    const abs = absolute(graph);
    for (const n of graph.nodes) if (n.parentId) expect(inside(abs.get(n.id)!, abs.get(n.parentId)!), n.id).toBe(true);
  });

  it.each(described.scenario.flows.map((f) => f.id))('places the token of every step of flow %s on a device, namespace or network, with a focus', (flowId) => {
    const traced = handle({ ...req, kind: 'trace', flowId });
    if (traced.kind !== 'trace') throw new Error(`${flowId}: ${traced.kind}`);
    const missing = traced.trace.legs
      .flatMap((leg) => leg.events)
      .filter((e) => !/^(d|ns|net):/.test(nodeIdForAt(e.at, graph) ?? ''))
      .map((e) => `${e.seq} ${JSON.stringify(e.at)}`);
    expect(missing).toEqual([]);
    const steps = stepsOf(traced.trace);
    const unfocused = steps.filter((_, i) => focusOf(steps, i, graph) === undefined).map((st) => st.index);
    expect(unfocused).toEqual([]);
  });

  it.each(described.scenario.flows.map((f) => f.id))('folds flow %s without overlaps, and moves its token only over its own machines and the networks between', (flowId) => {
    const traced = handle({ ...req, kind: 'trace', flowId });
    if (traced.kind !== 'trace') throw new Error(`${flowId}: ${traced.kind}`);
    const folded = topologyGraph(described.topology, collapseFor(described.topology, touchedNamespaces(traced.trace)));
    // folded (machines beside a network in its gap) the boxes still do not overlap
    expect(overlappingSiblings(folded)).toEqual([]);
    const edges = new Map(folded.edges.map((e) => [e.id, e]));
    const steps = stepsOf(traced.trace);
    const detours = steps.flatMap((_, i) => {
      const focus = focusOf(steps, i, folded);
      const before = i > 0 ? focusOf(steps, i - 1, folded)?.at : undefined;
      if (!focus || !before) return [];
      const allowed = new Set([machineOfNode(before), machineOfNode(focus.at), undefined]);
      const strays = focus.crossed.flatMap((id) => [edges.get(id)!.source, edges.get(id)!.target]).filter((n) => !allowed.has(machineOfNode(n)));
      return strays.length ? [`step ${i + 1} ${before} → ${focus.at} via ${strays.join(', ')}`] : [];
    });
    expect(detours).toEqual([]);
  });
});

describe('the canvas of same-host-modes links every macvlan and ipvlan to its parent, across namespaces', () => {
  const file = 'scenarios/same-host-modes.yaml';
  const req = { file, scenarioText: readFileSync(file, 'utf8') };
  const parentEdges = (variant?: string) => {
    const described = handle({ ...req, kind: 'describe', ...(variant ? { variant } : {}) });
    if (described.kind !== 'scenario') throw new Error(described.kind);
    return topologyGraph(described.topology).edges.filter((e) => e.data?.kind === 'parent').map((e) => `${e.source} — ${e.target}`).sort();
  };

  it('the macvlans in the base lab: both pods\' and the host\'s mv-shim on eth0', () => {
    expect(parentEdges()).toEqual(['d:host//mv-shim — d:host//eth0', 'd:host/mv-a/eth0 — d:host//eth0', 'd:host/mv-b/eth0 — d:host//eth0']);
  });

  it('the ipvlans of the ipvlan-l2 variant on eth1, besides the macvlans', () => {
    expect(parentEdges('ipvlan-l2')).toEqual(expect.arrayContaining(['d:host//ipvl-shim — d:host//eth1', 'd:host/ipvl-a/eth0 — d:host//eth1', 'd:host/ipvl-b/eth0 — d:host//eth1']));
  });
});
