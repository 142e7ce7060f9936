// The scenario files this package owns load cleanly and hold the flows and variants
// SCENARIOS.md asks for. (What the engine computes for them is checked by the trace tests.)
import { describe, expect, it } from 'vitest';
import { formatScenarioError } from './errors';
import type { Scenario } from './model';
import { loadScenarioFile } from './node';
import { expectationsFor, worldSpecFor } from './variant';

function load(path: string): Scenario {
  const result = loadScenarioFile(path);
  if (!result.ok) throw new Error(result.errors.map(formatScenarioError).join('\n'));
  return result.scenario;
}

const files: { path: string; flows: string[]; variants: string[] }[] = [
  {
    path: 'scenarios/pod-host.yaml',
    flows: ['pod-to-host', 'pod-ping-host', 'host-ping-pod', 'host-to-gateway', 'pod-to-gateway'],
    variants: ['default-route', 'proxy-arp-without-forwarding', 'proxy-arp', 'fixed', 'internet'],
  },
  {
    path: 'scenarios/host-gw.yaml',
    flows: ['pod-a-to-pod-b', 'pod-a-ping-pod-b', 'pod-b-to-pod-a'],
    variants: ['different-subnets', 'no-route'],
  },
];

describe.each(files)('$path', ({ path, flows, variants }) => {
  const scenario = load(path);

  it('loads without errors and has the expected flows and variants', () => {
    expect(scenario.flows.map((f) => f.id)).toEqual(flows);
    expect(scenario.variants.map((v) => v.id)).toEqual(variants);
  });

  it('is bilingual everywhere', () => {
    const texts = [scenario.title, scenario.summary, ...scenario.flows.map((f) => f.title), ...scenario.variants.flatMap((v) => [v.title, v.explain])];
    for (const text of texts) {
      expect(text?.en).toBeTruthy();
      expect(text?.['zh-CN']).toBeTruthy();
      expect(text?.['zh-CN']).not.toBe(text?.en);
    }
  });

  it('sets an expectation for every flow in every variant', () => {
    for (const variant of [undefined, ...variants]) {
      expect(Object.keys(expectationsFor(scenario, variant)).sort()).toEqual([...flows].sort());
    }
  });

  it('has a listener for every TCP flow target', () => {
    const listening = scenario.machines.flatMap((m) => m.ops.flatMap((op) => (op.op === 'listen' ? [op.port] : [])));
    for (const flow of scenario.flows.filter((f) => f.protocol === 'tcp')) expect(listening).toContain(flow.to.port);
  });

  it('builds a world spec for the base and every variant', () => {
    for (const variant of [undefined, ...variants]) expect(worldSpecFor(scenario, variant).machines.length).toBe(scenario.machines.length);
  });
});

describe('pod-host', () => {
  const scenario = load('scenarios/pod-host.yaml');

  it('adds the host route back to the pod only in the fixed variant', () => {
    const hostRoutes = (variant: string) =>
      (scenario.variants.find((v) => v.id === variant)?.append.host ?? []).filter((op) => op.op === 'route-add' && op.netns === '').map((op) => op.text);
    expect(hostRoutes('fixed')).toEqual(['ip route add 172.20.1.10 dev veth-ns1']);
    expect(hostRoutes('proxy-arp')).toEqual([]);
  });
});

describe('host-gw', () => {
  const scenario = load('scenarios/host-gw.yaml');

  it('routes each pod subnet via the other host with onlink', () => {
    const route = (machine: string) =>
      scenario.machines.find((m) => m.name === machine)?.ops.find((op) => op.op === 'route-add' && op.route.onlink && op.netns === '')?.text;
    expect(route('host1')).toBe('ip route add 192.168.11.0/24 via 10.57.4.21 dev eth0 onlink');
    expect(route('host2')).toBe('ip route add 192.168.10.0/24 via 10.57.4.20 dev eth0 onlink');
  });
});
