// Unit tests of the parity machinery's pure parts: comparing traces with kernel observations,
// reading kfree_skb lines, reading `ip route get` answers, the fuzz generator.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { worldSpecFor } from '../../src/scenario';
import { loadScenarioFile } from '../../src/scenario/node';
import { parseIpv4 } from '../../src/engine/addr/ipv4';
import type { Trace } from '../../src/engine/trace/types';
import { finalRows } from '../../src/engine/trace/state';
import { flow, lab } from '../testing';
import { parseCapture } from './capture';
import { compareDrops, compareFlow, compareRefusals, engineDevices, engineOutcome, engineRuleHits, engineTuples, kernelOutcome, sameMessage } from './compare';
import { packetText, parseFrame, portMask } from './frames';
import { kernelFnMatches, kernelFnsMarkdown, toleratedMarkdown } from './kernelFns';
import { listed, readNotCheckable } from './notCheckable';
import { generateConfig } from './fuzz-gen';
import { compareRoute, kernelScript, parseKernelOutput, worldSpecOf } from './fuzz-routing';
import { type FreedPacket, parseRecord, reasonNames } from './kfree';
import { type KernelObservation, normaliseError, type PlacedDrop } from './lab';
import { compareHops, engineHops, frameKind, type PlacedFrame, serverPorts } from './path';

/** The trace's conntrack rows as the kernel's conntrack -L would list them. */
function conntrackOf(t: Trace): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [ns, rows] of finalRows(t.state, 'conntrack')) if (rows.size) out.set(ns.replace('\u0000', '/'), [...rows.values()].flatMap((r) => (r.table === 'conntrack' ? [engineTuples(r.entry)] : [])));
  return out;
}

// two hosts on a switch, b listening on TCP 80
const w = lab({
  networks: ['lan'],
  machines: {
    a: { nics: ['eth0@lan'], script: 'ip addr add 192.168.50.1/24 dev eth0\nip link set eth0 up' },
    b: { nics: ['eth0@lan'], script: 'ip addr add 192.168.50.2/24 dev eth0\nip link set eth0 up\nsocat TCP-LISTEN:80,fork EXEC:cat &' },
  },
});
const tcp = w.trace(flow('a', '192.168.50.2:80', 'tcp'));
const closed = w.trace(flow('a', '192.168.50.2:81', 'tcp'));
const ping = w.trace(flow('a', '192.168.50.2', 'icmp'));

/** The kernel's account as it would be if the kernel did exactly what the trace says. */
function mirror(t: Trace): KernelObservation {
  const frames: PlacedFrame[] = [];
  let seq = 0;
  for (const hops of engineHops(t).values()) for (const h of hops) frames.push({ ...h, ts: BigInt(seq), seq: seq++ });
  const dev = engineDevices(t);
  const drops: PlacedDrop[] = t.legs.flatMap((l) =>
    l.events
      .filter((e) => e.code === 'drop')
      .map((e) => {
        const ip = e.packet.find((h) => h.layer === 'ipv4');
        const packet: FreedPacket = ip?.layer === 'ipv4' ? { kind: 'ipv4', src: ip.src, dst: ip.dst, protocol: ip.protocol } : { kind: 'arp', op: 1, senderIp: '', targetIp: '' };
        return { ts: 0n, netnsInode: 1, ifindex: 2, reason: (e.params as { reason: string }).reason, fn: e.fn, packet, ns: `${e.at.machine}/${e.at.netns}`, dev: e.at.dev };
      }),
  );
  const delivered = t.verdict === 'delivered';
  const output = t.outcome.code === 'refused' ? 'E connect(5, AF=2 192.168.50.2:81, 16): Connection refused' : delivered ? 'x' : '';
  return { delivered, output, tx: dev.tx, rx: dev.rx, drops, frames, ruleHits: engineRuleHits(t), conntrack: new Map() };
}

describe('compareFlow', () => {
  it('passes a kernel that did what the trace says, leg by leg and hop by hop', () => {
    for (const t of [tcp, closed, ping]) expect(compareFlow(t, { ...mirror(t), conntrack: conntrackOf(t) }).diffs).toEqual([]);
  });

  it("reports a packet that crossed a namespace's devices in another order, and a hop it never took", () => {
    const syn = engineHops(tcp).get('SYN')!;
    const ipHop = syn.find((h) => h.ns === 'a/' && frameKind(h.packet, serverPorts(tcp)) === 'SYN')!;
    const arpHop = syn.find((h) => h.ns === 'a/' && frameKind(h.packet, serverPorts(tcp)) === 'arp')!;
    // a router namespace the SYN crosses in by eth0 and out by eth1
    const routed = [{ ...ipHop, ns: 'r/', dev: 'eth0', dir: 'in' as const }, { ...ipHop, ns: 'r/', dev: 'eth1', dir: 'out' as const }];
    const engine = new Map([['SYN', [arpHop, ipHop, ...routed]]]);
    const mask = portMask(serverPorts(tcp), false);
    expect(compareHops(engine, new Map([['SYN', [arpHop, ipHop, ...[...routed].reverse()]]]), mask)).toEqual(['leg SYN at r: engine [eth0 in, eth1 out], kernel [eth1 out, eth0 in]']);
    // different packets interleaved otherwise (the ARP after the SYN) is the scheduler's, not a difference
    expect(compareHops(engine, new Map([['SYN', [ipHop, arpHop, ...routed]]]), mask)).toEqual([]);
    const k = mirror(tcp);
    const lost = k.frames.filter((f) => !(f.ns === 'b/' && frameKind(f.packet, serverPorts(tcp)) === 'SYN'));
    expect(compareFlow(tcp, { ...k, conntrack: conntrackOf(tcp), frames: lost }).diffs).toEqual(['leg SYN at b: engine [eth0 in], kernel []']);
  });

  it('compares the packet at each hop: MACs, addresses, TTL, ports and flags', () => {
    const k = mirror(tcp);
    const frames = k.frames.map((f) => (f.ns === 'b/' && f.dir === 'in' && frameKind(f.packet, serverPorts(tcp)) === 'SYN' ? { ...f, packet: f.packet.map((h) => (h.layer === 'ipv4' ? { ...h, ttl: 63 } : h)) } : f));
    const d = compareFlow(tcp, { ...k, conntrack: conntrackOf(tcp), frames }).diffs;
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(/^leg SYN at b:eth0 in: engine .*IP 192\.168\.50\.1>192\.168\.50\.2 proto 6 ttl 64 DF \| TCP \*>80 \[S\]; kernel .*ttl 63 DF \| TCP \*>80 \[S\]$/);
  });

  it('counts a retransmission once, and leaves out what follows the conversation', () => {
    const k = mirror(tcp);
    const again = k.frames.filter((f) => frameKind(f.packet, serverPorts(tcp)) === 'SYN').map((f, i) => ({ ...f, ts: 1000n + BigInt(i), seq: 1000 + i }));
    const fin = k.frames.filter((f) => frameKind(f.packet, serverPorts(tcp)) === 'data').map((f, i) => ({ ...f, ts: 2000n + BigInt(i), seq: 2000 + i, packet: f.packet.map((h) => (h.layer === 'tcp' ? { ...h, flags: ['FIN', 'ACK'] as typeof h.flags } : h)) }));
    expect(compareFlow(tcp, { ...k, conntrack: conntrackOf(tcp), frames: [...k.frames, ...again, ...fin] }).diffs).toEqual([]);
  });

  it('requires each drop the kernel can see, by reason, place, function and packet', () => {
    const k = mirror(closed);
    expect(k.drops.map((d) => `${d.reason} ${d.fn}`)).toEqual(['NO_SOCKET tcp_v4_rcv']);
    const elsewhere = k.drops.map((d) => ({ ...d, ns: 'a/' }));
    expect(compareDrops(closed, elsewhere)).toEqual([
      'drop (SYN): engine NO_SOCKET by tcp_v4_rcv at b:eth0 (IPv4 192.168.50.1 > 192.168.50.2 proto 6); kernel records there: none',
      'kernel drop not in the trace: NO_SOCKET by tcp_v4_rcv at a:eth0 (IPv4 192.168.50.1 > 192.168.50.2 proto 6)',
    ]);
    const otherFn = k.drops.map((d) => ({ ...d, fn: 'tcp_v4_do_rcv' }));
    expect(compareDrops(closed, otherFn)[0]).toMatch(/^drop \(SYN\): engine NO_SOCKET by tcp_v4_rcv at b:eth0 .*kernel records there: NO_SOCKET by tcp_v4_do_rcv at b:eth0/);
    // the same addresses are not the same packet: a RST freed there does not confirm the SYN's drop
    const asKernel = (tcpFlags: number) => k.drops.map((d) => ({ ...d, packet: { ...d.packet, sport: 40000, dport: 81, tcpFlags } as FreedPacket }));
    expect(compareDrops(closed, asKernel(0x02))).toEqual([]);
    expect(compareDrops(closed, asKernel(0x18 | 0x02))).toHaveLength(2);
    expect(compareDrops(closed, asKernel(0x04))[0]).toMatch(/^drop \(SYN\): engine NO_SOCKET by tcp_v4_rcv at b:eth0 .*kernel records there: NO_SOCKET by tcp_v4_rcv at b:eth0 .*flags 0x4\)$/);
    // the client's later segments (data, FIN) dying where its confirmed drop happened are that drop's
    const later = (tcpFlags: number) => ({ ...asKernel(0x02)[0], packet: { ...asKernel(0x02)[0].packet, tcpFlags } as FreedPacket });
    expect(compareDrops(closed, [...asKernel(0x02), later(0x18), later(0x11)])).toEqual([]);
    // but not a later SYN or RST, nor anything when the flow's own drop was not confirmed
    expect(compareDrops(closed, [...asKernel(0x02), later(0x04)])).toHaveLength(1);
    expect(compareDrops(closed, [later(0x18)])).toHaveLength(2);
    // NOT_SPECIFIED and NO_SOCKET are read like any other reason: an unexplained one fails
    const extra: PlacedDrop = { ...k.drops[0], reason: 'NOT_SPECIFIED', fn: 'ip_rcv_finish' };
    expect(compareDrops(closed, [...k.drops, extra])).toEqual(['kernel drop not in the trace: NOT_SPECIFIED by ip_rcv_finish at b:eth0 (IPv4 192.168.50.1 > 192.168.50.2 proto 6)']);
  });

  it('maps engine functions to the kernel symbols that free, and tolerates only the listed frees', () => {
    expect(kernelFnMatches('nf_hook_slow', 'nft_do_chain')).toBe(true);
    expect(kernelFnMatches('nf_hook_slow', 'ip_finish_output2')).toBe(false);
    expect(kernelFnMatches('neigh_invalidate', 'neigh_invalidate')).toBe(true);
    const reply: PlacedDrop = { ts: 0n, netnsInode: 1, ifindex: 2, reason: 'NO_SOCKET', fn: 'ping_rcv', ns: 'a/', dev: 'eth0', packet: { kind: 'ipv4', src: '192.168.50.2', dst: '192.168.50.1', protocol: 1, icmpType: 0 } };
    expect(compareDrops(ping, [reply])).toEqual([]);
    expect(compareDrops(ping, [{ ...reply, ns: 'b/' }])).toHaveLength(1);
    expect(compareDrops(ping, [{ ...reply, packet: { ...reply.packet, icmpType: 8 } as FreedPacket }])).toHaveLength(1);
  });

  it("compares the client's outcome exactly", () => {
    expect(engineOutcome(closed.outcome, 'tcp')).toBe('error: Connection refused');
    expect(kernelOutcome('tcp', false, '2026/12/02 socat[1] E connect(5, AF=2 10.0.0.2:81, 16): Connection refused')).toBe('error: Connection refused');
    expect(kernelOutcome('tcp', false, 'socat[1] E connecting to AF=2 10.0.0.2:80: Connection timed out')).toBe('timeout');
    expect(kernelOutcome('icmp', false, 'From 10.0.0.1 icmp_seq=1 Destination Host Unreachable')).toBe('error: No route to host; icmp 3/1');
    expect(engineOutcome({ code: 'icmp-error', message: 'No route to host', icmpCode: 1 }, 'icmp')).toBe('error: No route to host; icmp 3/1');
    expect(engineOutcome({ code: 'icmp-error', message: 'No route to host', icmpCode: 1 }, 'tcp')).toBe('error: No route to host');
    expect(kernelOutcome('icmp', false, 'ping: connect: Network is unreachable')).toBe(engineOutcome({ code: 'app-error', message: 'connect: Network is unreachable' }, 'icmp'));
    const k = { ...mirror(closed), conntrack: conntrackOf(closed), output: 'E connect(…): No route to host' };
    expect(compareFlow(closed, k).diffs).toEqual(['client outcome: engine "error: Connection refused" (Connection refused), kernel "error: No route to host" (the client printed "E connect(…): No route to host")']);
  });
});

describe('frames', () => {
  const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
  // eth | IPv4 192.168.3.10 > 192.168.3.11 UDP 38840 > 4789 | VXLAN vni 100 | eth | IPv4 10.0.0.1 > 10.0.0.2 ttl 63 DF TCP 55416 > 80 [S]
  const frame = hex(`1a6d48877a7e 0e8753d732e5 0800
    4500004e48c000004011 0000 c0a8030a c0a8030b  97b812b5003a0000  0800000000006400
    02000000 0b01 02000000 0a01 0800
    4500003c2cac40003f06 0000 0a000001 0a000002  d8780050 7b8a1e0b 00000000 a002fd5c 14310000`);
  it('parses a VXLAN frame into the views the trace uses, outer first', () => {
    const p = parseFrame(frame, new Set([4789]));
    expect(p.map((h) => h.layer)).toEqual(['eth', 'ipv4', 'udp', 'vxlan', 'eth', 'ipv4', 'tcp']);
    expect(packetText(p, portMask(new Set([80]), false))).toBe(
      '0e:87:53:d7:32:e5>1a:6d:48:87:7a:7e | IP 192.168.3.10>192.168.3.11 proto 17 ttl 64 | UDP *>4789 | VXLAN vni 100 | 02:00:00:00:0a:01>02:00:00:00:0b:01 | IP 10.0.0.1>10.0.0.2 proto 6 ttl 63 DF | TCP *>80 [S]',
    );
    expect(frameKind(p, new Set([80]))).toBe('SYN');
  });

  it('reads capture.py lines', () => {
    expect(parseCapture('ready\n17 3 pp1x0-a eth0 4 0102\nend\n')).toEqual([{ ts: 17n, seq: 3, ns: 'pp1x0-a', dev: 'eth0', dir: 'out', bytes: Uint8Array.from([1, 2]) }]);
  });
});

describe('kfree records', () => {
  it('reads a record of the bpftrace program: namespace, device, reason, function, packet', () => {
    const reasons = reasonNames('print fmt: "…", __print_symbolic(REC->reason, { 2, "NOT_SPECIFIED" }, { 3, "NO_SOCKET" })');
    // IPv4 192.168.50.1 > 192.168.50.2 TCP 40000 > 81 SYN: the network header as bpftrace prints it, five little-endian u64 words
    const bytes = Buffer.from('450000340000400040060000c0a83201c0a832029c4000510000000100000000a0020000', 'hex');
    const padded = Buffer.concat([bytes, Buffer.alloc(40 - bytes.length)]);
    const words = [0, 8, 16, 24, 32].map((o) => padded.readBigUInt64LE(o).toString(16));
    const r = parseRecord(`K 123 4026532300 2 3 2048 tcp_v4_rcv ${words.join(' ')}`, reasons)!;
    expect(r).toMatchObject({ ts: 123n, netnsInode: 4026532300, ifindex: 2, reason: 'NO_SOCKET', fn: 'tcp_v4_rcv' });
    expect(r.packet).toEqual({ kind: 'ipv4', src: '192.168.50.1', dst: '192.168.50.2', protocol: 6, sport: 40000, dport: 81, tcpFlags: 2 });
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

describe('not-checkable.yaml', () => {
  const { entries, problems } = readNotCheckable();
  const cases: string[] = [];
  const vpc: string[] = [];
  for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.yaml'))) {
    const l = loadScenarioFile(`scenarios/${f}`);
    if (!l.ok) continue;
    for (const v of [undefined, ...l.scenario.variants.map((x) => x.id)]) {
      const names = l.scenario.flows.map((fl) => `${l.scenario.id}/${v ?? 'base'}/${fl.id}`);
      cases.push(...names);
      if (worldSpecFor(l.scenario, v).networks.some((n) => n.kind === 'vpc')) vpc.push(...names);
    }
  }
  it('gives every entry a case and a reason, and lists no case twice', () => {
    expect(problems).toEqual([]);
    expect(entries.length).toBeGreaterThan(0);
  });
  it('names only cases that exist', () => {
    expect(entries.filter((e) => !cases.some((c) => listed([e], c))).map((e) => e.case)).toEqual([]);
  });
  it('lists every case on a vpc network (no kernel has its fabric)', () => {
    expect(vpc.filter((c) => !listed(entries, c))).toEqual([]);
  });
});

describe('test/parity/README.md', () => {
  const readme = readFileSync('test/parity/README.md', 'utf8');
  it('prints the table of engine functions and kernel symbols as kernelFns.ts has it', () => {
    expect(readme).toContain(kernelFnsMarkdown());
  });
  it('prints the tolerated frees as kernelFns.ts has them', () => {
    expect(readme).toContain(toleratedMarkdown());
  });
});
