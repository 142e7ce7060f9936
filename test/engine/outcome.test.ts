// What the client sees, computed from the conversation: errors only when an ICMP error or
// RST actually reaches it, or its own connect() fails; silence otherwise.
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/engine';
import { worldSpecFor } from '../../src/scenario';
import { loadScenarioFile } from '../../src/scenario/node';
import { text, outcome } from '../testing';

function traceOf(file: string, variant: string | undefined, flowId: string) {
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const flow = loaded.scenario.flows.find((f) => f.id === flowId)!;
  return buildWorld(worldSpecFor(loaded.scenario, variant)).trace(flow);
}

describe('the client\'s view of a failed conversation', () => {
  it('times out when the router that dropped it cannot route its ICMP error back', () => {
    const t = traceOf('scenarios/host-gw.yaml', 'no-route', 'pod-a-to-pod-b');
    expect(t.legs.map((l) => l.packet)).toEqual(['SYN', 'icmp-error']);
    expect(t.legs[1].drop?.reason).toBe('IP_OUTNOROUTES');
    expect(t.legs[1].drop?.appError).toBeUndefined();
    expect(outcome(t)).toBe('timed out: no answer');
  });

  it('reports the connect() error when the client itself has no route', () => {
    const t = traceOf('scenarios/pod-host.yaml', undefined, 'pod-to-host');
    expect(t.legs[0].drop).toMatchObject({ reason: 'IP_OUTNOROUTES', appError: 'connect: Network is unreachable' });
    expect(outcome(t)).toBe('connect: Network is unreachable');
  });

  it('hands an ICMP error about a DNATed packet back as RELATED in the reply direction, its source the Service address (as the kernel does)', () => {
    // node1 DNATs pod1 → ClusterIP to pod2 behind flannel.1, whose neighbour is missing: the
    // host unreachable quotes the DNATed packet, whose inverted tuple is the reply tuple.
    const t = traceOf('scenarios/flannel-vxlan.yaml', 'missing-neigh', 'pod1-to-service');
    const error = t.legs.find((l) => l.packet === 'icmp-error')!;
    expect(error.verdict).toBe('delivered');
    expect(text(error.events.find((e) => e.code.startsWith('ct.')))).toMatch(/RELATED, reply direction/);
    expect(error.events.at(-1)?.packet.find((h) => h.layer === 'ipv4')).toMatchObject({ src: '10.96.0.10' });
    expect(outcome(t)).toBe('No route to host');
  });

  it('says "No route to host" once the ICMP host unreachable from a failed ARP arrives', () => {
    const t = traceOf('scenarios/host-gw.yaml', 'different-subnets', 'pod-a-to-pod-b');
    expect(t.legs[0].drop?.reason).toBe('NEIGH_FAILED');
    expect(outcome(t)).toBe('No route to host');
  });
});
