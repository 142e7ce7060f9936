import { describe, expect, it } from 'vitest';
import type { OpBody } from '../../engine/config/ops';
import { errorOf, ip, opOf } from './testing';

describe('ip addr', () => {
  const cases: { name: string; line: string; op: OpBody }[] = [
    {
      name: 'an address with its prefix length',
      line: 'ip addr add 192.168.6.160/24 dev eth0',
      op: { op: 'addr-add', dev: 'eth0', addr: ip('192.168.6.160'), len: 24 },
    },
    {
      name: 'an address without a length (a /32)',
      line: 'ip address add 10.244.1.0 dev flannel.1',
      op: { op: 'addr-add', dev: 'flannel.1', addr: ip('10.244.1.0'), len: 32 },
    },
    {
      name: '`ip a add` with `brd +` and a scope',
      line: 'ip a add 10.0.0.1/24 brd + dev eth0 scope link',
      op: { op: 'addr-add', dev: 'eth0', addr: ip('10.0.0.1'), len: 24, scope: 'link' },
    },
    {
      name: 'an explicit broadcast that matches the derived one',
      line: 'ip addr add 10.0.0.1/24 broadcast 10.0.0.255 dev eth0',
      op: { op: 'addr-add', dev: 'eth0', addr: ip('10.0.0.1'), len: 24 },
    },
    {
      name: 'a numeric scope',
      line: 'ip addr add 127.0.0.2/8 dev lo scope 254',
      op: { op: 'addr-add', dev: 'lo', addr: ip('127.0.0.2'), len: 8, scope: 'host' },
    },
    {
      name: 'scope universe as global',
      line: 'ip addr add 10.0.0.1/24 dev eth0 scope universe',
      op: { op: 'addr-add', dev: 'eth0', addr: ip('10.0.0.1'), len: 24, scope: 'global' },
    },
    {
      name: 'a delete with `del`',
      line: 'ip addr del 10.57.4.21/24 dev eth0',
      op: { op: 'addr-del', dev: 'eth0', addr: ip('10.57.4.21'), len: 24 },
    },
    {
      name: 'a delete with `delete`',
      line: 'ip addr delete 10.57.4.21/24 dev eth0',
      op: { op: 'addr-del', dev: 'eth0', addr: ip('10.57.4.21'), len: 24 },
    },
    {
      name: 'a flush of one device',
      line: 'ip addr flush dev eth0',
      op: { op: 'addr-flush', dev: 'eth0' },
    },
    {
      name: 'a flush naming the device without `dev`',
      line: 'ip addr flush eth0',
      op: { op: 'addr-flush', dev: 'eth0' },
    },
  ];
  it.each(cases)('parses $name', ({ line, op }) => {
    expect(opOf(line)).toEqual(op);
  });

  const errors: { name: string; line: string; col: number; message: string }[] = [
    { name: 'a missing device', line: 'ip addr add 10.0.0.1/24', col: 13, message: '"dev" argument is required' },
    { name: 'a bad address', line: 'ip addr add 10.0.0.256/24 dev eth0', col: 13, message: 'expected an interface address (A.B.C.D/N), got "10.0.0.256/24"' },
    { name: 'a prefix length over 32', line: 'ip addr add 10.0.0.1/33 dev eth0', col: 13, message: 'expected an interface address' },
    { name: 'an unknown scope', line: 'ip addr add 10.0.0.1/24 dev eth0 scope planet', col: 40, message: 'invalid "scope" value' },
    { name: 'a broadcast that differs from the derived one', line: 'ip addr add 10.0.0.1/24 brd 10.0.0.7 dev eth0', col: 29, message: 'write `brd +`' },
    { name: 'a label (not modelled)', line: 'ip addr add 10.0.0.1/24 dev eth0 label eth0:1', col: 34, message: '`label` is not supported' },
    { name: '`ip addr show`', line: 'ip addr show', col: 9, message: '`ip addr show` is not supported' },
  ];
  it.each(errors)('rejects $name at the offending token', ({ line, col, message }) => {
    const error = errorOf(line);
    expect(error).toMatchObject({ line: 1, col, code: 'bad-argument' });
    expect(error.message).toContain(message);
  });
});
