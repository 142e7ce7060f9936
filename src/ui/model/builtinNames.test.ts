// The page's drawing on a lab whose every name is a JavaScript built-in (constructor,
// __proto__, toString, valueOf, hasOwnProperty): name-keyed lookups (layout hints, a variant's
// changes, expectations) must see only what the scenario put there (issue 15).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../engine/index';
import { expectationsFor, loadScenario, worldSpecFor } from '../../scenario/index';
import { createHandler } from '../../worker/handle';
import { topologyGraph } from './graph';
import { absolute, inside, overlappingSiblings } from './graphTesting';
import { variantDiff } from './variantDiff';

const FILE = 'test/fixtures/names/builtin-names.yaml';
const handle = createHandler({ loadScenario, worldSpecFor, expectationsFor, buildWorld });
const described = handle({ file: FILE, scenarioText: readFileSync(FILE, 'utf8'), kind: 'describe' });
if (described.kind !== 'scenario') throw new Error(`${FILE}: ${described.kind}: ${JSON.stringify(described).slice(0, 400)}`);

describe('the canvas of a lab named with JavaScript built-ins', () => {
  const graph = topologyGraph(described.topology);

  it('draws every machine and network, one edge per NIC, nothing overlapping', () => {
    expect(graph.nodes.filter((n) => n.type === 'machine').map((n) => n.id)).toHaveLength(3);
    expect(graph.nodes.filter((n) => n.type === 'network')).toHaveLength(2);
    expect(graph.edges.filter((e) => e.data?.kind === 'nic')).toHaveLength(described.topology.devices.filter((d) => d.network).length);
    expect(overlappingSiblings(graph)).toEqual([]);
    const abs = absolute(graph);
    for (const n of graph.nodes) {
      const box = abs.get(n.id)!;
      expect([box.x, box.y, box.w, box.h].every(Number.isFinite), n.id).toBe(true);
      if (n.parentId) expect(inside(box, abs.get(n.parentId)!), n.id).toBe(true);
    }
  });

  it('lists what each variant changes on the machine it changes, and nothing on the others', () => {
    expect(variantDiff(described.scenario, undefined, 'constructor').map((d) => d.machine)).toEqual(['constructor']);
    expect(variantDiff(described.scenario, 'constructor', 'hasownproperty').map((d) => d.machine)).toEqual(['constructor', 'valueOf']);
  });

  it('has no expectation where the scenario sets none', () => {
    expect(Object.hasOwn(described.scenario.expectations[''], 'constructor')).toBe(false);
    expect(described.scenario.expectations['']['tostring']).toEqual('delivered');
  });
});
