// Configuring vxlan devices and their FDB: what the kernel accepts, refuses (with iproute2's
// words, checked against Linux 6.18) and how `bridge fdb` prints the result.
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../testing';

function build(script: string) {
  const { world, errors } = buildMachine(script);
  return { world, errors, fdb: () => world.show('m', '', 'fdb') };
}

const BASE = `ip link add eth0 type veth peer name eth1
ip link add vx0 type vxlan id 1 dev eth0 dstport 4789
`;

describe('ip link add … type vxlan', () => {
  const cases: { name: string; script: string; error: string }[] = [
    { name: 'a second device with the same VNI and port', script: 'ip link add vx1 type vxlan id 1 dstport 4789', error: '3: Error: A VXLAN device with the specified VNI already exists.' },
    { name: 'a lower device that does not exist', script: 'ip link add vx1 type vxlan id 2 dev nope', error: '3: Cannot find device "nope"' },
    { name: 'an MTU the lower device cannot carry', script: 'ip link set vx0 mtu 1451', error: '3: RTNETLINK answers: Invalid argument' },
  ];
  it.each(cases)('refuses $name', ({ script, error }) => {
    expect(build(BASE + script).errors).toEqual([error]);
  });

  it('accepts the same VNI on another port, and an MTU that fits', () => {
    const b = build(`${BASE}ip link add vx1 type vxlan id 1 dstport 8472\nip link set vx0 mtu 1400\n`);
    expect(b.errors).toEqual([]);
    expect(b.world.devices().find((d) => d.name === 'vx0')?.mtu).toBe(1400);
  });
});

describe('bridge fdb on a vxlan device', () => {
  it('prints entries newest first, each remote of the all-zeros entry on its own line', () => {
    const b = build(`${BASE}bridge fdb append 02:00:00:00:00:aa dev vx0 dst 10.0.0.1 self permanent
bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.1
bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.2
bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.2
bridge fdb add 02:00:00:00:00:bb dev vx0 dst 10.0.0.3
`);
    expect(b.errors).toEqual([]);
    expect(b.fdb().split('\n')).toEqual([
      '02:00:00:00:00:bb dev vx0 dst 10.0.0.3 self permanent',
      '00:00:00:00:00:00 dev vx0 dst 10.0.0.1 self permanent',
      '00:00:00:00:00:00 dev vx0 dst 10.0.0.2 self permanent',
      '02:00:00:00:00:aa dev vx0 dst 10.0.0.1 self permanent',
    ]);
  });

  it('ignores an append to a unicast entry, as the kernel does', () => {
    const b = build(`${BASE}bridge fdb append 02:00:00:00:00:aa dev vx0 dst 10.0.0.1\nbridge fdb append 02:00:00:00:00:aa dev vx0 dst 10.0.0.2\n`);
    expect(b.fdb()).toBe('02:00:00:00:00:aa dev vx0 dst 10.0.0.1 self permanent');
  });

  it('deletes one remote with dst, the whole entry without, and nothing for an unknown remote', () => {
    const b = build(`${BASE}bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.1
bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.2
bridge fdb add 02:00:00:00:00:aa dev vx0 dst 10.0.0.1
bridge fdb del 00:00:00:00:00:00 dev vx0 dst 10.0.0.1
bridge fdb del 02:00:00:00:00:aa dev vx0 dst 10.9.9.9
`);
    expect(b.errors).toEqual([]);
    expect(b.fdb()).toBe('02:00:00:00:00:aa dev vx0 dst 10.0.0.1 self permanent\n00:00:00:00:00:00 dev vx0 dst 10.0.0.2 self permanent');
    expect(build(`${BASE}bridge fdb add 02:00:00:00:00:aa dev vx0 dst 10.0.0.1\nbridge fdb del 02:00:00:00:00:aa dev vx0\n`).fdb()).toBe('');
  });

  const refusals: { name: string; line: string; error: string }[] = [
    { name: 'an add over an existing entry', line: 'bridge fdb add 02:00:00:00:00:aa dev vx0 dst 10.0.0.2', error: 'RTNETLINK answers: File exists' },
    { name: 'an entry without a remote', line: 'bridge fdb add 02:00:00:00:00:cc dev vx0 permanent', error: 'RTNETLINK answers: Invalid argument' },
    { name: '`master` on a vxlan that has none', line: 'bridge fdb add 02:00:00:00:00:cc dev vx0 dst 10.0.0.2 master', error: 'RTNETLINK answers: Operation not supported' },
    { name: 'deleting an entry that does not exist', line: 'bridge fdb del 02:00:00:00:00:99 dev vx0', error: 'RTNETLINK answers: No such file or directory' },
  ];
  it.each(refusals)('refuses $name', ({ line, error }) => {
    expect(build(`${BASE}bridge fdb add 02:00:00:00:00:aa dev vx0 dst 10.0.0.1\n${line}\n`).errors).toEqual([`4: ${error}`]);
  });
});
