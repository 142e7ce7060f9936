// A flow's `size`: the IP length of an MTU test (icmp and udp only).
import { describe, expect, it } from 'vitest';
import { loadErrors, loadOk } from './testing';

const scenario = (flow: string) => `id: x
title: X
summary: X
machines:
  - name: m
    script: |
      ip netns add pod
flows:
  - id: f
    from: m/pod
${flow}
`;

describe('flow size', () => {
  it('is carried into the flow', () => {
    expect(loadOk(scenario('    to: 10.0.0.1\n    protocol: icmp\n    size: 1500'), 'x.yaml').flows[0]).toMatchObject({ size: 1500, protocol: 'icmp' });
  });

  it('is refused for tcp, which adapts to the path MTU', () => {
    const [e] = loadErrors(scenario('    to: 10.0.0.1:80\n    protocol: tcp\n    size: 1500'), 'x.yaml');
    expect(e).toMatchObject({ line: 13 });
    expect(e.message).toContain('expected no size for a tcp flow');
  });

  it('must be a packet size', () => {
    const [e] = loadErrors(scenario('    to: 10.0.0.1\n    protocol: icmp\n    size: 20'), 'x.yaml');
    expect(e).toMatchObject({ line: 13, col: 11 });
    expect(e.message).toContain('expected an IP packet size in bytes, from 28 to 65535');
  });
});
