// The scenario's reachability matrix: the `matrix:`/`article:` fields as loaded, the declared
// layout and the article check per variant, the all-pairs sources and destinations, and what
// a variant changes. On the shipped services labs (real engine) and a small file of its own.
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../engine';
import type { Reach } from '../engine/matrix';
import { articleAgrees, articleVerdict, declaredMatrix, matrixChanges, matrixCounts, pairEndpoints, pairsMatrix, sameReach, targetKey } from './matrix';
import { loadFile, loadOk } from './testing';
import { worldSpecFor } from './variant';

const iptables = loadFile('scenarios/services-iptables.yaml');
const kubeProxy = loadFile('scenarios/services-kube-proxy.yaml');
const world = (scenario = iptables, variant?: string) => buildWorld(worldSpecFor(scenario, variant));

const delivered: Reach = { verdict: 'delivered', outcome: { code: 'connected' } };
const dropped = (reason: string, machine: string, netns = ''): Reach => ({
  verdict: 'dropped',
  outcome: { code: 'timeout' },
  drop: { reason: reason as 'NETFILTER_DROP', seq: 3, at: { machine, netns }, fn: 'nf_hook_slow' },
});

describe('loading matrix: and article:', () => {
  it('keeps each placed flow\'s row, column and article record, by flow id', () => {
    expect(iptables.flowCells?.['pod-a-to-clusterip']).toEqual({ row: { en: 'pod-a', 'zh-CN': 'pod-a' }, column: { en: 'ClusterIP (TCP 80)', 'zh-CN': 'ClusterIP（TCP 80）' } });
    expect(iptables.flowCells?.['host-to-clusterip']?.article).toEqual({ says: 'dropped', variants: { 'output-dnat': 'delivered' } });
    expect(iptables.flowCells?.['pod-a-ping-clusterip']?.article?.note?.en).toContain('translates every protocol');
  });

  it('leaves the flows themselves as the trace contract has them (no matrix fields in a Flow)', () => {
    for (const flow of iptables.flows) expect(Object.keys(flow).sort()).not.toContain('matrix');
    for (const flow of iptables.flows) expect(Object.keys(flow).sort()).not.toContain('article');
  });

  it('lists the kubernetes block\'s Service ports: ClusterIP:port, and NodePort at each node\'s first address', () => {
    expect(kubeProxy.services?.map((s) => `${s.kind} ${s.protocol} ${s.addr}:${s.port} ${s.service}${s.node ? ` @${s.node}` : ''}`)).toEqual([
      'cluster-ip tcp 10.96.0.100:80 default/web:http',
      'node-port tcp 192.168.6.160:30080 default/web:http @host',
      'cluster-ip tcp 10.96.0.101:80 default/echo',
    ]);
    expect(iptables.services).toEqual([]);
  });

  it('accepts an article verdict as delivered, dropped, or a drop with its reason and place', () => {
    const scenario = loadOk(
      `id: x
title: X
summary: X
networks: [{ name: lan, kind: switch }]
machines:
  - name: a
    nics: [{ name: eth0, network: lan }]
    script: |
      ip addr add 10.0.0.1/24 dev eth0
flows:
  - { id: one, from: a, to: 10.0.0.2, protocol: icmp, article: { says: delivered } }
  - { id: two, from: a, to: 10.0.0.3, protocol: icmp, article: { says: dropped } }
  - { id: three, from: a, to: 10.0.0.4, protocol: icmp, article: { says: { dropped: NEIGH_FAILED, at: a } } }
`,
      'x.yaml',
    );
    expect(Object.values(scenario.flowCells ?? {}).map((c) => c.article?.says)).toEqual(['delivered', 'dropped', { dropped: 'NEIGH_FAILED', at: 'a' }]);
  });
});

describe('the article check', () => {
  it('reads the variant\'s own verdict, else what the article says of the lab as written', () => {
    const claim = { says: 'dropped' as const, variants: { fixed: 'delivered' as const } };
    expect(articleVerdict(claim, undefined)).toBe('dropped');
    expect(articleVerdict(claim, 'fixed')).toBe('delivered');
    expect(articleVerdict(claim, 'other')).toBe('dropped');
  });

  it('takes a bare "dropped" as any drop, and a reason (and place) as that drop only', () => {
    const drop = dropped('NETFILTER_DROP', 'node1', 'pod');
    expect(articleAgrees(drop, 'dropped')).toBe(true);
    expect(articleAgrees(delivered, 'dropped')).toBe(false);
    expect(articleAgrees(delivered, 'delivered')).toBe(true);
    expect(articleAgrees(drop, { dropped: 'NETFILTER_DROP' })).toBe(true);
    expect(articleAgrees(drop, { dropped: 'NETFILTER_DROP', at: 'node1' })).toBe(true);
    expect(articleAgrees(drop, { dropped: 'NETFILTER_DROP', at: 'node2' })).toBe(false);
    expect(articleAgrees(drop, { dropped: 'IP_RPFILTER' })).toBe(false);
  });
});

describe('declaredMatrix', () => {
  const m = declaredMatrix(iptables, world());
  const cell = (row: string, column: string) => m.cells[m.rows.findIndex((r) => r.label?.en === row)][m.columns.findIndex((c) => c.label?.en === column)];

  it('lays the flows out as the article\'s table: rows and columns in order of first use', () => {
    expect(m.rows.map((r) => `${r.label?.en} (${r.text})`)).toEqual(['pod-a (host/pod-a)', 'the host (host)', 'pod-b (host/pod-b)', 'a client on the LAN (client)']);
    expect(m.columns.map((c) => `${c.label?.en} (${c.text})`)).toEqual([
      'pod-b directly (TCP 8080) (tcp 10.244.1.11:8080)',
      'ClusterIP (TCP 80) (tcp 10.96.0.100:80)',
      'NodePort (TCP 33888) (tcp 192.168.6.160:33888)',
      'ClusterIP (ping) (icmp 10.96.0.100)',
    ]);
    expect(m.cells.flat(2)).toHaveLength(iptables.flows.length);
    expect(cell('the host', 'pod-b directly (TCP 8080)')).toEqual([]);
  });

  it('gives each entry its verdict, expectation and whether the article agrees', () => {
    const [ping] = cell('pod-a', 'ClusterIP (ping)');
    expect(ping.flow.id).toBe('pod-a-ping-clusterip');
    expect(ping.reach.drop).toMatchObject({ reason: 'IP_INNOROUTES', at: { machine: 'gateway' } });
    expect(ping).toMatchObject({ expect: { dropped: 'IP_INNOROUTES', at: 'gateway' }, met: true, article: { says: 'delivered', differs: true } });
    expect(ping.article?.note?.en).toBeTruthy();
    expect(cell('the host', 'ClusterIP (TCP 80)')[0].article).toEqual({ says: 'dropped', differs: false });
    expect(cell('a client on the LAN', 'NodePort (TCP 33888)')[0].article).toBeUndefined();
    expect(matrixCounts(m)).toEqual({ delivered: 4, dropped: 3, articleDiffers: 1, notMet: 0 });
  });

  it('checks each variant against what the article says after that change', () => {
    const anyProtocol = declaredMatrix(iptables, world(iptables, 'any-protocol'), 'any-protocol');
    expect(anyProtocol.variant).toBe('any-protocol');
    expect(matrixCounts(anyProtocol).articleDiffers).toBe(0);
    const outputDnat = declaredMatrix(iptables, world(iptables, 'output-dnat'), 'output-dnat');
    const host = outputDnat.cells.flat(2).find((e) => e.flow.id === 'host-to-clusterip')!;
    expect(host.reach.verdict).toBe('delivered');
    expect(host.article).toEqual({ says: 'delivered', differs: false });
  });

  it('puts flows without matrix: in the row of their source and the column of their destination', () => {
    const plain = declaredMatrix(kubeProxy, world(kubeProxy));
    expect(plain.rows.map((r) => r.text)).toEqual(['host/pod-a', 'host', 'host/pod-b', 'client']);
    expect(plain.rows.every((r) => r.label === undefined)).toBe(true);
    expect(plain.columns.map((c) => c.text)).toEqual(['tcp 10.96.0.100:80', 'tcp 192.168.6.160:30080', 'tcp 10.96.0.101:80', 'icmp 10.96.0.100']);
  });
});

describe('pairs', () => {
  const { sources, targets } = pairEndpoints(kubeProxy, world(kubeProxy));

  it('takes every namespace holding an IPv4 address as a source', () => {
    expect(sources.map((s) => (s.netns ? `${s.machine}/${s.netns}` : s.machine))).toEqual(['host', 'host/pod-a', 'host/pod-b', 'host/pod-c', 'client', 'gateway']);
  });

  it('takes every address (ICMP), every listening socket at its addresses, and every Service port, once each', () => {
    expect(targets.map((t) => `${targetKey(t)} ${t.kind} ${t.owner}`)).toEqual([
      'icmp 192.168.6.160 address host',
      'icmp 10.244.1.10 address host/pod-a',
      'icmp 10.244.1.11 address host/pod-b',
      'icmp 10.244.1.12 address host/pod-c',
      'icmp 192.168.6.170 address client',
      'icmp 192.168.6.1 address gateway',
      'tcp 10.244.1.10:8080 listener host/pod-a',
      'tcp 10.244.1.11:8080 listener host/pod-b',
      'tcp 10.244.1.12:8080 listener host/pod-c',
      'tcp 10.96.0.100:80 cluster-ip default/web:http',
      'tcp 192.168.6.160:30080 node-port default/web:http@host',
      'tcp 10.96.0.101:80 cluster-ip default/echo',
    ]);
  });

  it('traces each pair as the flow the page builds (id custom), and marks a namespace\'s own destinations', () => {
    const m = pairsMatrix(kubeProxy, world(kubeProxy));
    expect(m.rows).toHaveLength(6);
    expect(m.columns).toHaveLength(12);
    const podA = m.cells[1];
    expect(podA[9][0].flow).toEqual({ id: 'custom', from: { machine: 'host', netns: 'pod-a' }, to: { addr: '10.96.0.100', port: 80 }, protocol: 'tcp' });
    expect(podA[9][0].reach.verdict).toBe('delivered');
    expect(podA.map((cell) => Boolean(cell[0].self))).toEqual([false, true, false, false, false, false, true, false, false, false, false, false]);
    expect(m.columns[9]).toEqual({ key: 'to:tcp 10.96.0.100:80', text: 'tcp 10.96.0.100:80', kind: 'cluster-ip', owner: 'default/web:http' });
  });

  it('narrows to the pairs among some sources and destinations, in the lab\'s order', () => {
    const m = pairsMatrix(kubeProxy, world(kubeProxy), undefined, {
      sources: [{ machine: 'client', netns: '' }, { machine: 'host', netns: 'pod-a' }, { machine: 'nowhere', netns: '' }],
      targets: [{ protocol: 'tcp', addr: '10.96.0.100', port: 80 }, { protocol: 'icmp', addr: '10.244.1.11' }, { protocol: 'udp', addr: '10.96.0.100', port: 80 }],
    });
    expect(m.rows.map((r) => r.text)).toEqual(['host/pod-a', 'client']);
    expect(m.columns.map((c) => c.text)).toEqual(['icmp 10.244.1.11', 'tcp 10.96.0.100:80']);
  });

  it('sees a variant\'s change: without kube-proxy\'s masquerade the hairpin pod-b → its own Service drops', () => {
    const before = pairsMatrix(kubeProxy, world(kubeProxy));
    const after = pairsMatrix(kubeProxy, world(kubeProxy, 'no-masquerade'), 'no-masquerade');
    const { changes, added, removed } = matrixChanges(before, after);
    expect(added + removed).toBe(0);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.flowId === undefined)).toBe(true);
    const hairpin = changes.find((c) => c.row.text === 'host/pod-b' && c.column.text === 'tcp 10.96.0.100:80');
    expect(hairpin?.before.verdict).toBe('delivered');
    expect(hairpin?.after.verdict).toBe('dropped');
  });
});

describe('matrixChanges on declared flows', () => {
  it('matches conversations by flow id and reports those that end differently', () => {
    const before = declaredMatrix(iptables, world());
    const after = declaredMatrix(iptables, world(iptables, 'any-protocol'), 'any-protocol');
    const { changes } = matrixChanges(before, after);
    expect(changes.map((c) => `${c.flowId}: ${c.before.verdict} → ${c.after.drop?.reason ?? c.after.verdict}`)).toEqual([
      'pod-a-to-clusterip: delivered → NO_SOCKET',
      'pod-a-ping-clusterip: dropped → delivered',
    ]);
  });

  it('calls two ends the same when verdict, reason and place agree', () => {
    expect(sameReach(delivered, { ...delivered, outcome: { code: 'replied' } })).toBe(true);
    expect(sameReach(dropped('NETFILTER_DROP', 'a'), dropped('NETFILTER_DROP', 'a'))).toBe(true);
    expect(sameReach(dropped('NETFILTER_DROP', 'a'), dropped('NETFILTER_DROP', 'b'))).toBe(false);
    expect(sameReach(dropped('NETFILTER_DROP', 'a'), dropped('IP_RPFILTER', 'a'))).toBe(false);
    expect(sameReach(delivered, dropped('IP_RPFILTER', 'a'))).toBe(false);
  });
});
