import { describe, expect, it } from 'vitest';
import type { OpBody } from '../../engine/config/ops';
import { errorOf, ip, opOf } from './testing';

describe('ip neigh', () => {
  const cases: { name: string; line: string; op: OpBody }[] = [
    {
      name: 'a permanent entry for the pod gateway',
      line: 'ip neigh add 169.254.1.1 lladdr 0e:de:ad:be:ef:01 dev eth0 nud permanent',
      op: { op: 'neigh-add', ip: ip('169.254.1.1'), dev: 'eth0', lladdr: '0e:de:ad:be:ef:01', nud: 'permanent' },
    },
    {
      name: 'an entry without a nud state (the engine applies the default)',
      line: 'ip neighbor add 10.244.3.0 lladdr 02:00:00:00:00:03 dev flannel.1',
      op: { op: 'neigh-add', ip: ip('10.244.3.0'), dev: 'flannel.1', lladdr: '02:00:00:00:00:03' },
    },
    {
      name: 'a replace with `neighbour` spelling and nud noarp',
      line: 'ip neighbour replace 10.0.0.9 lladdr 02:00:00:00:00:09 dev eth0 nud noarp',
      op: { op: 'neigh-replace', ip: ip('10.0.0.9'), dev: 'eth0', lladdr: '02:00:00:00:00:09', nud: 'noarp' },
    },
    {
      name: 'an entry written with `to` and nud reachable',
      line: 'ip n add to 10.0.0.8 dev eth0 lladdr 02:00:00:00:00:08 nud reachable',
      op: { op: 'neigh-add', ip: ip('10.0.0.8'), dev: 'eth0', lladdr: '02:00:00:00:00:08', nud: 'reachable' },
    },
    {
      name: 'a stale entry',
      line: 'ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07 dev eth0 nud stale',
      op: { op: 'neigh-add', ip: ip('10.0.0.7'), dev: 'eth0', lladdr: '02:00:00:00:00:07', nud: 'stale' },
    },
    {
      name: 'a delete',
      line: 'ip neigh del 10.0.0.7 dev eth0',
      op: { op: 'neigh-del', ip: ip('10.0.0.7'), dev: 'eth0' },
    },
  ];
  it.each(cases)('parses $name', ({ line, op }) => {
    expect(opOf(line)).toEqual(op);
  });

  const errors: { name: string; line: string; col: number; message: string }[] = [
    { name: 'a missing device', line: 'ip neigh add 10.0.0.7 lladdr 02:00:00:00:00:07', col: 30, message: 'Device (dev) is required' },
    { name: 'an unsupported nud state', line: 'ip neigh add 10.0.0.7 dev eth0 nud delay', col: 36, message: 'nud state "delay" is not supported' },
    { name: 'a bad lladdr', line: 'ip neigh add 10.0.0.7 lladdr 02:00 dev eth0', col: 30, message: 'is invalid lladdr' },
    { name: 'a bad address', line: 'ip neigh add 10.0.0 dev eth0', col: 14, message: 'expected a neighbour address' },
    { name: 'a proxy entry', line: 'ip neigh add proxy 10.0.0.7 dev eth0', col: 14, message: '`proxy` is not supported' },
  ];
  it.each(errors)('rejects $name at the offending token', ({ line, col, message }) => {
    const error = errorOf(line);
    expect(error).toMatchObject({ line: 1, col, code: 'bad-argument' });
    expect(error.message).toContain(message);
  });
});
