// ipvlan (drivers/net/ipvlan/ipvlan_core.c, ipvlan_l3s.c). This kernel has no ipvlan module:
// these cases follow the driver's source (ipvlan_xmit_mode_l2/_l3, ipvlan_handle_mode_l2/_l3,
// ipvlan_process_multicast, ipvlan_process_v4_outbound, ipvlan_l3_rcv, ipvlan_nf_input), as do
// the golden traces of same-host-modes' ipvlan variants (test/golden/README.md).
import { describe, expect, it } from 'vitest';
import type { Trace } from '../../src/engine';
import { expectTrace, flow, lab } from '../testing';

/**
 * host: eth1 192.168.6.161 is the master of ipvlans a (192.168.20.10) and b (.11) in pods,
 * default via the host's own ipvlan `shim` 192.168.20.1; peer on the LAN routes the pods via
 * the host. `extra` runs last on the host.
 */
function ipvlanLab(mode: string, flag = '', extra = '') {
  const pod = (p: string, ip: string) => `
ip netns add ${p}
ip link add link eth1 name iv-${p} type ipvlan mode ${mode} ${flag}
ip link set iv-${p} netns ${p}
ip -n ${p} link set iv-${p} name eth0
ip -n ${p} addr add ${ip}/24 dev eth0
ip -n ${p} link set eth0 up
ip -n ${p} route add default via 192.168.20.1 dev eth0
ip netns exec ${p} nc -lk 8080 &`;
  return lab({
    networks: ['lan'],
    machines: {
      host: {
        nics: ['eth1@lan'],
        script: `
ip addr add 192.168.6.161/24 dev eth1
ip link set eth1 up
sysctl -w net.ipv4.ip_forward=1
${pod('a', '192.168.20.10')}
${pod('b', '192.168.20.11')}
ip link add link eth1 name shim type ipvlan mode ${mode} ${flag}
ip addr add 192.168.20.1/24 dev shim
ip link set shim up
${extra}`,
      },
      peer: { nics: ['eth0@lan'], script: 'ip addr add 192.168.6.170/24 dev eth0\nip link set eth0 up\nip route add 192.168.20.0/24 via 192.168.6.161' },
    },
  });
}

const codes = (t: Trace, code: string) => t.legs.flatMap((l) => l.events).filter((e) => e.code === code);

describe('ipvlan l2', () => {
  it('floods the ARP to the other ipvlans and the wire, then hands b its packets by address (the MAC is shared)', () => {
    const t = ipvlanLab('l2').trace(flow('host/a', '192.168.20.11:8080'));
    expectTrace(t).toBeDelivered().notToVisit('ip_forward');
    expect(codes(t, 'ipvlan.xmit').map((e) => (e.params as { to: string }).to)).toContain('flood');
    expect(codes(t, 'ipvlan.xmit').filter((e) => (e.params as { to: string }).to === 'slave').length).toBeGreaterThan(2);
  });

  it('gives a frame for the shared MAC that no ipvlan holds the address of to the master\'s stack (the gateway path)', () => {
    const t = ipvlanLab('l2', '', 'iptables -t nat -A PREROUTING -d 10.96.0.40 -p tcp --dport 80 -j DNAT --to-destination 192.168.20.11:8080\niptables -t nat -A POSTROUTING -s 192.168.20.0/24 -d 192.168.20.0/24 -j MASQUERADE').trace(flow('host/a', '10.96.0.40:80'));
    expectTrace(t).toBeDelivered().toVisit('ip_forward', 'host');
    expect(codes(t, 'ipvlan.xmit').some((e) => (e.params as { to: string }).to === 'master')).toBe(true);
    expect(codes(t, 'ipvlan.pass').length).toBeGreaterThan(0);
  });

  it('without the SNAT the reply goes straight back to the pod, which has no socket for it', () => {
    const t = ipvlanLab('l2', '', 'iptables -t nat -A PREROUTING -d 10.96.0.40 -p tcp --dport 80 -j DNAT --to-destination 192.168.20.11:8080').trace(flow('host/a', '10.96.0.40:80'));
    expectTrace(t).toDrop('NO_SOCKET', 'host');
  });

  it('private: one ipvlan never reaches another (consumed): the ARP request, so the SYN dies NEIGH_FAILED', () => {
    const t = ipvlanLab('l2', 'private').trace(flow('host/a', '192.168.20.11:8080'));
    expectTrace(t).toDrop('NEIGH_FAILED', 'host');
    const arp = t.legs[0].events.flatMap((e) => (e.code === 'drop' && e.params.reason === 'NOT_SPECIFIED' ? [e.params] : []))[0];
    expect(arp?.cause).toMatchObject({ code: 'ipvlan-private', owner: 'eth0' });
  });

  it('vepa: every frame leaves by the master, so the ARP for a sibling gets no answer', () => {
    const t = ipvlanLab('l2', 'vepa').trace(flow('host/a', '192.168.20.11:8080'));
    expectTrace(t).toDrop('NEIGH_FAILED', 'host');
  });

  it('cannot reach the master\'s own address: the ARP never reaches its stack', () => {
    const t = ipvlanLab('l2', '', 'ip link del shim\nip -n a route add 192.168.6.0/24 dev eth0').trace(flow('host/a', '192.168.6.161', 'icmp'));
    expectTrace(t).toDrop('NEIGH_FAILED', 'host');
  });

  it('reaches it through the host\'s own ipvlan, which answers ARP for every address of its namespace (arp_ignore=0)', () => {
    const t = ipvlanLab('l2', '', 'ip -n a route add 192.168.6.0/24 dev eth0').trace(flow('host/a', '192.168.6.161', 'icmp'));
    expectTrace(t).toBeDelivered().toVisit('arp_process', 'host');
  });

  it('takes a packet from the wire for an ipvlan\'s address, whatever ipvlan it is', () => {
    expectTrace(ipvlanLab('l2').trace(flow('peer', '192.168.20.10:8080'))).toBeDelivered().toVisit('ipvlan_handle_mode_l3', 'host');
  });
});

describe('ipvlan l3', () => {
  it('needs no ARP (NOARP): a packet for a sibling\'s address goes straight to it', () => {
    const t = ipvlanLab('l3').trace(flow('host/a', '192.168.20.11:8080'));
    expectTrace(t).toBeDelivered().notToVisit('arp_solicit');
  });

  it('routes anything else in the master\'s namespace: its OUTPUT and POSTROUTING see the pod\'s packet', () => {
    const t = ipvlanLab('l3', '', 'iptables -t nat -A OUTPUT -d 10.96.0.40 -p tcp --dport 80 -j DNAT --to-destination 192.168.20.11:8080\niptables -t nat -A POSTROUTING -s 192.168.20.0/24 -d 192.168.20.0/24 -j MASQUERADE').trace(flow('host/a', '10.96.0.40:80'));
    expectTrace(t).toBeDelivered().toVisit('ipvlan_process_v4_outbound', 'host').toVisit('ip_route_me_harder', 'host');
  });

  it('a PREROUTING-only DNAT never sees an l3 pod\'s packet', () => {
    const t = ipvlanLab('l3', '', 'ip route add default via 192.168.6.1 dev eth1\niptables -t nat -A PREROUTING -d 10.96.0.40 -p tcp --dport 80 -j DNAT --to-destination 192.168.20.11:8080').trace(flow('host/a', '10.96.0.40:80'));
    expectTrace(t).toDrop('NEIGH_FAILED', 'host').notToVisit('ipt_do_table PREROUTING/nat');
  });

  it('takes a packet routed to it from the wire (the host is the pods\' router); an ARP for an ipvlan is consumed', () => {
    expectTrace(ipvlanLab('l3').trace(flow('peer', '192.168.20.10:8080'))).toBeDelivered().toVisit('ipvlan_handle_mode_l3', 'host');
    const onLink = lab({
      networks: ['lan'],
      machines: {
        host: { nics: ['eth1@lan'], script: 'ip link set eth1 up\nip netns add a\nip link add link eth1 name iv type ipvlan mode l3\nip link set iv netns a\nip -n a addr add 192.168.6.10/24 dev iv\nip -n a link set iv up' },
        peer: { nics: ['eth0@lan'], script: 'ip addr add 192.168.6.170/24 dev eth0\nip link set eth0 up' },
      },
    }).trace(flow('peer', '192.168.6.10', 'icmp'));
    expectTrace(onLink).toDrop('NEIGH_FAILED', 'peer').toVisit('arp_rcv', 'host');
  });
});

describe('ipvlan l3s', () => {
  it('runs PREROUTING and INPUT in the master\'s namespace for an ipvlan\'s packet, delivers it in the pod', () => {
    const t = ipvlanLab('l3s', '', 'iptables -A INPUT -p tcp --dport 8080 -j ACCEPT').trace(flow('peer', '192.168.20.10:8080'));
    expectTrace(t).toBeDelivered().toVisit('ipvlan_l3_rcv', 'host').toVisit('ipvlan_nf_input', 'host');
    const input = t.legs[0].events.find((e) => e.code === 'nf.rule');
    expect(input?.at).toMatchObject({ machine: 'host', netns: '' });
  });
});
