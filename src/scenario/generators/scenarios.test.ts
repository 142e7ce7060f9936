// What the kube-proxy generator put into the Service scenarios (the checks every scenario
// gets — flows, languages, expectations met — live in test/scenarios.test.ts).
import { describe, expect, it } from 'vitest';
import { loadFile as load } from '../testing';

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
