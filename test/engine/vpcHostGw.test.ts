// host-gw on a vpc network, end to end from scenarios/host-gw-cloud.yaml: each missing piece
// of the cloud's setup is its own drop, at the fabric, with the rule that decided; with all
// three the conversation is delivered and crosses the VPC as host1's ENI → host2's ENI.
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/engine';
import { loadFile } from '../../src/scenario/testing';
import { worldSpecFor } from '../../src/scenario/variant';
import { expectTrace, matched, kindOf } from '../testing';

const scenario = loadFile('scenarios/host-gw-cloud.yaml');
const world = (variant?: string) => buildWorld(worldSpecFor(scenario, variant));
const podAToPodB = scenario.flows.find((f) => f.id === 'pod-a-to-pod-b')!;

const fabricEvents = (variant?: string) =>
  world(variant)
    .trace(podAToPodB)
    .legs[0].events.filter((e) => kindOf(e) === 'fabric' && e.fn !== 'vpc_arp')
    .map((e) => `${e.fn}: ${matched(e) ?? '-'}`);

describe('host-gw on a vpc network', () => {
  it("drops pod-a's SYN at the source/dest check of host1's ENI", () => {
    expectTrace(world().trace(podAToPodB)).toDrop('SOURCE_DEST_CHECK', 'vpc').toHaveLegs('SYN');
    expect(fabricEvents()).toEqual(['vpc_sg_egress: sg nodes egress all to 0.0.0.0/0', 'vpc_source_dest_check: host1/eth0 addresses 10.57.4.20 sourceDestCheck on']);
  });

  it('drops it for want of a VPC route once the check is off', () => {
    expectTrace(world('source-dest-check-off').trace(podAToPodB)).toDrop('VPC_NO_ROUTE', 'vpc');
    expect(fabricEvents('source-dest-check-off').at(-1)).toBe('vpc_route: -');
  });

  it("drops it at host2's security group, which does not allow the pod CIDR, once the routes exist", () => {
    expectTrace(world('vpc-routes').trace(podAToPodB)).toDrop('SECURITY_GROUP_DENY', 'vpc');
    expect(fabricEvents('vpc-routes').slice(2)).toEqual([
      'vpc_route: route 192.168.11.0/24 via host2/eth0',
      'vpc_source_dest_check: host2/eth0 addresses 10.57.4.21 sourceDestCheck off',
      'vpc_sg_ingress: sg nodes ingress: no rule allows tcp port 8080 from 192.168.10.10',
    ]);
  });

  it('delivers the whole conversation with all three fixes, the VPC hop from ENI MAC to ENI MAC', () => {
    const w = world('fixed');
    const trace = w.trace(podAToPodB);
    expectTrace(trace).toBeDelivered().toHaveLegs('SYN', 'SYN-ACK', 'ACK', 'data').toVisit('vpc_deliver');
    const mac = (m: string) => w.devices().find((d) => d.machine === m && d.netns === '' && d.name === 'eth0')!.mac;
    const hop = trace.legs[0].events.find((e) => e.fn === 'vpc_deliver')!;
    expect(hop.packet[0]).toMatchObject({ src: mac('host1'), dst: mac('host2') });
    expect(hop.packet[1]).toMatchObject({ layer: 'ipv4', ttl: 63 });
    // the replies pass host2's and host1's groups as part of the tracked connection
    const synAck = trace.legs[1].events.filter((e) => e.fn === 'vpc_sg_egress' || e.fn === 'vpc_sg_ingress').map((e) => matched(e));
    expect(synAck).toEqual([
      expect.stringMatching(/^sg nodes tracked tcp 192\.168\.10\.10:\d+ > 192\.168\.11\.10:8080 on host2\/eth0$/),
      expect.stringMatching(/^sg nodes tracked tcp 192\.168\.10\.10:\d+ > 192\.168\.11\.10:8080 on host1\/eth0$/),
    ]);
  });

  it('keeps host to host traffic working in every variant', () => {
    const ping = scenario.flows.find((f) => f.id === 'host1-ping-host2')!;
    for (const v of [undefined, ...scenario.variants.map((x) => x.id)]) expectTrace(world(v).trace(ping)).toBeDelivered();
  });
});
