// The Service and policy scenario files (services-iptables, services-kube-proxy,
// network-policy, kube-proxy-ipvs): they load, speak both languages, set an expectation for
// every flow in every variant, build without errors, and the engine meets every expectation.
import { describe, expect, it } from 'vitest';
import { expectationMet } from '../../cli/expectation';
import { buildWorld } from '../../engine';
import { formatScenarioError } from '../errors';
import type { Scenario } from '../model';
import { loadScenarioFile } from '../node';
import { expectationsFor, worldSpecFor } from '../variant';

function load(path: string): Scenario {
  const result = loadScenarioFile(path);
  if (!result.ok) throw new Error(result.errors.map(formatScenarioError).join('\n'));
  return result.scenario;
}

const files: { path: string; flows: string[]; variants: string[] }[] = [
  {
    path: 'scenarios/services-iptables.yaml',
    flows: ['pod-a-to-pod-b', 'pod-a-to-clusterip', 'host-to-clusterip', 'pod-b-to-clusterip', 'client-to-nodeport', 'pod-a-to-nodeport', 'pod-a-ping-clusterip'],
    variants: ['output-dnat', 'hairpin-masquerade', 'any-protocol'],
  },
  {
    path: 'scenarios/services-kube-proxy.yaml',
    flows: ['pod-a-to-web', 'host-to-web', 'pod-b-to-web', 'client-to-nodeport', 'pod-a-to-echo', 'pod-a-ping-web'],
    variants: ['no-masquerade'],
  },
  {
    path: 'scenarios/network-policy.yaml',
    flows: ['pod-a-to-pod-b', 'pod-b-to-pod-a', 'pod-a-ping-pod-b', 'pod-b-ping-pod-a', 'pod-a-to-clusterip'],
    variants: ['stateful', 'rule-on-clusterip'],
  },
  {
    path: 'scenarios/kube-proxy-ipvs.yaml',
    flows: ['pod-a-to-clusterip', 'pod-b-to-clusterip', 'node1-to-clusterip', 'client-to-nodeport', 'pod-a-ping-clusterip'],
    variants: ['no-clusterip-address', 'no-ipvs-filter'],
  },
];

describe.each(files)('$path', ({ path, flows, variants }) => {
  describe('loaded', () => {
    const scenario = load(path);

    it('has the expected flows and variants', () => {
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
      for (const variant of [undefined, ...variants]) expect(Object.keys(expectationsFor(scenario, variant)).sort()).toEqual([...flows].sort());
    });

    it.each([undefined, ...variants])('builds and meets every expectation (variant %s)', (variant) => {
      const world = buildWorld(worldSpecFor(scenario, variant));
      expect(world.errors).toEqual([]);
      const expectations = expectationsFor(scenario, variant);
      const missed = scenario.flows.flatMap((flow) => {
        const trace = world.trace(flow);
        if (expectationMet(trace, expectations[flow.id])) return [];
        const drop = trace.legs.find((leg) => leg.drop)?.drop;
        return [`${flow.id}: ${trace.verdict}${drop ? ` ${drop.reason} at ${drop.at.machine}` : ''}, expected ${JSON.stringify(expectations[flow.id])}`];
      });
      expect(missed).toEqual([]);
    });
  });
});

describe('services-kube-proxy', () => {
  const scenario = load('scenarios/services-kube-proxy.yaml');
  const host = scenario.machines.find((m) => m.name === 'host')!;

  it("appends kube-proxy's generated commands to the node's script", () => {
    expect(host.script).toContain('iptables -t nat -I PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
    expect(host.script).toContain('-A KUBE-SEP-ELX6N4Z5RGB67TLC -m comment --comment default/web:http -s 10.244.1.11 -j KUBE-MARK-MASQ');
    expect(host.script).toContain('-m statistic --mode random --probability 0.5000000000');
    expect(scenario.machines.find((m) => m.name === 'client')!.script).not.toContain('KUBE-');
  });
});

describe('kube-proxy-ipvs', () => {
  it('puts the ClusterIP on kube-ipvs0 and a virtual server on every node', () => {
    const scenario = load('scenarios/kube-proxy-ipvs.yaml');
    for (const name of ['node1', 'node2']) {
      const script = scenario.machines.find((m) => m.name === name)!.script;
      expect(script).toContain('ip addr add 10.96.0.100/32 dev kube-ipvs0');
      expect(script).toContain('ipvsadm -a -t 10.96.0.100:80 -r 10.244.1.10:8080 -m');
      expect(script).toContain('ipvsadm -a -t 10.96.0.100:80 -r 10.244.2.10:8080 -m');
    }
  });
});
