// The ladder on real traces: the columns a conversation crosses, one arrow per hop in the order
// packets arrived, ARP exchanges as their own arrows, rewrites on the hop that made them, and a
// drop ending at the place that dropped the packet.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../engine';
import { traceDrop } from '../../engine/trace/expectation';
import type { Trace } from '../../engine/trace/types';
import { loadScenarioFile } from '../../scenario/node';
import { worldSpecFor } from '../../scenario/variant';
import { type LadderArrow, ladderLayout, ladderOf } from './ladder';
import { placeOf, stepsOf } from './steps';

async function traceOf(file: string, flowId: string, variant?: string): Promise<Trace> {
  const loaded = await loadScenarioFile(`scenarios/${file}.yaml`);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const flow = loaded.scenario.flows.find((f) => f.id === flowId);
  if (!flow) throw new Error(`${file} has no flow ${flowId}`);
  return buildWorld(worldSpecFor(loaded.scenario, variant)).trace(flow);
}

const legArrows = (arrows: readonly LadderArrow[], name: string) => arrows.filter((a) => a.packet.kind === 'leg' && a.packet.name === name);
const hops = (arrows: readonly LadderArrow[]) => arrows.map((a) => `${a.from}>${a.to}`);

describe('ladderOf on flannel-vxlan pod1 → pod2 (TCP)', async () => {
  const steps = stepsOf(await traceOf('flannel-vxlan', 'pod1-to-pod2'));
  const ladder = ladderOf(steps);

  it('has a column per place the conversation crosses, the client first and a machine\'s namespaces together', () => {
    const ids = ladder.columns.map((c) => c.id);
    expect(ids[0]).toBe('node1/pod1');
    for (const id of ['node1', 'lan', 'node3', 'node3/pod2']) expect(ids).toContain(id);
    expect(ids.indexOf('node1')).toBeLessThan(ids.indexOf('lan'));
    expect(ids.indexOf('lan')).toBeLessThan(ids.indexOf('node3'));
    expect(ids.indexOf('node3')).toBe(ids.indexOf('node3/pod2') - 1);
    expect(ladder.columns.find((c) => c.id === 'lan')?.network).toBe(true);
    expect(ladder.columns.find((c) => c.id === 'node3')?.network).toBe(false);
  });

  it('draws the SYN, SYN-ACK, ACK and data hop by hop, each in its direction', () => {
    expect(hops(legArrows(ladder.arrows, 'SYN'))).toEqual(['node1/pod1>node1', 'node1>lan', 'lan>node3', 'node3>node3/pod2']);
    expect(hops(legArrows(ladder.arrows, 'SYN-ACK'))).toEqual(['node3/pod2>node3', 'node3>lan', 'lan>node1', 'node1>node1/pod1']);
    expect(hops(legArrows(ladder.arrows, 'ACK'))).toEqual(hops(legArrows(ladder.arrows, 'SYN')));
    expect(legArrows(ladder.arrows, 'data')).toHaveLength(4);
    expect(ladder.arrows.every((a) => a.end === 'arrive')).toBe(true);
  });

  it('orders arrows by arrival: the ARP exchange for a next hop comes before the packet that waited for it', () => {
    const arrivals = ladder.arrows.map((a) => a.arrivalStep);
    expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
    const firstSyn = legArrows(ladder.arrows, 'SYN')[0];
    const gatewayArp = ladder.arrows.filter((a) => a.packet.kind !== 'leg' && a.packet.target === '10.244.1.1');
    expect(gatewayArp.map((a) => a.packet.kind)).toContain('arp-reply');
    expect(gatewayArp.every((a) => a.row < firstSyn.row)).toBe(true);
  });

  it('draws a broadcast ARP request from the switch to every machine it reached, and the reply from the one that answered', () => {
    const request = ladder.arrows.filter((a) => a.packet.kind === 'arp-request' && a.packet.target === '192.168.3.10');
    expect(hops(request)).toEqual(['node1>lan', 'lan>node2', 'lan>node3']);
    const reply = ladder.arrows.filter((a) => a.packet.kind === 'arp-reply' && a.packet.target === '192.168.3.10');
    expect(hops(reply)).toEqual(['node3>lan', 'lan>node1']);
  });

  it('puts the VXLAN encapsulation on the hop that leaves node1 and the decapsulation on the hop into pod2', () => {
    const [, out, , into] = legArrows(ladder.arrows, 'SYN');
    expect(out.rewrites).toEqual([{ kind: 'encap', tunnel: 'VXLAN', from: '192.168.3.11', to: '192.168.3.10' }]);
    expect(into.rewrites).toEqual([{ kind: 'decap', tunnel: 'VXLAN' }]);
  });

  it('gives every step an arrow, and each arrow its own steps (a click seeks to the first)', () => {
    expect(ladder.arrowOfStep).toHaveLength(steps.length);
    expect(ladder.arrowOfStep.every((row) => row >= 0)).toBe(true);
    for (const a of ladder.arrows) {
      expect(ladder.arrowOfStep[a.firstStep]).toBe(a.row);
      expect(ladder.arrowOfStep[a.arrivalStep]).toBe(a.row);
      expect(placeOf(steps[a.arrivalStep].event.at)).toBe(a.to);
    }
  });
});

describe('ladderOf rewrites and drops', () => {
  it('shows a Service\'s DNAT on the SYN and its reversal on the SYN-ACK (flannel-vxlan, ClusterIP)', async () => {
    const ladder = ladderOf(stepsOf(await traceOf('flannel-vxlan', 'pod1-to-service')));
    const syn = legArrows(ladder.arrows, 'SYN').flatMap((a) => a.rewrites);
    expect(syn).toContainEqual({ kind: 'dst', from: '10.96.0.10:80', to: '10.244.3.3:8080' });
    const synAck = legArrows(ladder.arrows, 'SYN-ACK').flatMap((a) => a.rewrites);
    expect(synAck).toContainEqual({ kind: 'src', from: '10.244.3.3:8080', to: '10.96.0.10:80' });
  });

  it('shows a NodePort\'s DNAT and the masquerade\'s SNAT (address and port) on the hop that leaves the node (services-kube-proxy)', async () => {
    const ladder = ladderOf(stepsOf(await traceOf('services-kube-proxy', 'client-to-nodeport')));
    const rewrites = legArrows(ladder.arrows, 'SYN').flatMap((a) => a.rewrites);
    expect(rewrites).toContainEqual({ kind: 'dst', from: '192.168.6.160:30080', to: '10.244.1.11:8080' });
    const snat = rewrites.find((r) => r.kind === 'src');
    expect(snat).toMatchObject({ from: expect.stringMatching(/^192\.168\.6\.170:\d+$/), to: expect.stringMatching(/^192\.168\.6\.160:\d+$/) });
  });

  it('ends the SYN in a drop at the router that had no route; the error it could not send back dies there too, not as the flow\'s drop (host-gw no-route)', async () => {
    const trace = await traceOf('host-gw', 'pod-a-to-pod-b', 'no-route');
    const ladder = ladderOf(stepsOf(trace));
    const last = legArrows(ladder.arrows, 'SYN').at(-1)!;
    expect(last).toMatchObject({ from: 'lan', to: 'router', end: 'drop', flowDrop: true });
    expect(placeOf(traceDrop(trace)!.at)).toBe('router');
    const error = legArrows(ladder.arrows, 'icmp-error');
    expect(error).toEqual([expect.objectContaining({ from: 'router', to: 'router', end: 'drop', flowDrop: false })]);
  });

  it('draws a packet that died where it was sent as a stub into that place (flannel-vxlan, 1500-byte ping)', async () => {
    const ladder = ladderOf(stepsOf(await traceOf('flannel-vxlan', 'pod1-ping-pod2-1500')));
    expect(ladder.arrows).toEqual([expect.objectContaining({ from: 'node1/pod1', to: 'node1/pod1', end: 'drop', flowDrop: true })]);
  });

  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
  it.each(files)('%s: every step has an arrow, and only the flow\'s drop is drawn as such, where it happened', async (file) => {
    const loaded = await loadScenarioFile(`scenarios/${file}`);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    for (const variant of [undefined, ...loaded.scenario.variants.map((v) => v.id)]) {
      const world = buildWorld(worldSpecFor(loaded.scenario, variant));
      for (const flow of loaded.scenario.flows) {
        const trace = world.trace(flow);
        const ladder = ladderOf(stepsOf(trace));
        const where = `${file} ${variant ?? 'base'} ${flow.id}`;
        expect(ladder.arrowOfStep.filter((row) => row < 0), where).toEqual([]);
        const drop = traceDrop(trace);
        expect(ladder.arrows.filter((a) => a.flowDrop).map((a) => a.to), where).toEqual(drop ? [placeOf(drop.at)] : []);
      }
    }
    // every flow of every variant is traced: about a second on an idle machine, much more on a busy one
  }, 60_000);
});

describe('ladderLayout', async () => {
  const ladder = ladderOf(stepsOf(await traceOf('host-gw', 'pod-a-to-pod-b', 'no-route')));
  const geometry = ladderLayout(ladder, 600);

  it('spreads the columns across the width in their order and the rows down in theirs', () => {
    const xs = ladder.columns.map((c) => geometry.x.get(c.id)!);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[0]).toBeGreaterThan(0);
    expect(xs.at(-1)).toBeLessThan(600);
    expect(geometry.y).toEqual([...geometry.y].sort((a, b) => a - b));
    expect(geometry.height).toBeGreaterThan(geometry.y.at(-1)!);
  });

  it('draws a shaft for every arrow, a head where it arrived and none where it was dropped (a cross goes there)', () => {
    ladder.arrows.forEach((a) => {
      expect(geometry.paths[a.row]).toMatch(/^M/);
      expect(geometry.heads[a.row] === '').toBe(a.end === 'drop');
    });
    // the shaft of a left-to-right hop starts at its sender's column
    const first = ladder.arrows[0];
    expect(geometry.paths[0].startsWith(`M${geometry.x.get(first.from)},`)).toBe(true);
  });
});
