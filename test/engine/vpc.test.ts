// The vpc fabric's rules, one by one, on small worlds: ARP answered by the fabric, forwarding
// by ENI address and route table, source/dest check on both sides, security groups in both
// directions with and without connection tracking. (No kernel to compare with: DESIGN §8.)
import { describe, expect, it } from 'vitest';
import { parsePrefix } from '../../src/engine/addr/ipv4';
import type { NetworkSpec, NicSpec, SecurityGroupSpec, SgRule, VpcRouteSpec } from '../../src/engine/config/world';
import type { TraceEvent } from '../../src/engine/trace/types';
import { reasonText } from '../../src/i18n/trace';
import { expectTrace, flow, lab, routedPod, text, matched, kindOf } from '../testing';

const P = (text: string) => parsePrefix(text, true)!;

type Vpc = Extract<NetworkSpec, { kind: 'vpc' }>;

const vpc = (over: Partial<Vpc> = {}): Vpc => ({ name: 'vpc', kind: 'vpc', cidr: P('10.0.0.0/16'), routes: [], securityGroups: [], ...over });

const route = (dst: string, via: string): VpcRouteSpec => {
  const [machine, nic] = via.split('/');
  return { dst: P(dst), via: { machine, nic } };
};

/** `tcp 8080 10.0.0.0/16`, `all 0.0.0.0/0`, `4 10.0.0.0/16`, `tcp 30000-32767 0.0.0.0/0` */
const rule = (text: string): SgRule => {
  const words = text.split(' ');
  const proto = /^\d+$/.test(words[0]) ? Number(words[0]) : (words[0] as SgRule['proto']);
  const cidr = P(words[words.length - 1]);
  if (words.length === 2) return { proto, cidr };
  const [from, to = from] = words[1].split('-').map(Number);
  return { proto, ports: { from, to }, cidr };
};

const group = (name: string, ingress: string[], egress: string[] = ['all 0.0.0.0/0'], stateful = true): SecurityGroupSpec => ({
  name,
  stateful,
  ingress: ingress.map(rule),
  egress: egress.map(rule),
});

const eni = (over: Partial<NicSpec> = {}): NicSpec => ({ name: 'eth0', network: 'vpc', ...over });

/** A VM on the VPC: its address on eth0, default route via the VPC router, a server on 8080 (TCP and UDP). */
const vm = (addr: string, extra = '') => `
ip addr add ${addr}/16 dev eth0
ip link set eth0 up
ip route add default via 10.0.0.1
nc -lk 8080 &
nc -lku 8080 &
${extra}
`;

function twoVms(opts: { net?: Partial<Vpc>; a?: Partial<NicSpec>; b?: Partial<NicSpec>; aScript?: string; bScript?: string } = {}) {
  return lab({
    networks: [vpc(opts.net)],
    machines: {
      a: { nics: [eni(opts.a)], script: vm('10.0.1.10', opts.aScript) },
      b: { nics: [eni(opts.b)], script: vm('10.0.2.20', opts.bScript) },
    },
  });
}

const events = (trace: { legs: readonly { events: readonly TraceEvent[] }[] }) => trace.legs.flatMap((l) => l.events);
/** the fabric's decisions at `step` (without the drop event that may follow one) */
const steps = (trace: Parameters<typeof events>[0], step: string) => events(trace).filter((e) => e.fn === step && e.code !== 'drop');

describe('vpc: ARP is answered by the fabric', () => {
  it("answers a request for an ENI's address with that ENI's MAC, and no machine sees the request", () => {
    const w = twoVms({ aScript: 'ip route add 10.0.2.0/24 dev eth0' });
    const trace = w.trace(flow('a', '10.0.2.20:8080'));
    expectTrace(trace).toBeDelivered();
    const bMac = w.devices().find((d) => d.machine === 'b' && d.name === 'eth0')!.mac;
    const answer = steps(trace, 'vpc_arp').find((e) => kindOf(e) === 'fabric');
    expect(answer?.at).toEqual({ machine: 'vpc', netns: '' });
    expect(matched(answer)).toBe('b/eth0 address 10.0.2.20');
    const reply = steps(trace, 'vpc_arp').find((e) => kindOf(e) === 'arp')!;
    expect(reply.packet[1]).toMatchObject({ layer: 'arp', op: 'reply', senderMac: bMac });
    expect(events(trace).some((e) => e.fn === 'arp_process' && e.at.machine === 'b' && e.code === 'arp.local')).toBe(false);
    expect(w.show('a', '', 'neigh')).toBe('');
  });

  it("answers for the VPC router's address (the CIDR's first host) with the router's MAC", () => {
    const trace = twoVms({ aScript: 'ip route add 10.0.2.0/24 via 10.0.0.1' }).trace(flow('a', '10.0.2.20:8080'));
    expectTrace(trace).toBeDelivered();
    const answers = steps(trace, 'vpc_arp').filter((e) => kindOf(e) === 'fabric');
    expect(matched(answers[0])).toBe('router 10.0.0.1');
  });

  it('answers for an address a VPC route covers with the MAC of the route\'s ENI', () => {
    const w = twoVms({ net: { routes: [route('10.244.2.0/24', 'b/eth0')] }, aScript: 'ip route add 10.244.2.0/24 dev eth0', b: { sourceDestCheck: false } });
    const trace = w.trace(flow('a', '10.244.2.3:8080'));
    const answer = steps(trace, 'vpc_arp').find((e) => kindOf(e) === 'fabric');
    expect(matched(answer)).toBe('route 10.244.2.0/24 via b/eth0');
  });

  it('leaves a request for an address nobody has unanswered: NEIGH_FAILED at the sender', () => {
    const trace = twoVms({ aScript: 'ip route add 10.0.9.0/24 dev eth0' }).trace(flow('a', '10.0.9.9:8080'));
    expectTrace(trace).toDrop('NEIGH_FAILED', 'a');
    expect(text(steps(trace, 'vpc_arp')[0])).toContain('nobody answers');
  });
});

describe('vpc: forwarding by IP', () => {
  it('delivers to the ENI holding the destination, rewriting the frame to sender MAC → receiver MAC', () => {
    const w = twoVms({ aScript: 'ip route add 10.0.2.0/24 via 10.0.0.1' });
    const trace = w.trace(flow('a', '10.0.2.20:8080'));
    expectTrace(trace).toBeDelivered().toHaveLegs('SYN', 'SYN-ACK', 'ACK', 'data');
    const mac = (m: string) => w.devices().find((d) => d.machine === m && d.name === 'eth0')!.mac;
    const deliver = steps(trace, 'vpc_deliver')[0];
    expect(deliver.packet[0]).toMatchObject({ src: mac('a'), dst: mac('b') });
    // a addressed the frame to the router (its default gateway); the fabric rewrote it
    expect(deliver.changes).toEqual([{ op: 'set', index: 0, layer: 'eth', field: 'dst', from: expect.any(String), to: mac('b') }]);
    expect(matched(steps(trace, 'vpc_route')[0])).toBe('b/eth0 address 10.0.2.20');
  });

  it('uses the route table, longest prefix first', () => {
    const w = lab({
      networks: [vpc({ routes: [route('10.244.0.0/16', 'c/eth0'), route('10.244.2.0/24', 'b/eth0')] })],
      machines: {
        a: { nics: [eni()], script: vm('10.0.1.10') },
        b: { nics: [eni({ sourceDestCheck: false })], script: vm('10.0.2.20', `sysctl -w net.ipv4.ip_forward=1\n${routedPod('pod', '10.244.2.3')}`) },
        c: { nics: [eni({ sourceDestCheck: false })], script: vm('10.0.3.30', `sysctl -w net.ipv4.ip_forward=1\n${routedPod('pod', '10.244.1.3')}`) },
      },
    });
    const toB = w.trace(flow('a', '10.244.2.3:8080'));
    expectTrace(toB).toBeDelivered().toVisit('ip_forward', 'b');
    expect(matched(steps(toB, 'vpc_route')[0])).toBe('route 10.244.2.0/24 via b/eth0');
    const toC = w.trace(flow('a', '10.244.1.3:8080'));
    expectTrace(toC).toBeDelivered().toVisit('ip_forward', 'c');
    expect(matched(steps(toC, 'vpc_route')[0])).toBe('route 10.244.0.0/16 via c/eth0');
  });

  it('drops with VPC_NO_ROUTE what no ENI holds and no route covers', () => {
    const trace = twoVms().trace(flow('a', '192.168.5.5:8080'));
    expectTrace(trace).toDrop('VPC_NO_ROUTE', 'vpc');
    expect(matched(steps(trace, 'vpc_route')[0])).toBeUndefined();
    expect(reasonText(trace.legs[0].drop!.reason, 'en').explain).toContain('VPC route table');
  });

  it('drops with VPC_NO_ROUTE an address of the VPC that no ENI holds (the local route)', () => {
    const trace = twoVms().trace(flow('a', '10.0.9.9:8080'));
    // a's own /16 route makes it ARP for 10.0.9.9 directly: nobody answers
    expectTrace(trace).toDrop('NEIGH_FAILED', 'a');
    const viaRouter = twoVms({ aScript: 'ip route add 10.0.9.0/24 via 10.0.0.1' }).trace(flow('a', '10.0.9.9:8080'));
    expectTrace(viaRouter).toDrop('VPC_NO_ROUTE', 'vpc');
    expect(matched(steps(viaRouter, 'vpc_route')[0])).toBe('local 10.0.0.0/16');
  });

  it('treats a route whose ENI is not on the VPC as a blackhole', () => {
    const trace = twoVms({ net: { routes: [route('10.244.0.0/16', 'gone/eth0')] } }).trace(flow('a', '10.244.2.3:8080'));
    expectTrace(trace).toDrop('VPC_NO_ROUTE', 'vpc');
    expect(text(steps(trace, 'vpc_route')[0])).toContain('blackhole');
  });
});

describe('vpc: source/dest check', () => {
  // a forwards its pod's packets under the pod's address (host-gw style); b holds the other pod
  const hostGw = (a: Partial<NicSpec>, b: Partial<NicSpec>, routes = [route('10.244.1.0/24', 'a/eth0'), route('10.244.2.0/24', 'b/eth0')]) =>
    lab({
      networks: [vpc({ routes })],
      machines: {
        a: { nics: [eni(a)], script: vm('10.0.1.10', `sysctl -w net.ipv4.ip_forward=1\n${routedPod('pod', '10.244.1.3')}`) },
        b: { nics: [eni(b)], script: vm('10.0.2.20', `sysctl -w net.ipv4.ip_forward=1\n${routedPod('pod', '10.244.2.3')}`) },
      },
    });

  it("drops a packet whose source is not the sender ENI's address", () => {
    const trace = hostGw({}, { sourceDestCheck: false }).trace(flow('a/pod', '10.244.2.3:8080'));
    expectTrace(trace).toDrop('SOURCE_DEST_CHECK', 'vpc');
    const check = steps(trace, 'vpc_source_dest_check')[0];
    expect(text(check)).toBe('source/dest check on a/eth0: source 10.244.1.3 is not one of its addresses');
    expect(matched(check)).toBe('a/eth0 addresses 10.0.1.10 sourceDestCheck on');
  });

  it("drops a packet whose destination is not the receiving ENI's address", () => {
    const trace = hostGw({ sourceDestCheck: false }, {}).trace(flow('a/pod', '10.244.2.3:8080'));
    expectTrace(trace).toDrop('SOURCE_DEST_CHECK', 'vpc');
    expect(steps(trace, 'vpc_source_dest_check').map((e) => text(e))).toEqual([
      'source/dest check is off on a/eth0: source 10.244.1.3 is not checked',
      'source/dest check on b/eth0: destination 10.244.2.3 is not one of its addresses',
    ]);
  });

  it('lets forwarded traffic through both ways when the check is off on both ENIs', () => {
    expectTrace(hostGw({ sourceDestCheck: false }, { sourceDestCheck: false }).trace(flow('a/pod', '10.244.2.3:8080')))
      .toBeDelivered()
      .toHaveLegs('SYN', 'SYN-ACK', 'ACK', 'data');
  });

  it('passes with the check on when the pod subnets are delegated to the ENIs (no routes needed)', () => {
    const w = hostGw({ addresses: ['10.0.1.10', '10.244.1.0/24'] }, { addresses: ['10.0.2.20', '10.244.2.0/24'] }, []);
    const trace = w.trace(flow('a/pod', '10.244.2.3:8080'));
    expectTrace(trace).toBeDelivered();
    expect(text(steps(trace, 'vpc_source_dest_check')[0])).toBe('source/dest check on a/eth0: source 10.244.1.3 is its own (10.244.1.0/24)');
    expect(matched(steps(trace, 'vpc_route')[0])).toBe('b/eth0 address 10.244.2.0/24');
  });

  it("checks the ENI's declared addresses, not the ones the machine configured", () => {
    const trace = twoVms({ a: { addresses: ['10.0.1.11'] } }).trace(flow('a', '10.0.2.20:8080'));
    expectTrace(trace).toDrop('SOURCE_DEST_CHECK', 'vpc');
  });
});

describe('vpc: security groups', () => {
  const web = group('web', ['tcp 8080 10.0.0.0/16']);

  it('lets in what an ingress rule allows, naming the rule', () => {
    const trace = twoVms({ net: { securityGroups: [web] }, b: { securityGroups: ['web'] } }).trace(flow('a', '10.0.2.20:8080'));
    expectTrace(trace).toBeDelivered();
    expect(matched(steps(trace, 'vpc_sg_ingress')[0])).toBe('sg web ingress tcp 8080 from 10.0.0.0/16');
  });

  it('drops at ingress what no rule allows: another port, another protocol, another source', () => {
    const net = { securityGroups: [web, group('narrow', ['tcp 8080 10.0.1.11/32'])] };
    const w = twoVms({ net, b: { securityGroups: ['web'] } });
    const port = w.trace(flow('a', '10.0.2.20:9090'));
    expectTrace(port).toDrop('SECURITY_GROUP_DENY', 'vpc');
    expect(port.legs[0].drop?.at).toEqual({ machine: 'vpc', netns: '' });
    expect(matched(steps(port, 'vpc_sg_ingress')[0])).toBe('sg web ingress: no rule allows tcp port 9090 from 10.0.1.10');
    expectTrace(w.trace(flow('a', '10.0.2.20', 'icmp'))).toDrop('SECURITY_GROUP_DENY', 'vpc');
    expectTrace(w.trace(flow('a', '10.0.2.20:8080', 'udp'))).toDrop('SECURITY_GROUP_DENY', 'vpc');
    const other = twoVms({ net, b: { securityGroups: ['narrow'] } }).trace(flow('a', '10.0.2.20:8080'));
    expectTrace(other).toDrop('SECURITY_GROUP_DENY', 'vpc');
  });

  it('allows a packet when any rule of any attached group allows it', () => {
    const net = { securityGroups: [web, group('ping', ['icmp 10.0.0.0/16'])] };
    const trace = twoVms({ net, b: { securityGroups: ['web', 'ping'] } }).trace(flow('a', '10.0.2.20', 'icmp'));
    expectTrace(trace).toBeDelivered();
    expect(matched(steps(trace, 'vpc_sg_ingress')[0])).toBe('sg ping ingress icmp from 10.0.0.0/16');
  });

  it('drops at egress what no egress rule of the sender allows', () => {
    const net = { securityGroups: [group('https-only', [], ['tcp 443 0.0.0.0/0'])] };
    const trace = twoVms({ net, a: { securityGroups: ['https-only'] } }).trace(flow('a', '10.0.2.20:8080'));
    expectTrace(trace).toDrop('SECURITY_GROUP_DENY', 'vpc').notToVisit('vpc_route');
    expect(matched(steps(trace, 'vpc_sg_egress')[0])).toBe('sg https-only egress: no rule allows tcp port 8080 to 10.0.2.20');
  });

  it('checks egress before the source/dest check', () => {
    const net = { securityGroups: [group('none', [], [])] };
    const trace = twoVms({ net, a: { securityGroups: ['none'], addresses: ['10.0.1.99'] } }).trace(flow('a', '10.0.2.20:8080'));
    expectTrace(trace).toDrop('SECURITY_GROUP_DENY', 'vpc').notToVisit('vpc_source_dest_check');
  });

  it('does not filter an ENI without groups', () => {
    const trace = twoVms().trace(flow('a', '10.0.2.20:8080'));
    expect(text(steps(trace, 'vpc_sg_egress')[0])).toBe('ENI a/eth0 has no security group: not filtered');
  });

  describe('connection tracking', () => {
    // b lets 8080 in and nothing out; a lets nothing in and everything out
    const locked = (stateful: boolean) =>
      twoVms({
        net: { securityGroups: [group('server', ['tcp 8080 10.0.0.0/16', 'udp 8080 10.0.0.0/16', 'udp 9999 10.0.0.0/16'], [], stateful), group('client', [], ['all 0.0.0.0/0'], stateful)] },
        a: { securityGroups: ['client'] },
        b: { securityGroups: ['server'] },
      });

    it('lets the replies of a connection a stateful group allowed pass, both ways, on both ENIs', () => {
      const trace = locked(true).trace(flow('a', '10.0.2.20:8080'));
      expectTrace(trace).toBeDelivered().toHaveLegs('SYN', 'SYN-ACK', 'ACK', 'data');
      const synAck = trace.legs[1].events;
      const out = synAck.find((e) => e.fn === 'vpc_sg_egress')!;
      expect(matched(out)).toMatch(/^sg server tracked tcp 10\.0\.1\.10:\d+ > 10\.0\.2\.20:8080 on b\/eth0$/);
      expect(matched(synAck.find((e) => e.fn === 'vpc_sg_ingress'))).toMatch(/^sg client tracked tcp 10\.0\.1\.10:\d+ > 10\.0\.2\.20:8080 on a\/eth0$/);
      expectTrace(locked(true).trace(flow('a', '10.0.2.20:8080', 'udp'))).toBeDelivered();
    });

    it('drops the replies when the groups are stateless and no rule allows them', () => {
      const trace = locked(false).trace(flow('a', '10.0.2.20:8080'));
      expectTrace(trace).toDrop('SECURITY_GROUP_DENY', 'vpc').toHaveLegs('SYN', 'SYN-ACK');
      expect(trace.legs[1].drop?.reason).toBe('SECURITY_GROUP_DENY');
      expect(matched(steps(trace, 'vpc_sg_ingress')[0])).toBe('sg server ingress tcp 8080 from 10.0.0.0/16');
    });

    it('lets an ICMP error about a tracked connection pass (related)', () => {
      const trace = locked(true).trace(flow('a', '10.0.2.20:9999', 'udp'));
      expectTrace(trace).toHaveLegs('request', 'icmp-error');
      expect(trace.legs[1].verdict).toBe('delivered');
      expect(matched(trace.legs[1].events.find((e) => e.fn === 'vpc_sg_egress'))).toContain('(related ICMP error)');
    });

    it('tracks per ENI: a reply leaving by another ENI has no record', () => {
      // b has a second ENI eth1 with the same stateful group; its replies to a leave by eth1
      const w = lab({
        networks: [vpc({ securityGroups: [group('server', ['tcp 8080 10.0.0.0/16'], [])] })],
        machines: {
          a: { nics: [eni()], script: vm('10.0.1.10') },
          b: {
            nics: [eni({ securityGroups: ['server'] }), eni({ name: 'eth1', securityGroups: ['server'] })],
            script: `${vm('10.0.2.20')}\nip addr add 10.0.2.21/32 dev eth1\nip link set eth1 up\nip route add 10.0.1.10 dev eth1 src 10.0.2.21`,
          },
        },
      });
      const trace = w.trace(flow('a', '10.0.2.20:8080'));
      expectTrace(trace).toDrop('SECURITY_GROUP_DENY', 'vpc').toHaveLegs('SYN', 'SYN-ACK');
      expect(matched(trace.legs[1].events.find((e) => e.fn === 'vpc_sg_egress'))).toBe('sg server egress: no rule allows tcp port ' +
        `${(trace.legs[0].events[0].packet[1] as { sport: number }).sport} to 10.0.1.10`);
    });
  });
});

describe('vpc: an ENI whose interface is down', () => {
  it('loses the packet at the fabric', () => {
    const trace = twoVms({ bScript: 'ip link set eth0 down' }).trace(flow('a', '10.0.2.20:8080'));
    expectTrace(trace).toDrop('NOT_SPECIFIED', 'vpc');
    expect(steps(trace, 'vpc_deliver')).toEqual([]);
  });
});
