// The vpc fabric's rule matching on header stacks, without a world: security-group rules
// (protocols by name and number, port ranges, peer CIDRs, tracking), the route table's
// longest-prefix choice, and ENI address entries.
import { describe, expect, it } from 'vitest';
import { parseIpv4, parsePrefix } from '../../src/engine/addr/ipv4';
import type { SecurityGroupSpec, SgRule } from '../../src/engine/config/world';
import { parseEniAddress, routerAddress, type Eni, type VpcSpec } from '../../src/engine/fabric/vpcEni';
import { vpcRouteLookup, vpcRouteMatch } from '../../src/engine/fabric/vpcRoute';
import { flowKey, formatSgRule, ruleAllows, sgCheck, sgPacket, type SgPacket } from '../../src/engine/fabric/vpcSecurityGroup';
import type { Device } from '../../src/engine/kernel/dev/device';
import { Lab } from '../../src/engine/kernel/lab';
import { IPPROTO_IPIP, type Headers } from '../../src/engine/packet/headers';
import { Recorder } from '../../src/engine/trace/recorder';
import { WalkContext } from '../../src/engine/walk/context';

const ip = (text: string) => parseIpv4(text)!;
const P = (text: string) => parsePrefix(text, true)!;

const tcp = (src: string, dst: string, dport: number, sport = 40000): Headers => [
  { layer: 'eth', src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02', type: 0x0800 },
  { layer: 'ipv4', src: ip(src), dst: ip(dst), ttl: 64, protocol: 6, length: 40, df: true },
  { layer: 'tcp', sport, dport, flags: ['SYN'], seq: 1, ack: 0, payload: 0 },
];

/** What an ipip tunnel puts on the wire between two nodes: outer IPv4 protocol 4 around the pods' packet. */
const ipip = (src: string, dst: string): Headers => [
  { layer: 'eth', src: '02:00:00:00:00:01', dst: '02:00:00:00:00:02', type: 0x0800 },
  { layer: 'ipv4', src: ip(src), dst: ip(dst), ttl: 64, protocol: IPPROTO_IPIP, length: 60, df: false },
  { layer: 'ipv4', src: ip('10.244.1.3'), dst: ip('10.244.2.3'), ttl: 63, protocol: 6, length: 40, df: true },
  { layer: 'tcp', sport: 40000, dport: 8080, flags: ['SYN'], seq: 1, ack: 0, payload: 0 },
];

const pkt = (headers: Headers): SgPacket => sgPacket(headers)!;

const rule = (proto: SgRule['proto'], cidr: string, ports?: [number, number]): SgRule => ({ proto, cidr: P(cidr), ...(ports ? { ports: { from: ports[0], to: ports[1] } } : {}) });

describe('security group rules', () => {
  it.each([
    ['tcp allows tcp', rule('tcp', '0.0.0.0/0'), tcp('10.0.1.10', '10.0.2.20', 80), true],
    ['udp does not allow tcp', rule('udp', '0.0.0.0/0'), tcp('10.0.1.10', '10.0.2.20', 80), false],
    ['all allows anything', rule('all', '0.0.0.0/0'), ipip('10.0.1.10', '10.0.2.20'), true],
    ['tcp does not allow IP-in-IP, though the inner packet is tcp', rule('tcp', '0.0.0.0/0'), ipip('10.0.1.10', '10.0.2.20'), false],
    ['icmp does not allow IP-in-IP', rule('icmp', '0.0.0.0/0'), ipip('10.0.1.10', '10.0.2.20'), false],
    ['protocol 4 allows IP-in-IP', rule(4, '10.0.0.0/16'), ipip('10.0.1.10', '10.0.2.20'), true],
    ['protocol 6 allows tcp', rule(6, '0.0.0.0/0'), tcp('10.0.1.10', '10.0.2.20', 80), true],
    ['a port range holds its first port', rule('tcp', '0.0.0.0/0', [30000, 32767]), tcp('10.0.1.10', '10.0.2.20', 30000), true],
    ['a port range holds its last port', rule('tcp', '0.0.0.0/0', [30000, 32767]), tcp('10.0.1.10', '10.0.2.20', 32767), true],
    ['a port range does not hold the port before it', rule('tcp', '0.0.0.0/0', [30000, 32767]), tcp('10.0.1.10', '10.0.2.20', 29999), false],
    ['a port range does not hold the port after it', rule('tcp', '0.0.0.0/0', [30000, 32767]), tcp('10.0.1.10', '10.0.2.20', 32768), false],
    ['ports are destination ports, not source ports', rule('tcp', '0.0.0.0/0', [8080, 8080]), tcp('10.0.1.10', '10.0.2.20', 40000, 8080), false],
    ['the ingress peer is the source', rule('all', '10.0.1.0/24'), tcp('10.0.1.10', '10.0.2.20', 80), true],
    ['a source outside the CIDR is not allowed', rule('all', '10.0.3.0/24'), tcp('10.0.1.10', '10.0.2.20', 80), false],
  ] as const)('ingress: %s', (_, r, headers, allowed) => {
    expect(ruleAllows(r, 'ingress', pkt(headers))).toBe(allowed);
  });

  it('matches the destination against an egress rule', () => {
    expect(ruleAllows(rule('all', '10.0.2.0/24'), 'egress', pkt(tcp('10.0.1.10', '10.0.2.20', 80)))).toBe(true);
    expect(ruleAllows(rule('all', '10.0.1.0/24'), 'egress', pkt(tcp('10.0.1.10', '10.0.2.20', 80)))).toBe(false);
  });

  it('prints rules as the inspector shows them', () => {
    expect(formatSgRule('nodes', 'ingress', rule('tcp', '0.0.0.0/0', [30000, 32767]))).toBe('sg nodes ingress tcp 30000-32767 from 0.0.0.0/0');
    expect(formatSgRule('nodes', 'ingress', rule('udp', '10.0.0.0/16', [53, 53]))).toBe('sg nodes ingress udp 53 from 10.0.0.0/16');
    expect(formatSgRule('nodes', 'egress', rule(4, '10.0.0.0/16'))).toBe('sg nodes egress 4 to 10.0.0.0/16');
    expect(formatSgRule('nodes', 'egress', rule('all', '0.0.0.0/0'))).toBe('sg nodes egress all to 0.0.0.0/0');
  });

  it('keys connections by protocol, addresses and ports (ICMP echo by id; others by addresses)', () => {
    expect(flowKey(pkt(tcp('10.0.1.10', '10.0.2.20', 80)))).toBe('tcp 10.0.1.10:40000 > 10.0.2.20:80');
    expect(flowKey(pkt(ipip('10.0.1.10', '10.0.2.20')))).toBe('4 (ipip) 10.0.1.10 > 10.0.2.20');
  });
});

describe('sgCheck on one ENI', () => {
  const ctx = () => new WalkContext(new Lab(), new Recorder());
  const dev = { name: 'eth0' } as Device;
  const withGroups = (...groups: SecurityGroupSpec[]): Eni => ({ dev, id: 'node2/eth0', addresses: [P('10.0.2.20/32')], sourceDestCheck: true, groups });
  const nodes = (stateful: boolean): SecurityGroupSpec => ({
    name: 'nodes',
    stateful,
    ingress: [rule('tcp', '10.0.0.0/16'), rule('udp', '10.0.0.0/16'), rule('icmp', '10.0.0.0/16')],
    egress: [],
  });

  it('denies IP-in-IP between nodes when the group allows only tcp, udp and icmp', () => {
    const v = sgCheck(ctx(), withGroups(nodes(true)), 'ingress', pkt(ipip('10.0.1.10', '10.0.2.20')));
    expect(v.allow).toBe(false);
    expect(v.matched).toBe('sg nodes ingress: no rule allows 4 (ipip) from 10.0.1.10');
  });

  it('allows it once the group allows all protocols within the node group', () => {
    const fixed: SecurityGroupSpec = { ...nodes(true), ingress: [rule('all', '10.0.0.0/16')] };
    expect(sgCheck(ctx(), withGroups(fixed), 'ingress', pkt(ipip('10.0.1.10', '10.0.2.20'))).matched).toBe('sg nodes ingress all from 10.0.0.0/16');
  });

  it('records what a stateful group allowed, and lets the reverse direction out', () => {
    const c = ctx();
    const eni = withGroups(nodes(true));
    expect(sgCheck(c, eni, 'ingress', pkt(tcp('10.0.1.10', '10.0.2.20', 80))).allow).toBe(true);
    const reply = sgCheck(c, eni, 'egress', pkt(tcp('10.0.2.20', '10.0.1.10', 40000, 80)));
    expect(reply).toMatchObject({ allow: true, matched: 'sg nodes tracked tcp 10.0.1.10:40000 > 10.0.2.20:80 on node2/eth0' });
    // another connection is not tracked: the egress rules (none) decide
    expect(sgCheck(c, eni, 'egress', pkt(tcp('10.0.2.20', '10.0.1.10', 40001, 80))).allow).toBe(false);
  });

  it('records nothing for a stateless group', () => {
    const c = ctx();
    const eni = withGroups(nodes(false));
    expect(sgCheck(c, eni, 'ingress', pkt(tcp('10.0.1.10', '10.0.2.20', 80))).allow).toBe(true);
    expect(sgCheck(c, eni, 'egress', pkt(tcp('10.0.2.20', '10.0.1.10', 40000, 80))).allow).toBe(false);
  });

  it('keeps the record on the ENI that saw the connection', () => {
    const c = ctx();
    const other: Eni = { ...withGroups(nodes(true)), dev: { name: 'eth1' } as Device, id: 'node2/eth1' };
    sgCheck(c, withGroups(nodes(true)), 'ingress', pkt(tcp('10.0.1.10', '10.0.2.20', 80)));
    expect(sgCheck(c, other, 'egress', pkt(tcp('10.0.2.20', '10.0.1.10', 40000, 80))).allow).toBe(false);
  });
});

describe('the VPC route table', () => {
  const vpc = (routes: [string, string][]): VpcSpec => ({
    name: 'vpc',
    kind: 'vpc',
    cidr: P('10.0.0.0/16'),
    routes: routes.map(([dst, via]) => ({ dst: P(dst), via: { machine: via.split('/')[0], nic: via.split('/')[1] } })),
    securityGroups: [],
  });
  const fmt = (m: ReturnType<typeof vpcRouteMatch>) => (m === 'local' || m === undefined ? m : `${m.via.machine}/${m.via.nic}`);

  it.each([
    ['10.244.2.3', 'b/eth0'],
    ['10.244.1.3', 'c/eth0'],
    ['10.0.5.5', 'local'],
    ['10.0.9.9', 'd/eth0'],
    ['192.168.1.1', 'e/eth0'],
  ])('sends %s to %s (longest prefix; a route more specific than local wins)', (addr, want) => {
    const table = vpc([['10.244.0.0/16', 'c/eth0'], ['10.244.2.0/24', 'b/eth0'], ['10.0.9.0/24', 'd/eth0'], ['0.0.0.0/0', 'e/eth0']]);
    expect(fmt(vpcRouteMatch(table, ip(addr)))).toBe(want);
  });

  it('has no route outside the CIDR without routes', () => {
    expect(vpcRouteMatch(vpc([]), ip('192.168.1.1'))).toBeUndefined();
  });

  it("prefers the ENI holding an address to any route, and the ENI's most specific entry", () => {
    const dev = {} as Device;
    const a: Eni = { dev, id: 'a/eth0', addresses: [P('10.244.0.0/16')], sourceDestCheck: true, groups: [] };
    const b: Eni = { dev, id: 'b/eth0', addresses: [P('10.244.2.0/24')], sourceDestCheck: true, groups: [] };
    const r = vpcRouteLookup(vpc([['10.244.2.0/24', 'c/eth0']]), [a, b], ip('10.244.2.3'));
    expect(r).toMatchObject({ ok: true, matched: 'b/eth0 address 10.244.2.0/24' });
  });

  it('has its router on the first address of the CIDR', () => {
    expect(routerAddress(vpc([]))).toBe(ip('10.0.0.1'));
  });
});

describe('ENI address entries', () => {
  it.each([
    ['10.0.1.5', { addr: ip('10.0.1.5'), len: 32 }],
    ['10.0.1.16/28', { addr: ip('10.0.1.16'), len: 28 }],
    ['10.0.1.17/28', undefined],
    ['10.0.1', undefined],
  ])('parses %s', (text, want) => {
    expect(parseEniAddress(text)).toEqual(want);
  });
});
