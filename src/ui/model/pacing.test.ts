// Pacing over real traces: the step filter, the collapsed table walks, where "next machine",
// "next rewrite" and "next drop" land, and the default speed's bound on a flannel conversation.
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../engine';
import type { Trace } from '../../engine/trace/types';
import { loadScenarioFile } from '../../scenario/node';
import { worldSpecFor } from '../../scenario/variant';
import { initialPlayback, tickInterval } from '../../store/playback';
import { chainWalks, walkSummary } from './chainWalk';
import { jumpTarget, legStarts, stopPosition, stopsOf } from './pacing';
import { isDropStep, isHop, isRewrite, legEnds, STEP_FILTERS, visibleSteps } from './stepFilter';
import { type Step, stepsOf } from './steps';

async function traceOf(file: string, flowId: (ids: string[]) => string, variant?: string): Promise<Trace> {
  const loaded = await loadScenarioFile(`scenarios/${file}.yaml`);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const world = buildWorld(worldSpecFor(loaded.scenario, variant));
  const id = flowId(loaded.scenario.flows.map((f) => f.id));
  return world.trace(loaded.scenario.flows.find((f) => f.id === id)!);
}

const flannel = stepsOf(await traceOf('flannel-vxlan', () => 'pod1-to-pod2'));
const kubeProxy = stepsOf(await traceOf('services-kube-proxy', () => 'pod-a-to-web'));
const noFdb = stepsOf(await traceOf('flannel-vxlan', () => 'pod1-to-pod2', 'missing-fdb'));
const none = new Set<number>();

describe('step filter', () => {
  it('"all" shows every step; each narrower filter shows fewer, and none hides a drop or a leg\'s end', () => {
    for (const steps of [flannel, kubeProxy, noFdb]) {
      expect(visibleSteps(steps, 'all')).toHaveLength(steps.length);
      const ends = legEnds(steps);
      for (const filter of STEP_FILTERS.filter((f) => f !== 'all')) {
        const shown = new Set(visibleSteps(steps, filter).map((s) => s.index));
        expect(shown.size).toBeLessThan(steps.length);
        for (const s of steps) if (isDropStep(s) || ends[s.index]) expect(shown.has(s.index), `${filter} ${s.index}`).toBe(true);
      }
    }
  });

  it('"hops only" keeps the packet\'s moves and drops nothing else', () => {
    const hops = visibleSteps(flannel, 'hops');
    expect(hops.every((s) => isHop(s) || isDropStep(s) || legEnds(flannel)[s.index])).toBe(true);
    expect(hops.some((s) => s.event.code === 'vxlan.encap')).toBe(true);
    expect(hops.some((s) => s.kind === 'nf-rule' || s.kind === 'conntrack' || s.kind === 'route')).toBe(false);
    // flannel's conversation: a third of its steps or fewer
    expect(hops.length).toBeLessThan(flannel.length / 2);
  });

  it('"hide netfilter details" hides rules and conntrack but keeps NAT\'s rewrites', () => {
    const shown = visibleSteps(kubeProxy, 'no-netfilter');
    expect(shown.some((s) => s.kind === 'nf-rule' || s.kind === 'conntrack')).toBe(false);
    expect(shown.filter((s) => s.event.code === 'nat.dnat').length).toBe(kubeProxy.filter((s) => s.event.code === 'nat.dnat').length);
  });

  it('"drops and rewrites" keeps NAT, encapsulation and the drop, not TTL decrements or link framing', () => {
    const codes = new Set(visibleSteps(kubeProxy, 'drops-rewrites').map((s) => s.event.code));
    expect(codes.has('nat.dnat') && codes.has('nat.undo')).toBe(true);
    expect(codes.has('ip.forward')).toBe(false); // TTL − 1 and the link header stripped: not a rewrite
    expect(new Set(visibleSteps(flannel, 'drops-rewrites').map((s) => s.event.code))).toEqual(new Set(['vxlan.encap', 'vxlan.decap', 'sock.listen', 'sock.deliver']));
    const dropped = visibleSteps(noFdb, 'drops-rewrites');
    expect(dropped.some((s) => s.dropRole === 'flow')).toBe(true);
  });
});

describe('table walks', () => {
  it('kube-proxy\'s Service walk is one walk: PREROUTING → KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…: DNAT', () => {
    const walks = chainWalks(kubeProxy);
    const dnat = walks.find((w) => w.target === 'DNAT')!;
    expect(walkSummary(dnat)).toMatch(/^PREROUTING → KUBE-SERVICES → KUBE-SVC-\w+ → KUBE-SEP-\w+: DNAT$/);
    expect([dnat.hook, dnat.table, dnat.last - dnat.first + 1]).toEqual(['PREROUTING', 'nat', 4]);
    expect(kubeProxy[dnat.last + 1].event.code).toBe('nat.dnat');
  });

  it('jumps from a chain returned to read as siblings, and a walk never spans two tables, hooks or places', () => {
    const forward = chainWalks(kubeProxy).find((w) => w.hook === 'FORWARD' && w.target === 'ACCEPT' && w.last - w.first > 2)!;
    expect(walkSummary(forward)).toBe('FORWARD → KUBE-PROXY-FIREWALL, KUBE-FORWARD, KUBE-SERVICES, KUBE-EXTERNAL-SERVICES: ACCEPT');
    for (const w of chainWalks(flannel)) {
      const run = flannel.slice(w.first, w.last + 1);
      expect(run.every((s) => s.kind === 'nf-rule')).toBe(true);
      expect(new Set(run.map((s) => `${s.legIndex} ${s.label} ${s.event.at.machine}/${s.event.at.netns}`)).size).toBe(1);
    }
  });

  it('a collapsed walk is one stop, its last step; an expanded one stops at each', () => {
    const walks = chainWalks(flannel);
    const ruleSteps = flannel.filter((s) => s.kind === 'nf-rule').length;
    const collapsed = stopsOf(flannel, 'all', walks, none);
    const hidden = walks.reduce((n, w) => n + (w.last - w.first), 0);
    expect(ruleSteps).toBeGreaterThan(40);
    expect(collapsed).toHaveLength(flannel.length - hidden);
    for (const w of walks) expect(collapsed.includes(w.last) && !collapsed.includes(w.first)).toBe(true);
    const open = stopsOf(flannel, 'all', walks, new Set([walks[0].key]));
    expect(open).toHaveLength(collapsed.length + walks[0].last - walks[0].first);
    expect(collapsed.at(-1)).toBe(flannel.length - 1);
  });
});

describe('jumps', () => {
  const stops = (steps: readonly Step[]) => stopsOf(steps, 'all', chainWalks(steps), none);

  it('next machine walks node1 → node2 (the ARP flood) → node3 → node1 … over the fabric, landing only on stops', () => {
    const s = stops(flannel);
    const machines: string[] = [];
    for (let i: number | undefined = -1; i !== undefined; i = jumpTarget(flannel, s, i, 'machine')) {
      if (i >= 0) {
        expect(s).toContain(i);
        machines.push(flannel[i].event.at.machine);
      }
    }
    expect(machines.slice(0, 4)).toEqual(['node1', 'node2', 'node3', 'node1']);
    expect(machines).not.toContain('lan');
    expect(machines.every((m, k) => k === 0 || m !== machines[k - 1])).toBe(true);
  });

  it('next rewrite lands on encapsulation, decapsulation and NAT in order', () => {
    const s = stops(kubeProxy);
    const first = jumpTarget(kubeProxy, s, -1, 'rewrite')!;
    expect(kubeProxy[first].event.code).toBe('nat.dnat');
    const f = stops(flannel);
    const encap = jumpTarget(flannel, f, -1, 'rewrite')!;
    expect(flannel[encap].event.code).toBe('vxlan.encap');
    expect(flannel[jumpTarget(flannel, f, encap, 'rewrite')!].event.code).toBe('vxlan.decap');
    expect(isRewrite(flannel[encap])).toBe(true);
  });

  it('next drop lands on the drop, and finds none in a delivered conversation', () => {
    const s = stops(noFdb);
    const drop = jumpTarget(noFdb, s, -1, 'drop')!;
    expect(isDropStep(noFdb[drop])).toBe(true);
    expect(noFdb.slice(0, drop).some(isDropStep)).toBe(false);
    expect(jumpTarget(flannel, stops(flannel), -1, 'drop')).toBeUndefined();
  });

  it('stops of a longer trace (still there while a new one loads) land nowhere', () => {
    const longer = stops(flannel);
    for (const to of ['machine', 'rewrite', 'drop'] as const) expect(() => jumpTarget(noFdb.slice(0, 5), longer, 3, to)).not.toThrow();
    expect(jumpTarget([], longer, -1, 'machine')).toBeUndefined();
  });

  it('leg starts are each leg\'s first step', () => {
    expect(legStarts(flannel).map((i) => flannel[i].leg.packet)).toEqual(['SYN', 'SYN-ACK', 'ACK', 'data']);
  });
});

describe('step counter under a filter', () => {
  it('counts the stops shown up to the step, out of the stops: flannel in "hops only"', () => {
    const stops = stopsOf(flannel, 'hops', chainWalks(flannel), none);
    expect(stops.length).toBeLessThan(flannel.length);
    expect(stopPosition(stops, -1)).toEqual({ shown: 0, shownTotal: stops.length });
    expect(stopPosition(stops, stops[0])).toEqual({ shown: 1, shownTotal: stops.length });
    expect(stopPosition(stops, stops[11])).toEqual({ shown: 12, shownTotal: stops.length });
    expect(stopPosition(stops, flannel.length - 1)).toEqual({ shown: stops.length, shownTotal: stops.length });
    // a hidden step between two stops counts as the stop before it
    const hidden = flannel.findIndex((s, i) => i > stops[0] && !stops.includes(i));
    expect(stopPosition(stops, hidden).shown).toBe(stops.filter((s) => s < hidden).length);
  });
});

describe('default speed', () => {
  it('plays flannel-vxlan\'s TCP conversation in "hops only" within 30 s', () => {
    const stops = stopsOf(flannel, 'hops', chainWalks(flannel), none);
    // the driver shows the first step at once, then waits one interval per step
    const ms = (stops.length - 1) * tickInterval(initialPlayback.speed);
    expect(flannel.length).toBeGreaterThan(200);
    expect(ms).toBeLessThanOrEqual(30_000);
  });
});
