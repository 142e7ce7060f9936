// Every shipped scenario file: it loads, holds the flows and variants SCENARIOS.md asks for,
// speaks both languages, sets an expectation for every flow in every variant, builds without
// errors, and the engine meets every expectation. (The kernel-parity suite checks the same
// expectations against Linux.)
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectationMet } from '../src/engine/trace/expectation';
import { buildWorld } from '../src/engine';
import { loadFile as load } from '../src/scenario/testing';
import { expectationsFor, opsOf, worldSpecFor } from '../src/scenario/variant';
import { declaredMatrix } from '../src/scenario/matrix';

const files: { path: string; flows: string[]; variants: string[] }[] = [
  {
    path: 'scenarios/pod-host.yaml',
    flows: ['pod-to-host', 'pod-ping-host', 'host-ping-pod', 'host-to-gateway', 'pod-to-gateway'],
    variants: ['default-route', 'proxy-arp-without-forwarding', 'proxy-arp', 'fixed', 'internet'],
  },
  {
    path: 'scenarios/host-gw.yaml',
    flows: ['pod-a-to-pod-b', 'pod-a-ping-pod-b', 'pod-b-to-pod-a'],
    variants: ['different-subnets', 'no-route'],
  },
  {
    path: 'scenarios/host-gw-cloud.yaml',
    flows: ['pod-a-to-pod-b', 'pod-b-to-pod-a', 'host1-ping-host2'],
    variants: ['source-dest-check-off', 'vpc-routes', 'fixed'],
  },
  {
    path: 'scenarios/services-iptables.yaml',
    flows: ['pod-a-to-pod-b', 'pod-a-to-clusterip', 'host-to-clusterip', 'pod-b-to-clusterip', 'client-to-nodeport', 'pod-a-to-nodeport', 'pod-a-ping-clusterip'],
    variants: ['output-dnat', 'hairpin-masquerade', 'any-protocol'],
  },
  {
    path: 'scenarios/services-kube-proxy.yaml',
    flows: ['pod-a-to-web', 'host-to-web', 'pod-b-to-web', 'client-to-nodeport', 'pod-a-to-echo', 'pod-a-ping-web'],
    variants: ['no-masquerade'],
  },
  {
    path: 'scenarios/network-policy.yaml',
    flows: ['pod-a-to-pod-b', 'pod-b-to-pod-a', 'pod-a-ping-pod-b', 'pod-b-ping-pod-a', 'pod-a-to-clusterip'],
    variants: ['stateful', 'rule-on-clusterip', 'reject'],
  },
  {
    path: 'scenarios/vpc-cni-nodeport.yaml',
    flows: ['client-to-nodeport', 'client-to-nodeport-node2', 'pod-a-to-pod-b', 'client-to-pod-a'],
    variants: ['rp-filter-loose', 'mark-on-request', 'fixed-mark', 'aws-connmark', 'strict-with-mark', 'src-valid-mark'],
  },
  {
    path: 'scenarios/same-host-modes.yaml',
    flows: [
      'veth-a-to-veth-b', 'veth-a-to-clusterip', 'br-a-to-br-b', 'br-a-to-clusterip', 'mv-a-to-mv-b', 'mv-a-to-clusterip', 'host-to-mv-b',
      'mv-a-ping-host', 'router-to-mv-b', 'ipvl-a-to-ipvl-b', 'ipvl-a-to-clusterip', 'host-to-ipvl-b',
    ],
    variants: ['bridge-nf-off', 'no-snat', 'gateway-on-parent', 'macvlan-private', 'macvlan-vepa', 'macvlan-passthru', 'macvlan-down', 'parent-down', 'policy', 'ipvlan-l2', 'ipvlan-l3'],
  },
  {
    path: 'scenarios/calico-macvlan.yaml',
    flows: [
      'calico-to-calico', 'calico-to-macvlan', 'calico-to-macvlan-same-node', 'calico-to-multi', 'calico-to-svc-calico', 'calico-to-svc-macvlan', 'calico-to-svc-multi',
      'macvlan-to-calico', 'macvlan-to-calico-same-node', 'macvlan-to-macvlan', 'macvlan-to-macvlan-other-subnet', 'macvlan-to-multi', 'macvlan-to-multi-calico-ip',
      'macvlan-to-svc-calico', 'macvlan-to-svc-macvlan', 'macvlan-to-svc-multi', 'macvlan-to-node',
      'multi-to-calico', 'multi-to-macvlan', 'multi-to-multi', 'multi-to-svc-calico', 'multi-to-svc-macvlan', 'multi-to-svc-multi',
      'client-to-macvlan-nodeport', 'client-to-multi-nodeport',
    ],
    variants: ['be-liberal', 'no-nat-outgoing', 'macvlan-nodeport-fixed', 'multi-nic-nodeport-fixed'],
  },
  {
    path: 'scenarios/imported-forward-drop.yaml',
    flows: ['pod-a-to-pod-b', 'pod-b-to-pod-a', 'node1-ping-pod-b', 'pod-a-ping-node1'],
    variants: ['fixed'],
  },
  {
    path: 'scenarios/kube-proxy-ipvs.yaml',
    flows: ['pod-a-to-clusterip', 'pod-b-to-clusterip', 'node1-to-clusterip', 'client-to-nodeport', 'pod-a-ping-clusterip'],
    variants: ['no-clusterip-address', 'no-ipvs-filter'],
  },
];

describe.each(files)('$path', ({ path, flows, variants }) => {
  const scenario = load(path);

  it('loads without errors and has the expected flows and variants', () => {
    expect(scenario.flows.map((f) => f.id)).toEqual(flows);
    expect(scenario.variants.map((v) => v.id)).toEqual(variants);
  });

  it('is bilingual everywhere', () => {
    const texts = [scenario.title, scenario.summary, ...scenario.flows.map((f) => f.title), ...scenario.variants.flatMap((v) => [v.title, v.explain])];
    for (const text of texts) {
      expect(text?.en).toBeTruthy();
      expect(text?.['zh-CN']).toBeTruthy();
      expect(text?.['zh-CN']).not.toBe(text?.en);
    }
  });

  it('sets an expectation for every flow in every variant', () => {
    for (const variant of [undefined, ...variants]) {
      expect(Object.keys(expectationsFor(scenario, variant)).sort()).toEqual([...flows].sort());
    }
  });

  it.each([undefined, ...variants])('builds and meets every expectation (variant %s)', (variant) => {
    const world = buildWorld(worldSpecFor(scenario, variant));
    expect(world.errors).toEqual([]);
    const expectations = expectationsFor(scenario, variant);
    const missed = scenario.flows.flatMap((flow) => {
      const trace = world.trace(flow);
      if (expectationMet(trace, expectations[flow.id])) return [];
      const drop = trace.legs.find((leg) => leg.drop)?.drop;
      return [`${flow.id}: ${trace.verdict}${drop ? ` ${drop.reason} at ${drop.at.machine}` : ''}, expected ${JSON.stringify(expectations[flow.id])}`];
    });
    expect(missed).toEqual([]);
  });
});

describe.each(readdirSync('scenarios').filter((f) => f.endsWith('.yaml')))('scenarios/%s: the matrix table', (file) => {
  const scenario = load(`scenarios/${file}`);
  const cells = Object.entries(scenario.flowCells ?? {});

  it('gives both a row and a column to every flow it places, in both languages', () => {
    for (const [id, cell] of cells) {
      expect(Boolean(cell.row) === Boolean(cell.column), id).toBe(true);
      for (const text of [cell.row, cell.column, cell.article?.note]) if (text) expect(text['zh-CN'], id).toBeTruthy();
    }
  });

  it('explains, in a note, every cell whose computed verdict differs from the article in some variant', () => {
    if (!cells.some(([, cell]) => cell.article)) return;
    const unexplained = [undefined, ...scenario.variants.map((v) => v.id)].flatMap((variant) => {
      const matrix = declaredMatrix(scenario, buildWorld(worldSpecFor(scenario, variant)), variant);
      return matrix.cells.flat(2).flatMap((e) => (e.article?.differs && !e.article.note ? [`${e.flow.id} (variant ${variant})`] : []));
    });
    expect(unexplained).toEqual([]);
  });
});

describe('pod-host', () => {
  const scenario = load('scenarios/pod-host.yaml');

  it('adds the host route back to the pod only in the fixed variant', () => {
    const hostRoutes = (variant: string) =>
      (scenario.variants.find((v) => v.id === variant)?.append.host ?? []).filter((op) => op.op === 'route-add' && op.netns === '').map((op) => op.text);
    expect(hostRoutes('fixed')).toEqual(['ip route add 172.20.1.10 dev veth-ns1']);
    expect(hostRoutes('proxy-arp')).toEqual([]);
  });
});

describe('host-gw', () => {
  const scenario = load('scenarios/host-gw.yaml');

  it('routes each pod subnet via the other host with onlink', () => {
    const route = (machine: string) =>
      scenario.machines.find((m) => m.name === machine)?.ops.find((op) => op.op === 'route-add' && op.route.onlink && op.netns === '')?.text;
    expect(route('host1')).toBe('ip route add 192.168.11.0/24 via 10.57.4.21 dev eth0 onlink');
    expect(route('host2')).toBe('ip route add 192.168.10.0/24 via 10.57.4.20 dev eth0 onlink');
  });
});

describe('same-host-modes: where the host\'s iptables runs', () => {
  const scenario = load('scenarios/same-host-modes.yaml');
  const trace = (variant: string | undefined, id: string) => buildWorld(worldSpecFor(scenario, variant)).trace(scenario.flows.find((f) => f.id === id)!);
  /** the host root namespace's netfilter steps of a trace */
  const hostHooks = (variant: string | undefined, id: string) =>
    trace(variant, id).legs.flatMap((l) => l.events).filter((e) => e.at.machine === 'host' && e.at.netns === '' && (e.code.startsWith('nf.') || e.code.startsWith('ct.') || e.code.startsWith('nat.')));

  it.each([
    ['veth-a-to-veth-b', true],
    ['br-a-to-br-b', true],
    ['mv-a-to-mv-b', false],
    ['router-to-mv-b', false],
    ['mv-a-to-clusterip', true],
  ] as const)('%s meets the host\'s netfilter hooks: %s', (id, seen) => {
    expect(hostHooks(undefined, id).length > 0).toBe(seen);
  });

  it('bridged pod-to-pod traffic meets no hook once bridge-nf-call-iptables is off', () => {
    expect(hostHooks('bridge-nf-off', 'br-a-to-br-b')).toEqual([]);
  });

  it('an l3 ipvlan pod\'s packet meets the host\'s OUTPUT, an l2 one\'s its PREROUTING', () => {
    const hooks = (variant: string) => [...new Set(hostHooks(variant, 'ipvl-a-to-clusterip').filter((e) => e.code === 'nf.rule').map((e) => (e.params as { hook: string }).hook))];
    expect(hooks('ipvlan-l3')).toEqual(['OUTPUT', 'POSTROUTING']);
    expect(hooks('ipvlan-l2')).toEqual(['PREROUTING', 'POSTROUTING']);
  });
});

describe('calico-macvlan: the half-seen handshake and the replies that take another NIC', () => {
  const scenario = load('scenarios/calico-macvlan.yaml');
  const trace = (variant: string | undefined, id: string) => buildWorld(worldSpecFor(scenario, variant)).trace(scenario.flows.find((f) => f.id === id)!);
  /** the leg's packet met conntrack in the machine's root namespace (an ARP broadcast on its wire does not count) */
  const tracked = (leg: { events: readonly { code: string; at: { machine: string; netns: string } }[] }, machine: string) =>
    leg.events.some((e) => e.code.startsWith('ct.') && e.at.machine === machine && e.at.netns === '');

  it('Macvlan pod → Calico pod: the SYN-ACK bypasses node1, whose conntrack calls the ACK INVALID and kube-proxy drops it', () => {
    const t = trace(undefined, 'macvlan-to-calico');
    const [syn, synAck, ack] = t.legs;
    expect([syn.packet, synAck.packet, ack.packet]).toEqual(['SYN', 'SYN-ACK', 'ACK']);
    expect(tracked(syn, 'node1')).toBe(true);
    expect(tracked(synAck, 'node1')).toBe(false);
    expect(tracked(synAck, 'node2')).toBe(true);
    const invalid = ack.events.find((e) => e.code === 'ct.invalid');
    expect(invalid?.at.machine).toBe('node1');
    expect(ack.drop).toMatchObject({ reason: 'NETFILTER_DROP', at: { machine: 'node1' }, cause: { code: 'nf-rule', chain: 'KUBE-FORWARD' } });
  });

  it('be_liberal: kube-proxy writes no INVALID drop, and the still-INVALID ACK crosses node1', () => {
    const node1 = scenario.machines.find((m) => m.name === 'node1')!;
    const invalidDrops = (variant: string | undefined) => opsOf(scenario, node1, variant).filter((op) => op.text.includes('--ctstate INVALID -j DROP')).length;
    expect(invalidDrops(undefined)).toBe(1);
    expect(invalidDrops('be-liberal')).toBe(0);
    const t = trace('be-liberal', 'macvlan-to-calico');
    expect(t.verdict).toBe('delivered');
    expect(t.legs.find((l) => l.packet === 'ACK')!.events.some((e) => e.code === 'ct.invalid' && e.at.machine === 'node1')).toBe(true);
  });

  it('Calico pod → Macvlan pod works by natOutgoing: the Macvlan pod answers node1, not the Calico pod', () => {
    const synAck = trace(undefined, 'calico-to-macvlan').legs.find((l) => l.packet === 'SYN-ACK')!;
    const first = synAck.events.find((e) => e.code === 'route.output');
    expect(first?.at).toMatchObject({ machine: 'node2', netns: 'mv2' });
    expect(JSON.stringify(first?.params)).toContain('172.16.1.2');
  });

  it('the NodePort replies leave by the pod\'s other NIC until Spiderpool\'s rules send them back through node2', () => {
    const replyDev = (variant: string | undefined, id: string, netns: string) =>
      trace(variant, id).legs.find((l) => l.packet === 'SYN-ACK')!.events.find((e) => e.code === 'route.output' && e.at.netns === netns)?.at.dev;
    expect(replyDev(undefined, 'client-to-macvlan-nodeport', 'mv2')).toBe('eth0');
    expect(trace('macvlan-nodeport-fixed', 'client-to-macvlan-nodeport').legs.find((l) => l.packet === 'SYN-ACK')!.events.some((e) => e.code === 'route.reroute' && e.at.dev === 'veth0')).toBe(true);
    expect(replyDev(undefined, 'client-to-multi-nodeport', 'mn2')).toBe('net1');
    expect(replyDev('multi-nic-nodeport-fixed', 'client-to-multi-nodeport', 'mn2')).toBe('eth0');
  });

  it('the client resets a SYN-ACK from the pod\'s own address, and the router answers the reset (Linux 6.18: ICMP 3/0 quoting the RST)', () => {
    const t = trace(undefined, 'client-to-multi-nodeport');
    expect(t.legs.map((l) => l.packet)).toEqual(['SYN', 'SYN-ACK', 'RST', 'icmp-error']);
    expect(t.legs[2].drop).toMatchObject({ reason: 'IP_INNOROUTES', at: { machine: 'router' } });
    // the error quotes the client's reset, which no socket of the client's sent to that address
    expect(t.legs[3].events.some((e) => e.code === 'icmp.unmatched' && e.at.machine === 'client')).toBe(true);
    expect(t.outcome.code).toBe('timeout');
  });

  it('lays out the article\'s table: three kinds of pod by six targets', () => {
    const m = declaredMatrix(scenario, buildWorld(worldSpecFor(scenario, undefined)), undefined);
    expect(m.rows.slice(0, 3).map((r) => r.label?.en)).toEqual(['Calico pod', 'Macvlan pod', 'Calico + Macvlan multi-NIC pod']);
    expect(m.columns.slice(0, 6).map((c) => c.label?.en)).toEqual([
      'Calico pod', 'Macvlan pod', 'Calico + Macvlan multi-NIC pod', 'Service of a Calico pod', 'Service of a Macvlan pod', 'Service of the multi-NIC pod',
    ]);
  });
});

describe('services-iptables: the redirect about a hairpinned Service connection', () => {
  const scenario = load('scenarios/services-iptables.yaml');
  // Linux 6.18 (parity): NETFILTER_DROP by nf_hook_slow at host:veth-pod-b, an ICMP type 5 from
  // 192.168.6.160 to pod-b, and no redirect on the wire
  it('is sent by ip_forward and dropped by NAT (nf_nat_icmp_reply_translation: the connection is NATed)', () => {
    const t = buildWorld(worldSpecFor(scenario, undefined)).trace(scenario.flows.find((f) => f.id === 'pod-b-to-clusterip')!);
    const redirect = t.legs.find((l) => l.packet === 'redirect')!;
    expect(redirect.drop).toMatchObject({ reason: 'NETFILTER_DROP', fn: 'nf_hook_slow', at: { machine: 'host' }, cause: { code: 'nat-redirect', hook: 'OUTPUT' } });
    expect(redirect.events.some((e) => e.code === 'dev.recv' && e.at.netns === 'pod-b')).toBe(false);
  });
});
