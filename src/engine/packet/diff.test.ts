import { describe, expect, it } from 'vitest';
import type { Headers } from './headers';
import { diffHeaders } from './diff';

const eth = (src: string, dst: string) => ({ layer: 'eth', src, dst, type: 0x0800 }) as const;
const ip = (src: number, dst: number, ttl = 64, protocol = 6) => ({ layer: 'ipv4', src, dst, ttl, protocol, length: 60, df: true }) as const;
const tcp = { layer: 'tcp', sport: 1000, dport: 80, flags: ['SYN'], seq: 0, ack: 0, payload: 0 } as const;
const udp = { layer: 'udp', sport: 40000, dport: 8472, payload: 110 } as const;
const vxlan = { layer: 'vxlan', vni: 1 } as const;
const A = 0x0a000001; // 10.0.0.1
const B = 0x0a000002; // 10.0.0.2

describe('diffHeaders', () => {
  it('reports nothing for the very same stack', () => {
    const hs: Headers = [eth('a', 'b'), ip(A, B), tcp];
    expect(diffHeaders(hs, hs)).toEqual([]);
  });
  it('reports a MAC rewrite and a TTL decrement field by field, with the layer position', () => {
    expect(diffHeaders([eth('a', 'b'), ip(A, B, 64), tcp], [eth('c', 'd'), ip(A, B, 63), tcp])).toEqual([
      { op: 'set', index: 0, layer: 'eth', field: 'src', from: 'a', to: 'c' },
      { op: 'set', index: 0, layer: 'eth', field: 'dst', from: 'b', to: 'd' },
      { op: 'set', index: 1, layer: 'ipv4', field: 'ttl', from: 64, to: 63 },
    ]);
  });
  it('writes rewritten addresses as dotted strings', () => {
    expect(diffHeaders([ip(A, B), tcp], [ip(A, 0x0a600064), { ...tcp, dport: 8080 }])).toEqual([
      { op: 'set', index: 0, layer: 'ipv4', field: 'dst', from: '10.0.0.2', to: '10.96.0.100' },
      { op: 'set', index: 1, layer: 'tcp', field: 'dport', from: 80, to: 8080 },
    ]);
  });
  it('reports a popped Ethernet header, with what it was, when routing strips the link layer', () => {
    expect(diffHeaders([eth('a', 'b'), ip(A, B), tcp], [ip(A, B), tcp])).toEqual([{ op: 'pop', index: 0, layer: 'eth', header: eth('a', 'b') }]);
  });
  it('pairs the inner packet when vxlan pushes outer layers in front of it', () => {
    const inner: Headers = [eth('a', 'b'), ip(A, B), tcp];
    expect(diffHeaders(inner, [eth('x', 'y'), ip(10, 20, 64, 17), udp, vxlan, ...inner])).toEqual([
      { op: 'push', index: 0, layer: 'eth' },
      { op: 'push', index: 1, layer: 'ipv4' },
      { op: 'push', index: 2, layer: 'udp' },
      { op: 'push', index: 3, layer: 'vxlan' },
    ]);
  });
  it('reports the popped outer layers on decapsulation, at their positions in the stack before', () => {
    const inner: Headers = [eth('a', 'b'), ip(A, B), tcp];
    expect(diffHeaders([eth('x', 'y'), ip(10, 20, 64, 17), udp, vxlan, ...inner], inner).map((c) => `${c.op} ${c.index} ${c.layer}`)).toEqual([
      'pop 0 eth',
      'pop 1 ipv4',
      'pop 2 udp',
      'pop 3 vxlan',
    ]);
  });
  it('pairs the inner IPv4 header of an IP-in-IP packet', () => {
    const inner: Headers = [ip(A, B, 63), tcp];
    expect(diffHeaders(inner, [ip(10, 20, 64, 4), ...inner])).toEqual([{ op: 'push', index: 0, layer: 'ipv4' }]);
  });
});
