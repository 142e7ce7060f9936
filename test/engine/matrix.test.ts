// world.reach / world.matrix: the verdict-only conversation must end exactly as the full trace
// does (same verdict, outcome and drop, down to the drop's seq), for every flow of every shipped
// scenario in every variant and for every pair of a small lab; and the matrix is laid out
// sources × targets with the flows it says.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorld, reachOf, type Flow } from '../../src/engine';
import { computeMatrix, matrixFlow, MATRIX_FLOW_ID } from '../../src/engine/matrix';
import { loadFile } from '../../src/scenario/testing';
import { worldSpecFor } from '../../src/scenario/variant';
import { lab } from '../testing';

const routedPod = (ns: string, ip: string) => `ip netns add ${ns}
ip link add veth-${ns} type veth peer name eth0 netns ${ns}
ip link set veth-${ns} up
sysctl -w net.ipv4.conf.veth-${ns}.proxy_arp=1
ip route add ${ip} dev veth-${ns}
ip -n ${ns} addr add ${ip}/24 dev eth0
ip -n ${ns} link set eth0 up
ip -n ${ns} route add default via 169.254.1.1 dev eth0 onlink
`;

/** One host, three pods: pod-c only listens on 8080, and host drops everything pod-a sends to pod-b. */
const pods = () =>
  lab({
    networks: ['lan'],
    machines: {
      host: {
        nics: ['eth0@lan'],
        script: `ip addr add 10.0.0.1/24 dev eth0
ip link set eth0 up
ip route add default via 10.0.0.254
sysctl -w net.ipv4.ip_forward=1
${routedPod('pod-a', '10.244.1.10')}${routedPod('pod-b', '10.244.1.11')}${routedPod('pod-c', '10.244.1.12')}
ip netns exec pod-c nc -lk 8080 &
ip netns exec pod-b socat UDP4-LISTEN:53,fork EXEC:cat &
iptables -A FORWARD -s 10.244.1.10 -d 10.244.1.11 -j DROP
`,
      },
    },
  });

describe('world.reach', () => {
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
  const cases = files.flatMap((file) => {
    const scenario = loadFile(`scenarios/${file}`);
    return [undefined, ...scenario.variants.map((v) => v.id)].map((variant) => ({ file, variant, scenario }));
  });

  it.each(cases)('ends every flow of $file (variant $variant) as world.trace does', ({ scenario, variant }) => {
    const world = buildWorld(worldSpecFor(scenario, variant));
    for (const flow of scenario.flows) expect(world.reach(flow), flow.id).toEqual(reachOf(world.trace(flow)));
  });

  it('leaves the lab as built: a reach between two traces changes neither', () => {
    const world = pods();
    const flow: Flow = matrixFlow({ machine: 'host', netns: 'pod-a' }, { protocol: 'tcp', addr: '10.244.1.12', port: 8080 });
    const before = world.trace(flow);
    world.reach(flow);
    expect(world.trace(flow)).toEqual(before);
  });
});

describe('world.matrix', () => {
  const world = pods();
  const sources = [
    { machine: 'host', netns: 'pod-a' },
    { machine: 'host', netns: '' },
  ];
  const targets = [
    { protocol: 'icmp', addr: '10.244.1.11' },
    { protocol: 'tcp', addr: '10.244.1.12', port: 8080 },
    { protocol: 'tcp', addr: '10.244.1.12', port: 9999 },
    { protocol: 'udp', addr: '10.244.1.11', port: 53 },
  ] as const;
  const matrix = world.matrix(sources, targets);

  it('has one row per source and one cell per target, in the order given', () => {
    expect(matrix.sources).toEqual(sources);
    expect(matrix.targets).toEqual(targets);
    expect(matrix.cells.map((row) => row.length)).toEqual([4, 4]);
  });

  it('gives each cell the verdict, the outcome and the drop of that conversation', () => {
    const summary = matrix.cells.map((row) => row.map((c) => (c.drop ? `${c.drop.reason}@${c.drop.at.machine}` : `${c.verdict}:${c.outcome.code}`)));
    expect(summary).toEqual([
      // pod-a → pod-b is dropped by host's FORWARD rule; nothing listens on pod-c:9999 (refused)
      ['NETFILTER_DROP@host', 'delivered:connected', 'NO_SOCKET@host', 'NETFILTER_DROP@host'],
      ['delivered:echo-replied', 'delivered:connected', 'NO_SOCKET@host', 'delivered:replied'],
    ]);
    expect(matrix.cells[0][2].outcome).toEqual({ code: 'refused', message: 'Connection refused' });
  });

  it('traces each cell as the flow the page would build for it (id custom), so a click shows the same', () => {
    const flow = matrixFlow(sources[0], targets[1]);
    expect(flow).toEqual({ id: MATRIX_FLOW_ID, from: sources[0], to: { addr: '10.244.1.12', port: 8080 }, protocol: 'tcp' });
    expect(matrixFlow(sources[0], targets[0])).toEqual({ id: 'custom', from: sources[0], to: { addr: '10.244.1.11' }, protocol: 'icmp' });
    expect(reachOf(world.trace(flow))).toEqual(matrix.cells[0][1]);
  });

  it('uses the flow id it is given', () => {
    const seen: string[] = [];
    computeMatrix((f) => (seen.push(f.id), world.reach(f)), sources.slice(0, 1), targets.slice(0, 1), { flowId: 'pair' });
    expect(seen).toEqual(['pair']);
  });

  it('lists the listeners the scripts started', () => {
    expect(world.listeners().map((l) => `${l.netns} ${l.proto} ${l.addr ?? '*'}:${l.port}`)).toEqual(['pod-b udp *:53', 'pod-c tcp *:8080']);
  });
});

describe('one world, many conversations', () => {
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
  const cases = files.flatMap((file) => {
    const scenario = loadFile(`scenarios/${file}`);
    return [undefined, ...scenario.variants.map((v) => v.id)].map((variant) => ({ file, variant, scenario }));
  });

  // what a conversation changes (neighbours, FDBs, conntrack, IPVS) is put back before the next:
  // every flow traced after all the others, backwards, ends as it does on a fresh world
  it.each(cases)('$file (variant $variant): a trace does not depend on the ones before it', ({ scenario, variant }) => {
    const spec = worldSpecFor(scenario, variant);
    const shared = buildWorld(spec);
    for (const flow of scenario.flows) shared.reach(flow);
    const again = [...scenario.flows].reverse().map((flow) => shared.trace(flow));
    const fresh = [...scenario.flows].reverse().map((flow) => buildWorld(spec).trace(flow));
    expect(again).toEqual(fresh);
  });
});
