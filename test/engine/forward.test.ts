import { describe, expect, it } from 'vitest';
import { expectTrace, flow, lab, matched } from '../testing';

// One LAN, two subnets on it: a (10.9.1.2) and b (10.9.2.3) each go through the router r, which
// holds both gateways on its one NIC (so it forwards out the device a packet came in on).
export const oneLan = (extra: { a?: string; r?: string; b?: string } = {}) =>
  lab({
    networks: ['lan'],
    machines: {
      a: {
        nics: ['eth0@lan'],
        script: `
ip addr add 10.9.1.2/24 dev eth0
ip link set eth0 up
ip route add default via 10.9.1.1
${extra.a ?? ''}`,
      },
      r: {
        nics: ['eth0@lan'],
        script: `
ip addr add 10.9.1.1/24 dev eth0
ip addr add 10.9.2.1/24 dev eth0
ip link set eth0 up
sysctl -w net.ipv4.ip_forward=1
${extra.r ?? ''}`,
      },
      b: {
        nics: ['eth0@lan'],
        script: `
ip addr add 10.9.2.3/24 dev eth0
ip link set eth0 up
ip route add default via 10.9.2.1
socat TCP-LISTEN:80,fork EXEC:cat &
socat UDP-LISTEN:53,fork EXEC:cat &
${extra.b ?? ''}`,
      },
    },
  });

describe('ip_forward decrements the TTL before the FORWARD hook', () => {
  it('lets FORWARD match the decremented TTL (-m ttl), as Linux 6.18 counts it', () => {
    const w = oneLan({ r: 'iptables -A FORWARD -m ttl --ttl-eq 64 -j DROP\niptables -A FORWARD -m ttl --ttl-eq 63 -j ACCEPT' });
    const t = expectTrace(w.trace(flow('a', '10.9.2.3:80'))).toBeDelivered().trace;
    const rules = t.legs.flatMap((l) => l.events).filter((e) => e.code === 'nf.rule' && e.at.machine === 'r');
    expect(rules.map((e) => matched(e))).toEqual(Array(rules.length).fill('-A FORWARD -m ttl --ttl-eq 63 -j ACCEPT'));
  });

  it('drops in FORWARD by the TTL the packet leaves with', () => {
    expectTrace(oneLan({ r: 'iptables -A FORWARD -m ttl --ttl-lt 64 -j DROP' }).trace(flow('a', '10.9.2.3:80'))).toDrop('NETFILTER_DROP', 'r');
  });

  it('shows ip_forward (TTL 64 → 63) before the FORWARD rules, and the header FORWARD sees carries TTL 63', () => {
    const w = oneLan({ r: 'iptables -A FORWARD -p tcp -j ACCEPT' });
    const syn = w.trace(flow('a', '10.9.2.3:80')).legs[0].events;
    const fwd = syn.findIndex((e) => e.code === 'ip.forward');
    const rule = syn.findIndex((e) => e.code === 'nf.rule' && e.at.machine === 'r');
    expect(fwd).toBeGreaterThan(-1);
    expect(rule).toBeGreaterThan(fwd);
    expect(syn[rule].packet.find((h) => h.layer === 'ipv4')).toMatchObject({ ttl: 63 });
  });
});
