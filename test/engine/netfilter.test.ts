// Netfilter, conntrack and NAT in the walk, on a one-host lab with two routed pods
// (proxy_arp gateway 169.254.10.24, as in SCENARIOS services-iptables).
import { describe, expect, it } from 'vitest';
import { parsePrefix } from '../../src/engine/addr/ipv4';
import type { NfMatch, NfTableName, NfTarget } from '../../src/engine/config/netfilter';
import type { OpBody } from '../../src/engine/config/ops';
import { bridgedPods, expectTrace, flow, lab, routedPod as pod, text, kindOf, outcome } from '../testing';


const pfx = (s: string) => parsePrefix(s)!;
const append = (table: NfTableName, chain: string, matches: NfMatch[], target: NfTarget, netns = ''): OpBody =>
  ({ op: 'iptables', table, command: { action: 'append', chain, rule: { matches, target } }, netns }) as OpBody;
const insert = (table: NfTableName, chain: string, matches: NfMatch[], target: NfTarget): OpBody =>
  ({ op: 'iptables', table, command: { action: 'insert', chain, index: 1, rule: { matches, target } } }) as OpBody;
const src = (p: string, not = false): NfMatch => ({ kind: 'src', not, prefix: pfx(p) });
const dst = (p: string, not = false): NfMatch => ({ kind: 'dst', not, prefix: pfx(p) });
const tcpDport = (port: number): NfMatch[] => [{ kind: 'proto', not: false, proto: 6 }, { kind: 'l4', proto: 'tcp', dport: { not: false, range: { from: port, to: port } } }];


const host = (ops: OpBody[]) =>
  lab({
    networks: ['lan'],
    machines: {
      host: {
        nics: ['eth0@lan'],
        script: `ip addr add 192.168.6.160/24 dev eth0\nip link set eth0 up\nip route add default via 192.168.6.1\nsysctl -w net.ipv4.ip_forward=1\n${pod('pod-a', '10.244.1.10')}${pod('pod-b', '10.244.1.11')}`,
        ops,
      },
      gw: { nics: ['eth0@lan'], script: 'ip addr add 192.168.6.1/24 dev eth0\nip link set eth0 up\nnc -lk 80 &' },
    },
  });

const dnatClusterIp = append('nat', 'PREROUTING', [dst('10.96.0.100/32'), ...tcpDport(80)], { kind: 'DNAT', to: { addr: 0x0af4010b, port: 8080 } });

describe('DNAT for a ClusterIP in nat PREROUTING', () => {
  it('translates pod-a → 10.96.0.100:80 to pod-b:8080 and undoes it on the reply', () => {
    const trace = expectTrace(host([dnatClusterIp]).trace(flow('host/pod-a', '10.96.0.100:80'))).toBeDelivered().toVisit('ipt_do_table PREROUTING/nat').toVisit('nf_nat_packet PREROUTING').trace;
    const nat = trace.legs.flatMap((l) => l.events.filter((e) => kindOf(e) === 'nat').map((e) => `${l.packet}: ${text(e)}`));
    expect(nat[0]).toBe('SYN: DNAT: dst 10.96.0.100 → 10.244.1.11:8080');
    expect(nat).toContain('SYN-ACK: reply: undo the DNAT — src 10.244.1.11 → 10.96.0.100');
    const dnat = trace.legs[0].events.find((e) => kindOf(e) === 'nat')!;
    expect(dnat.changes).toEqual(expect.arrayContaining([
      { op: 'set', index: 1, layer: 'ipv4', field: 'dst', from: '10.96.0.100', to: '10.244.1.11' },
      { op: 'set', index: 2, layer: 'tcp', field: 'dport', from: 80, to: 8080 },
    ]));
    // the nat chain saw only the first packet; the ACK reuses the binding
    const natRules = trace.legs.flatMap((l) => l.events.filter((e) => e.code === 'nf.rule' && e.params.hook === 'PREROUTING' && e.params.table === 'nat').map(() => l.packet));
    expect(natRules).toEqual(['SYN']);
  });

  it('hairpin: pod-b reaching itself through the ClusterIP dies as a local source', () => {
    expectTrace(host([dnatClusterIp]).trace(flow('host/pod-b', '10.96.0.100:80'))).toDrop('IP_LOCAL_SOURCE', 'host');
  });

  it('hairpin works once POSTROUTING masquerades src=dst=pod-b', () => {
    const masq = append('nat', 'POSTROUTING', [src('10.244.1.11/32'), dst('10.244.1.11/32')], { kind: 'MASQUERADE' });
    expectTrace(host([dnatClusterIp, masq]).trace(flow('host/pod-b', '10.96.0.100:80'))).toBeDelivered();
  });

  it('the host itself is not translated by PREROUTING (its packets take OUTPUT)', () => {
    expectTrace(host([dnatClusterIp]).trace(flow('host', '10.96.0.100:80'))).notToVisit('ipt_do_table PREROUTING/nat');
  });

  it('an OUTPUT DNAT rule translates the host\'s own connection and re-routes it', () => {
    const out = append('nat', 'OUTPUT', [dst('10.96.0.100/32'), ...tcpDport(80)], { kind: 'DNAT', to: { addr: 0x0af4010b, port: 8080 } });
    expectTrace(host([dnatClusterIp, out]).trace(flow('host', '10.96.0.100:80'))).toBeDelivered().toVisit('ip_route_me_harder');
  });
});

describe('filtering and conntrack', () => {
  const blockAB = append('filter', 'FORWARD', [src('10.244.1.10/32'), dst('10.244.1.11/32')], { kind: 'DROP' });

  it('a FORWARD DROP from pod-a to pod-b drops pod-a\'s SYN (NETFILTER_DROP)', () => {
    expectTrace(host([blockAB]).trace(flow('host/pod-a', '10.244.1.11:8080'))).toDrop('NETFILTER_DROP', 'host').toHaveLegs('SYN');
  });

  it('the same one-way rule breaks pod-b → pod-a too: the SYN-ACK matches it', () => {
    expectTrace(host([blockAB]).trace(flow('host/pod-b', '10.244.1.10:8080'))).toDrop('NETFILTER_DROP', 'host').toHaveLegs('SYN', 'SYN-ACK');
  });

  it('an ESTABLISHED,RELATED accept placed first lets replies through', () => {
    const established = insert('filter', 'FORWARD', [{ kind: 'ctstate', module: 'conntrack', not: false, states: ['RELATED', 'ESTABLISHED'] }], { kind: 'ACCEPT' });
    expectTrace(host([blockAB, established]).trace(flow('host/pod-b', '10.244.1.10:8080'))).toBeDelivered().toVisit('nf_conntrack_in PREROUTING');
  });

  it('a policy on pod IPs still blocks the ClusterIP path: DNAT happens before FORWARD', () => {
    expectTrace(host([dnatClusterIp, blockAB]).trace(flow('host/pod-a', '10.96.0.100:80'))).toDrop('NETFILTER_DROP', 'host');
  });

  it('FORWARD policy DROP drops what no rule accepts', () => {
    const policy = { op: 'iptables', table: 'filter', command: { action: 'policy', chain: 'FORWARD', policy: 'DROP' } } as OpBody;
    expectTrace(host([policy]).trace(flow('host/pod-a', '10.244.1.11:8080'))).toDrop('NETFILTER_DROP');
  });

  it('REJECT answers with ICMP port unreachable: the client is refused at once', () => {
    const rej = append('filter', 'FORWARD', [dst('10.244.1.11/32')], { kind: 'REJECT', with: 'icmp-port-unreachable' });
    const t = expectTrace(host([rej]).trace(flow('host/pod-a', '10.244.1.11:8080'))).toDrop('NETFILTER_DROP').toHaveLegs('SYN', 'icmp-error');
    expect(outcome(t.trace)).toBe('Connection refused');
  });
});

describe('MASQUERADE to the outside', () => {
  it('rewrites the pod source to the host address and undoes it on the way back', () => {
    const masq = append('nat', 'POSTROUTING', [src('10.244.1.0/24'), { kind: 'out', not: false, iface: 'eth0' }], { kind: 'MASQUERADE' });
    const trace = expectTrace(host([masq]).trace(flow('host/pod-a', '192.168.6.1:80'))).toBeDelivered().trace;
    const nat = trace.legs.flatMap((l) => l.events.filter((e) => kindOf(e) === 'nat').map((e) => `${l.packet}: ${text(e)}`));
    expect(nat).toContain('SYN: SNAT: src 10.244.1.10 → 192.168.6.160');
    expect(nat).toContain('SYN-ACK: reply: undo the SNAT — dst 192.168.6.160 → 10.244.1.10');
  });

  it('without it the gateway cannot answer a pod address it has no route to', () => {
    expectTrace(host([]).trace(flow('host/pod-a', '192.168.6.1:80'))).toDrop('IP_OUTNOROUTES', 'gw');
  });
});

describe('marks', () => {
  it('a MARK set in mangle PREROUTING is lost when the packet crosses into another namespace', () => {
    const mark = append('mangle', 'PREROUTING', [], { kind: 'MARK', value: 0x89, mask: 0xffffffff, written: '--set-mark 0x89' });
    const t = host([mark]).trace(flow('host/pod-a', '10.244.1.11:8080'));
    expect(t.verdict).toBe('delivered');
    expect(t.legs[0].events.some((e) => kindOf(e) === 'nf-rule' && e.at.netns === '')).toBe(true);
  });
});

describe('bridged traffic and iptables (br_netfilter)', () => {
  const bridged = (extra: string) =>
    lab({
      machines: {
        node: {
          script: `${bridgedPods(8080)}
sysctl -w net.ipv4.ip_forward=1
${extra}`,
          ops: [append('nat', 'PREROUTING', [dst('10.96.0.100/32'), ...tcpDport(80)], { kind: 'DNAT', to: { addr: 0x0af40103, port: 8080 } })],
        },
      },
    });

  it('with bridge-nf-call-iptables=1 (the default) the bridged reply is un-DNATed and the connection works', () => {
    expectTrace(bridged('').trace(flow('node/a', '10.96.0.100:80'))).toBeDelivered().toVisit('br_nf_pre_routing');
  });

  it('with bridge-nf-call-iptables=0 the reply bypasses conntrack: pod a sees pod b\'s address and resets', () => {
    const t = expectTrace(bridged('sysctl -w net.bridge.bridge-nf-call-iptables=0').trace(flow('node/a', '10.96.0.100:80'))).toDrop('NO_SOCKET').notToVisit('br_nf_pre_routing').trace;
    // the node routes the DNAT-ed SYN back out of cni0 to a's own subnet: it redirects a (Linux does too)
    expect(t.legs.map((l) => l.packet)).toEqual(['SYN', 'redirect', 'SYN-ACK', 'RST']);
    expect(t.legs[2].drop?.at.netns).toBe('a');
  });
});
