import { describe, expect, it } from 'vitest';
import type { OpBody } from '../../engine/config/ops';
import { errorOf, ip, opOf, opsOf } from './testing';

describe('ip tunnel and ip link add … type ipip', () => {
  const cases: { name: string; line: string; op: OpBody }[] = [
    {
      name: 'the article\'s one-to-many tunnel: local address, fixed TTL, no remote',
      line: 'ip tunnel add mustang.tun0 mode ipip local 10.57.4.20 ttl 64',
      op: { op: 'link-add', name: 'mustang.tun0', kind: 'ipip', attrs: {}, tunnel: { local: ip('10.57.4.20'), ttl: 64, ioctl: true } },
    },
    {
      name: 'a point-to-point tunnel bound to eth0, any local, TTL inherited, no PMTU discovery',
      line: 'ip tunnel add t1 mode ipip remote 10.0.0.2 local any ttl inherit dev eth0 nopmtudisc',
      op: { op: 'link-add', name: 't1', kind: 'ipip', attrs: {}, tunnel: { remote: ip('10.0.0.2'), ttl: 0, dev: 'eth0', pmtudisc: false, ioctl: true } },
    },
    {
      name: 'the mode guessed from an ipip… name, as iproute2 does',
      line: 'ip tunnel add ipip1 remote any',
      op: { op: 'link-add', name: 'ipip1', kind: 'ipip', attrs: {}, tunnel: { ttl: 0, ioctl: true } },
    },
    {
      name: 'abbreviations `ip tun a`, the `name` keyword and mode ip/ip',
      line: 'ip tun a name t0 mode ip/ip hoplimit 3',
      op: { op: 'link-add', name: 't0', kind: 'ipip', attrs: {}, tunnel: { ttl: 3, ioctl: true } },
    },
    {
      name: 'a change with the name first: only what is given changes',
      line: 'ip tunnel change mustang.tun0 local 10.57.5.21 remote any',
      op: { op: 'tunnel-change', dev: 'mustang.tun0', tunnel: { local: ip('10.57.5.21'), remote: null } },
    },
    {
      name: 'a change with the name later: everything else back to the defaults',
      line: 'ip tunnel change mode ipip name t0 ttl 9',
      op: { op: 'tunnel-change', dev: 't0', tunnel: { local: null, remote: null, ttl: 9, dev: null, pmtudisc: true } },
    },
    { name: 'a delete', line: 'ip tunnel del mustang.tun0', op: { op: 'tunnel-del', dev: 'mustang.tun0' } },
    {
      name: 'ip link add with the tunnel options after `type ipip`',
      line: 'ip link add tun0 mtu 1400 up type ipip local 1.2.3.4 remote any ttl 64 dev eth0 mode ipip',
      op: { op: 'link-add', name: 'tun0', kind: 'ipip', attrs: { mtu: 1400, up: true }, tunnel: { local: ip('1.2.3.4'), ttl: 64, dev: 'eth0' } },
    },
    {
      name: 'ip link add with nothing but the type (a twin of tunl0: the kernel will refuse it)',
      line: 'ip link add tun0 type ipip',
      op: { op: 'link-add', name: 'tun0', kind: 'ipip', attrs: {}, tunnel: { ttl: 0 } },
    },
    { name: '`modprobe ipip` loads the module (tunl0 everywhere)', line: 'modprobe ipip', op: { op: 'module-load', module: 'ipip' } },
    { name: '`modprobe -v ipip`', line: 'modprobe -v ipip', op: { op: 'module-load', module: 'ipip' } },
    { name: '`modprobe -a` with ipip among the modules', line: 'modprobe -a br_netfilter ipip', op: { op: 'module-load', module: 'ipip' } },
    { name: 'ipip as a module parameter is not a module', line: 'modprobe br_netfilter ipip', op: { op: 'noop', command: 'modprobe br_netfilter ipip' } },
  ];
  it.each(cases)('parses $name', ({ line, op }) => {
    expect(opOf(line)).toEqual(op);
  });

  it('runs in the namespace of `ip -n`', () => {
    expect(opsOf('ip netns add pod\nip -n pod tunnel add t0 mode ipip local 10.0.0.1')[1].netns).toBe('pod');
  });

  const errors: { name: string; line: string; col: number; message: string }[] = [
    { name: 'no mode and a name that does not say', line: 'ip tunnel add t0 remote 1.2.3.4', col: 11, message: 'cannot determine tunnel mode (ipip, gre, vti or sit)' },
    { name: 'another tunnel mode', line: 'ip tunnel add t0 mode gre', col: 23, message: 'podpath models ipip tunnels only, not mode gre' },
    { name: 'an unknown mode', line: 'ip tunnel add t0 mode foo', col: 23, message: 'Unknown tunnel mode "foo"' },
    { name: 'a TTL out of range', line: 'ip tunnel add t0 mode ipip ttl 300', col: 32, message: 'invalid TTL "300"' },
    { name: 'a fixed TTL without PMTU discovery', line: 'ip tunnel add t0 mode ipip ttl 64 nopmtudisc', col: 11, message: 'ttl != 0 and nopmtudisc are incompatible' },
    { name: 'a key', line: 'ip tunnel add t0 mode ipip key 5', col: 28, message: 'Keys are not allowed with ipip and sit tunnels' },
    { name: 'no name', line: 'ip tunnel add mode ipip', col: 11, message: 'expected the tunnel\'s name after `add`' },
    { name: 'two names', line: 'ip tunnel add t0 t1 mode ipip', col: 18, message: 'duplicate "name": "t1" is the second value.' },
    { name: 'a bad address', line: 'ip tunnel add t0 mode ipip local 1.2.3', col: 34, message: 'expected an IPv4 address or any (A.B.C.D), got "1.2.3"' },
    { name: 'a multicast remote', line: 'ip tunnel add t0 mode ipip remote 224.0.0.5', col: 35, message: 'podpath does not model multicast tunnels' },
    { name: 'TOS', line: 'ip tunnel add t0 mode ipip tos inherit', col: 28, message: '`tos` is not modelled' },
    { name: '`ip tunnel show`', line: 'ip tunnel show', col: 11, message: '`ip tunnel show` is not supported' },
    { name: 'a missing value after `local`', line: 'ip tunnel add t0 mode ipip local', col: 28, message: 'expected an address or any after `local`' },
    { name: 'an unknown ip link option', line: 'ip link add t0 type ipip frob', col: 26, message: 'unexpected "frob"; expected remote ADDR | local ADDR' },
    { name: 'an ip link option podpath does not model', line: 'ip link add t0 type ipip fwmark 7', col: 26, message: '`fwmark` is not modelled' },
    { name: 'a mode other than IPv4 in IPv4', line: 'ip link add t0 type ipip mode mplsip', col: 31, message: 'podpath models IPv4-in-IPv4 only' },
  ];
  it.each(errors)('rejects $name at the offending token', ({ line, col, message }) => {
    const error = errorOf(line);
    expect(error).toMatchObject({ file: 'test.yaml', line: 1, col, code: 'bad-argument' });
    expect(error.message).toContain(message);
  });
});
