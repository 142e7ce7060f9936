// kube-proxy iptables mode, line by line. The expected text is derived from
// pkg/proxy/iptables/proxier.go (syncProxyRules, writeServiceToEndpointRules) and checked
// against the shapes of its tests' expected dumps (TestOverallIPTablesRules,
// TestNoEndpointsReject, the externalTrafficPolicy Local cases).
import { describe, expect, it } from 'vitest';
import type { ServicePort } from './cluster';
import { serviceChains } from './hash';
import { iptablesModeScript, iptablesRestoreInput, probability } from './iptables';
import { cluster, NODE1, NODE2, POD_A, POD_B, restoreBlock, webPort } from './testing';

const SVC = 'KUBE-SVC-CDGGSHYLG3RE2FKL';
const SVL = 'KUBE-SVL-CDGGSHYLG3RE2FKL';
const EXT = 'KUBE-EXT-CDGGSHYLG3RE2FKL';
const SEP_A = 'KUBE-SEP-GWQABTP5GBYXHJY5'; // default/web:http tcp 10.244.1.10:8080
const SEP_B = 'KUBE-SEP-IQIBSY2R4USWK4F3'; // default/web:http tcp 10.244.2.10:8080

const FILTER_CHAINS = [
  '*filter',
  ':KUBE-SERVICES - [0:0]',
  ':KUBE-EXTERNAL-SERVICES - [0:0]',
  ':KUBE-FORWARD - [0:0]',
  ':KUBE-NODEPORTS - [0:0]',
  ':KUBE-PROXY-FIREWALL - [0:0]',
];
const KUBE_FORWARD = [
  '-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP',
  '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00004000/0x00004000 -j ACCEPT',
  '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
];
const NAT_CHAINS = ['*nat', ':KUBE-SERVICES - [0:0]', ':KUBE-NODEPORTS - [0:0]', ':KUBE-POSTROUTING - [0:0]', ':KUBE-MARK-MASQ - [0:0]'];
const NAT_BASE = [
  '-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN',
  '-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000',
  '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
  '-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000',
];
const NODEPORTS_LAST = '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS';

const CAPTURE_CLUSTER_IP = `-A KUBE-SERVICES -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.100 --dport 80 -j ${SVC}`;
const CAPTURE_NODEPORT = `-A KUBE-NODEPORTS -m comment --comment default/web:http -m tcp -p tcp --dport 30080 -j ${EXT}`;
const MASQ_OFF_CLUSTER = `-A ${SVC} -m comment --comment "default/web:http cluster IP" -m tcp -p tcp -d 10.96.0.100 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ`;
const SVC_TO_ENDPOINTS = [
  `-A ${SVC} -m comment --comment "default/web:http -> 10.244.1.10:8080" -m statistic --mode random --probability 0.5000000000 -j ${SEP_A}`,
  `-A ${SVC} -m comment --comment "default/web:http -> 10.244.2.10:8080" -j ${SEP_B}`,
];
const SEPS = [
  `-A ${SEP_A} -m comment --comment default/web:http -s 10.244.1.10 -j KUBE-MARK-MASQ`,
  `-A ${SEP_A} -m comment --comment default/web:http -m tcp -p tcp -j DNAT --to-destination 10.244.1.10:8080`,
  `-A ${SEP_B} -m comment --comment default/web:http -s 10.244.2.10 -j KUBE-MARK-MASQ`,
  `-A ${SEP_B} -m comment --comment default/web:http -m tcp -p tcp -j DNAT --to-destination 10.244.2.10:8080`,
];
const EXT_LOCAL = [
  `-A ${EXT} -m comment --comment "pod traffic for default/web:http external destinations" -s 10.244.0.0/16 -j ${SVC}`,
  `-A ${EXT} -m comment --comment "masquerade LOCAL traffic for default/web:http external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
  `-A ${EXT} -m comment --comment "route LOCAL traffic for default/web:http external destinations" -m addrtype --src-type LOCAL -j ${SVC}`,
];

const cases: { name: string; ports: ServicePort[]; node?: typeof NODE1; expected: string[] }[] = [
  {
    name: 'two endpoints, ClusterIP and NodePort, externalTrafficPolicy Cluster',
    ports: [webPort()],
    expected: [
      ...FILTER_CHAINS,
      ...KUBE_FORWARD,
      'COMMIT',
      ...NAT_CHAINS,
      `:${EXT} - [0:0]`,
      `:${SVC} - [0:0]`,
      `:${SEP_A} - [0:0]`,
      `:${SEP_B} - [0:0]`,
      ...NAT_BASE,
      CAPTURE_CLUSTER_IP,
      CAPTURE_NODEPORT,
      MASQ_OFF_CLUSTER,
      `-A ${EXT} -m comment --comment "masquerade traffic for default/web:http external destinations" -j KUBE-MARK-MASQ`,
      `-A ${EXT} -j ${SVC}`,
      ...SVC_TO_ENDPOINTS,
      ...SEPS,
      NODEPORTS_LAST,
      'COMMIT',
    ],
  },
  {
    name: 'externalTrafficPolicy Local on a node with a local endpoint',
    ports: [webPort({ externalTrafficPolicy: 'Local' })],
    expected: [
      ...FILTER_CHAINS,
      ...KUBE_FORWARD,
      'COMMIT',
      ...NAT_CHAINS,
      `:${EXT} - [0:0]`,
      `:${SVC} - [0:0]`,
      `:${SVL} - [0:0]`,
      `:${SEP_A} - [0:0]`,
      `:${SEP_B} - [0:0]`,
      ...NAT_BASE,
      CAPTURE_CLUSTER_IP,
      CAPTURE_NODEPORT,
      MASQ_OFF_CLUSTER,
      ...EXT_LOCAL,
      `-A ${EXT} -j ${SVL}`,
      ...SVC_TO_ENDPOINTS,
      `-A ${SVL} -m comment --comment "default/web:http -> 10.244.1.10:8080" -j ${SEP_A}`,
      ...SEPS,
      NODEPORTS_LAST,
      'COMMIT',
    ],
  },
  {
    name: 'externalTrafficPolicy Local on a node without a local endpoint',
    ports: [webPort({ externalTrafficPolicy: 'Local', endpoints: [POD_B] })],
    expected: [
      ...FILTER_CHAINS,
      '-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web:http has no local endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j DROP',
      ...KUBE_FORWARD,
      'COMMIT',
      ...NAT_CHAINS,
      `:${EXT} - [0:0]`,
      `:${SVC} - [0:0]`,
      `:${SEP_B} - [0:0]`,
      ...NAT_BASE,
      CAPTURE_CLUSTER_IP,
      CAPTURE_NODEPORT,
      MASQ_OFF_CLUSTER,
      ...EXT_LOCAL,
      `-A ${SVC} -m comment --comment "default/web:http -> 10.244.2.10:8080" -j ${SEP_B}`,
      ...SEPS.slice(2),
      NODEPORTS_LAST,
      'COMMIT',
    ],
  },
  {
    name: 'no endpoints: REJECT in the filter table, nothing in nat',
    ports: [webPort({ endpoints: [] })],
    expected: [
      ...FILTER_CHAINS,
      '-A KUBE-SERVICES -m comment --comment "default/web:http has no endpoints" -m tcp -p tcp -d 10.96.0.100 --dport 80 -j REJECT',
      '-A KUBE-EXTERNAL-SERVICES -m comment --comment "default/web:http has no endpoints" -m addrtype --dst-type LOCAL -m tcp -p tcp --dport 30080 -j REJECT',
      ...KUBE_FORWARD,
      'COMMIT',
      ...NAT_CHAINS,
      ...NAT_BASE,
      NODEPORTS_LAST,
      'COMMIT',
    ],
  },
  {
    name: 'nf_conntrack_tcp_be_liberal set: no DROP of INVALID',
    ports: [webPort({ nodePort: undefined, endpoints: [POD_A] })],
    node: { ...NODE1, tcpBeLiberal: true },
    expected: [
      ...FILTER_CHAINS,
      ...KUBE_FORWARD.slice(1),
      'COMMIT',
      ...NAT_CHAINS,
      `:${SVC} - [0:0]`,
      `:${SEP_A} - [0:0]`,
      ...NAT_BASE,
      CAPTURE_CLUSTER_IP,
      MASQ_OFF_CLUSTER,
      `-A ${SVC} -m comment --comment "default/web:http -> 10.244.1.10:8080" -j ${SEP_A}`,
      ...SEPS.slice(0, 2),
      NODEPORTS_LAST,
      'COMMIT',
    ],
  },
];

describe('iptables mode: the restore input', () => {
  it.each(cases)('$name', ({ ports, node, expected }) => {
    const lines = iptablesRestoreInput(cluster('iptables', ports), node ?? NODE1);
    // Line by line, so a difference names its line.
    expected.forEach((line, i) => expect({ line: i + 1, text: lines[i] }).toEqual({ line: i + 1, text: line }));
    expect(lines).toHaveLength(expected.length);
  });

  it('gives each node its own local endpoints under Local policy', () => {
    const lines = iptablesRestoreInput(cluster('iptables', [webPort({ externalTrafficPolicy: 'Local' })]), NODE2);
    expect(lines.filter((l) => l.startsWith(`-A ${SVL}`))).toEqual([`-A ${SVL} -m comment --comment "default/web:http -> 10.244.2.10:8080" -j ${SEP_B}`]);
  });

  it('spreads three endpoints with probabilities 1/3, 1/2, then the rest', () => {
    const third = { machine: 'node1', netns: 'pod-c', ip: '10.244.1.12' };
    const lines = iptablesRestoreInput(cluster('iptables', [webPort({ nodePort: undefined, endpoints: [POD_A, third, POD_B] })]), NODE1);
    const jumps = lines.filter((l) => l.startsWith(`-A ${SVC} -m comment --comment "default/web:http ->`));
    expect(jumps.map((l) => / -> (\S+)" (.*?) ?-j /.exec(l)?.slice(1))).toEqual([
      ['10.244.1.10:8080', '-m statistic --mode random --probability 0.3333333333'],
      ['10.244.1.12:8080', '-m statistic --mode random --probability 0.5000000000'],
      ['10.244.2.10:8080', ''],
    ]);
  });

  it('matches udp ports with -m udp -p udp', () => {
    const lines = iptablesRestoreInput(cluster('iptables', [webPort({ servicePortName: 'kube-system/dns:dns', protocol: 'UDP', port: 53, targetPort: 53, nodePort: undefined, endpoints: [POD_A] })]), NODE1);
    const svc = serviceChains('kube-system/dns:dns', 'udp').svc;
    expect(lines).toContain(`-A KUBE-SERVICES -m comment --comment "kube-system/dns:dns cluster IP" -m udp -p udp -d 10.96.0.100 --dport 53 -j ${svc}`);
    expect(lines.some((l) => l.endsWith('-m udp -p udp -j DNAT --to-destination 10.244.1.10:53'))).toBe(true);
  });
});

describe('iptables mode: the script', () => {
  const script = iptablesModeScript(cluster('iptables', [webPort()]), NODE1);
  const commands = script.split('\n').filter((l) => !l.startsWith('#'));

  it('sets route_localnet, creates the chains and jumps like EnsureChain/EnsureRule, then restores', () => {
    const beforeRestore = commands.slice(0, commands.indexOf('iptables-restore --noflush <<EOF'));
    expect(beforeRestore).toEqual([
      'sysctl -w net.ipv4.conf.all.route_localnet=1',
      'iptables -t filter -N KUBE-EXTERNAL-SERVICES',
      'iptables -t filter -I INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
      'iptables -t filter -I FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes externally-visible service portals" -j KUBE-EXTERNAL-SERVICES',
      'iptables -t filter -N KUBE-NODEPORTS',
      'iptables -t filter -I INPUT -m comment --comment "kubernetes health check service ports" -j KUBE-NODEPORTS',
      'iptables -t filter -N KUBE-SERVICES',
      'iptables -t filter -I FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      'iptables -t filter -I OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      'iptables -t filter -N KUBE-FORWARD',
      'iptables -t filter -I FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
      'iptables -t filter -N KUBE-PROXY-FIREWALL',
      'iptables -t filter -I INPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      'iptables -t filter -I OUTPUT -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      'iptables -t filter -I FORWARD -m conntrack --ctstate NEW -m comment --comment "kubernetes load balancer firewall" -j KUBE-PROXY-FIREWALL',
      'iptables -t nat -N KUBE-SERVICES',
      'iptables -t nat -I OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      'iptables -t nat -I PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      'iptables -t nat -N KUBE-POSTROUTING',
      'iptables -t nat -I POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    ]);
  });

  it('ends with the restore input in a heredoc', () => {
    expect(restoreBlock(script)).toEqual(iptablesRestoreInput(cluster('iptables', [webPort()]), NODE1));
    expect(commands.at(-1)).toBe('EOF');
  });
});

describe('probability', () => {
  it.each([
    [1, '1.0000000000'],
    [2, '0.5000000000'],
    [3, '0.3333333333'],
    [6, '0.1666666667'],
    [7, '0.1428571429'],
    [1024, '0.0009765625'],
    // 1/2048 = 0.00048828125 exactly: Go rounds the tie to even, toFixed would round it up.
    [2048, '0.0004882812'],
    [4096, '0.0002441406'],
  ])('1/%i → %s, as Go formats %%0.10f', (n, text) => {
    expect(probability(n)).toBe(text);
  });
});
