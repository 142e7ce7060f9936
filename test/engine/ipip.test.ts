import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../src/engine';
import type { HeaderView } from '../../src/engine/packet/view';
import { expectTrace, flow, lab, matched, routedHost, text, kindOf, outcome } from '../testing';

/** Trace packets carry addresses dotted. */
const ip = (s: string) => s;

// The ipip scenario's hosts: pods behind proxy ARP, a one-to-many tunnel, the other host's pod
// subnet routed into it via that host. `tunnel` is what follows `ip tunnel add tun0 mode ipip`.
const host = (me: string, podIp: string, peerIp: string, peerPodNet: string, tunnel = `local ${me} ttl 64`) => `${routedHost(me, podIp)}
ip tunnel add tun0 mode ipip ${tunnel}
ip link set tun0 up
ip route add ${peerPodNet} via ${peerIp} dev tun0 onlink
`;

const twoHosts = (t1?: string, t2?: string, extra1 = '') =>
  lab({
    networks: ['lan'],
    machines: {
      host1: { nics: ['eth0@lan'], script: host('10.57.4.20', '192.168.10.10', '10.57.4.21', '192.168.11.0/24', t1) + extra1 },
      host2: { nics: ['eth0@lan'], script: host('10.57.4.21', '192.168.11.10', '10.57.4.20', '192.168.10.0/24', t2) },
    },
  });

const events = (t: { legs: readonly { events: readonly TraceEvent[] }[] }, leg = 0) => t.legs[leg].events;
const layers = (hs: readonly HeaderView[]) => hs.map((h) => (h.layer === 'ipv4' ? `ipv4/${h.protocol}` : h.layer));
const on = (e: TraceEvent, machine: string, dev: string) => e.at.machine === machine && e.at.netns === '' && e.at.dev === dev;

describe('ipip: IP-in-IP between two hosts through one-to-many tunnels', () => {
  it('delivers TCP and ping both ways', () => {
    const w = twoHosts();
    expectTrace(w.trace(flow('host1/pod', '192.168.11.10:8080'))).toBeDelivered().toHaveLegs('SYN', 'SYN-ACK', 'ACK', 'data').toVisit('ipip_rcv', 'host2').toVisit('ipip_rcv', 'host1');
    expectTrace(w.trace(flow('host2/pod', '192.168.10.10', 'icmp'))).toBeDelivered();
  });

  it('wraps the pod packet in an outer IPv4 header of protocol 4 from host to host: [eth, ipv4/4, ipv4/6, tcp] on the wire', () => {
    const syn = events(twoHosts().trace(flow('host1/pod', '192.168.11.10:8080')));
    const wire = syn.find((e) => e.fn === 'dev_queue_xmit' && on(e, 'host1', 'eth0') && e.packet.some((h) => h.layer === 'tcp'))!;
    expect(layers(wire.packet)).toEqual(['eth', 'ipv4/4', 'ipv4/6', 'tcp']);
    const [, outer, inner] = wire.packet;
    expect(outer).toMatchObject({ src: ip('10.57.4.20'), dst: ip('10.57.4.21'), protocol: 4, ttl: 64, df: true });
    expect(inner).toMatchObject({ src: ip('192.168.10.10'), dst: ip('192.168.11.10'), ttl: 63 });
    expect(outer.layer === 'ipv4' && inner.layer === 'ipv4' && outer.length - inner.length).toBe(20);
    const encap = syn.find((e) => kindOf(e) === 'encap')!;
    expect(encap).toMatchObject({ fn: 'iptunnel_xmit', at: { machine: 'host1', dev: 'tun0' } });
    expect(matched(encap)).toBe('tun0: ip/ip remote any local 10.57.4.20 ttl 64');
    expect(encap.changes).toEqual([{ op: 'push', index: 0, layer: 'ipv4' }]);
  });

  it('strips the outer header on the receiving host and receives the inner packet on its tunnel', () => {
    const syn = events(twoHosts().trace(flow('host1/pod', '192.168.11.10:8080')));
    const decap = syn.find((e) => kindOf(e) === 'decap')!;
    expect(decap).toMatchObject({ fn: 'ipip_rcv', at: { machine: 'host2', dev: 'tun0' } });
    expect(layers(decap.packet)).toEqual(['ipv4/6', 'tcp']);
    expect(decap.changes?.map((c) => `${c.op} ${c.layer}`)).toEqual(['pop eth', 'pop ipv4']);
    const next = syn[syn.indexOf(decap) + 1];
    expect(next).toMatchObject({ fn: 'netif_receive_skb', code: 'dev.recv', at: { machine: 'host2', dev: 'tun0' } });
    expect(syn.find((e) => e.fn === 'ip_forward' && e.at.machine === 'host2')?.at.dev).toBe('tun0');
  });

  it('sends on the tunnel without a link layer: no ARP there, no Ethernet header', () => {
    const syn = events(twoHosts().trace(flow('host1/pod', '192.168.11.10:8080')));
    const onTunnel = syn.filter((e) => on(e, 'host1', 'tun0'));
    expect(onTunnel.map((e) => e.fn)).toEqual(['neigh_output', 'ipip_tunnel_xmit', 'iptunnel_xmit']);
    expect(layers(onTunnel[1].packet)).toEqual(['ipv4/6', 'tcp']);
    expect(syn.some((e) => e.fn === 'arp_solicit' && e.at.dev === 'tun0')).toBe(false);
  });

  it('copies the inner TTL with `ttl inherit` and uses the fixed one otherwise', () => {
    const outerTtl = (t1: string, from = 'host1/pod') => {
      const wire = events(twoHosts(t1).trace(flow(from, '192.168.11.10:8080'))).find((e) => kindOf(e) === 'encap')!;
      return wire.packet[0].layer === 'ipv4' ? wire.packet[0].ttl : -1;
    };
    expect(outerTtl('local 10.57.4.20 ttl 64')).toBe(64);
    expect(outerTtl('local 10.57.4.20 ttl 9')).toBe(9);
    expect(outerTtl('local 10.57.4.20 ttl inherit')).toBe(63); // after host1's ip_forward
    expect(outerTtl('local 10.57.4.20', 'host1')).toBe(64); // host1's own packet, not forwarded
  });

  it('sets DF on the outer header (pmtudisc) unless `nopmtudisc`, which takes the inner DF', () => {
    // the echo reply is the kernel's own packet, sent without DF
    const outerDf = (t2: string) => {
      const e = events(twoHosts(undefined, t2).trace(flow('host1/pod', '192.168.11.10', 'icmp')), 1).find((x) => kindOf(x) === 'encap')!;
      return e.packet[0].layer === 'ipv4' && e.packet[0].df;
    };
    expect(outerDf('local 10.57.4.21 ttl 64')).toBe(true);
    expect(outerDf('local 10.57.4.21 nopmtudisc')).toBe(false);
  });

  it('takes the outer source from routing when the tunnel has no local address', () => {
    const e = events(twoHosts('dev eth0 ttl 64').trace(flow('host1/pod', '192.168.11.10:8080'))).find((x) => kindOf(x) === 'encap')!;
    expect(e.packet[0]).toMatchObject({ src: ip('10.57.4.20'), dst: ip('10.57.4.21') });
  });

  it('refuses a packet with DF that fits the tunnel\'s MTU but not the underlay minus 20 bytes (tnl_update_pmtu)', () => {
    const w = twoHosts(undefined, undefined, 'ip link set tun0 mtu 1500\n');
    const t = expectTrace(w.trace({ ...flow('host1/pod', '192.168.11.10', 'icmp'), size: 1500 })).toDrop('NOT_SPECIFIED', 'host1').toVisit('tnl_update_pmtu').trace;
    expect(events(t, 1)[0].packet.find((h) => h.layer === 'icmp')).toMatchObject({ type: 3, code: 4, mtu: 1480 });
    // at MTU 1480, ip_forward refuses it before the tunnel
    expectTrace(twoHosts().trace({ ...flow('host1/pod', '192.168.11.10', 'icmp'), size: 1500 })).toDrop('PKT_TOO_BIG', 'host1');
    expectTrace(twoHosts().trace({ ...flow('host1/pod', '192.168.11.10', 'icmp'), size: 1480 })).toBeDelivered();
  });

  it('sends each destination to the gateway of its own route (one tunnel, two remote hosts)', () => {
    const w = lab({
      networks: ['lan'],
      machines: {
        host1: {
          nics: ['eth0@lan'],
          script: host('10.57.4.20', '192.168.10.10', '10.57.4.21', '192.168.11.0/24') + 'ip route add 192.168.12.0/24 via 10.57.4.22 dev tun0 onlink\n',
        },
        host2: { nics: ['eth0@lan'], script: host('10.57.4.21', '192.168.11.10', '10.57.4.20', '192.168.10.0/24') },
        host3: { nics: ['eth0@lan'], script: host('10.57.4.22', '192.168.12.10', '10.57.4.20', '192.168.10.0/24') },
      },
    });
    const outerDst = (to: string) => {
      const e = events(w.trace(flow('host1/pod', to))).find((x) => kindOf(x) === 'encap')!;
      return e.packet[0].layer === 'ipv4' ? e.packet[0].dst : 0;
    };
    expect(outerDst('192.168.11.10:8080')).toBe(ip('10.57.4.21'));
    expect(outerDst('192.168.12.10:8080')).toBe(ip('10.57.4.22'));
    expectTrace(w.trace(flow('host1/pod', '192.168.12.10:8080'))).toBeDelivered();
    const peers = w.devices().find((d) => d.machine === 'host1' && d.name === 'tun0')?.tunnelPeers;
    expect(peers).toEqual([{ machine: 'host2', netns: '', name: 'tun0' }, { machine: 'host3', netns: '', name: 'tun0' }]);
  });

  it('drops a packet routed into a one-to-many tunnel without a gateway: the outer route leads back into the tunnel', () => {
    const w = twoHosts(undefined, undefined, 'ip route replace 192.168.11.0/24 dev tun0\n');
    const t = expectTrace(w.trace(flow('host1/pod', '192.168.11.10:8080'))).toDrop('NOT_SPECIFIED', 'host1').trace;
    const last = events(t).at(-1)!;
    expect(last).toMatchObject({ fn: 'ip_tunnel_xmit', code: 'drop', at: { machine: 'host1', dev: 'tun0' } });
    expect(text(last)).toContain('would go back into tun0');
    expect(text(events(t).find((e) => e.fn === 'ip_route_output' && e.at.dev === 'tun0' && e.at.netns === ''))).toContain('the inner destination 192.168.11.10 itself');
  });

  it('answers ICMP port unreachable and drops (tunnel4_rcv) when no tunnel that is up takes the packet', () => {
    const w = lab({
      networks: ['lan'],
      machines: {
        host1: { nics: ['eth0@lan'], script: host('10.57.4.20', '192.168.10.10', '10.57.4.21', '192.168.11.0/24') },
        host2: { nics: ['eth0@lan'], script: host('10.57.4.21', '192.168.11.10', '10.57.4.20', '192.168.10.0/24') + 'ip link set tun0 down\n' },
      },
    });
    const t = expectTrace(w.trace(flow('host1/pod', '192.168.11.10:8080'))).toDrop('NOT_SPECIFIED', 'host2').toHaveLegs('SYN', 'icmp-error').toVisit('tunnel4_rcv', 'host2').trace;
    const icmp = events(t, 1)[0].packet.find((h) => h.layer === 'icmp');
    expect(icmp).toMatchObject({ type: 3, code: 3 });
    // the error quotes the outer header: ipip_err takes it, not pod-a's socket
    expect(events(t, 1).at(-1)).toMatchObject({ fn: 'ipip_err', at: { machine: 'host1' } });
    expect(outcome(t)).toBe('timed out: no answer');
  });

  it('drops with IP_NOPROTO and ICMP protocol unreachable on a host without the ipip module', () => {
    const w = lab({
      networks: ['lan'],
      machines: {
        host1: { nics: ['eth0@lan'], script: host('10.57.4.20', '192.168.10.10', '10.57.4.21', '192.168.11.0/24') },
        host2: { nics: ['eth0@lan'], script: 'ip addr add 10.57.4.21/24 dev eth0\nip link set eth0 up\n' },
      },
    });
    const t = expectTrace(w.trace(flow('host1/pod', '192.168.11.10', 'icmp'))).toDrop('IP_NOPROTO', 'host2').toHaveLegs('echo-request', 'icmp-error').trace;
    expect(events(t).at(-1)?.fn).toBe('ip_protocol_deliver_rcu');
    expect(events(t, 1)[0].packet.find((h) => h.layer === 'icmp')).toMatchObject({ type: 3, code: 2 });
  });

  it('decapsulates on an up tunl0 when no other tunnel matches (Calico\'s catch-all)', () => {
    const w = lab({
      networks: ['lan'],
      machines: {
        host1: { nics: ['eth0@lan'], script: host('10.57.4.20', '192.168.10.10', '10.57.4.21', '192.168.11.0/24') },
        host2: {
          nics: ['eth0@lan'],
          script: host('10.57.4.21', '192.168.11.10', '10.57.4.20', '192.168.10.0/24').replace(/^ip tunnel add.*$/m, 'modprobe ipip').replaceAll('tun0', 'tunl0'),
        },
      },
    });
    const t = expectTrace(w.trace(flow('host1/pod', '192.168.11.10:8080'))).toBeDelivered().trace;
    expect(events(t).find((e) => kindOf(e) === 'decap')?.at).toEqual({ machine: 'host2', netns: '', dev: 'tunl0', dir: 'in' });
    // tunl0 keeps the inner TTL on the way back (ttl inherit): 64 from pod-b, 63 after host2's ip_forward
    const back = events(t, 1).find((e) => kindOf(e) === 'encap')!;
    expect(back.packet[0]).toMatchObject({ ttl: 63, src: ip('10.57.4.21'), dst: ip('10.57.4.20') });
  });
});
