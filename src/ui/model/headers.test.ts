import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../engine/addr/ipv4';
import type { EthernetHeader, FieldChange, Header, Headers, Ipv4Header, TcpHeader, UdpHeader } from '../../engine/packet/headers';
import { changedFields, diffStacks, headerTree, layerPaths } from './headers';

const ip = (s: string) => parseIpv4(s)!;
const eth = (src: string, dst: string, type = 0x0800): EthernetHeader => ({ layer: 'eth', src, dst, type });
const ipv4 = (src: string, dst: string, more: Partial<Ipv4Header> = {}): Ipv4Header => ({
  layer: 'ipv4', src: ip(src), dst: ip(dst), ttl: 64, protocol: 6, length: 40, df: true, ...more,
});
const tcp = (sport: number, dport: number, more: Partial<TcpHeader> = {}): TcpHeader => ({
  layer: 'tcp', sport, dport, flags: ['SYN'], seq: 1000, ack: 0, payload: 0, ...more,
});
const udp = (sport: number, dport: number): UdpHeader => ({ layer: 'udp', sport, dport, payload: 90 });
const vxlan = (vni: number) => ({ layer: 'vxlan', vni }) as unknown as Header;

const A = '02:00:00:00:00:0a';
const B = '02:00:00:00:00:0b';
const R1 = '02:00:00:00:00:01';
const R2 = '02:00:00:00:00:02';
const inner: Headers = [eth(A, R1), ipv4('10.0.0.1', '10.0.1.2'), tcp(40000, 8080)];

describe('headerTree', () => {
  const cases: { name: string; stack: Headers; titles: string[]; fields?: Record<string, string> }[] = [
    {
      name: 'an ARP request is titled as a request, with its opcode and addresses',
      stack: [
        eth(A, 'ff:ff:ff:ff:ff:ff', 0x0806),
        { layer: 'arp', op: 'request', senderMac: A, senderIp: ip('10.0.0.1'), targetMac: '00:00:00:00:00:00', targetIp: ip('10.0.0.254') },
      ],
      titles: ['Ethernet II, Src: 02:00:00:00:00:0a, Dst: ff:ff:ff:ff:ff:ff (Broadcast)', 'Address Resolution Protocol (request)'],
      fields: { 'eth.type': '0x0806 (ARP)', 'arp.op': 'request (1)', 'arp.targetIp': '10.0.0.254' },
    },
    {
      name: 'a TCP SYN reads like a packet analyser: ethertype, protocol number, dotted addresses, flags',
      stack: inner,
      titles: [
        'Ethernet II, Src: 02:00:00:00:00:0a, Dst: 02:00:00:00:00:01',
        'Internet Protocol Version 4, Src: 10.0.0.1, Dst: 10.0.1.2',
        'Transmission Control Protocol, Src Port: 40000, Dst Port: 8080, Flags: [SYN], Seq: 1000, Len: 0',
      ],
      fields: { 'eth.type': '0x0800 (IPv4)', 'ipv4.protocol': '6 (TCP)', 'ipv4.ttl': '64', 'ipv4.src': '10.0.0.1', 'tcp.flags': '[SYN]' },
    },
    {
      name: 'a VXLAN packet names its VNI and gives the inner layers their own paths',
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
      fields: { 'ipv4.protocol': '17 (UDP)', 'vxlan.vni': '1', 'inner ipv4.src': '10.0.0.1', 'inner eth.src': A },
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
      fields: { 'ipv4.protocol': '4 (IPIP)', 'inner ipv4.dst': '10.0.1.2' },
    },
    {
      name: 'an ICMP port unreachable names its type and code and nests the packet it quotes',
      stack: [ipv4('10.0.1.2', '10.0.0.1', { protocol: 1 }), { layer: 'icmp', type: 3, code: 3, quoted: [ipv4('10.0.0.1', '10.0.1.2', { protocol: 17 }), udp(40000, 53)] }],
      titles: ['Internet Protocol Version 4, Src: 10.0.1.2, Dst: 10.0.0.1', 'Internet Control Message Protocol, Type: 3 (Destination unreachable)'],
      fields: { 'icmp.code': '3 (Port unreachable)', 'ipv4.protocol': '1 (ICMP)' },
    },
    {
      name: 'a layer this version does not know is printed field by field',
      stack: [{ layer: 'geneve', vni: 7, options: ['a', 'b'], remote: ip('10.9.9.9') } as unknown as Header],
      titles: ['geneve'],
      fields: { 'geneve.vni': '7', 'geneve.options': 'a, b', 'geneve.remote': '10.9.9.9' },
    },
  ];
  it.each(cases)('$name', ({ stack, titles, fields = {} }) => {
    const tree = headerTree(stack);
    expect(tree.map((n) => n.title)).toEqual(titles);
    const values = Object.fromEntries(tree.flatMap((n) => n.fields.map((f) => [`${n.path}.${f.key}`, f.value])));
    for (const [key, value] of Object.entries(fields)) expect(values[key], key).toBe(value);
  });

  it('gives an ICMP error’s quoted layers paths of their own', () => {
    const [, icmp] = headerTree([ipv4('10.0.1.2', '10.0.0.1', { protocol: 1 }), { layer: 'icmp', type: 11, code: 0, quoted: [ipv4('10.0.0.1', '10.0.1.2'), tcp(1, 2)] }]);
    expect(icmp.children?.map((c) => c.path)).toEqual(['icmp quoted ipv4', 'icmp quoted tcp']);
  });

  it('names nested duplicates plain, then inner, then inner inner', () => {
    expect(layerPaths([{ layer: 'eth' }, { layer: 'ipv4' }, { layer: 'eth' }, { layer: 'ipv4' }, { layer: 'ipv4' }])).toEqual([
      'eth', 'ipv4', 'inner eth', 'inner ipv4', 'inner inner ipv4',
    ]);
  });
});

describe('diffStacks', () => {
  const cases: {
    name: string;
    previous: Headers | undefined;
    current: Headers;
    changes?: FieldChange[];
    changed: string[];
    pushed?: string[];
    popped?: string[];
    before?: Record<string, string>;
    unrelated?: boolean;
  }[] = [
    {
      name: 'a router hop rewrites both MACs and decrements the TTL',
      previous: inner,
      current: [eth(R2, B), ipv4('10.0.0.1', '10.0.1.2', { ttl: 63 }), tcp(40000, 8080)],
      changed: ['eth.src', 'eth.dst', 'ipv4.ttl'],
      before: { 'eth.src': A, 'eth.dst': R1, 'ipv4.ttl': '64' },
    },
    {
      name: 'a TTL decrement alone marks only the TTL',
      previous: [ipv4('10.0.0.1', '10.0.1.2'), tcp(1, 2)],
      current: [ipv4('10.0.0.1', '10.0.1.2', { ttl: 63 }), tcp(1, 2)],
      changed: ['ipv4.ttl'],
      before: { 'ipv4.ttl': '64' },
    },
    {
      name: 'DNAT changes the destination address and port',
      previous: [eth(A, R1), ipv4('10.244.1.10', '10.96.0.100'), tcp(33110, 80)],
      current: [eth(A, R1), ipv4('10.244.1.10', '10.244.1.11'), tcp(33110, 8080)],
      changed: ['ipv4.dst', 'tcp.dport'],
      before: { 'ipv4.dst': '10.96.0.100', 'tcp.dport': '80' },
    },
    {
      name: 'VXLAN encapsulation marks every field of the four outer layers new and keeps the inner packet',
      previous: inner,
      current: [eth(R1, R2), ipv4('192.168.0.1', '192.168.0.2', { protocol: 17 }), udp(51000, 4789), vxlan(1), ...inner],
      changed: ['eth.dst', 'eth.src', 'eth.type', 'ipv4.length', 'ipv4.df', 'ipv4.ttl', 'ipv4.protocol', 'ipv4.src', 'ipv4.dst', 'udp.sport', 'udp.dport', 'udp.payload', 'vxlan.vni'],
      pushed: ['eth', 'ipv4', 'udp', 'vxlan'],
    },
    {
      name: 'VXLAN decapsulation pops the outer layers and reports them',
      previous: [eth(R1, R2), ipv4('192.168.0.1', '192.168.0.2', { protocol: 17 }), udp(51000, 4789), vxlan(1), ...inner],
      current: inner,
      changed: [],
      popped: ['eth', 'ipv4', 'udp', 'vxlan'],
    },
    {
      name: 'IP-in-IP encapsulation pushes an outer IPv4 header under the same Ethernet header',
      previous: [eth(A, R1), ipv4('10.0.0.1', '10.0.1.2'), tcp(1, 2)],
      current: [eth(A, R1), ipv4('192.168.0.1', '192.168.0.2', { protocol: 4 }), ipv4('10.0.0.1', '10.0.1.2'), tcp(1, 2)],
      changed: ['ipv4.length', 'ipv4.df', 'ipv4.ttl', 'ipv4.protocol', 'ipv4.src', 'ipv4.dst'],
      pushed: ['ipv4'],
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
      changed: ['eth.dst', 'eth.src', 'eth.type'],
      pushed: ['eth'],
    },
    {
      name: 'an ARP request sent while the packet waits is another packet, not a rewrite',
      previous: inner.slice(1),
      current: [eth(A, 'ff:ff:ff:ff:ff:ff', 0x0806), { layer: 'arp', op: 'request', senderMac: A, senderIp: ip('10.0.0.1'), targetMac: '00:00:00:00:00:00', targetIp: ip('10.0.0.254') }],
      changed: [],
      unrelated: true,
    },
    {
      name: 'the engine’s own record is merged in, its outer names read as plain',
      previous: inner,
      current: inner,
      changes: [{ layer: 'outer ipv4', field: 'ttl', from: '64', to: '64' }],
      changed: ['ipv4.ttl'],
      before: { 'ipv4.ttl': '64' },
    },
    {
      name: 'a leg’s first step takes pushed and popped layers from the engine',
      previous: undefined,
      current: inner,
      changes: [
        { layer: 'eth', field: '(header)', from: '', to: 'pushed' },
        { layer: 'vxlan', field: '(header)', from: 'present', to: 'popped' },
      ],
      changed: ['eth.dst', 'eth.src', 'eth.type'],
      pushed: ['eth'],
      popped: ['vxlan'],
    },
    {
      name: 'the engine’s header records are ignored when there is a previous step (encapsulation defeats its pairing by name)',
      previous: inner,
      current: [eth(R1, R2), ipv4('192.168.0.1', '192.168.0.2', { protocol: 4 }), ...inner.slice(1)],
      changes: [
        { layer: 'outer ipv4', field: '(header)', from: '', to: 'pushed' },
        { layer: 'ipv4', field: '(header)', from: 'present', to: 'popped' },
      ],
      changed: ['eth.src', 'eth.dst', 'ipv4.length', 'ipv4.df', 'ipv4.ttl', 'ipv4.protocol', 'ipv4.src', 'ipv4.dst'],
      pushed: ['ipv4'],
    },
    {
      name: 'the very same stack changes nothing',
      previous: inner,
      current: inner,
      changed: [],
    },
  ];
  it.each(cases)('$name', ({ previous, current, changes, changed, pushed = [], popped = [], before, unrelated = false }) => {
    const diff = diffStacks(previous, current, changes);
    expect([...diff.changed].sort()).toEqual([...changed].sort());
    expect([...diff.pushed].sort()).toEqual([...pushed].sort());
    expect(diff.popped.map((p) => p.path)).toEqual(popped);
    expect(diff.unrelated).toBe(unrelated);
    if (before) expect(Object.fromEntries(diff.before)).toEqual(before);
    expect(changedFields(previous, current, changes)).toEqual(diff.changed);
  });

  it('titles a popped layer as the tree did, so the page can say "removed: Ethernet II"', () => {
    expect(diffStacks(inner, inner.slice(1)).popped[0].title).toBe('Ethernet II, Src: 02:00:00:00:00:0a, Dst: 02:00:00:00:00:01');
  });
});
