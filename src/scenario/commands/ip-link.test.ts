import { describe, expect, it } from 'vitest';
import type { OpBody } from '../../engine/config/ops';
import { errorOf, opOf } from './testing';

describe('ip link', () => {
  const cases: { name: string; line: string; op: OpBody }[] = [
    {
      name: 'a veth pair whose peer is created directly in a namespace',
      line: 'ip link add veth1 type veth peer name eth0 netns pod1',
      op: { op: 'link-add', name: 'veth1', kind: 'veth', attrs: {}, peer: { name: 'eth0', netns: 'pod1' } },
    },
    {
      name: 'a veth pair with MACs and MTUs on both ends',
      line: 'ip link add veth1 address 02:00:00:00:00:01 mtu 1450 type veth peer name veth2 address 02:00:00:00:00:02 mtu 1400',
      op: {
        op: 'link-add',
        name: 'veth1',
        kind: 'veth',
        attrs: { address: '02:00:00:00:00:01', mtu: 1450 },
        peer: { name: 'veth2', address: '02:00:00:00:00:02', mtu: 1400 },
      },
    },
    {
      name: 'the `name` keyword and a peer named without `name`',
      line: 'ip link add name ns1-eth0 type veth peer veth-ns1',
      op: { op: 'link-add', name: 'ns1-eth0', kind: 'veth', attrs: {}, peer: { name: 'veth-ns1' } },
    },
    {
      name: 'a bridge port\'s hairpin flag',
      line: 'ip link set veth1 type bridge_slave hairpin on',
      op: { op: 'link-set', dev: 'veth1', type: { kind: 'bridge_slave', hairpin: true } },
    },
    {
      name: '`type bridge_slave` without options (iproute2 sends the kind alone)',
      line: 'ip link set dev veth1 up type bridge_slave',
      op: { op: 'link-set', dev: 'veth1', up: true, type: { kind: 'bridge_slave' } },
    },
    {
      name: 'a bridge',
      line: 'ip link add cni0 type bridge',
      op: { op: 'link-add', name: 'cni0', kind: 'bridge', attrs: {} },
    },
    {
      name: 'a dummy, abbreviated as `ip l a`',
      line: 'ip l a dummy0 type dummy',
      op: { op: 'link-add', name: 'dummy0', kind: 'dummy', attrs: {} },
    },
    {
      name: 'a macvlan in bridge mode, `link` and `name` first (the article)',
      line: 'ip link add link eno2 name eth0 type macvlan mode bridge',
      op: { op: 'link-add', name: 'eth0', kind: 'macvlan', attrs: {}, link: 'eno2', mode: 'bridge' },
    },
    {
      name: 'a macvlan named first, its parent after, no mode: the kernel\'s vepa',
      line: 'ip link add mv0 link eth0 type macvlan',
      op: { op: 'link-add', name: 'mv0', kind: 'macvlan', attrs: {}, link: 'eth0', mode: 'vepa' },
    },
    {
      name: 'a macvlan with a MAC, an MTU, an abbreviated `mode` given twice (the last wins)',
      line: 'ip link add address 02:00:00:00:00:09 mtu 1400 link eth0 mv1 type macvlan mod private mode passthru',
      op: { op: 'link-add', name: 'mv1', kind: 'macvlan', attrs: { address: '02:00:00:00:00:09', mtu: 1400 }, link: 'eth0', mode: 'passthru' },
    },
    {
      name: 'a macvlan made in a pod namespace',
      line: 'ip netns exec pod1 ip link add link eth0 name net1 type macvlan mode private',
      op: { op: 'link-add', name: 'net1', kind: 'macvlan', attrs: {}, link: 'eth0', mode: 'private' },
    },
    {
      name: 'an ipvlan without options: mode left to the kernel (l3), flag bridge',
      line: 'ip l add link eno2 name eth0 type ipvlan',
      op: { op: 'link-add', name: 'eth0', kind: 'ipvlan', attrs: {}, link: 'eno2', flag: 'bridge' },
    },
    {
      name: 'an ipvlan in l2 mode (the article)',
      line: 'ip l add link eno2 name eth0 type ipvlan mode l2',
      op: { op: 'link-add', name: 'eth0', kind: 'ipvlan', attrs: {}, link: 'eno2', mode: 'l2', flag: 'bridge' },
    },
    {
      name: 'an ipvlan in l3s mode with an abbreviated flag',
      line: 'ip link add link eth0 ipv0 type ipvlan mode l3s priv',
      op: { op: 'link-add', name: 'ipv0', kind: 'ipvlan', attrs: {}, link: 'eth0', mode: 'l3s', flag: 'private' },
    },
    {
      name: 'an ipvlan in vepa, the flag before the mode',
      line: 'ip link add link eth0 ipv1 type ipvlan vepa mode l3',
      op: { op: 'link-add', name: 'ipv1', kind: 'ipvlan', attrs: {}, link: 'eth0', mode: 'l3', flag: 'vepa' },
    },
    {
      name: 'a device brought up',
      line: 'ip link set eth0 up',
      op: { op: 'link-set', dev: 'eth0', up: true },
    },
    {
      name: 'a device named with `dev` and brought down',
      line: 'ip link set dev eth0 down',
      op: { op: 'link-set', dev: 'eth0', up: false },
    },
    {
      name: 'several settings at once, keywords before the device',
      line: 'ip link set up master cni0 mtu 1450 address 0A:58:0A:F4:01:01 dev veth1',
      op: { op: 'link-set', dev: 'veth1', up: true, master: 'cni0', mtu: 1450, address: '0a:58:0a:f4:01:01' },
    },
    {
      name: 'a port leaving its bridge',
      line: 'ip link set veth1 nomaster',
      op: { op: 'link-set', dev: 'veth1', master: null },
    },
    {
      name: 'a device moved into a namespace',
      line: 'ip link set ns1-eth0 netns ns1',
      op: { op: 'link-set', dev: 'ns1-eth0', toNetns: 'ns1' },
    },
    {
      name: 'a rename and promiscuous mode',
      line: 'ip link set dev veth1 name eth0 promisc on',
      op: { op: 'link-set', dev: 'veth1', name: 'eth0', promisc: true },
    },
    {
      name: 'promiscuous mode off',
      line: 'ip link set eth0 promisc off',
      op: { op: 'link-set', dev: 'eth0', promisc: false },
    },
    {
      name: 'a macvlan\'s mode changed, `type` last',
      line: 'ip link set dev mv0 up type macvlan mode private',
      op: { op: 'link-set', dev: 'mv0', up: true, type: { kind: 'macvlan', mode: 'private' } },
    },
    {
      name: '`type macvlan` without options (iproute2 sends nothing for the kind)',
      line: 'ip link set mv0 type macvlan',
      op: { op: 'link-set', dev: 'mv0', type: { kind: 'macvlan' } },
    },
    {
      name: 'an ipvlan port\'s mode changed (its flag is sent too: bridge)',
      line: 'ip link set iv0 type ipvlan mode l3s',
      op: { op: 'link-set', dev: 'iv0', type: { kind: 'ipvlan', mode: 'l3s', flag: 'bridge' } },
    },
    {
      name: 'a delete with `del`',
      line: 'ip link del veth1',
      op: { op: 'link-del', dev: 'veth1' },
    },
    {
      name: 'a delete with `delete dev`',
      line: 'ip link delete dev mustang.tun0',
      op: { op: 'link-del', dev: 'mustang.tun0' },
    },
  ];
  it.each(cases)('parses $name', ({ line, op }) => {
    expect(opOf(line)).toEqual(op);
  });

  const errors: { name: string; line: string; col: number; message: string }[] = [
    { name: 'a bridge port setting other than hairpin', line: 'ip link set veth1 type bridge_slave learning off', col: 37, message: "`learning` is not supported by podpath's `type bridge_slave`" },
    { name: 'a hairpin value that is not on or off', line: 'ip link set veth1 type bridge_slave hairpin 1', col: 45, message: 'Error: argument of "hairpin" must be one of "off", "on", not "1"' },
    { name: 'a veth without its peer', line: 'ip link add veth0 type veth', col: 24, message: 'peer name NAME' },
    { name: 'a macvlan without its parent', line: 'ip link add mv0 type macvlan mode bridge', col: 22, message: 'needs its parent: `ip link add link DEV' },
    { name: 'an ipvlan without its parent', line: 'ip link add iv0 type ipvlan', col: 22, message: 'needs its parent' },
    { name: '`link` on a veth', line: 'ip link add link eth0 v0 type veth peer name v1', col: 13, message: '`link` is not supported by podpath\'s `ip link add … type veth`' },
    { name: 'a macvlan mode that does not exist', line: 'ip link add link eth0 mv0 type macvlan mode br', col: 45, message: 'argument of "mode" must be "private", "vepa", "bridge", "passthru" or "source", not "br"' },
    { name: 'macvlan source mode, not modelled', line: 'ip link add link eth0 mv0 type macvlan mode source', col: 45, message: 'source' },
    { name: 'a macvlan flag podpath does not model', line: 'ip link add link eth0 mv0 type macvlan mode passthru nopromisc', col: 54, message: '`nopromisc` is not modelled' },
    { name: 'an unknown macvlan option', line: 'ip link add link eth0 mv0 type macvlan mtu 1400', col: 40, message: 'macvlan: unknown option "mtu"' },
    { name: 'an ipvlan mode that does not exist', line: 'ip link add link eth0 iv0 type ipvlan mode l4', col: 44, message: 'argument of "mode" must be either "l2", "l3" or "l3s"' },
    { name: 'two ipvlan flags', line: 'ip link add link eth0 iv0 type ipvlan mode l3 private vepa', col: 55, message: 'ipvlan: unknown option "vepa"' },
    { name: '`link` in `ip link set`', line: 'ip link set eth0 link eth1', col: 18, message: '`link` is not supported' },
    { name: '`type` of a kind podpath does not change', line: 'ip link set eth0 type vxlan id 2', col: 23, message: '`ip link set … type vxlan` is not supported' },
    { name: 'a macvlan option after `type` in `ip link set`', line: 'ip link set mv0 type macvlan mode br', col: 35, message: 'argument of "mode" must be' },
    { name: 'an unknown link type', line: 'ip link add x0 type wat', col: 21, message: 'unknown link type "wat"' },
    { name: 'a device name that is too long', line: 'ip link add averyveryverylongname type dummy', col: 13, message: 'not a valid ifname' },
    { name: 'a bad MAC address', line: 'ip link set eth0 address 02:00:zz:00:00:01', col: 26, message: '"02:00:zz:00:00:01" is invalid lladdr' },
    { name: 'a non-numeric MTU', line: 'ip link set eth0 mtu big', col: 22, message: '"mtu" value is invalid' },
    { name: 'nothing to set', line: 'ip link set eth0', col: 13, message: 'nothing to set on eth0' },
    { name: 'promisc without on or off', line: 'ip link set eth0 promisc yes', col: 26, message: 'expected on | off' },
    { name: 'an option podpath does not model', line: 'ip link set eth0 txqueuelen 100', col: 18, message: '`txqueuelen` is not supported' },
    { name: '`ip link show`', line: 'ip link show', col: 9, message: '`ip link show` is not supported' },
    { name: 'a second device name', line: 'ip link set eth0 up eth1', col: 21, message: 'unexpected "eth1"' },
    { name: 'a missing value after `master`', line: 'ip link set eth0 master', col: 18, message: 'expected a bridge name after `master`' },
  ];
  it.each(errors)('rejects $name at the offending token', ({ line, col, message }) => {
    const error = errorOf(line);
    expect(error).toMatchObject({ file: 'test.yaml', line: 1, col, code: 'bad-argument' });
    expect(error.message).toContain(message);
  });
});
