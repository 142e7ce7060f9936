import { describe, expect, it } from 'vitest';
import type { OpBody } from '../../engine/config/ops';
import { errorOf, ip, opOf, opsOf } from './testing';

describe('bridge fdb', () => {
  const cases: { name: string; line: string; op: OpBody }[] = [
    {
      name: 'a vxlan FDB entry pointing at a remote VTEP',
      line: 'bridge fdb append 8a:e7:df:c0:84:07 dev vxlan0 dst 10.57.4.21 self permanent',
      op: { op: 'fdb-append', mac: '8a:e7:df:c0:84:07', dev: 'vxlan0', dst: ip('10.57.4.21'), self: true, permanent: true },
    },
    {
      name: 'the all-zeros default entry',
      line: 'bridge fdb add 00:00:00:00:00:00 dev vxlan0 dst 10.57.4.20',
      op: { op: 'fdb-add', mac: '00:00:00:00:00:00', dev: 'vxlan0', dst: ip('10.57.4.20') },
    },
    {
      name: 'a bridge port entry with `master`',
      line: 'bridge fdb add 02:00:00:00:00:0A dev veth1 master',
      op: { op: 'fdb-add', mac: '02:00:00:00:00:0a', dev: 'veth1', master: true },
    },
    {
      name: 'removing one remote of the all-zeros entry',
      line: 'bridge fdb del 00:00:00:00:00:00 dev vxlan0 dst 10.57.4.22',
      op: { op: 'fdb-del', mac: '00:00:00:00:00:00', dev: 'vxlan0', dst: ip('10.57.4.22') },
    },
    {
      name: 'a delete',
      line: 'bridge fdb del 02:00:00:00:00:0a dev veth1',
      op: { op: 'fdb-del', mac: '02:00:00:00:00:0a', dev: 'veth1' },
    },
  ];
  it.each(cases)('parses $name', ({ line, op }) => {
    expect(opOf(line)).toEqual(op);
  });

  it('runs `bridge -n NS` in that namespace', () => {
    expect(opsOf('ip netns add ns1\nbridge -n ns1 fdb add 02:00:00:00:00:0a dev veth1 master')[1].netns).toBe('ns1');
  });

  const errors: { name: string; line: string; col: number; code: string; message: string }[] = [
    { name: 'a missing device', line: 'bridge fdb add 02:00:00:00:00:0a', col: 16, code: 'bad-argument', message: 'Device and address are required' },
    { name: 'a bad MAC', line: 'bridge fdb add 02:00:00:00:00 dev veth1', col: 16, code: 'bad-argument', message: 'is invalid lladdr' },
    { name: 'a bad remote address', line: 'bridge fdb add 02:00:00:00:00:0a dev vxlan0 dst 10.0.0', col: 49, code: 'bad-argument', message: 'expected a remote VTEP address' },
    { name: 'a vlan option', line: 'bridge fdb add 02:00:00:00:00:0a dev veth1 vlan 5', col: 44, code: 'bad-argument', message: '`vlan` is not supported' },
    { name: '`bridge vlan`', line: 'bridge vlan add dev veth1 vid 5', col: 8, code: 'unknown-command', message: '`bridge vlan` is not supported' },
    { name: '`bridge fdb show`', line: 'bridge fdb show', col: 12, code: 'bad-argument', message: '`bridge fdb show` is not supported' },
  ];
  it.each(errors)('rejects $name at the offending token', ({ line, col, code, message }) => {
    const error = errorOf(line);
    expect(error).toMatchObject({ line: 1, col, code });
    expect(error.message).toContain(message);
  });
});

describe('bridge link set (a port\'s hairpin flag)', () => {
  it.each([
    ['on', 'bridge link set dev veth1 hairpin on', { op: 'brlink-set', dev: 'veth1', hairpin: true }],
    ['off, with `change`', 'bridge link change dev veth1 hairpin off', { op: 'brlink-set', dev: 'veth1', hairpin: false }],
  ] as const)('parses hairpin %s', (_, line, op) => {
    expect(opOf(line)).toEqual(op);
  });

  it('runs `bridge -n NS link set` in that namespace', () => {
    expect(opsOf('ip netns add ns1\nbridge -n ns1 link set dev veth1 hairpin on')[1]).toMatchObject({ op: 'brlink-set', netns: 'ns1' });
  });

  const errors: { name: string; line: string; col: number; message: string }[] = [
    { name: 'a hairpin value that is not on or off', line: 'bridge link set dev veth1 hairpin maybe', col: 35, message: 'Error: argument of "hairpin" must be one of "off", "on", not "maybe"' },
    { name: 'no device', line: 'bridge link set hairpin on', col: 13, message: 'Device is a required argument.' },
    { name: 'nothing to set', line: 'bridge link set dev veth1', col: 13, message: 'nothing to set on veth1' },
    { name: 'another port setting', line: 'bridge link set dev veth1 cost 5', col: 27, message: '`cost` is not supported by podpath\'s `bridge link set`' },
    { name: '`bridge link show`', line: 'bridge link show', col: 13, message: '`bridge link show` is not supported' },
  ];
  it.each(errors)('rejects $name', ({ line, col, message }) => {
    const error = errorOf(line);
    expect(error).toMatchObject({ line: 1, col, code: 'bad-argument' });
    expect(error.message).toContain(message);
  });
});
