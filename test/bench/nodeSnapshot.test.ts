// bench:node's generator and import path at a small size (bench/nodeSnapshot.ts,
// bench/nodeImport.ts), so the bench cannot rot: the snapshot is one the importer reads whole
// (no notes), the lab it writes has every pod's veth, route, set entry and Service, and a pod's
// conversation with a Service's ClusterIP is delivered, DNATed to one of its endpoint pods.
import { describe, expect, it } from 'vitest';
import { importNode, planTraces, traceProblem } from '../../bench/nodeImport';
import { nodeSnapshot } from '../../bench/nodeSnapshot';

const MACHINE = 'small-node';
const node = nodeSnapshot({ services: 30, pods: 8, routes: 20, ipsetEntries: 50, ipsets: 3, hostname: MACHINE });
const plan = planTraces(node, MACHINE);
const imported = importNode(node.text, `${MACHINE}.json`, plan);
const lines = imported.yaml.split('\n').map((l) => l.trim());
const count = (re: RegExp) => lines.filter((l) => re.test(l)).length;

describe('the node snapshot bench:node imports', () => {
  it('is read whole: nothing left out', () => {
    expect(imported.notes).toEqual([]);
  });

  it('gives every pod its namespace, its veth pair to the root and its /32 route', () => {
    expect(count(/^ip netns add app-/)).toBe(8);
    for (const pod of node.pods) {
      expect(lines).toContain(`ip link add ${pod.hostVeth} type veth peer name eth0 netns ${pod.name}`);
      expect(lines).toContain(`ip route add ${pod.ip} dev ${pod.hostVeth}`);
      expect(lines).toContain(`ip -n ${pod.name} addr add ${pod.ip}/32 dev eth0`);
    }
  });

  it('keeps the extra routes, every ipset entry and every Service rule', () => {
    expect(count(/^ip route add 100\.64\.\d+\.0\/24 via 192\.168\.\d+\.\d+ dev eth0$/)).toBe(20);
    expect(count(/^ipset create /)).toBe(3);
    expect(count(/^ipset add /)).toBe(50);
    expect(count(/^-A KUBE-SERVICES -d 10\.96\./)).toBe(30);
  });

  it.each(plan.traced.map((t) => [t.label, t] as const))('traces a pod to the %s Service: delivered to an endpoint pod', (_, svc) => {
    const flow = imported.flows.find((f) => f.id === svc.flowId)!;
    const trace = imported.world.trace(flow);
    expect(trace.verdict).toBe('delivered');
    expect(traceProblem(trace, svc)).toBeUndefined();
  });
});
