import { describe, expect, it } from 'vitest';
import type { OpBody } from '../../engine/config/ops';
import { errorOf, ip, opOf } from './testing';

describe('ip link add … type vxlan', () => {
  const cases: { name: string; line: string; op: OpBody }[] = [
    {
      name: 'flannel.1 as kube-flannel creates it',
      line: 'ip link add flannel.1 address 02:3f:39:67:7d:f9 type vxlan id 1 local 192.168.3.10 dev eth0 dstport 8472 nolearning',
      op: {
        op: 'link-add', name: 'flannel.1', kind: 'vxlan', attrs: { address: '02:3f:39:67:7d:f9' },
        vxlan: { vni: 1, local: ip('192.168.3.10'), dev: 'eth0', dstport: 8472, learning: false },
      },
    },
    {
      name: "the article's vxlan0 with learning and the IANA port",
      line: 'ip link add vxlan0 type vxlan id 100 dstport 4789 local 10.57.4.20 dev eth0 learning',
      op: { op: 'link-add', name: 'vxlan0', kind: 'vxlan', attrs: {}, vxlan: { vni: 100, local: ip('10.57.4.20'), dev: 'eth0', dstport: 4789, learning: true } },
    },
    {
      name: "a device without dstport: the kernel's 8472, learning on",
      line: 'ip link add vx0 mtu 1400 type vxlan vni 7 remote 10.0.0.2',
      op: { op: 'link-add', name: 'vx0', kind: 'vxlan', attrs: { mtu: 1400 }, vxlan: { vni: 7, remote: ip('10.0.0.2'), dstport: 8472, learning: true } },
    },
    {
      name: 'dstport 0, which also means the default',
      line: 'ip link add vx0 type vxlan id 16777215 dstport 0',
      op: { op: 'link-add', name: 'vx0', kind: 'vxlan', attrs: {}, vxlan: { vni: 16777215, dstport: 8472, learning: true } },
    },
  ];
  it.each(cases)('parses $name', ({ line, op }) => {
    expect(opOf(line)).toEqual(op);
  });

  const errors: { name: string; line: string; col: number; message: string }[] = [
    { name: 'a vxlan without an id', line: 'ip link add vx0 type vxlan dstport 4789', col: 22, message: 'vxlan: missing virtual network identifier' },
    { name: 'a VNI of more than 24 bits', line: 'ip link add vx0 type vxlan id 16777216', col: 31, message: 'invalid id' },
    { name: 'a bad local address', line: 'ip link add vx0 type vxlan id 1 local 10.0.0', col: 39, message: 'expected the local VTEP address' },
    { name: 'a port out of range', line: 'ip link add vx0 type vxlan id 1 dstport 70000', col: 41, message: '"dstport" value is invalid' },
    { name: 'a multicast group', line: 'ip link add vx0 type vxlan id 1 group 239.1.1.1 dev eth0', col: 33, message: '`group` is not supported by podpath' },
    { name: 'a link option after the type', line: 'ip link add vx0 type vxlan id 1 mtu 1400', col: 33, message: 'vxlan: unknown command "mtu"' },
    { name: 'a missing device after dev', line: 'ip link add vx0 type vxlan id 1 dev', col: 33, message: 'expected a device name after `dev`' },
  ];
  it.each(errors)('rejects $name at the offending token', ({ line, col, message }) => {
    const error = errorOf(line);
    expect(error).toMatchObject({ file: 'test.yaml', line: 1, col, code: 'bad-argument' });
    expect(error.message).toContain(message);
  });
});
