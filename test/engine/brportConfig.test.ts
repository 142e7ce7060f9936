// A bridge port's hairpin flag, set three ways: what Linux 6.18 accepts and refuses, with each
// tool's words (run in network namespaces: iproute2 6.x, dash).
import { describe, expect, it } from 'vitest';
import { buildMachine } from '../testing';

const BASE = `ip link add br0 type bridge
ip link add h1 type veth peer name p1
ip link set h1 master br0
`;

describe('hairpin mode on a bridge port', () => {
  const refused: { name: string; script: string; error: string }[] = [
    { name: '`bridge link set` on a device that is no port', script: 'bridge link set dev p1 hairpin on', error: '4: RTNETLINK answers: Operation not supported' },
    { name: '`bridge link set` on the bridge itself', script: 'bridge link set dev br0 hairpin on', error: '4: RTNETLINK answers: Operation not supported' },
    { name: '`bridge link set` on a device that does not exist', script: 'bridge link set dev nosuch hairpin on', error: '4: Cannot find bridge device "nosuch"' },
    { name: '`type bridge_slave` on a device that is no port', script: 'ip link set p1 type bridge_slave hairpin on', error: '4: RTNETLINK answers: Operation not supported' },
    { name: '`type bridge_slave` on a device that does not exist', script: 'ip link set nosuch type bridge_slave hairpin on', error: '4: Cannot find device "nosuch"' },
    {
      name: 'the sysfs file of a device that is no port',
      script: 'echo 1 > /sys/class/net/p1/brport/hairpin_mode',
      error: '4: cannot create /sys/class/net/p1/brport/hairpin_mode: Directory nonexistent',
    },
  ];
  it.each(refused)('refuses $name', ({ script, error }) => {
    expect(buildMachine(BASE + script).errors).toEqual([error]);
  });

  it('accepts every way of setting it on a port, and `type bridge_slave` alone', () => {
    const script = `${BASE}bridge link set dev h1 hairpin on
ip link set h1 type bridge_slave hairpin off
ip link set h1 type bridge_slave
echo 1 > /sys/class/net/h1/brport/hairpin_mode
echo 0 > /sys/devices/virtual/net/h1/brport/hairpin_mode`;
    expect(buildMachine(script).errors).toEqual([]);
  });
});
