import { describe, expect, it } from 'vitest';
import { expectTrace, flow, lab, routedHost, matched, kindOf, outcome } from '../testing';

// Two hosts on one segment, each routing its neighbour's pod subnet via the other host (host-gw).
const host = (me: string, _podNet: string, podIp: string, peerIp: string, peerPodNet: string, onlink = 'onlink') => `${routedHost(me, podIp)}
ip route add ${peerPodNet} via ${peerIp} dev eth0 ${onlink}
`;

const hostGw = () =>
  lab({
    networks: ['lan'],
    machines: {
      host1: { nics: ['eth0@lan'], script: host('10.57.4.20', '192.168.10.0/24', '192.168.10.10', '10.57.4.21', '192.168.11.0/24') },
      host2: { nics: ['eth0@lan'], script: host('10.57.4.21', '192.168.11.0/24', '192.168.11.10', '10.57.4.20', '192.168.10.0/24') },
    },
  });

describe('host-gw: pod to pod across two hosts by plain routes', () => {
  it('delivers the whole TCP conversation', () => {
    expectTrace(hostGw().trace(flow('host1/pod', '192.168.11.10:8080')))
      .toBeDelivered()
      .toHaveLegs('SYN', 'SYN-ACK', 'ACK', 'data')
      .toVisit('ip_forward', 'host1')
      .toVisit('ip_forward', 'host2')
      .toVisit('arp_solicit');
  });

  it('answers the pod\'s ARP for 169.254.10.24 by proxy_arp on the host veth', () => {
    const trace = hostGw().trace(flow('host1/pod', '192.168.11.10:8080'));
    const proxy = trace.legs[0].events.find((e) => e.code === 'arp.proxy');
    expect(proxy?.at).toEqual({ machine: 'host1', netns: '', dev: 'veth-pod', dir: 'in' });
    expect(matched(proxy)).toBe('default via 10.57.4.1 dev eth0');
  });

  it('crosses three L2 segments, each with its own MAC pair, while the IPs stay the pods\'', () => {
    const w = hostGw();
    const trace = w.trace(flow('host1/pod', '192.168.11.10:8080'));
    const syn = trace.legs[0].events.filter((e) => kindOf(e) === 'xmit' && e.packet.some((h) => h.layer === 'tcp'));
    const pairs = syn.map((e) => {
      const [eth, ip] = e.packet;
      return eth.layer === 'eth' && ip.layer === 'ipv4' ? `${eth.src}>${eth.dst} ${ip.src}>${ip.dst}` : '';
    });
    const macPairs = new Set(pairs.map((p) => p.split(' ')[0]));
    const ipPairs = new Set(pairs.map((p) => p.split(' ')[1]));
    expect(macPairs.size).toBe(3);
    expect(ipPairs.size).toBe(1);
    const mac = (m: string, ns: string, d: string) => w.devices().find((x) => x.machine === m && x.netns === ns && x.name === d)!.mac;
    expect([...macPairs]).toEqual([
      `${mac('host1', 'pod', 'eth0')}>${mac('host1', '', 'veth-pod')}`,
      `${mac('host1', '', 'eth0')}>${mac('host2', '', 'eth0')}`,
      `${mac('host2', '', 'veth-pod')}>${mac('host2', 'pod', 'eth0')}`,
    ]);
  });

  it('drops at host1 with IP_INNOROUTES (and ICMP back) when host1 has no route to the other pod subnet', () => {
    const w = lab({
      networks: ['lan'],
      machines: {
        host1: { nics: ['eth0@lan'], script: host('10.57.4.20', '', '192.168.10.10', '10.57.4.21', '192.168.11.0/24').replace(/^ip route add 192.168.11.0.*$/m, '').replace(/^ip route add default.*$/m, 'ip route add 169.254.10.24 dev eth0') },
        host2: { nics: ['eth0@lan'], script: host('10.57.4.21', '', '192.168.11.10', '10.57.4.20', '192.168.10.0/24') },
      },
    });
    expectTrace(w.trace(flow('host1/pod', '192.168.11.10:8080'))).toDrop('IP_INNOROUTES', 'host1').toHaveLegs('SYN', 'icmp-error');
  });

  it('answers with NO_SOCKET and an RST when nothing listens on the port', () => {
    const t = expectTrace(hostGw().trace(flow('host1/pod', '192.168.11.10:9999'))).toDrop('NO_SOCKET', 'host2').toHaveLegs('SYN', 'RST');
    expect(outcome(t.trace)).toBe('Connection refused');
  });

  it('pings across', () => {
    expectTrace(hostGw().trace(flow('host1/pod', '192.168.11.10', 'icmp'))).toBeDelivered().toHaveLegs('echo-request', 'echo-reply');
  });
});
