import { describe, expect, it } from 'vitest';
import type { OpBody } from '../../engine/config/ops';
import { errorOf, opOf, opsOf } from './testing';
import { toDottedKey } from './sysctl';

describe('sysctl and echo > /proc/sys', () => {
  const cases: { name: string; line: string; op: OpBody }[] = [
    { name: '`sysctl -w` with a dotted key', line: 'sysctl -w net.ipv4.ip_forward=1', op: { op: 'sysctl', key: 'net.ipv4.ip_forward', value: '1' } },
    { name: '`sysctl` without -w', line: 'sysctl net.ipv4.conf.all.rp_filter=0', op: { op: 'sysctl', key: 'net.ipv4.conf.all.rp_filter', value: '0' } },
    { name: '`sysctl -q -w`', line: 'sysctl -q -w net.ipv4.conf.eth0.rp_filter=2', op: { op: 'sysctl', key: 'net.ipv4.conf.eth0.rp_filter', value: '2' } },
    { name: 'combined flags `-qw`', line: 'sysctl -qw net.ipv4.conf.default.rp_filter=1', op: { op: 'sysctl', key: 'net.ipv4.conf.default.rp_filter', value: '1' } },
    { name: 'a slash-separated key', line: 'sysctl -w net/ipv4/conf/veth-ns1/proxy_arp=1', op: { op: 'sysctl', key: 'net.ipv4.conf.veth-ns1.proxy_arp', value: '1' } },
    { name: 'a quoted value with a space', line: 'sysctl -w "net.ipv4.ip_local_port_range=1024 65000"', op: { op: 'sysctl', key: 'net.ipv4.ip_local_port_range', value: '1024 65000' } },
    { name: '`echo 1 >` the forwarding switch', line: 'echo 1 > /proc/sys/net/ipv4/ip_forward', op: { op: 'sysctl', key: 'net.ipv4.ip_forward', value: '1' } },
    {
      name: '`echo` to a per-device key',
      line: 'echo 1 > /proc/sys/net/ipv4/conf/veth-ns1/proxy_arp',
      op: { op: 'sysctl', key: 'net.ipv4.conf.veth-ns1.proxy_arp', value: '1' },
    },
    {
      name: '`echo` to a device whose name has a dot, in sysctl\'s dotted form',
      line: 'echo 0 > /proc/sys/net/ipv4/conf/mustang.tun0/rp_filter',
      op: { op: 'sysctl', key: 'net.ipv4.conf.mustang/tun0.rp_filter', value: '0' },
    },
    { name: '`echo -n` with a quoted value and `>>`', line: 'echo -n "1" >> /proc/sys/net/ipv4/conf/all/rp_filter', op: { op: 'sysctl', key: 'net.ipv4.conf.all.rp_filter', value: '1' } },
    {
      name: 'a bridge port\'s hairpin_mode in sysfs',
      line: 'echo 1 > /sys/class/net/veth1/brport/hairpin_mode',
      op: { op: 'brport-sysfs', dev: 'veth1', path: '/sys/class/net/veth1/brport/hairpin_mode', hairpin: true },
    },
    {
      name: 'the same file by its /sys/devices path (kubelet\'s hairpin-veth mode writes it there)',
      line: 'echo 0 > /sys/devices/virtual/net/veth1/brport/hairpin_mode',
      op: { op: 'brport-sysfs', dev: 'veth1', path: '/sys/devices/virtual/net/veth1/brport/hairpin_mode', hairpin: false },
    },
    { name: '`modprobe` (accepted, no effect)', line: 'modprobe br_netfilter', op: { op: 'noop', command: 'modprobe br_netfilter' } },
    { name: 'a real key podpath does not model (the build warns)', line: 'sysctl -w net.ipv4.tcp_keepalive_time=600', op: { op: 'sysctl', key: 'net.ipv4.tcp_keepalive_time', value: '600' } },
    { name: 'a key ip_vs adds', line: 'sysctl -w net.ipv4.vs.conntrack=1', op: { op: 'sysctl', key: 'net.ipv4.vs.conntrack', value: '1' } },
    { name: 'any device name in a per-device key (the build checks it exists)', line: 'sysctl -w net.ipv4.neigh.cali1a2b.proxy_delay=0', op: { op: 'sysctl', key: 'net.ipv4.neigh.cali1a2b.proxy_delay', value: '0' } },
    { name: '`sysctl -e` with a key Linux lacks: skipped, as procps does', line: 'sysctl -e -w net.ipv4.ip_forwrad=1', op: { op: 'sysctl', key: 'net.ipv4.ip_forwrad', value: '1', ignoreMissing: true } },
    { name: '`--ignore` after the pair still covers it (getopt)', line: 'sysctl -w net.ipv4.ip_forwrad=1 --ignore', op: { op: 'sysctl', key: 'net.ipv4.ip_forwrad', value: '1', ignoreMissing: true } },
  ];
  it.each(cases)('parses $name', ({ line, op }) => {
    expect(opOf(line)).toEqual(op);
  });

  it('writes several pairs of one sysctl command in order', () => {
    expect(opsOf('sysctl -w net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0')).toEqual([
      { op: 'sysctl', key: 'net.ipv4.ip_forward', value: '1', netns: '' },
      { op: 'sysctl', key: 'net.ipv4.conf.all.rp_filter', value: '0', netns: '' },
    ]);
  });

  it('runs `ip netns exec NS sysctl` inside the namespace', () => {
    expect(opsOf('ip netns add pod1\nip netns exec pod1 sysctl -w net.ipv4.conf.all.rp_filter=1')[1]).toMatchObject({ op: 'sysctl', netns: 'pod1' });
  });

  const keys: { name: string; key: string; dotted: string }[] = [
    { name: 'a dotted key stays as it is', key: 'net.ipv4.ip_forward', dotted: 'net.ipv4.ip_forward' },
    { name: 'a slash key becomes dotted', key: 'net/ipv4/ip_forward', dotted: 'net.ipv4.ip_forward' },
    { name: 'a dot inside a slash key becomes a slash', key: 'net/ipv4/conf/eth0.100/rp_filter', dotted: 'net.ipv4.conf.eth0/100.rp_filter' },
  ];
  it.each(keys)('converts keys the way procps does: $name', ({ key, dotted }) => {
    expect(toDottedKey(key)).toBe(dotted);
  });

  const errors: { name: string; line: string; col: number; message: string }[] = [
    { name: 'a read instead of a write', line: 'sysctl net.ipv4.ip_forward', col: 8, message: 'expected KEY=VALUE' },
    { name: 'a non-network key', line: 'sysctl -w kernel.panic=1', col: 11, message: 'network sysctls only' },
    { name: 'a key Linux does not have, as sysctl says it', line: 'sysctl -w net.ipv4.ip_forwrad=1', col: 11, message: 'sysctl: cannot stat /proc/sys/net/ipv4/ip_forwrad: No such file or directory' },
    { name: 'a missing key without -w', line: 'sysctl net.ipv4.ip_forwrad=1', col: 8, message: 'sysctl: cannot stat /proc/sys/net/ipv4/ip_forwrad: No such file or directory' },
    { name: 'a missing key with -q (quiet hides values, not errors)', line: 'sysctl -q -w net.ipv4.ip_forwrad=1', col: 14, message: 'sysctl: cannot stat /proc/sys/net/ipv4/ip_forwrad: No such file or directory' },
    { name: 'the second pair of a command, at its own column', line: 'sysctl -w net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_fliter=0', col: 33, message: 'sysctl: cannot stat /proc/sys/net/ipv4/conf/all/rp_fliter: No such file or directory' },
    { name: 'a slash key Linux lacks', line: 'sysctl -w net/ipv4/conf/eth0/rp_fliter=1', col: 11, message: 'sysctl: cannot stat /proc/sys/net/ipv4/conf/eth0/rp_fliter: No such file or directory' },
    { name: 'echo into a file Linux does not have, as the shell says it', line: 'echo 1 > /proc/sys/net/ipv4/ip_forwrad', col: 10, message: 'bash: /proc/sys/net/ipv4/ip_forwrad: No such file or directory' },
    { name: 'a missing value', line: 'sysctl -w net.ipv4.ip_forward=', col: 11, message: 'expected a value' },
    { name: 'loading a file', line: 'sysctl -p', col: 8, message: 'sysctl option -p is not supported' },
    { name: 'modprobe without a module', line: 'modprobe', col: 1, message: 'expected a module name' },
    { name: 'echo without a redirection', line: 'echo hello', col: 1, message: 'echo changes nothing' },
    { name: 'echo into another file', line: 'echo 1 > /etc/motd', col: 10, message: 'echo only configures podpath through /proc/sys/net/' },
    { name: 'a hairpin_mode value that is no number', line: 'echo on > /sys/class/net/veth1/brport/hairpin_mode', col: 6, message: 'takes a number (1 on, 0 off)' },
    { name: 'another sysfs file', line: 'echo 1400 > /sys/class/net/veth1/mtu', col: 13, message: "the only sysfs file podpath models is a bridge port's" },
    {
      name: 'echo under `ip netns exec`, whose redirection the calling shell opens outside the namespace',
      line: 'ip netns add ns1\nip netns exec ns1 echo 1 > /proc/sys/net/ipv4/ip_forward',
      col: 26,
      message: 'in the machine\'s root namespace, not in ns1',
    },
  ];
  it.each(errors)('rejects $name', ({ line, col, message }) => {
    const error = errorOf(line);
    expect(error).toMatchObject({ col, code: 'bad-argument' });
    expect(error.message).toContain(message);
  });
});
