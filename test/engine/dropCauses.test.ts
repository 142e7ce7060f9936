// What a drop's cause names: the iptables rule (as iptables-save prints it) that dropped or
// rejected, and the blackhole, unreachable or prohibit route or ip rule a lookup ended on —
// on a router (ip_error) and at the sender (ip_route_output) — with the words each renders to.
import { describe, expect, it } from 'vitest';
import type { Drop, Trace } from '../../src/engine';
import { dropText, dropWords } from '../../src/i18n/trace';
import { expectTrace, flow, lab } from '../testing';

/** client 10.0.1.2 — router (10.0.1.1 | 10.0.2.1) — server 10.0.2.2, which listens on TCP 80. */
const routed = (router: string, client = '') =>
  lab({
    networks: ['left', 'right'],
    machines: {
      client: { nics: ['eth0@left'], script: `ip addr add 10.0.1.2/24 dev eth0\nip link set eth0 up\nip route add default via 10.0.1.1\n${client}` },
      router: {
        nics: ['eth0@left', 'eth1@right'],
        script: `ip addr add 10.0.1.1/24 dev eth0\nip link set eth0 up\nip addr add 10.0.2.1/24 dev eth1\nip link set eth1 up\nsysctl -w net.ipv4.ip_forward=1\n${router}`,
      },
      server: { nics: ['eth0@right'], script: 'ip addr add 10.0.2.2/24 dev eth0\nip link set eth0 up\nip route add default via 10.0.2.1\nnc -lk 80 &' },
    },
  });

const dropOf = (t: Trace): Drop => t.legs.find((l) => l.drop)!.drop!;
const toServer = flow('client', '10.0.2.2:80');

describe('a netfilter drop names its rule', () => {
  it('DROP: the table, chain, position and iptables-save line; the app times out', () => {
    const w = routed('iptables -A FORWARD -p tcp --dport 22 -j ACCEPT\niptables -A FORWARD -s 10.0.1.2/32 -p tcp --dport 80 -j DROP');
    const trace = expectTrace(w.trace(toServer)).toDrop('NETFILTER_DROP', 'router').trace;
    const drop = dropOf(trace);
    expect(drop.cause).toEqual({ code: 'nf-rule', hook: 'FORWARD', table: 'filter', chain: 'FORWARD', index: 2, rule: '-A FORWARD -s 10.0.1.2/32 -p tcp -m tcp --dport 80 -j DROP' });
    expect(dropText(drop, 'en')).toBe('rule 2 of filter FORWARD dropped it: -A FORWARD -s 10.0.1.2/32 -p tcp -m tcp --dport 80 -j DROP');
    expect(dropText(drop, 'zh-CN')).toContain('filter 表 FORWARD 链的第 2 条规则');
    expect(trace.outcome).toEqual({ code: 'timeout' });
    expect(dropWords(drop, 'en').app).toMatch(/DROP is silent/);
  });

  it('DROP in a user chain names that chain and its rule', () => {
    const w = routed('iptables -N BLOCK\niptables -A BLOCK -d 10.0.2.2/32 -j DROP\niptables -A FORWARD -j BLOCK');
    const drop = dropOf(w.trace(toServer));
    expect(drop.cause).toMatchObject({ code: 'nf-rule', chain: 'BLOCK', index: 1, rule: '-A BLOCK -d 10.0.2.2/32 -j DROP' });
  });

  it('REJECT names its rule and what it sends', () => {
    const w = routed('iptables -A FORWARD -d 10.0.2.2/32 -j REJECT --reject-with icmp-host-prohibited');
    const drop = dropOf(w.trace(toServer));
    expect(drop.cause).toMatchObject({ code: 'nf-reject', chain: 'FORWARD', index: 1, with: 'icmp-host-prohibited', rule: '-A FORWARD -d 10.0.2.2/32 -j REJECT --reject-with icmp-host-prohibited' });
    expect(dropText(drop, 'en')).toBe('rule 1 of filter FORWARD rejected it (icmp-host-prohibited): -A FORWARD -d 10.0.2.2/32 -j REJECT --reject-with icmp-host-prohibited');
  });

  it('a policy drop names the chain', () => {
    const drop = dropOf(routed('iptables -P FORWARD DROP').trace(toServer));
    expect(drop.cause).toEqual({ code: 'nf-policy', hook: 'FORWARD', table: 'filter', chain: 'FORWARD' });
  });
});

describe('a route-type drop names the route or rule that matched', () => {
  it('a blackhole route on the router: NOT_SPECIFIED, silent, the route named', () => {
    const trace = expectTrace(routed('ip route add blackhole 10.0.2.2/32').trace(toServer)).toDrop('NOT_SPECIFIED', 'router').trace;
    const drop = dropOf(trace);
    expect(drop.cause).toEqual({ code: 'no-route', forwarding: true, errno: 'EINVAL', decided: { by: 'route', type: 'blackhole', table: 254, line: 'blackhole 10.0.2.2' } });
    expect(dropText(drop, 'en')).toBe('the blackhole route "blackhole 10.0.2.2" matched: dropped, and the sender is told nothing');
    expect(dropWords(drop, 'en').explain).toMatch(/blackhole drops silently/);
    expect(trace.outcome).toEqual({ code: 'timeout' });
  });

  it('an unreachable route in another table: ICMP host unreachable, the route and its table named', () => {
    const w = routed('ip route add unreachable 10.0.2.0/24 table 100\nip rule add from 10.0.1.0/24 lookup 100 priority 100');
    const drop = dropOf(w.trace(toServer));
    expect(drop.cause).toMatchObject({ code: 'no-route', errno: 'EHOSTUNREACH', icmp: 1, decided: { by: 'route', type: 'unreachable', table: 100, line: 'unreachable 10.0.2.0/24 table 100' } });
    expect(dropText(drop, 'zh-CN')).toContain('不可达（unreachable）路由“unreachable 10.0.2.0/24 table 100”');
  });

  it('a prohibit ip rule: ICMP packet filtered, the rule named', () => {
    const w = routed('ip rule add to 10.0.2.2 prohibit priority 50');
    const drop = dropOf(w.trace(toServer));
    expect(drop.cause).toMatchObject({ code: 'no-route', errno: 'EACCES', icmp: 13, decided: { by: 'rule', type: 'prohibit', priority: 50, line: '50: from all to 10.0.2.2 prohibit' } });
    expect(dropText(drop, 'en')).toBe('the ip rule "50: from all to 10.0.2.2 prohibit" (prohibit) matched: dropped, ICMP destination unreachable (code 13) goes back to the sender');
  });

  it('a prohibit route: ICMP packet filtered, the route named in both languages', () => {
    const drop = dropOf(routed('ip route add prohibit 10.0.2.2/32').trace(toServer));
    expect(drop.cause).toMatchObject({ code: 'no-route', errno: 'EACCES', icmp: 13, decided: { by: 'route', type: 'prohibit', table: 254, line: 'prohibit 10.0.2.2' } });
    expect(dropText(drop, 'en')).toBe('the prohibit route "prohibit 10.0.2.2" matched: dropped, ICMP destination unreachable (code 13) goes back to the sender');
    expect(dropText(drop, 'zh-CN')).toContain('“prohibit 10.0.2.2”');
  });

  it('a blackhole route is named in Chinese too', () => {
    const drop = dropOf(routed('ip route add blackhole 10.0.2.2/32').trace(toServer));
    expect(dropText(drop, 'zh-CN')).toContain('“blackhole 10.0.2.2”');
  });

  it('at the sender: a blackhole route fails connect() with EINVAL, and names the route', () => {
    const trace = routed('', 'ip route add blackhole 10.0.2.0/24').trace(toServer);
    const drop = dropOf(trace);
    expect(drop.reason).toBe('IP_OUTNOROUTES');
    expect(drop.cause).toEqual({ code: 'sender-no-route', dst: '10.0.2.2', decided: { by: 'route', type: 'blackhole', table: 254, line: 'blackhole 10.0.2.0/24' } });
    expect(drop.appError).toBe('connect: Invalid argument');
    expect(dropText(drop, 'en')).toBe('the sender\'s lookup for 10.0.2.2 ends on the blackhole route "blackhole 10.0.2.0/24": connect() fails');
  });

  it('no route at all names nothing', () => {
    const drop = dropOf(routed('ip route del 10.0.2.0/24 dev eth1').trace(toServer));
    expect(drop.reason).toBe('IP_INNOROUTES');
    expect(drop.cause).toEqual({ code: 'no-route', forwarding: true, errno: 'ENETUNREACH', icmp: 0 });
  });
});
