import { describe, expect, it } from 'vitest';
import { TABLE_LOCAL, TABLE_MAIN, type OpBody } from '../../engine/config/ops';
import { errorOf, ip, opOf, prefix } from './testing';

describe('ip route', () => {
  const cases: { name: string; line: string; op: OpBody }[] = [
    {
      name: 'a default route via a gateway',
      line: 'ip route add default via 172.20.1.1 dev ns1-eth0',
      op: { op: 'route-add', route: { type: 'unicast', dst: prefix('0.0.0.0/0'), table: TABLE_MAIN, via: ip('172.20.1.1'), dev: 'ns1-eth0' } },
    },
    {
      name: 'an onlink route to a made-up gateway',
      line: 'ip route add default via 169.254.10.24 dev eth0 onlink',
      op: { op: 'route-add', route: { type: 'unicast', dst: prefix('0.0.0.0/0'), table: TABLE_MAIN, via: ip('169.254.10.24'), dev: 'eth0', onlink: true } },
    },
    {
      name: 'a host route (no length means /32) with a scope',
      line: 'ip route add 192.168.10.10 dev veth-pod-a scope link',
      op: { op: 'route-add', route: { type: 'unicast', dst: prefix('192.168.10.10/32'), table: TABLE_MAIN, dev: 'veth-pod-a', scope: 'link' } },
    },
    {
      name: 'every option at once, abbreviated as `ip r replace`',
      line: 'ip r replace 10.244.0.0/16 via 10.0.0.1 dev eth0 src 10.0.0.5 table 100 metric 50 proto static scope global',
      op: {
        op: 'route-replace',
        route: { type: 'unicast', dst: prefix('10.244.0.0/16'), table: 100, via: ip('10.0.0.1'), dev: 'eth0', src: ip('10.0.0.5'), metric: 50, proto: 'static', scope: 'global' },
      },
    },
    {
      name: 'an appended route with `priority` as the metric and `via inet`',
      line: 'ip ro append 10.1.0.0/16 via inet 10.0.0.2 priority 10',
      op: { op: 'route-append', route: { type: 'unicast', dst: prefix('10.1.0.0/16'), table: TABLE_MAIN, via: ip('10.0.0.2'), metric: 10 } },
    },
    {
      name: '`preference` as the metric and `to` before the prefix',
      line: 'ip route add to 10.2.0.0/16 dev eth0 preference 7',
      op: { op: 'route-add', route: { type: 'unicast', dst: prefix('10.2.0.0/16'), table: TABLE_MAIN, dev: 'eth0', metric: 7 } },
    },
    {
      name: 'a blackhole route',
      line: 'ip route add blackhole 10.96.0.0/12',
      op: { op: 'route-add', route: { type: 'blackhole', dst: prefix('10.96.0.0/12'), table: TABLE_MAIN } },
    },
    {
      name: 'unreachable and prohibit routes in a named table',
      line: 'ip route add unreachable 10.3.0.0/16 table default',
      op: { op: 'route-add', route: { type: 'unreachable', dst: prefix('10.3.0.0/16'), table: 253 } },
    },
    {
      name: 'a prohibit route',
      line: 'ip route add prohibit 10.4.0.0/16',
      op: { op: 'route-add', route: { type: 'prohibit', dst: prefix('10.4.0.0/16'), table: TABLE_MAIN } },
    },
    {
      name: 'a local route, which goes to table local by default',
      line: 'ip route add local 10.96.0.10 dev lo',
      op: { op: 'route-add', route: { type: 'local', dst: prefix('10.96.0.10/32'), table: TABLE_LOCAL, dev: 'lo' } },
    },
    {
      name: 'a broadcast route in table main when asked',
      line: 'ip route add broadcast 10.0.0.255 dev eth0 table main',
      op: { op: 'route-add', route: { type: 'broadcast', dst: prefix('10.0.0.255/32'), table: TABLE_MAIN, dev: 'eth0' } },
    },
    {
      name: 'a delete by prefix alone',
      line: 'ip route del 192.168.11.0/24',
      op: { op: 'route-del', route: { type: 'unicast', dst: prefix('192.168.11.0/24'), table: TABLE_MAIN } },
    },
    {
      name: 'a delete with gateway, device and onlink',
      line: 'ip route delete 192.168.11.0/24 via 10.57.4.21 dev eth0 onlink',
      op: { op: 'route-del', route: { type: 'unicast', dst: prefix('192.168.11.0/24'), table: TABLE_MAIN, via: ip('10.57.4.21'), dev: 'eth0', onlink: true } },
    },
    {
      name: 'a flush of a numbered table',
      line: 'ip route flush table 100',
      op: { op: 'route-flush', table: 100 },
    },
    {
      name: 'a flush of table main',
      line: 'ip route flush table main',
      op: { op: 'route-flush', table: TABLE_MAIN },
    },
  ];
  it.each(cases)('parses $name', ({ line, op }) => {
    expect(opOf(line)).toEqual(op);
  });

  const errors: { name: string; line: string; col: number; message: string }[] = [
    { name: 'a prefix with host bits set', line: 'ip route add 10.1.2.3/24 dev eth0', col: 14, message: 'Invalid prefix for given prefix length' },
    { name: 'a malformed prefix', line: 'ip route add 10.1.2/24 dev eth0', col: 14, message: 'expected a destination prefix' },
    { name: 'a bad gateway', line: 'ip route add default via 10.0.0.300', col: 26, message: 'expected a gateway address (A.B.C.D), got "10.0.0.300"' },
    { name: 'a named table podpath does not know', line: 'ip route add default via 10.0.0.1 table web', col: 41, message: 'argument "web" is wrong: table id value is invalid' },
    { name: 'table 0', line: 'ip route flush table 0', col: 22, message: 'table id value is invalid' },
    { name: 'an unsupported route type', line: 'ip route add throw 10.0.0.0/8', col: 14, message: 'route type throw is not supported' },
    { name: 'an unknown scope number', line: 'ip route add 10.0.0.0/8 dev eth0 scope 7', col: 40, message: 'invalid "scope" value' },
    { name: 'a second destination', line: 'ip route add 10.0.0.0/8 10.1.0.0/16', col: 25, message: 'is a garbage' },
    { name: 'a missing destination', line: 'ip route add via 10.0.0.1', col: 18, message: 'expected a destination prefix' },
    { name: 'an option podpath does not model', line: 'ip route add 10.0.0.0/8 dev eth0 mtu 1400', col: 34, message: '`mtu` is not supported' },
    { name: 'a flush by something other than a table', line: 'ip route flush cache', col: 16, message: 'expected `ip route flush table ID`' },
    { name: '`ip route show`', line: 'ip route show', col: 10, message: '`ip route show` is not supported' },
    { name: 'a negative metric', line: 'ip route add 10.0.0.0/8 dev eth0 metric -1', col: 41, message: '"metric" value is invalid' },
  ];
  it.each(errors)('rejects $name at the offending token', ({ line, col, message }) => {
    const error = errorOf(line);
    expect(error).toMatchObject({ line: 1, col, code: 'bad-argument' });
    expect(error.message).toContain(message);
  });
});
