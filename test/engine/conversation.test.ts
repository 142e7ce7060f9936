// The packets the kernel makes in answer (resets, ICMP errors), who hears them, and whose drop a
// leg's verdict is. Each lab is one this kernel (6.18) was asked the same question in, in
// namespaces; what it answered is quoted with each test.
import { describe, expect, it } from 'vitest';
import { expectTrace, flow, lab, outcome, text } from '../testing';

/** c (10.9.1.2) — r (routes, DNATs 10.96.0.10 to s) — s (10.9.2.2, listens on TCP 80). */
const routed = (rFilter = '') =>
  lab({
    networks: ['n1', 'n2'],
    machines: {
      c: { nics: ['eth0@n1'], script: 'ip addr add 10.9.1.2/24 dev eth0\nip link set eth0 up\nip route add default via 10.9.1.1' },
      r: {
        nics: ['c0@n1', 's0@n2'],
        script: `ip addr add 10.9.1.1/24 dev c0\nip link set c0 up\nip addr add 10.9.2.1/24 dev s0\nip link set s0 up
sysctl -w net.ipv4.ip_forward=1
iptables -t nat -A PREROUTING -d 10.96.0.10 -p tcp --dport 80 -j DNAT --to-destination 10.9.2.2:80
iptables -t nat -A PREROUTING -d 10.96.0.10 -p udp --dport 53 -j DNAT --to-destination 10.9.2.2:53
${rFilter}`,
      },
      s: { nics: ['eth0@n2'], script: 'ip addr add 10.9.2.2/24 dev eth0\nip link set eth0 up\nip route add default via 10.9.2.1\nnc -lk 80 &' },
    },
  });

/**
 * c (10.9.1.2), r (10.9.1.1) and s (10.9.1.3) on one switch: c reaches 10.96.0.10 through r,
 * which DNATs it to s (redirects off); s answers c directly, so nothing undoes the DNAT.
 */
const hairpin = () =>
  lab({
    networks: ['lan'],
    machines: {
      c: { nics: ['eth0@lan'], script: 'ip addr add 10.9.1.2/24 dev eth0\nip link set eth0 up\nip route add 10.96.0.0/24 via 10.9.1.1' },
      r: {
        nics: ['eth0@lan'],
        script: `ip addr add 10.9.1.1/24 dev eth0\nip link set eth0 up
sysctl -w net.ipv4.ip_forward=1
sysctl -w net.ipv4.conf.all.send_redirects=0
sysctl -w net.ipv4.conf.eth0.send_redirects=0
iptables -t nat -A PREROUTING -d 10.96.0.10 -p tcp --dport 80 -j DNAT --to-destination 10.9.1.3:80
iptables -t nat -A PREROUTING -d 10.96.0.10 -p tcp --dport 81 -j DNAT --to-destination 10.9.1.3:81
iptables -t nat -A PREROUTING -d 10.96.0.10 -p udp --dport 53 -j DNAT --to-destination 10.9.1.3:53`,
      },
      s: { nics: ['eth0@lan'], script: 'ip addr add 10.9.1.3/24 dev eth0\nip link set eth0 up\nnc -lk 80 &' },
    },
  });

describe('REJECT answers on the rejected packet\'s connection (nf_send_reset, nf_send_unreach → nf_ct_attach)', () => {
  // kernel: `iptables -A FORWARD -d 10.9.2.2 -p tcp -j REJECT --reject-with tcp-reset` on r;
  // c captured `10.96.0.10.80 > 10.9.1.2.38172: Flags [R.], seq 0, ack 3503519111` and socat
  // printed `connect(6, AF=2 10.96.0.10:80, 16): Connection refused`
  it('tcp-reset: the RST leaves from the Service address the client dialled, and the client is refused', () => {
    const t = routed('iptables -A FORWARD -d 10.9.2.2 -p tcp -j REJECT --reject-with tcp-reset').trace(flow('c', '10.96.0.10:80'));
    expectTrace(t).toDrop('NETFILTER_DROP', 'r').toHaveLegs('SYN', 'RST').toVisit('nf_send_reset', 'r').toVisit('nf_ct_attach', 'r');
    const rst = t.legs[1];
    expect(rst.verdict).toBe('delivered');
    const undo = rst.events.find((e) => e.code === 'nat.undo')!;
    expect(text(undo)).toBe('reply: undo the DNAT — src 10.9.2.2 → 10.96.0.10');
    const atC = rst.events.find((e) => e.code === 'dev.recv' && e.at.machine === 'c')!;
    expect(atC.packet.find((h) => h.layer === 'ipv4')).toMatchObject({ src: '10.96.0.10', dst: '10.9.1.2' });
    expect(atC.packet.find((h) => h.layer === 'tcp')).toMatchObject({ sport: 80, flags: ['RST', 'ACK'] });
    expect(outcome(t)).toBe('Connection refused');
  });

  // kernel: `--reject-with icmp-port-unreachable`: c captured `10.96.0.10 > 10.9.1.2: ICMP
  // 10.96.0.10 tcp port 80 unreachable` (r's own address is the outer source; the quoted packet
  // is c's SYN to 10.96.0.10) and socat printed `Connection refused`
  it('icmp-port-unreachable: the error quotes the packet as the client sent it, and the client is refused', () => {
    const t = routed('iptables -A FORWARD -d 10.9.2.2 -p tcp -j REJECT --reject-with icmp-port-unreachable').trace(flow('c', '10.96.0.10:80'));
    expectTrace(t).toDrop('NETFILTER_DROP', 'r').toHaveLegs('SYN', 'icmp-error').toVisit('nf_ct_attach', 'r');
    const atC = t.legs[1].events.find((e) => e.code === 'dev.recv' && e.at.machine === 'c')!;
    const icmp = atC.packet.find((h) => h.layer === 'icmp') as unknown as { quoted: { layer: string; dst?: string; dport?: number }[] };
    // nf_nat_icmp_reply_translation: the outer source too looks like a reply from the Service
    expect(atC.packet.find((h) => h.layer === 'ipv4')).toMatchObject({ src: '10.96.0.10', dst: '10.9.1.2' });
    expect(icmp.quoted[0]).toMatchObject({ dst: '10.96.0.10' });
    expect(icmp.quoted[1]).toMatchObject({ dport: 80 });
    expect(t.legs[1].events.some((e) => e.code === 'icmp.deliver' && e.at.machine === 'c')).toBe(true);
    expect(outcome(t)).toBe('Connection refused');
  });

  // kernel: `-p udp -j REJECT`: socat printed `read(6, …): Connection refused`
  it('a rejected UDP datagram to a Service address: the client is refused', () => {
    const t = routed('iptables -A FORWARD -d 10.9.2.2 -p udp -j REJECT').trace(flow('c', '10.96.0.10:53', 'udp'));
    expect(outcome(t)).toBe('Connection refused');
  });

  it('the reject\'s answer does not confirm the connection it is attached to (conntrack -L was empty)', () => {
    const t = routed('iptables -A FORWARD -d 10.9.2.2 -p tcp -j REJECT --reject-with tcp-reset').trace(flow('c', '10.96.0.10:80'));
    expect(t.legs.flatMap((l) => l.events).some((e) => e.code === 'ct.confirm')).toBe(false);
  });
});

describe('answers from an address the client never dialled', () => {
  // kernel: c captured `10.9.1.3.80 > 10.9.1.2.47222: Flags [S.]` then its own
  // `10.9.1.2.47222 > 10.9.1.3.80: Flags [R], seq 126330316`; kfree_skb NO_SOCKET at
  // tcp_v4_rcv on c, and socat was still waiting after 3 s (timeout's status 124): it retransmits
  it('a SYN-ACK from the backend\'s own address: NO_SOCKET at the client, which resets it and keeps waiting', () => {
    const t = hairpin().trace(flow('c', '10.96.0.10:80'));
    expectTrace(t).toDrop('NO_SOCKET', 'c').toHaveLegs('SYN', 'SYN-ACK', 'RST');
    const rst = t.legs[2];
    expect(rst.events[0]).toMatchObject({ fn: 'tcp_v4_send_reset', code: 'tcp.reset', params: { dst: '10.9.1.3', dport: 80 } });
    const sent = rst.events.find((e) => e.code === 'dev.recv' && e.at.machine === 's')!;
    expect(sent.packet.find((h) => h.layer === 'tcp')).toMatchObject({ dport: 80, flags: ['RST'], seq: 1001 });
    // Linux 6.18 (calico-macvlan client-to-macvlan-nodeport, parity): s's half-open connection
    // takes the reset (tcp_check_req) and tcp_v4_rcv frees it NOT_SPECIFIED
    expect(rst.verdict).toBe('dropped');
    expect(rst.drop).toMatchObject({ reason: 'NOT_SPECIFIED', fn: 'tcp_v4_rcv', at: { machine: 's' }, cause: { code: 'reset-request', local: '10.9.1.3', lport: 80 } });
    expect(t.outcome.code).toBe('timeout');
  });

  // kernel: port 81 closed on s: `10.9.1.3.81 > 10.9.1.2.44678: Flags [R.]`, NO_SOCKET at
  // tcp_v4_rcv on c for each of them, socat still waiting after 3 s
  it('a RST from the backend\'s own address reaches no socket: the client times out, not refused', () => {
    const t = hairpin().trace(flow('c', '10.96.0.10:81'));
    expectTrace(t).toDrop('NO_SOCKET', 's').toHaveLegs('SYN', 'RST');
    expect(t.legs[1]).toMatchObject({ verdict: 'dropped', drop: { reason: 'NO_SOCKET', at: { machine: 'c' } } });
    expect(t.outcome.code).toBe('timeout');
  });
});

describe('ICMP errors reach only the socket their quoted packet names (icmp_socket_deliver → __udp4_lib_err)', () => {
  // kernel: `10.9.1.3 > 10.9.1.2: ICMP 10.9.1.3 udp port 53 unreachable` quoting c's datagram to
  // 10.9.1.3:53; c's socket is connected to 10.96.0.10:53: socat printed nothing, exit status 0
  it('an error quoting the backend\'s address is nobody\'s: the client hears nothing', () => {
    const t = hairpin().trace(flow('c', '10.96.0.10:53', 'udp'));
    expectTrace(t).toDrop('NO_SOCKET', 's').toHaveLegs('request', 'icmp-error');
    const unmatched = t.legs[1].events.find((e) => e.code === 'icmp.unmatched')!;
    expect(unmatched.params).toMatchObject({ type: 3, code: 3, quoted: { proto: 'udp', src: '10.9.1.2', dst: '10.9.1.3', dport: 53 } });
    expect(t.legs[1].events.some((e) => e.code === 'icmp.deliver')).toBe(false);
    expect(t.outcome.code).toBe('timeout');
  });

  it('the same error, NAT undone on its way back, is the client\'s: refused', () => {
    const t = routed().trace(flow('c', '10.96.0.10:53', 'udp'));
    expect(t.legs.at(-1)!.events.some((e) => e.code === 'icmp.deliver' && e.at.machine === 'c')).toBe(true);
    expect(outcome(t)).toBe('Connection refused');
  });
});

describe('net.ipv4.tcp_fwmark_accept (inet_request_mark)', () => {
  /** c — s; s marks incoming TCP 80 with 1, and mark 1 routes by a table that cannot reach c. */
  const marked = (accept: number) =>
    lab({
      networks: ['lan'],
      machines: {
        c: { nics: ['eth0@lan'], script: 'ip addr add 10.9.1.2/24 dev eth0\nip link set eth0 up' },
        s: {
          nics: ['eth0@lan'],
          script: `ip addr add 10.9.1.3/24 dev eth0\nip link set eth0 up
iptables -t mangle -A PREROUTING -p tcp --dport 80 -j MARK --set-mark 1
ip rule add fwmark 1 lookup 100
ip route add unreachable 10.9.1.0/24 table 100
sysctl -w net.ipv4.tcp_fwmark_accept=${accept}
nc -lk 80 &`,
        },
      },
    });

  // kernel: tcp_fwmark_accept=0: `hi` echoed; =1: no SYN-ACK on the wire, socat still waiting
  // after 3 s (the SYN-ACK is routed with the SYN's mark into table 100: unreachable)
  it('0 (the default): the SYN-ACK carries the listener\'s mark (none) and takes the main table', () => {
    expectTrace(marked(0).trace(flow('c', '10.9.1.3:80'))).toBeDelivered();
  });

  it('1: the SYN-ACK carries the SYN\'s mark, so fwmark rules route it', () => {
    const t = marked(1).trace(flow('c', '10.9.1.3:80'));
    expect(t.verdict).toBe('dropped');
    const synAck = t.legs[1];
    expect(synAck).toMatchObject({ packet: 'SYN-ACK', verdict: 'dropped', drop: { at: { machine: 's' } } });
    // routed with mark 1: rule `fwmark 0x1 lookup 100` and its unreachable route
    const route = synAck.events.find((e) => e.code === 'route.output')!;
    expect(route.params).toMatchObject({ result: 'error' });
    expect(route.refs?.map((r) => JSON.stringify(r)).join(' ')).toMatch(/fwmark 0x1 lookup 100/);
    expect(t.outcome.code).toBe('timeout');
    // a key podpath models: no "not modelled" warning
    expect(t.warnings ?? []).toEqual([]);
  });
});
