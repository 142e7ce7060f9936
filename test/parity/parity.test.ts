// Unit tests of the parity machinery's pure parts: comparing traces with kernel observations,
// reading kfree_skb lines, reading `ip route get` answers, the fuzz generator.
import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../src/engine/addr/ipv4';
import type { Trace } from '../../src/engine/trace/types';
import { compareFlow, compareRefusals, engineDevices, sameMessage } from './compare';
import { FakeWorld } from './fixtures/fake';
import { fxSwitch, fxSwitchExpected } from './fixtures/scenarios';
import { generateConfig } from './fuzz-gen';
import { compareRoute, kernelScript, parseKernelOutput, worldSpecOf } from './fuzz-routing';
import { parseKfree } from './kfree';
import { type KernelObservation, normaliseError } from './lab';

const world = new FakeWorld(fxSwitch, undefined, fxSwitchExpected['']);
const flow = (id: string) => fxSwitch.flows.find((f) => f.id === id)!;
const obs = (o: Partial<KernelObservation>): KernelObservation => ({
  delivered: true,
  output: '',
  tx: new Set(),
  rx: new Set(),
  drops: [],
  ruleHits: new Set(),
  conntrack: new Map(),
  ...o,
});
const drop = (reason: string) => ({ ts: 1, protocol: 2048, location: 'x', reason });

describe('compareFlow', () => {
  it('passes when verdict and device sets agree', () => {
    const t = world.trace(flow('tcp'));
    const c = compareFlow(t, obs({ tx: new Set(['a//eth0', 'b//eth0']), rx: new Set(['a//eth0', 'b//eth0']) }));
    expect(c).toEqual({ ok: true, diffs: [] });
  });

  it('reports verdicts and device sets that differ, both ways', () => {
    const t = world.trace(flow('tcp'));
    const c = compareFlow(t, obs({ delivered: false, error: 'Connection timed out', tx: new Set(['a//eth0', 'a//lo']), rx: new Set() }));
    expect(c.ok).toBe(false);
    expect(c.diffs[0]).toMatch(/^verdict: engine delivered .*kernel dropped \(Connection timed out\)/);
    expect(c.diffs).toContain('tx devices differ (kernel only: a:lo; engine only: b:eth0)');
    expect(c.diffs).toContain('rx devices differ (engine only: a:eth0 b:eth0)');
  });

  it('requires the engine drop reason among the kernel kfree_skb reasons', () => {
    const t = world.trace(flow('tcp-closed'));
    const both = { tx: new Set(['a//eth0', 'b//eth0']), rx: new Set(['a//eth0', 'b//eth0']) };
    const k = { delivered: false, error: 'Connection refused', output: 'nc: connect to … failed: Connection refused', ...both };
    expect(compareFlow(t, obs({ ...k, drops: [drop('TCP_CLOSE'), drop('NO_SOCKET')] })).ok).toBe(true);
    expect(compareFlow(t, obs({ ...k, drops: [drop('NETFILTER_DROP')] })).diffs).toEqual([
      'drop reason: engine NO_SOCKET at b:eth0, kernel kfree_skb reasons: NETFILTER_DROP',
    ]);
  });

  it('compares the error text for IP_OUTNOROUTES, where no skb is freed', () => {
    const t = world.trace(flow('nowhere'));
    const k = { delivered: false, output: 'ping: connect: Network is unreachable', error: 'Network is unreachable' };
    expect(compareFlow(t, obs(k)).ok).toBe(true);
    expect(compareFlow(t, obs({ ...k, output: 'ping: connect: Invalid argument', error: 'Invalid argument' })).ok).toBe(false);
  });

  it("checks the client's immediate error against the engine's outcome", () => {
    const t: Trace = { ...world.trace(flow('tcp-closed')), outcome: { code: 'timeout' } };
    const c = compareFlow(
      t,
      obs({ delivered: false, error: 'Connection refused', output: 'Connection refused', drops: [drop('NO_SOCKET')], tx: new Set(['a//eth0', 'b//eth0']), rx: new Set(['a//eth0', 'b//eth0']) }),
    );
    expect(c.diffs).toEqual(['client error: kernel "Connection refused", engine outcome "timed out: no answer"']);
  });

  it('reports an engine that says the client heard an error the real client never printed', () => {
    // a SYN-ACK from an address the client never dialled: the client resets it and keeps waiting
    const t: Trace = { ...world.trace(flow('tcp-closed')), outcome: { code: 'refused', message: 'Connection refused' } };
    const both = { tx: new Set(['a//eth0', 'b//eth0']), rx: new Set(['a//eth0', 'b//eth0']) };
    const silent = obs({ delivered: false, error: 'Connection timed out', output: '', drops: [drop('NO_SOCKET')], ...both });
    expect(compareFlow(t, silent).diffs).toEqual(['client error: engine outcome "Connection refused", the client heard nothing ("")']);
    expect(compareFlow({ ...t, outcome: { code: 'timeout' } }, silent).ok).toBe(true);
  });

  it('reads the device sets from xmit and recv events only', () => {
    expect(engineDevices(world.trace(flow('ghost')))).toEqual({ tx: new Set(['a//eth0', 'a//lo']), rx: new Set(['b//eth0', 'a//lo']) });
  });
});

describe('messages', () => {
  it('treats the dressings of one errno as the same message', () => {
    expect(sameMessage('RTNETLINK answers: File exists', 'RTNETLINK answers: File exists')).toBe(true);
    expect(sameMessage('Error: Nexthop has invalid gateway.', 'Nexthop has invalid gateway')).toBe(true);
    expect(sameMessage('RTNETLINK answers: File exists', 'Error: ipv4: Address already assigned.')).toBe(false);
    expect(compareRefusals([{ at: 'f:1', expected: 'File exists', kernel: 'RTNETLINK answers: File exists' }])).toEqual([]);
  });

  it('normalises client errors', () => {
    expect(normaliseError('nc: connect to 10.0.0.2 port 81 (tcp) failed: Connection refused')).toBe('Connection refused');
    expect(normaliseError('nc: connect to 10.0.0.2 port 81 (tcp) timed out: Operation now in progress')).toBe('Connection timed out');
    expect(normaliseError('From 10.0.0.1 icmp_seq=1 Destination Host Unreachable')).toBe('Destination Host Unreachable');
    expect(normaliseError('Connection to 10.0.0.2 80 port [tcp/http] succeeded!')).toBeUndefined();
  });
});

describe('parseKfree', () => {
  it('reads reason, protocol and location from trace lines', () => {
    const text = [
      '# tracer: nop',
      '          <idle>-0       [001] ..s2.  7395.447734: kfree_skb: skbaddr=00000000a1b2 rx_sk=0000000000000000 protocol=2048 location=tcp_v4_rcv+0x9a/0xe80 reason: NO_SOCKET',
      '            ping-1234    [000] b..1.  7395.900001: kfree_skb: skbaddr=00000000c3d4 rx_sk=0000000000000000 protocol=2048 location=neigh_invalidate+0x8e/0x160 reason: NEIGH_FAILED',
    ].join('\n');
    expect(parseKfree(text)).toEqual([
      { ts: 7395.447734, protocol: 2048, location: 'tcp_v4_rcv+0x9a/0xe80', reason: 'NO_SOCKET' },
      { ts: 7395.900001, protocol: 2048, location: 'neigh_invalidate+0x8e/0x160', reason: 'NEIGH_FAILED' },
    ]);
  });
});

describe('fuzz', () => {
  it('generates the same configs for the same seed, and different ones for another', () => {
    expect(generateConfig(7, 3)).toEqual(generateConfig(7, 3));
    expect(generateConfig(7, 3)).not.toEqual(generateConfig(8, 3));
  });

  it('gives the engine the same commands as the kernel, in the kernel order', () => {
    const cfg = generateConfig(1, 5);
    const spec = worldSpecOf(cfg);
    const ops = spec.machines[0].ops;
    expect(ops.length).toBe(cfg.steps.length);
    expect(ops.map((o) => o.loc.line)).toEqual(ops.map((_, i) => i + 1));
    const { script, batchSteps } = kernelScript(cfg, cfg.steps, cfg.queries);
    for (const s of batchSteps) expect(script).toContain(`\n${s.shell}\n`);
    const kinds = ops.map((o) => (o.op === 'sysctl' ? 'sysctl' : 'batch'));
    const firstBatch = kinds.indexOf('batch');
    expect(kinds.slice(0, firstBatch).every((k) => k === 'sysctl')).toBe(true);
  });

  it('reads batch failures and route answers', () => {
    const out = [
      '@@config',
      'Error: Nexthop has invalid gateway.',
      'Command failed -:9',
      'RTNETLINK answers: File exists',
      'Command failed -:12',
      '@@q 0',
      '[{"type":"local","dst":"10.0.0.1","dev":"lo","table":"local","prefsrc":"10.0.0.1","flags":[],"uid":0,"cache":["local"]}]',
      '@@rc 0',
      '@@q 1',
      'RTNETLINK answers: No route to host',
      '@@rc 2',
      '@@q 2',
      '[{"dst":"10.6.1.1","gateway":"10.0.0.9","dev":"a0","table":"10","prefsrc":"10.0.0.1","flags":[],"uid":0,"cache":[]}]',
      '@@rc 0',
    ].join('\n');
    const p = parseKernelOutput(out, 3);
    expect([...p.refusedLines]).toEqual([
      [9, 'Error: Nexthop has invalid gateway.'],
      [12, 'RTNETLINK answers: File exists'],
    ]);
    expect(p.answers).toEqual([
      { ok: true, type: 'local', dev: 'lo', via: undefined, src: '10.0.0.1', table: 255 },
      { ok: false, message: 'No route to host' },
      { ok: true, type: 'unicast', dev: 'a0', via: '10.0.0.9', src: '10.0.0.1', table: 10 },
    ]);
  });

  it('compares route answers field by field', () => {
    const ip = (s: string) => parseIpv4(s)!;
    const q = { to: ip('10.6.1.1'), args: '10.6.1.1' };
    const k = { ok: true as const, type: 'unicast', dev: 'a0', via: '10.0.0.9', src: '10.0.0.1', table: 10 };
    expect(compareRoute(q, k, { ok: true, type: 'unicast', dev: 'a0', via: ip('10.0.0.9'), src: ip('10.0.0.1'), table: 10 })).toEqual([]);
    expect(compareRoute(q, k, { ok: true, type: 'unicast', dev: 'a1', src: ip('10.0.0.1'), table: 254 })).toEqual([
      'dev: engine a1, kernel a0',
      'gateway: engine -, kernel 10.0.0.9',
      'table: engine main, kernel 10',
    ]);
    // `from` given: the kernel echoes it as "from", not as prefsrc
    expect(compareRoute({ ...q, from: ip('10.0.0.1') }, { ...k, src: undefined }, { ok: true, type: 'unicast', dev: 'a0', via: ip('10.0.0.9'), src: ip('10.0.0.1'), table: 10 })).toEqual([]);
    expect(compareRoute(q, { ok: false, message: 'No route to host' }, { ok: false, error: 'unreachable', message: 'Network is unreachable' })).toEqual([
      'error: engine unreachable "Network is unreachable", kernel "No route to host"',
    ]);
    // table main is not printed by `ip route get`
    expect(compareRoute(q, { ...k, table: undefined }, { ok: true, type: 'unicast', dev: 'a0', via: ip('10.0.0.9'), src: ip('10.0.0.1'), table: 254 })).toEqual([]);
  });
});

describe('netfilter observations', () => {
  it('keys iptables-save -c rule lines by table, numbering identical rules in one chain', async () => {
    const { parseSaveCounters } = await import('./lab');
    const text = ['*nat', ':PREROUTING ACCEPT [0:0]', '[3:180] -A PREROUTING -d 10.96.0.100/32 -j DNAT --to-destination 10.244.1.11:8080', '[0:0] -A X -j RETURN', '[1:60] -A X -j RETURN', 'COMMIT'].join('\n');
    expect([...parseSaveCounters(text)]).toEqual([
      ['nat|-A PREROUTING -d 10.96.0.100/32 -j DNAT --to-destination 10.244.1.11:8080', 3],
      ['nat|-A X -j RETURN', 0],
      ['nat|-A X -j RETURN#2', 1],
    ]);
  });

  it('reads the tuples of a conntrack -L line without the TCP state', async () => {
    const { conntrackTuples } = await import('./lab');
    const line = 'tcp      6 119 TIME_WAIT src=10.244.1.10 dst=10.96.0.100 sport=40000 dport=80 src=10.244.1.11 dst=10.244.1.10 sport=8080 dport=40000 [ASSURED] mark=0 use=1';
    expect(conntrackTuples(line)).toBe('tcp src=10.244.1.10 dst=10.96.0.100 sport=40000 dport=80 => src=10.244.1.11 dst=10.244.1.10 sport=8080 dport=40000');
  });

  it("writes the engine's conntrack entries (the trace's structured rows) in the same form as the kernel's lines", async () => {
    const { conntrackTuples } = await import('./lab');
    const { engineTuples } = await import('./compare');
    const tcp = { id: 1, proto: 6, orig: { src: '10.244.1.10', dst: '10.96.0.100', sport: 40000, dport: 80 }, reply: { src: '10.244.1.11', dst: '10.244.1.10', sport: 8080, dport: 40000 }, tcp: 'ESTABLISHED', seenReply: true, assured: true, mark: 0 };
    expect(engineTuples(tcp)).toBe(conntrackTuples('tcp      6 119 TIME_WAIT src=10.244.1.10 dst=10.96.0.100 sport=40000 dport=80 src=10.244.1.11 dst=10.244.1.10 sport=8080 dport=40000 [ASSURED] mark=0 use=1'));
    const icmp = { id: 2, proto: 1, orig: { src: '10.0.0.1', dst: '10.0.0.2', sport: 7, dport: 7 }, reply: { src: '10.0.0.2', dst: '10.0.0.1', sport: 7, dport: 7 }, seenReply: true, assured: false, mark: 0 };
    expect(engineTuples(icmp)).toBe(conntrackTuples('icmp     1 29 src=10.0.0.1 dst=10.0.0.2 type=8 code=0 id=7 src=10.0.0.2 dst=10.0.0.1 type=0 code=0 id=7 mark=0 use=1'));
  });
});
