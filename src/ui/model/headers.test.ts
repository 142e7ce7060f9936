import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../engine/addr/ipv4';
import { diffHeaders } from '../../engine/packet/diff';
import type { EthernetHeader, Header, Headers, Ipv4Header, TcpHeader, UdpHeader } from '../../engine/packet/headers';
import { packetView } from '../../engine/packet/view';
import { diffStacks, headerTree } from './headers';

const ip = (s: string) => parseIpv4(s)!;
const eth = (src: string, dst: string, type = 0x0800): EthernetHeader => ({ layer: 'eth', src, dst, type });
const ipv4 = (src: string, dst: string, more: Partial<Ipv4Header> = {}): Ipv4Header => ({
  layer: 'ipv4', src: ip(src), dst: ip(dst), ttl: 64, protocol: 6, length: 40, df: true, ...more,
});
const tcp = (sport: number, dport: number, more: Partial<TcpHeader> = {}): TcpHeader => ({
  layer: 'tcp', sport, dport, flags: ['SYN'], seq: 1000, ack: 0, payload: 0, ...more,
});
const udp = (sport: number, dport: number): UdpHeader => ({ layer: 'udp', sport, dport, payload: 90 });
const vxlan = (vni: number): Header => ({ layer: 'vxlan', vni });

const A = '02:00:00:00:00:0a';
const B = '02:00:00:00:00:0b';
const R1 = '02:00:00:00:00:01';
const R2 = '02:00:00:00:00:02';
const inner: Headers = [eth(A, R1), ipv4('10.0.0.1', '10.0.1.2'), tcp(40000, 8080)];

/** Field keys of a tree as `layer@index.field` (`ipv4@1.src`), the way the cases below name them. */
function valuesOf(stack: Headers): Record<string, string> {
  const tree = headerTree(packetView(stack));
  return Object.fromEntries(tree.flatMap((n) => n.fields.map((f) => [`${n.layer}@${n.path}.${f.key}`, f.value])));
}

describe('headerTree', () => {
  const cases: { name: string; stack: Headers; titles: string[]; fields?: Record<string, string> }[] = [
    {
      name: 'an ARP request is titled as a request, with its opcode and addresses',
      stack: [
        eth(A, 'ff:ff:ff:ff:ff:ff', 0x0806),
        { layer: 'arp', op: 'request', senderMac: A, senderIp: ip('10.0.0.1'), targetMac: '00:00:00:00:00:00', targetIp: ip('10.0.0.254') },
      ],
      titles: ['Ethernet II, Src: 02:00:00:00:00:0a, Dst: ff:ff:ff:ff:ff:ff (Broadcast)', 'Address Resolution Protocol (request)'],
      fields: { 'eth@0.type': '0x0806 (ARP)', 'arp@1.op': 'request (1)', 'arp@1.targetIp': '10.0.0.254' },
    },
    {
      name: 'a TCP SYN reads like a packet analyser: ethertype, protocol number, dotted addresses, flags',
      stack: inner,
      titles: [
        'Ethernet II, Src: 02:00:00:00:00:0a, Dst: 02:00:00:00:00:01',
        'Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.1.2',
        'Transmission Control Protocol, Src Port: 40000, Dst Port: 8080, Flags: [SYN], Seq: 1000, Len: 0',
      ],
      fields: { 'eth@0.type': '0x0800 (IPv4)', 'ipv4@1.protocol': '6 (TCP)', 'ipv4@1.ttl': '64', 'ipv4@1.src': '10.0.0.1', 'tcp@2.flags': '[SYN]' },
    },
    {
      name: 'a VXLAN packet names its VNI and gives the inner layers their own positions',
      stack: [eth(R1, R2), ipv4('192.168.0.1', '192.168.0.2', { protocol: 17 }), udp(51000, 4789), vxlan(1), ...inner],
      titles: [
        'Ethernet II, Src: 02:00:00:00:00:01, Dst: 02:00:00:00:00:02',
        'Internet Protocol Version 4, Src: 192.168.0.1, Dst: 192.168.0.2',
        'User Datagram Protocol (VXLAN outer header), Src Port: 51000, Dst Port: 4789',
        'Virtual eXtensible Local Area Network, VNI: 1',
        'Ethernet II, Src: 02:00:00:00:00:0a, Dst: 02:00:00:00:00:01',
        'Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.1.2',
        'Transmission Control Protocol, Src Port: 40000, Dst Port: 8080, Flags: [SYN], Seq: 1000, Len: 0',
      ],
      fields: { 'ipv4@1.protocol': '17 (UDP)', 'vxlan@3.vni': '1', 'ipv4@5.src': '10.0.0.1', 'eth@4.src': A },
    },
    {
      name: 'an IP-in-IP outer header is marked as such',
      stack: [eth(R1, R2), ipv4('192.168.0.1', '192.168.0.2', { protocol: 4 }), ipv4('10.0.0.1', '10.0.1.2'), tcp(40000, 8080)],
      titles: [
        'Ethernet II, Src: 02:00:00:00:00:01, Dst: 02:00:00:00:00:02',
        'Internet Protocol Version 4 (outer header, IP-in-IP), Src: 192.168.0.1, Dst: 192.168.0.2',
        'Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.1.2',
        'Transmission Control Protocol, Src Port: 40000, Dst Port: 8080, Flags: [SYN], Seq: 1000, Len: 0',
      ],
      fields: { 'ipv4@1.protocol': '4 (IPIP)', 'ipv4@2.dst': '10.0.1.2' },
    },
    {
      name: 'an ICMP port unreachable names its type and code and nests the packet it quotes',
      stack: [ipv4('10.0.1.2', '10.0.0.1', { protocol: 1 }), { layer: 'icmp', type: 3, code: 3, quoted: [ipv4('10.0.0.1', '10.0.1.2', { protocol: 17 }), udp(40000, 53)] }],
      titles: ['Internet Protocol Version 4, Src: 10.0.1.2, Dst: 10.0.0.1', 'Internet Control Message Protocol, Type: 3 (Destination unreachable)'],
      fields: { 'icmp@1.code': '3 (Port unreachable)', 'ipv4@0.protocol': '1 (ICMP)' },
    },
  ];
  it.each(cases)('$name', ({ stack, titles, fields = {} }) => {
    expect(headerTree(packetView(stack)).map((n) => n.title)).toEqual(titles);
    const values = valuesOf(stack);
    for (const [key, value] of Object.entries(fields)) expect(values[key], key).toBe(value);
  });

  it('gives an ICMP error’s quoted layers paths of their own', () => {
    const [, icmp] = headerTree(packetView([ipv4('10.0.1.2', '10.0.0.1', { protocol: 1 }), { layer: 'icmp', type: 11, code: 0, quoted: [ipv4('10.0.0.1', '10.0.1.2'), tcp(1, 2)] }]));
    expect(icmp.children?.map((c) => c.path)).toEqual(['1.q0', '1.q1']);
  });

  it('counts tunnel levels per layer kind: 0 outermost, then 1, then 2', () => {
    const stack: Headers = [eth(R1, R2), ipv4('1.1.1.1', '2.2.2.2', { protocol: 4 }), ipv4('3.3.3.3', '4.4.4.4', { protocol: 4 }), ipv4('10.0.0.1', '10.0.1.2'), tcp(1, 2)];
    expect(headerTree(packetView(stack)).map((n) => `${n.layer}${n.level}`)).toEqual(['eth0', 'ipv40', 'ipv41', 'ipv42', 'tcp0']);
  });
});

describe('diffStacks: what a step did, from the engine’s record', () => {
  // The engine records changes against the same packet's previous event (diffHeaders); the page
  // reads them, keyed by each layer's position in the stack.
  const cases: {
    name: string;
    previous: Headers;
    current: Headers;
    changed: string[];
    pushed?: string[];
    popped?: string[];
    before?: Record<string, string>;
  }[] = [
    {
      name: 'a router hop rewrites both MACs and decrements the TTL',
      previous: inner,
      current: [eth(R2, B), ipv4('10.0.0.1', '10.0.1.2', { ttl: 63 }), tcp(40000, 8080)],
      changed: ['0.src', '0.dst', '1.ttl'],
      before: { '0.src': A, '0.dst': R1, '1.ttl': '64' },
    },
    {
      name: 'DNAT changes the destination address and port',
      previous: [eth(A, R1), ipv4('10.244.1.10', '10.96.0.100'), tcp(33110, 80)],
      current: [eth(A, R1), ipv4('10.244.1.10', '10.244.1.11'), tcp(33110, 8080)],
      changed: ['1.dst', '2.dport'],
      before: { '1.dst': '10.96.0.100', '2.dport': '80' },
    },
    {
      name: 'VXLAN encapsulation marks every field of the four outer layers new and keeps the inner packet',
      previous: inner,
      current: [eth(R1, R2), ipv4('192.168.0.1', '192.168.0.2', { protocol: 17 }), udp(51000, 4789), vxlan(1), ...inner],
      changed: ['0.dst', '0.src', '0.type', '1.length', '1.df', '1.ttl', '1.protocol', '1.src', '1.dst', '2.sport', '2.dport', '2.payload', '3.vni'],
      pushed: ['0', '1', '2', '3'],
    },
    {
      name: 'VXLAN decapsulation pops the outer layers and reports them',
      previous: [eth(R1, R2), ipv4('192.168.0.1', '192.168.0.2', { protocol: 17 }), udp(51000, 4789), vxlan(1), ...inner],
      current: inner,
      changed: [],
      popped: ['eth', 'ipv4', 'udp', 'vxlan'],
    },
    {
      name: 'IP-in-IP encapsulation pushes an outer IPv4 header and keeps the inner one',
      previous: [ipv4('10.0.0.1', '10.0.1.2'), tcp(1, 2)],
      current: [ipv4('192.168.0.1', '192.168.0.2', { protocol: 4 }), ipv4('10.0.0.1', '10.0.1.2'), tcp(1, 2)],
      changed: ['0.length', '0.df', '0.ttl', '0.protocol', '0.src', '0.dst'],
      pushed: ['0'],
    },
    {
      name: 'receiving on a router strips the Ethernet header: reported as popped',
      previous: inner,
      current: inner.slice(1),
      changed: [],
      popped: ['eth'],
    },
    {
      name: 'sending adds an Ethernet header: the whole layer is new',
      previous: inner.slice(1),
      current: inner,
      changed: ['0.dst', '0.src', '0.type'],
      pushed: ['0'],
    },
    {
      name: 'the very same stack changes nothing',
      previous: inner,
      current: inner,
      changed: [],
    },
  ];
  it.each(cases)('$name', ({ previous, current, changed, pushed = [], popped = [], before }) => {
    const diff = diffStacks(packetView(previous), packetView(current), diffHeaders(previous, current));
    expect([...diff.changed].sort()).toEqual([...changed].sort());
    expect([...diff.pushed].sort()).toEqual([...pushed].sort());
    expect(diff.popped.map((p) => p.layer)).toEqual(popped);
    expect(diff.unrelated).toBe(false);
    if (before) expect(Object.fromEntries(diff.before)).toEqual(before);
  });

  it('an ARP request sent while the packet waits is another packet, not a rewrite', () => {
    const arp: Headers = [eth(A, 'ff:ff:ff:ff:ff:ff', 0x0806), { layer: 'arp', op: 'request', senderMac: A, senderIp: ip('10.0.0.1'), targetMac: '00:00:00:00:00:00', targetIp: ip('10.0.0.254') }];
    const diff = diffStacks(packetView(inner.slice(1)), packetView(arp), []);
    expect(diff.unrelated).toBe(true);
    expect(diff.changed.size).toBe(0);
  });

  it('titles a popped layer as the tree did, so the page can say "removed: Ethernet II"', () => {
    expect(diffStacks(packetView(inner), packetView(inner.slice(1)), diffHeaders(inner, inner.slice(1))).popped[0].title).toBe('Ethernet II, Src: 02:00:00:00:00:0a, Dst: 02:00:00:00:00:01');
  });
});
