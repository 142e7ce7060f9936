import { describe, expect, it } from 'vitest';
import type { World } from '../../engine';
import type { StateRef } from '../../engine/trace/refs';
import type { TraceEvent } from '../../engine/trace/types';
import { flow, lab, routedHost } from '../../../test/testing';
import { autoPanel, decidingEvent, highlightLines, panelOf, usedKeys, type Panel } from './highlight';

// Two routed hosts (host-gw style) and a FORWARD DROP on host1: every kind of object a
// namespace panel prints shows up in one conversation.
const hosts = (): World =>
  lab({
    networks: ['lan'],
    machines: {
      host1: {
        nics: ['eth0@lan'],
        script: `${routedHost('10.57.4.20', '192.168.10.10')}
ip route add 192.168.11.0/24 via 10.57.4.21 dev eth0 onlink
iptables -A FORWARD -s 192.168.10.10/32 -d 192.168.11.99/32 -j DROP
iptables -A FORWARD -s 192.168.10.10/32 -d 192.168.11.10/32 -j ACCEPT
`,
      },
      host2: { nics: ['eth0@lan'], script: `${routedHost('10.57.4.21', '192.168.11.10')}
ip route add 192.168.10.0/24 via 10.57.4.20 dev eth0 onlink
` },
    },
  });

const norm = (s: string) => s.trim().replace(/\s+/g, ' ');

describe('highlightLines: the lines of the built lab an event used, found by key', () => {
  const world = hosts();
  const trace = world.trace(flow('host1/pod', '192.168.11.10:8080'));
  const events = trace.legs.flatMap((l) => l.events);
  const used = events.flatMap((e) => (e.refs ?? []).map((ref) => ({ e, ref, panel: panelOf(ref) })));

  it('the conversation uses routes, rules, neighbours and iptables rules of the lab', () => {
    expect(new Set(used.map((u) => u.panel))).toEqual(new Set(['route', 'rule', 'neigh', 'iptables', undefined]));
  });

  it.each(['route', 'rule', 'iptables'] as const)('every %s ref highlights exactly its own line of the lab as built', (panel) => {
    for (const { e, ref } of used.filter((u) => u.panel === panel)) {
      const lines = world.lines(e.at.machine, e.at.netns, panel);
      const hits = highlightLines(lines, usedKeys(e).get(panel));
      const own = hits.filter((i) => norm(lines[i].text) === norm(ref.line));
      expect(own, `${ref.line} in ${e.at.machine}/${e.at.netns}`).toHaveLength(1);
    }
  });

  it('highlights the ACCEPT rule of FORWARD in the filter section and nothing else', () => {
    const hit = events.find((e) => e.code === 'nf.rule' && e.params.chain === 'FORWARD')!;
    const lines = world.lines('host1', '', 'iptables');
    const marked = highlightLines(lines, usedKeys(hit).get('iptables')).map((i) => lines[i].text);
    expect(marked).toEqual(['-A FORWARD -s 192.168.10.10/32 -d 192.168.11.10/32 -j ACCEPT']);
  });

  it('finds a neighbour entry the conversation learnt, once replayed into the table', () => {
    const learnt = used.find((u) => u.panel === 'neigh')!;
    const keys = usedKeys(learnt.e).get('neigh')!;
    expect([...keys][0]).toMatch(/^neigh\|/);
  });

  it('highlights nothing when the step used nothing, or the panel is empty', () => {
    expect(highlightLines(world.lines('host1', '', 'route'), undefined)).toEqual([]);
    expect(highlightLines([], new Set(['route|254|0']))).toEqual([]);
  });
});

describe('autoPanel', () => {
  const has = (...panels: Panel[]) => (p: Panel) => panels.includes(p);
  const cases: { name: string; kind: Parameters<typeof autoPanel>[0]; panels: Panel[]; want: Panel | undefined }[] = [
    { name: 'a route step opens the routes, though its rule matched too', kind: 'route', panels: ['rule', 'route'], want: 'route' },
    { name: 'a route step opens the rules when only the rule matched', kind: 'route', panels: ['rule'], want: 'rule' },
    { name: 'a netfilter rule opens iptables-save', kind: 'nf-rule', panels: ['iptables'], want: 'iptables' },
    { name: 'a neighbour step opens the neighbours', kind: 'neigh', panels: ['neigh'], want: 'neigh' },
    { name: 'proxy ARP that matched a route opens the routes', kind: 'arp', panels: ['route'], want: 'route' },
    { name: 'an FDB step opens the FDB', kind: 'fdb', panels: ['fdb'], want: 'fdb' },
    { name: 'a conntrack step opens conntrack', kind: 'conntrack', panels: ['conntrack'], want: 'conntrack' },
    { name: 'an IPVS NAT step opens ipvsadm', kind: 'nat', panels: ['ipvs', 'conntrack'], want: 'ipvs' },
    { name: 'a step with nothing matched stays put', kind: 'xmit', panels: [], want: undefined },
    { name: 'any other kind opens a panel that matched', kind: 'deliver', panels: ['route'], want: 'route' },
  ];
  it.each(cases)('$name', ({ kind, panels, want }) => {
    expect(autoPanel(kind, has(...panels))).toBe(want);
  });
});

describe('decidingEvent', () => {
  const rule: StateRef = { type: 'nf-rule', table: 'filter', chain: 'FORWARD', index: 1, line: '-A FORWARD -j DROP' };
  const ev = (refs: StateRef[] | undefined, netns = ''): TraceEvent =>
    ({ seq: 0, code: 'drop', fn: 'nf_hook_slow', at: { machine: 'host1', netns }, params: { reason: 'NETFILTER_DROP' }, ...(refs ? { refs } : {}), packet: [] }) as TraceEvent;
  it('is the step itself when it used something', () => {
    const event = ev([rule]);
    expect(decidingEvent({ event, previous: ev([rule]), isDrop: true })).toBe(event);
  });
  it('is the rule before a drop that names nothing itself', () => {
    const previous = ev([rule]);
    expect(decidingEvent({ event: ev(undefined), previous, isDrop: true })).toBe(previous);
  });
  it('is nothing for an ordinary step that used nothing, or a drop after a step elsewhere', () => {
    expect(decidingEvent({ event: ev(undefined), previous: ev([rule]), isDrop: false })).toBeUndefined();
    expect(decidingEvent({ event: ev(undefined), previous: ev([rule], 'pod-a'), isDrop: true })).toBeUndefined();
  });
});
