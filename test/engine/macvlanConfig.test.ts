// Configuring macvlan and ipvlan devices: what the kernel accepts and refuses, with the words
// iproute2 prints. The macvlan cases were run against Linux 6.18 in network namespaces (the
// lower devices veths); the ipvlan ones follow drivers/net/ipvlan/ipvlan_main.c (this kernel has
// no ipvlan module).
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../testing';

function build(script: string) {
  const { world, errors } = buildMachine(script);
  const dev = (name: string, netns = '') => world.devices().find((d) => d.name === name && d.netns === netns);
  return { world, errors, dev };
}

const BASE = `ip link add p0 address 02:00:00:00:00:10 type veth peer name p1
ip link add br0 type bridge
`;

describe('ip link add … type macvlan', () => {
  const refused: { name: string; script: string; error: string }[] = [
    { name: 'a parent that does not exist', script: 'ip link add link nope name m0 type macvlan', error: '3: Cannot find device "nope"' },
    { name: 'loopback as the parent', script: 'ip link add link lo name m0 type macvlan', error: '3: RTNETLINK answers: Invalid argument' },
    { name: 'an MTU above the parent\'s', script: 'ip link add link p0 name m0 mtu 1600 type macvlan', error: '3: RTNETLINK answers: Invalid argument' },
    { name: 'a parent that is a bridge port', script: 'ip link set p1 master br0\nip link add link p1 name m0 type macvlan', error: '4: RTNETLINK answers: Device or resource busy' },
    { name: 'a passthru device on a port that has one already', script: 'ip link add link p0 name m0 type macvlan\nip link add link p0 name m1 type macvlan mode passthru', error: '4: RTNETLINK answers: Invalid argument' },
    { name: 'any device on a passthru port', script: 'ip link add link p0 name m0 type macvlan mode passthru\nip link add link p0 name m1 type macvlan mode bridge', error: '4: RTNETLINK answers: Invalid argument' },
    { name: 'bringing up a macvlan with the parent\'s MAC', script: 'ip link add link p0 name m0 address 02:00:00:00:00:10 type macvlan mode bridge\nip link set m0 up', error: '4: RTNETLINK answers: Address already in use' },
    { name: 'bringing up a macvlan with an open sibling\'s MAC', script: 'ip link add link p0 name m0 address 02:00:00:00:00:20 up type macvlan\nip link add link p0 name m1 address 02:00:00:00:00:20 type macvlan\nip link set m1 up', error: '5: RTNETLINK answers: Address already in use' },
    { name: 'a parent made a bridge port', script: 'ip link add link p0 name m0 type macvlan\nip link set p0 master br0', error: '4: RTNETLINK answers: Device or resource busy' },
    { name: 'a macvlan MTU above the parent\'s', script: 'ip link add link p0 name m0 type macvlan\nip link set m0 mtu 1600', error: '4: RTNETLINK answers: Invalid argument' },
    { name: 'a change into passthru', script: 'ip link add link p0 name m0 type macvlan\nip link set m0 type macvlan mode passthru', error: '4: RTNETLINK answers: Invalid argument' },
    { name: 'ipvlan options on a macvlan', script: 'ip link add link p0 name m0 type macvlan\nip link set m0 type ipvlan mode l2', error: '4: RTNETLINK answers: Operation not supported' },
    { name: 'taking the parent\'s MAC later', script: 'ip link add link p0 name m0 type macvlan\nip link set m0 address 02:00:00:00:00:10', error: '4: RTNETLINK answers: Address already in use' },
  ];
  it.each(refused)('refuses $name', ({ script, error }) => {
    expect(build(BASE + script).errors).toEqual([error]);
  });

  it('changes its mode with `ip link set … type macvlan mode M`; without a mode nothing changes, on any device', () => {
    const b = build(`${BASE}ip link add link p0 name m0 up type macvlan mode bridge\nip link set dev m0 up type macvlan mode vepa\nip link set m0 type macvlan\nip link set p1 type macvlan\n`);
    expect(b.errors).toEqual([]);
    expect(b.dev('m0')!.detail).toBe('macvlan mode vepa');
  });

  it('defaults to vepa, takes the parent\'s MTU, and gets a MAC of its own', () => {
    const b = build(`${BASE}ip link add m0 link p0 type macvlan`);
    expect(b.errors).toEqual([]);
    expect(b.dev('m0')).toMatchObject({ kind: 'macvlan', mtu: 1500, parent: { machine: 'm', netns: '', name: 'p0' }, detail: 'macvlan mode vepa' });
    expect(b.dev('m0')!.mac).not.toBe('02:00:00:00:00:10');
  });

  it('gives a passthru device the parent\'s MAC whatever was asked, and moves the parent\'s MAC with its own', () => {
    const b = build(`${BASE}ip link add link p0 name pt address 02:00:00:00:00:99 type macvlan mode passthru\n`);
    expect(b.dev('pt')!.mac).toBe('02:00:00:00:00:10');
    const c = build(`${BASE}ip link add link p0 name pt type macvlan mode passthru\nip link set pt address 02:00:00:00:00:42\n`);
    expect([c.dev('pt')!.mac, c.dev('p0')!.mac]).toEqual(['02:00:00:00:00:42', '02:00:00:00:00:42']);
  });

  it('sits a macvlan made on a macvlan on the real parent', () => {
    const b = build(`${BASE}ip link add link p0 name m0 type macvlan\nip link add link m0 name m1 type macvlan mode bridge\n`);
    expect(b.dev('m1')!.parent?.name).toBe('p0');
    expect(b.world.show('m', '', 'addr')).toContain('m1@p0:');
  });

  it('shrinks macvlans when the parent\'s MTU goes below theirs', () => {
    const b = build(`${BASE}ip link add link p0 name m0 type macvlan\nip link set p0 mtu 1400\n`);
    expect(b.dev('m0')!.mtu).toBe(1400);
  });

  it('keeps its parent when moved into a pod namespace, and names it ifN there', () => {
    const b = build(`${BASE}ip netns add pod\nip link add link p0 name m0 type macvlan mode bridge\nip link set m0 netns pod\nip -n pod link set m0 name eth0\n`);
    expect(b.errors).toEqual([]);
    expect(b.dev('eth0', 'pod')!.parent).toEqual({ machine: 'm', netns: '', name: 'p0' });
    expect(b.world.show('m', 'pod', 'addr')).toMatch(/eth0@if\d+:/);
  });

  it('goes with its parent: deleting the veth takes the macvlans on either end, in any namespace', () => {
    const b = build(`${BASE}ip netns add pod\nip link add link p1 name m0 type macvlan\nip link set m0 netns pod\nip link add link p0 name m1 type macvlan\nip link del p0\n`);
    expect(b.errors).toEqual([]);
    expect(b.world.devices().filter((d) => d.kind === 'macvlan')).toEqual([]);
  });

  it('lets a down macvlan keep a MAC an open sibling then takes', () => {
    const b = build(`${BASE}ip link add link p0 name m0 address 02:00:00:00:00:20 type macvlan\nip link add link p0 name m1 address 02:00:00:00:00:20 up type macvlan\n`);
    expect(b.errors).toEqual([]);
  });
});

describe('ip link add … type ipvlan', () => {
  it('shares its master\'s MAC and MTU; the newest device sets the port\'s mode (default l3) and flag', () => {
    const b = build(`${BASE}ip link add link p0 name i0 type ipvlan mode l2 private\nip link add link p0 name i1 type ipvlan\n`);
    expect(b.errors).toEqual([]);
    expect(b.dev('i0')).toMatchObject({ kind: 'ipvlan', mac: '02:00:00:00:00:10', mtu: 1500, parent: { name: 'p0' }, detail: 'ipvlan mode l3 bridge' });
  });

  const refused: { name: string; script: string; error: string }[] = [
    { name: 'a master that is a macvlan port', script: 'ip link add link p0 name m0 type macvlan\nip link add link p0 name i0 type ipvlan', error: '4: RTNETLINK answers: Device or resource busy' },
    { name: 'a macvlan on an ipvlan master', script: 'ip link add link p0 name i0 type ipvlan\nip link add link p0 name m0 type macvlan', error: '4: RTNETLINK answers: Device or resource busy' },
    { name: 'an ipvlan as a bridge port (it may have no rx_handler)', script: 'ip link add link p0 name i0 type ipvlan\nip link set i0 master br0', error: '4: RTNETLINK answers: Device or resource busy' },
    { name: 'a MAC of its own', script: 'ip link add link p0 name i0 type ipvlan\nip link set i0 address 02:00:00:00:00:77', error: '4: RTNETLINK answers: Operation not supported' },
    { name: 'an address another ipvlan of the port holds', script: 'ip link add link p0 name i0 type ipvlan\nip link add link p0 name i1 type ipvlan\nip addr add 10.0.0.1/24 dev i0\nip addr add 10.0.0.1/24 dev i1', error: '6: Error: Address already assigned to an ipvlan device.' },
  ];
  it.each(refused)('refuses $name', ({ script, error }) => {
    expect(build(BASE + script).errors).toEqual([error]);
  });

  it('follows its master\'s MAC and MTU', () => {
    const b = build(`${BASE}ip link add link p0 name i0 type ipvlan mode l2\nip link set p0 address 02:00:00:00:00:55 mtu 1400\n`);
    expect(b.dev('i0')).toMatchObject({ mac: '02:00:00:00:00:55', mtu: 1400 });
  });
});
