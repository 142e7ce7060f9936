// The worker's handler over the real engine and a bundled scenario: what the page gets.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../engine/index';
import { expectationsFor, loadScenario, worldSpecFor } from '../scenario/index';
import { createHandler } from './handle';

const file = 'scenarios/host-gw.yaml';
const req = { file, scenarioText: readFileSync(file, 'utf8') };
const handle = createHandler({ loadScenario, worldSpecFor, expectationsFor, buildWorld });

describe('engine worker handler on host-gw', () => {
  it('describes machines with their namespaces, the network and the veth pairs', () => {
    const result = handle({ ...req, kind: 'describe' });
    if (result.kind !== 'scenario') throw new Error(`unexpected ${result.kind}`);
    expect(result.topology.machines.map((m) => [m.name, m.namespaces])).toEqual([
      ['host1', ['', 'pod-a']],
      ['host2', ['', 'pod-b']],
      ['router', ['']],
    ]);
    expect(result.topology.networks).toEqual([{ name: 'lan', kind: 'switch' }]);
    const veth = result.topology.devices.find((d) => d.machine === 'host1' && d.name === 'veth-pod-a');
    expect(veth?.peer).toEqual({ machine: 'host1', netns: 'pod-a', name: 'eth0' });
    expect(result.scenario.expectations['no-route']['pod-a-to-pod-b']).toEqual({ dropped: 'IP_INNOROUTES', at: 'router' });
  });
  it('prints a namespace\'s state as Linux does', () => {
    const result = handle({ ...req, kind: 'state', machine: 'host1', netns: '' });
    if (result.kind !== 'state') throw new Error(`unexpected ${result.kind}`);
    const text = (what: keyof typeof result.state) => result.state[what].map((l) => l.text);
    expect(text('route')).toContain('192.168.11.0/24 via 10.57.4.21 dev eth0 onlink');
    expect(result.state.route.find((l) => l.text === '192.168.11.0/24 via 10.57.4.21 dev eth0 onlink')?.key).toMatch(/^route\|254\|\d+$/);
    expect(text('addr').join('\n')).toMatch(/inet 10\.57\.4\.20\/24 .* eth0/);
    expect(result.state.ipvs).toEqual([]);
  });
  it('traces a flow built in the page with the real engine', () => {
    const flow = { id: 'custom', from: { machine: 'host1', netns: 'pod-a' }, to: { addr: '192.168.11.10' }, protocol: 'icmp' } as const;
    const result = handle({ ...req, kind: 'trace', flow });
    expect(result).toMatchObject({ kind: 'trace', trace: { verdict: 'delivered', flow: { id: 'custom' } } });
  });
  it('answers every pair of the lab, and a cell agrees with the trace of the flow the page builds for it', () => {
    const result = handle({ ...req, kind: 'matrix', mode: 'pairs' });
    if (result.kind !== 'matrix') throw new Error(`unexpected ${result.kind}`);
    const { rows, columns, cells } = result.matrix;
    const i = rows.findIndex((r) => r.text === 'host1/pod-a');
    const j = columns.findIndex((c) => c.text === 'icmp 192.168.11.10');
    const [entry] = cells[i][j];
    const trace = handle({ ...req, kind: 'trace', flow: entry.flow });
    if (trace.kind !== 'trace') throw new Error(`unexpected ${trace.kind}`);
    expect(entry.reach.verdict).toBe(trace.trace.verdict);
    expect(entry.reach.verdict).toBe('delivered');
  });
});

describe('engine worker handler on a lab that sets what podpath does not model', () => {
  const file = 'test/fixtures/warn/sysctl-unmodelled.yaml';
  const req = { file, scenarioText: readFileSync(file, 'utf8') };
  it('describes it with the build warnings the page shows, and its traces carry them', () => {
    const result = handle({ ...req, kind: 'describe' });
    if (result.kind !== 'scenario') throw new Error(`unexpected ${result.kind}`);
    expect(result.buildErrors).toEqual([]);
    expect(result.buildWarnings.map((w) => [w.loc.line, w.machine, w.command])).toEqual([
      [14, 'a', 'sysctl -w net.ipv4.tcp_keepalive_time=600'],
      [15, 'a', 'echo 1 > /proc/sys/net/ipv4/conf/eth0/arp_filter'],
    ]);
    const flow = { id: 'ping', from: { machine: 'a', netns: '' }, to: { addr: '10.0.0.2' }, protocol: 'icmp' } as const;
    const trace = handle({ ...req, kind: 'trace', flow });
    if (trace.kind !== 'trace') throw new Error(`unexpected ${trace.kind}`);
    expect(trace.trace.warnings?.map((w) => w.key)).toEqual(['net.ipv4.tcp_keepalive_time', 'net.ipv4.conf.eth0.arp_filter']);
  });
});

describe('the Services the page offers by name', () => {
  it('takes a kubernetes: block\'s ClusterIPs, and the KUBE-SERVICES rules of a lab that has none', () => {
    const generated = handle({ file: 'scenarios/services-kube-proxy.yaml', scenarioText: readFileSync('scenarios/services-kube-proxy.yaml', 'utf8'), kind: 'describe' });
    if (generated.kind !== 'scenario') throw new Error(`unexpected ${generated.kind}`);
    expect(generated.topology.services).toEqual([
      { name: 'default/web:http', addr: '10.96.0.100', port: 80, protocol: 'tcp' },
      { name: 'default/echo', addr: '10.96.0.101', port: 80, protocol: 'tcp' },
    ]);
    // host-gw's host1 with a hand-written rule such as `iptables-save` of a real node holds
    const rule = 'iptables -t nat -N KUBE-SERVICES\n      iptables -t nat -A KUBE-SERVICES -d 10.96.7.7/32 -p udp -m comment --comment "kube-system/dns:dns cluster IP" -m udp --dport 53 -j DNAT --to-destination 192.168.11.10:53\n      ';
    const text = req.scenarioText.replace('ip addr add 10.57.4.20/24 dev eth0\n      ', `ip addr add 10.57.4.20/24 dev eth0\n      ${rule}`);
    expect(text).not.toBe(req.scenarioText);
    const hand = handle({ file, scenarioText: text, kind: 'describe' });
    if (hand.kind !== 'scenario') throw new Error(`unexpected ${hand.kind}: ${JSON.stringify(hand).slice(0, 300)}`);
    expect(hand.topology.services).toEqual([{ name: 'kube-system/dns:dns', addr: '10.96.7.7', port: 53, protocol: 'udp' }]);
  });
});
