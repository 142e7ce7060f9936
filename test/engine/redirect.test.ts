// ICMP redirects: a router forwarding a packet out of the device it came in on, to a source on
// that link, tells the source the better first hop; the source acts on it or not. Every
// expectation here was seen on Linux 6.18 in namespaces (h, r, g on one bridge; r routes
// 10.8.0.0/24 via g): one redirect `10.9.0.1 > 10.9.0.2: ICMP redirect 10.8.0.5 to host
// 10.9.0.3` per conversation (IcmpOutRedirects 1), the packet forwarded all the same, and the
// sender's route to 10.8.0.5 (`ip route get`) redirected only for UDP and ping with g's MAC known.
import { describe, expect, it } from 'vitest';
import { ipRouteOutput } from '../../src/engine/kernel/fib/routeOutput';
import { updateOrCreateFnhe } from '../../src/engine/kernel/fib/exception';
import { buildLab } from '../../src/engine/kernel/apply';
import { parseScript, scriptLines } from '../../src/scenario/commands/dispatch';
import type { Trace, TraceEvent } from '../../src/engine/trace/types';
import { eventText } from '../../src/i18n/trace';
import { expectTrace, flow, lab } from '../testing';

const SEGMENT = `
ip link add br0 type bridge
ip link set br0 up
ip netns add h
ip netns add r
ip netns add g
ip link add ph type veth peer name eth0 netns h
ip link add pr type veth peer name eth0 netns r
ip link add pg type veth peer name eth0 netns g
ip link set ph master br0
ip link set pr master br0
ip link set pg master br0
ip link set ph up
ip link set pr up
ip link set pg up
ip -n h addr add 10.9.0.2/24 dev eth0
ip -n h link set eth0 up
ip -n h route add default via 10.9.0.1
ip -n r addr add 10.9.0.1/24 dev eth0
ip -n r link set eth0 up
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n r route add 10.8.0.0/24 via 10.9.0.3
ip -n g addr add 10.9.0.3/24 dev eth0
ip -n g link set eth0 up
ip -n g link set lo up
ip -n g addr add 10.8.0.5/32 dev lo
ip -n g link set eth0 address 02:00:00:00:00:03
ip netns exec g nc -lk 80 &
ip netns exec g nc -lku 53 &
`;
const KNOWN = 'ip -n h neigh add 10.9.0.3 lladdr 02:00:00:00:00:03 dev eth0 nud permanent';
const segment = (extra = '') => lab({ machines: { m: { script: `${SEGMENT}\n${extra}` } } });

const all = (t: Trace) => t.legs.flatMap((l) => l.events);
const sent = (t: Trace) => all(t).filter((e) => e.code === 'ip.redirect');
const taken = (t: Trace): TraceEvent | undefined => all(t).find((e) => e.code === 'icmp.redirect');

describe('the router sends a redirect (ip_forward → ip_rt_send_redirect)', () => {
  it('for the SYN, out of the device it came in on: ICMP redirect host naming the next hop, to the source; the SYN is forwarded all the same', () => {
    const t = expectTrace(segment().trace(flow('m/h', '10.8.0.5:80'))).toBeDelivered().toHaveLegs('SYN', 'redirect', 'SYN-ACK', 'ACK', 'data').trace;
    const [first, ...later] = sent(t);
    expect(first.params).toEqual({ to: '10.9.0.2', dst: '10.8.0.5', gateway: '10.9.0.3', dev: 'eth0' });
    expect(first.at).toMatchObject({ machine: 'm', netns: 'r' });
    // after the TTL decrement, before FORWARD
    const syn = t.legs[0].events;
    expect(syn.findIndex((e) => e.code === 'ip.redirect')).toBe(syn.findIndex((e) => e.code === 'ip.forward') + 1);
    expect(syn.some((e) => e.at.netns === 'g' && e.code === 'sock.listen')).toBe(true);
    // the ACK and the data segment follow within 40 ms: ip_rt_send_redirect holds the next one back
    expect(later.map((e) => e.params)).toEqual([expect.objectContaining({ limited: true }), expect.objectContaining({ limited: true })]);
    const redirect = t.legs[1];
    expect(redirect.verdict).toBe('delivered');
    const icmp = redirect.events[0].packet?.find((h) => h.layer === 'icmp');
    expect(icmp).toMatchObject({ type: 5, code: 1, gateway: '10.9.0.3', quoted: [expect.objectContaining({ src: '10.9.0.2', dst: '10.8.0.5', ttl: 63 }), expect.anything()] });
    expect(redirect.events[0].packet?.find((h) => h.layer === 'ipv4')).toMatchObject({ src: '10.9.0.1', dst: '10.9.0.2' });
  });

  it('not with send_redirects off in conf/all and on the device (IN_DEV_TX_REDIRECTS is either)', () => {
    const off = 'ip netns exec r sysctl -w net.ipv4.conf.all.send_redirects=0';
    expect(sent(segment(off).trace(flow('m/h', '10.8.0.5:80'))).filter((e) => !e.params.limited)).toHaveLength(1);
    const t = expectTrace(segment(`${off}\nip netns exec r sysctl -w net.ipv4.conf.eth0.send_redirects=0`).trace(flow('m/h', '10.8.0.5:80'))).toBeDelivered().toHaveLegs('SYN', 'SYN-ACK', 'ACK', 'data').trace;
    expect(sent(t)).toEqual([]);
  });

  it('not for a source the router reaches through a gateway (fib_validate_source returns 0, not 1)', () => {
    // h sends from 10.7.0.2, which r and g route via h's 10.9.0.2: not "on the link" for r
    const far = 'ip -n h addr add 10.7.0.2/32 dev eth0\nip -n h route replace default via 10.9.0.1 src 10.7.0.2\nip -n r route add 10.7.0.0/24 via 10.9.0.2\nip -n g route add 10.7.0.0/24 via 10.9.0.2';
    const t = expectTrace(segment(far).trace(flow('m/h', '10.8.0.5:80'))).toBeDelivered().toHaveLegs('SYN', 'SYN-ACK', 'ACK', 'data').trace;
    expect(t.legs[0].events.some((e) => e.code === 'ip.forward' && e.at.netns === 'r')).toBe(true);
    expect(sent(t)).toEqual([]);
  });

  it('renders in both languages', () => {
    const e = sent(segment().trace(flow('m/h', '10.8.0.5:80')))[0];
    expect(eventText(e, 'en')).toContain('ICMP redirect to 10.9.0.2');
    expect(eventText(e, 'zh-CN')).toContain('ICMP 重定向');
  });
});

describe('the sender acts on it (icmp_redirect → __ip_do_redirect), as Linux 6.18 did', () => {
  it('TCP: ignored, the SYN\'s redirect comes back while connect() holds the socket (the route stays via r even with g\'s MAC known)', () => {
    const t = segment(KNOWN).trace(flow('m/h', '10.8.0.5:80'));
    expect(taken(t)?.params).toMatchObject({ result: 'ignored', why: 'socket-busy', from: '10.9.0.1', gateway: '10.9.0.3', dst: '10.8.0.5' });
    // so the ACK still goes to r
    expect(t.legs[3].events.some((e) => e.at.netns === 'r' && e.code === 'ip.forward')).toBe(true);
  });

  it('UDP with g\'s MAC unknown: ARP asks for g (neigh_event_send), no exception yet', () => {
    const t = expectTrace(segment().trace(flow('m/h', '10.8.0.5:53', 'udp'))).toBeDelivered().toHaveLegs('request', 'redirect', 'reply').trace;
    expect(taken(t)?.params).toMatchObject({ result: 'resolving' });
    expect(t.legs[1].events.some((e) => e.code === 'arp.request' && e.at.netns === 'h' && e.params.target === '10.9.0.3')).toBe(true);
  });

  it('UDP and ping with g\'s MAC known: applied, a next-hop exception (`cache <redirected>`)', () => {
    expect(taken(segment(KNOWN).trace(flow('m/h', '10.8.0.5:53', 'udp')))?.params).toMatchObject({ result: 'applied' });
    const ping = expectTrace(segment(KNOWN).trace(flow('m/h', '10.8.0.5', 'icmp'))).toBeDelivered().toHaveLegs('echo-request', 'redirect', 'echo-reply').trace;
    expect(taken(ping)?.params).toMatchObject({ result: 'applied' });
    expect(eventText(taken(ping)!, 'en')).toContain('cache <redirected>');
  });

  it('a forwarding host ignores it: ip_forward=1 turned conf/all/accept_redirects off (inet_forward_change)', () => {
    const t = segment(`${KNOWN}\nip netns exec h sysctl -w net.ipv4.ip_forward=1`).trace(flow('m/h', '10.8.0.5', 'icmp'));
    expect(taken(t)?.params).toMatchObject({ result: 'ignored', why: 'not-accepted', forwarding: true });
    // unless conf/all and the device both accept them again
    const again = segment(`${KNOWN}\nip netns exec h sysctl -w net.ipv4.ip_forward=1\nip netns exec h sysctl -w net.ipv4.conf.all.accept_redirects=1`).trace(flow('m/h', '10.8.0.5', 'icmp'));
    expect(taken(again)?.params).toMatchObject({ result: 'applied' });
  });

  it('a host with accept_redirects off in conf/all and on the device ignores it', () => {
    const t = segment(`${KNOWN}\nip netns exec h sysctl -w net.ipv4.conf.all.accept_redirects=0\nip netns exec h sysctl -w net.ipv4.conf.eth0.accept_redirects=0`).trace(flow('m/h', '10.8.0.5', 'icmp'));
    expect(taken(t)?.params).toMatchObject({ result: 'ignored', why: 'not-accepted', forwarding: false });
  });

  it('a lost redirect is no part of the verdict: INPUT dropping ICMP at h leaves the conversation delivered', () => {
    const t = expectTrace(segment('ip netns exec h iptables -A INPUT -p icmp --icmp-type redirect -j DROP').trace(flow('m/h', '10.8.0.5:80'))).toBeDelivered().trace;
    expect(t.legs[1]).toMatchObject({ packet: 'redirect', verdict: 'dropped', drop: { reason: 'NETFILTER_DROP' } });
    expect(t.outcome).toEqual({ code: 'connected' });
  });
});

describe('a next-hop exception (update_or_create_fnhe, rt_bind_exception)', () => {
  it('sends later packets to that destination through that route via the redirected gateway, others not', () => {
    const { ops, errors } = parseScript(scriptLines(SEGMENT), 'm.sh');
    expect(errors).toEqual([]);
    const { lab: l } = buildLab({ networks: [], machines: [{ name: 'm', role: 'host', nics: [], ops }] });
    const h = l.netns('m', 'h')!;
    const before = ipRouteOutput(h, { daddr: 0x0a080005 });
    expect(before).toMatchObject({ ok: true, gateway: 0x0a090001 });
    if (!before.ok) return;
    updateOrCreateFnhe(h, before.route!, 0x0a080005, 0x0a090003);
    expect(ipRouteOutput(h, { daddr: 0x0a080005 })).toMatchObject({ ok: true, gateway: 0x0a090003 });
    expect(ipRouteOutput(h, { daddr: 0x0a080006 })).toMatchObject({ ok: true, gateway: 0x0a090001 });
  });
});
