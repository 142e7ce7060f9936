import { describe, expect, it } from 'vitest';
import type { Headers } from './headers';
import { diffHeaders } from './diff';

const eth = (src: string, dst: string) => ({ layer: 'eth', src, dst, type: 0x0800 }) as const;
const ip = (src: number, dst: number, ttl = 64, protocol = 6) => ({ layer: 'ipv4', src, dst, ttl, protocol, length: 60, df: true }) as const;
const tcp = { layer: 'tcp', sport: 1000, dport: 80, flags: ['SYN'], seq: 0, ack: 0, payload: 0 } as const;
const udp = { layer: 'udp', sport: 40000, dport: 8472, payload: 110 } as const;
const vxlan = { layer: 'vxlan', vni: 1 } as const;

describe('diffHeaders', () => {
  it('reports nothing for the very same stack', () => {
    const hs: Headers = [eth('a', 'b'), ip(1, 2), tcp];
    expect(diffHeaders(hs, hs)).toEqual([]);
  });
  it('reports a MAC rewrite and a TTL decrement field by field', () => {
    expect(diffHeaders([eth('a', 'b'), ip(1, 2, 64), tcp], [eth('c', 'd'), ip(1, 2, 63), tcp])).toEqual([
      { layer: 'eth', field: 'src', from: 'a', to: 'c' },
      { layer: 'eth', field: 'dst', from: 'b', to: 'd' },
      { layer: 'ipv4', field: 'ttl', from: '64', to: '63' },
    ]);
  });
  it('reports a popped Ethernet header when routing strips the link layer', () => {
    expect(diffHeaders([eth('a', 'b'), ip(1, 2), tcp], [ip(1, 2), tcp])).toEqual([{ layer: 'eth', field: '(header)', from: 'present', to: 'popped' }]);
  });
  it('pairs the inner packet when vxlan pushes outer layers in front of it', () => {
    const inner: Headers = [eth('a', 'b'), ip(1, 2), tcp];
    expect(diffHeaders(inner, [eth('x', 'y'), ip(10, 20, 64, 17), udp, vxlan, ...inner])).toEqual([
      { layer: 'outer eth', field: '(header)', from: '', to: 'pushed' },
      { layer: 'outer ipv4', field: '(header)', from: '', to: 'pushed' },
      { layer: 'udp', field: '(header)', from: '', to: 'pushed' },
      { layer: 'vxlan', field: '(header)', from: '', to: 'pushed' },
    ]);
  });
  it('reports the popped outer layers on decapsulation, named as they were', () => {
    const inner: Headers = [eth('a', 'b'), ip(1, 2), tcp];
    expect(diffHeaders([eth('x', 'y'), ip(10, 20, 64, 17), udp, vxlan, ...inner], inner).map((c) => c.layer)).toEqual(['outer eth', 'outer ipv4', 'udp', 'vxlan']);
  });
  it('pairs the inner IPv4 header of an IP-in-IP packet', () => {
    const inner: Headers = [ip(1, 2, 63), tcp];
    expect(diffHeaders(inner, [ip(10, 20, 64, 4), ...inner])).toEqual([{ layer: 'outer ipv4', field: '(header)', from: '', to: 'pushed' }]);
  });
});
