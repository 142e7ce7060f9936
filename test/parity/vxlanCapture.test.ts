// The VXLAN wire check of the parity suite: tcpdump text and the engine's trace reduced to
// the same lines, and the learned FDB entries read from `bridge fdb show`.
import { describe, expect, it } from 'vitest';
import { flow, lab } from '../testing';
import { engineEncap, engineLearned, parseLearned, parseTcpdump } from './vxlanCapture';

// tcpdump -nn -e -v -l -Q out -i eth0 on a 6.18 kernel (port 4789 prints as VXLAN, 8472 as OTV)
const CAPTURE = `07:30:16.686194 0e:87:53:d7:32:e5 > 1a:6d:48:87:7a:7e, ethertype IPv4 (0x0800), length 92: (tos 0x0, ttl 64, id 18624, offset 0, flags [none], proto UDP (17), length 78)
    192.168.3.10.38840 > 192.168.3.11.4789: VXLAN, flags [I] (0x08), vni 100
02:00:00:00:0a:01 > ff:ff:ff:ff:ff:ff, ethertype ARP (0x0806), length 42: Ethernet (len 6), IPv4 (len 4), Request who-has 10.0.0.2 tell 10.0.0.1, length 28
07:30:16.686223 0e:87:53:d7:32:e5 > 1a:6d:48:87:7a:7e, ethertype IPv4 (0x0800), length 124: (tos 0x0, ttl 64, id 18625, offset 0, flags [none], proto UDP (17), length 110)
    192.168.3.10.35362 > 192.168.3.11.8472: OTV, flags [I] (0x08), overlay 0, instance 1
02:00:00:00:0a:01 > 02:00:00:00:0b:01, ethertype IPv4 (0x0800), length 74: (tos 0x0, ttl 63, id 11436, offset 0, flags [DF], proto TCP (6), length 60)
    10.0.0.1.55416 > 10.0.0.2.80: Flags [S], cksum 0x1431 (incorrect -> 0xa6ff), seq 2072595979, win 64860, length 0
`;

describe('parseTcpdump', () => {
  it('reads outer and inner headers of each VXLAN frame, whatever name tcpdump gives the port', () => {
    expect(parseTcpdump('host1:eth0', CAPTURE)).toEqual([
      'host1:eth0 0e:87:53:d7:32:e5>1a:6d:48:87:7a:7e 192.168.3.10>192.168.3.11 ttl 64 - udp/4789 vni 100 | 02:00:00:00:0a:01>ff:ff:ff:ff:ff:ff ARP',
      'host1:eth0 0e:87:53:d7:32:e5>1a:6d:48:87:7a:7e 192.168.3.10>192.168.3.11 ttl 64 - udp/8472 vni 1 | 02:00:00:00:0a:01>02:00:00:00:0b:01 IPv4 10.0.0.1>10.0.0.2 ttl 63 DF',
    ]);
  });

  it('skips what is not VXLAN', () => {
    expect(parseTcpdump('h:eth0', '07:30:16.1 aa:aa:aa:aa:aa:aa > bb:bb:bb:bb:bb:bb, ethertype ARP (0x0806), length 42: Request\n')).toEqual([]);
  });
});

describe('the engine side', () => {
  const host = (me: string, peer: string, addr: string, net: string, gw: string) => `
ip addr add ${me}/24 dev eth0
ip link set eth0 up
ip link add vxlan0 type vxlan id 100 dstport 4789 local ${me} dev eth0
ip addr add ${addr}/32 dev vxlan0
ip link set vxlan0 up
ip route add ${net} via ${gw} dev vxlan0 onlink
bridge fdb append 00:00:00:00:00:00 dev vxlan0 dst ${peer}
`;
  const w = lab({
    networks: ['lan'],
    machines: {
      h1: { nics: ['eth0@lan'], script: host('10.57.4.20', '10.57.4.21', '192.168.10.1', '192.168.11.0/24', '192.168.11.1') },
      h2: { nics: ['eth0@lan'], script: host('10.57.4.21', '10.57.4.20', '192.168.11.1', '192.168.10.0/24', '192.168.10.1') },
    },
  });
  const trace = w.trace(flow('h1', '192.168.11.1', 'icmp'));
  const mac = (m: string, d: string) => w.devices().find((x) => x.machine === m && x.name === d)!.mac;

  it('turns the frames NICs sent into the same lines as tcpdump', () => {
    const lines = [...engineEncap(trace)];
    const h1 = `h1:eth0 ${mac('h1', 'eth0')}>${mac('h2', 'eth0')} 10.57.4.20>10.57.4.21 ttl 64 - udp/4789 vni 100`;
    expect(lines).toContain(`${h1} | ${mac('h1', 'vxlan0')}>ff:ff:ff:ff:ff:ff ARP`);
    expect(lines).toContain(`${h1} | ${mac('h1', 'vxlan0')}>${mac('h2', 'vxlan0')} IPv4 192.168.10.1>192.168.11.1 ttl 64 DF`);
    expect(lines.filter((l) => l.startsWith('h2:eth0'))).toHaveLength(2); // the ARP reply and the echo reply
  });

  it('keys learned entries as bridge fdb show prints them', () => {
    expect(engineLearned(trace)).toEqual(new Set([
      `h2/|${mac('h1', 'vxlan0')} dev vxlan0 dst 10.57.4.20 self`,
      `h1/|${mac('h2', 'vxlan0')} dev vxlan0 dst 10.57.4.21 self`,
    ]));
    const show = `33:33:00:00:00:01 dev eth0 self permanent\n${mac('h1', 'vxlan0')} dev vxlan0 dst 10.57.4.20 self \n00:00:00:00:00:00 dev vxlan0 dst 10.57.4.20 self permanent\n`;
    expect(parseLearned('h2/', show)).toEqual([`h2/|${mac('h1', 'vxlan0')} dev vxlan0 dst 10.57.4.20 self`]);
  });
});
