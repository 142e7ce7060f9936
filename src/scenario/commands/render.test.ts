import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../engine/addr/ipv4';
import type { Op } from '../../engine/config/ops';
import { fallbackCommand, listenerCommand, renderOp, shq } from './render';

describe('renderOp', () => {
  const ctx = { nsVar: (ns: string) => (ns ? `p-m-${ns}` : 'p-m') };
  const op = (body: object, netns = '') => ({ ...body, netns, text: '', loc: { file: 'f', line: 1, col: 1 } }) as Op;
  const ip = (s: string) => parseIpv4(s)!;

  it('prints routes with every attribute, and deletes without the defaults', () => {
    const route = { type: 'unicast', dst: { addr: ip('10.1.0.0'), len: 16 }, table: 100, via: ip('10.0.0.1'), dev: 'eth0', onlink: true, scope: 'link', src: ip('10.0.0.2'), metric: 10 };
    expect(renderOp(op({ op: 'route-add', route }), ctx)!.join(' ')).toBe(
      'ip -n p-m route add 10.1.0.0/16 via 10.0.0.1 dev eth0 onlink scope link src 10.0.0.2 table 100 metric 10',
    );
    expect(renderOp(op({ op: 'route-add', route: { type: 'blackhole', dst: { addr: 0, len: 0 }, table: 254 } }), ctx)!.join(' ')).toBe(
      'ip -n p-m route add blackhole default',
    );
    expect(renderOp(op({ op: 'route-del', route: { type: 'unicast', dst: { addr: ip('10.1.0.0'), len: 16 }, table: 254, metric: 0 } }), ctx)!.join(' ')).toBe(
      'ip -n p-m route del 10.1.0.0/16',
    );
  });

  it('prints rules', () => {
    const rule = { priority: 100, not: true, from: { addr: ip('10.0.0.0'), len: 8 }, fwmark: { value: 0x10, mask: 0xff }, iif: 'eth0', action: { type: 'lookup', table: 100 } };
    expect(renderOp(op({ op: 'rule-add', rule }), ctx)!.join(' ')).toBe('ip -n p-m rule add priority 100 not from 10.0.0.0/8 fwmark 0x10/0xff iif eth0 lookup 100');
    expect(renderOp(op({ op: 'rule-add', rule: { action: { type: 'prohibit' }, fwmark: { value: 1, mask: 0xffffffff } } }), ctx)!.join(' ')).toBe(
      'ip -n p-m rule add from all fwmark 0x1 prohibit',
    );
  });

  it('prints link set with a move to another namespace of the machine', () => {
    expect(renderOp(op({ op: 'link-set', dev: 'veth1', toNetns: 'pod1', up: true }), ctx)!.join(' ')).toBe('ip -n p-m link set dev veth1 netns p-m-pod1 up');
    expect(renderOp(op({ op: 'link-set', dev: 'veth1', master: null }, 'pod1'), ctx)!.join(' ')).toBe('ip -n p-m-pod1 link set dev veth1 nomaster');
  });

  it('prints neighbours and fdb entries', () => {
    expect(renderOp(op({ op: 'neigh-add', ip: ip('10.0.0.9'), dev: 'eth0', lladdr: '02:00:00:00:00:09', nud: 'permanent' }), ctx)!.join(' ')).toBe(
      'ip -n p-m neigh add 10.0.0.9 dev eth0 lladdr 02:00:00:00:00:09 nud permanent',
    );
    expect(renderOp(op({ op: 'fdb-append', mac: '00:00:00:00:00:00', dev: 'vxlan0', dst: ip('192.168.1.2'), self: true, permanent: true }), ctx)!.join(' ')).toBe(
      'bridge -n p-m fdb append 00:00:00:00:00:00 dev vxlan0 dst 192.168.1.2 self permanent',
    );
  });

  it('runs ops it cannot translate from their original text, in the right namespace', () => {
    const o = op({ op: 'iptables' }, 'pod1');
    expect(fallbackCommand({ ...o, text: "ip netns exec pod1 iptables -A INPUT -m comment --comment 'x y' -j DROP" } as Op, ctx)).toBe(
      `ip netns exec p-m-pod1 sh -c 'iptables -A INPUT -m comment --comment '\\''x y'\\'' -j DROP'`,
    );
  });

  it('prints a vxlan with every parameter explicit and the MAC it is given', () => {
    const op = {
      op: 'link-add', name: 'flannel.1', kind: 'vxlan', attrs: { mtu: 1400 }, netns: '', loc: { file: 'f', line: 1, col: 1 }, text: '',
      vxlan: { vni: 1, local: parseIpv4('192.168.3.11')!, dev: 'eth0', dstport: 8472, learning: false },
    } as Op;
    const ctx = { nsVar: () => 'NS' };
    expect(renderOp(op, ctx, { mac: '02:3f:39:67:7d:01' })?.join(' ')).toBe(
      'ip -n NS link add flannel.1 address 02:3f:39:67:7d:01 mtu 1400 type vxlan id 1 local 192.168.3.11 dev eth0 dstport 8472 nolearning',
    );
  });
});

describe('listenerCommand', () => {
  const l = (command: string, proto: 'tcp' | 'udp' = 'tcp', port = 80) =>
    ({ op: 'listen', proto, port, command, netns: '', text: command, loc: { file: 'f', line: 1, col: 1 } }) as Extract<Op, { op: 'listen' }>;
  it('keeps socat servers and python http.server, replaces the rest with socat', () => {
    expect(listenerCommand(l('nohup socat TCP-LISTEN:80,fork EXEC:cat &'), 'original')).toBe('socat TCP-LISTEN:80,fork EXEC:cat');
    expect(listenerCommand(l('python3 -m http.server 8000', 'tcp', 8000), 'original')).toBe('python3 -m http.server 8000');
    expect(listenerCommand(l('nc -l -k -p 80 &'), 'original')).toBe('socat TCP4-LISTEN:80,fork,reuseaddr PIPE');
    expect(listenerCommand(l('iperf3 -s', 'tcp', 5201), 'original')).toBe('socat TCP4-LISTEN:5201,fork,reuseaddr PIPE');
    expect(listenerCommand(l('socat UDP-LISTEN:53,fork EXEC:cat', 'udp', 53), 'echo')).toBe('socat -T 2 UDP4-RECVFROM:53,fork PIPE');
  });
});

describe('shq', () => {
  it('quotes only what needs it', () => {
    expect(shq('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(shq('a b')).toBe("'a b'");
    expect(shq("it's")).toBe(`'it'\\''s'`);
  });
});
