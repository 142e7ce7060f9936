import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/trace/types';
import { autoPanel, conntrackTuple, decidingEvent, highlightLines, iptablesTableOf, type Panel } from './highlight';

const ROUTES = [
  '10.57.4.0/24 dev eth0 proto kernel scope link src 10.57.4.20',
  'default via 10.57.4.1 dev eth0',
  '192.168.10.10 dev veth-pod-a scope link',
  '192.168.11.0/24 via 10.57.4.21 dev eth0 onlink',
  'local 10.57.4.20 dev eth0 table local proto kernel scope host src 10.57.4.20',
].join('\n');

const RULES = '0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default';

const IPTABLES = [
  '*filter',
  ':INPUT ACCEPT [0:0]',
  ':FORWARD ACCEPT [0:0]',
  '-A FORWARD -s 192.168.10.10/32 -d 192.168.11.10/32 -j DROP',
  'COMMIT',
  '*nat',
  ':PREROUTING ACCEPT [0:0]',
  '-A FORWARD -s 192.168.10.10/32 -d 192.168.11.10/32 -j DROP',
  'COMMIT',
  '',
].join('\n');

const NEIGH = '10.0.0.1 dev eth0 lladdr 02:00:00:00:00:01 STALE\n10.0.0.2 dev eth0 lladdr 02:00:00:00:00:02 REACHABLE\n10.0.0.1 dev eth1 FAILED';

const IPVS = [
  'IP Virtual Server version 1.2.1 (size=4096)',
  'Prot LocalAddress:Port Scheduler Flags',
  '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
  'TCP  10.96.0.100:80 rr',
  '  -> 10.244.1.10:8080      Masq    1',
  '  -> 10.244.2.10:8080      Masq    1',
  'TCP  192.168.3.10:30080 rr',
  '  -> 10.244.1.10:8080      Masq    1',
].join('\n');

const CONNTRACK = [
  'tcp   6 ESTABLISHED src=10.244.1.10 dst=10.96.0.100 sport=33110 dport=80 src=10.244.1.11 dst=10.244.1.10 sport=8080 dport=33110 mark=0 use=1',
  'icmp  1 29 src=10.244.1.10 dst=10.244.1.11 type=8 code=0 id=7 src=10.244.1.11 dst=10.244.1.10 type=0 code=0 id=7 mark=0 use=1',
].join('\n');

describe('highlightLines', () => {
  const cases: { name: string; text: string; matched: string | undefined; table?: string; lines: number[] }[] = [
    { name: 'a route matches its line in the route table', text: ROUTES, matched: '192.168.11.0/24 via 10.57.4.21 dev eth0 onlink', lines: [3] },
    { name: 'the rule line of a route step matches nothing in the route table', text: ROUTES, matched: '32766: from all lookup main\ndefault via 10.57.4.1 dev eth0', lines: [1] },
    { name: 'an ip rule matches although ip prints a tab after the priority', text: RULES, matched: '32766: from all lookup main\ndefault via 10.57.4.1 dev eth0', lines: [1] },
    { name: 'a local route matches with its table', text: ROUTES, matched: 'local 10.57.4.20 dev eth0 table local proto kernel scope host src 10.57.4.20', lines: [4] },
    { name: 'an iptables rule matches in every table without a hint', text: IPTABLES, matched: '-A FORWARD -s 192.168.10.10/32 -d 192.168.11.10/32 -j DROP', lines: [3, 7] },
    { name: 'an iptables rule matches only in the table the step names', text: IPTABLES, matched: '-A FORWARD -s 192.168.10.10/32 -d 192.168.11.10/32 -j DROP', table: 'filter', lines: [3] },
    { name: 'a neighbour entry matches on address and device when the lab shows another state', text: NEIGH, matched: '10.0.0.1 dev eth0 lladdr 02:00:00:00:00:01 REACHABLE', lines: [0] },
    { name: 'a neighbour entry does not match a route to the same address', text: ROUTES, matched: '192.168.10.10 dev veth-pod-a lladdr 02:00:00:00:00:01 REACHABLE', lines: [] },
    { name: 'an IPVS real server matches under the service matched before it', text: IPVS, matched: 'TCP  10.96.0.100:80 rr\n  -> 10.244.1.10:8080      Masq    1', lines: [3, 4] },
    { name: 'a conntrack tuple matches the entry with the same original direction', text: CONNTRACK, matched: 'src=10.244.1.10 dst=10.96.0.100 sport=33110 dport=80 → reply src=10.244.1.11 dst=10.244.1.10 sport=8080 dport=33110', lines: [0] },
    { name: 'a step that matched nothing highlights nothing', text: ROUTES, matched: undefined, lines: [] },
    { name: 'an empty panel highlights nothing', text: '', matched: 'default via 10.57.4.1 dev eth0', lines: [] },
  ];
  it.each(cases)('$name', ({ text, matched, table, lines }) => {
    expect(highlightLines(text, matched, { table })).toEqual(lines);
  });
});

describe('conntrackTuple and iptablesTableOf', () => {
  it('reads the original tuple of TCP and ICMP entries', () => {
    expect(conntrackTuple(CONNTRACK.split('\n')[0])).toBe('10.244.1.10 10.96.0.100 33110 80');
    expect(conntrackTuple(CONNTRACK.split('\n')[1])).toBe('10.244.1.10 10.244.1.11 8 0 7');
    expect(conntrackTuple('default via 10.0.0.1 dev eth0 src 10.0.0.2')).toBeUndefined();
  });
  it('reads the table from a netfilter step name', () => {
    expect(iptablesTableOf('nf FORWARD filter')).toBe('filter');
    expect(iptablesTableOf('nf PREROUTING nat')).toBe('nat');
    expect(iptablesTableOf('ip_route_input')).toBeUndefined();
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
  const ev = (matched: string | undefined, netns = ''): TraceEvent =>
    ({ seq: 0, at: { machine: 'host1', netns }, step: 'nf FORWARD filter', kind: 'nf-rule', summary: { en: '', 'zh-CN': '' }, matched, packet: [] }) as TraceEvent;
  it('is the step itself when it matched something', () => {
    const event = ev('-A FORWARD -j DROP');
    expect(decidingEvent({ event, previous: ev('x'), isDrop: true })).toBe(event);
  });
  it('is the rule before a drop that names nothing itself', () => {
    const previous = ev('-A FORWARD -j DROP');
    expect(decidingEvent({ event: ev(undefined), previous, isDrop: true })).toBe(previous);
  });
  it('is nothing for an ordinary step that matched nothing, or a drop after a step elsewhere', () => {
    expect(decidingEvent({ event: ev(undefined), previous: ev('x'), isDrop: false })).toBeUndefined();
    expect(decidingEvent({ event: ev(undefined), previous: ev('x', 'pod-a'), isDrop: true })).toBeUndefined();
  });
});
