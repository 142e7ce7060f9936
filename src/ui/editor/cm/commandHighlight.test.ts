import { describe, expect, it } from 'vitest';
import { COMMAND_AT } from './commandHighlight';

const marked = (line: string) => [...line.matchAll(COMMAND_AT)].map((m) => m[0]);

describe('script command marks', () => {
  it('marks the command word of a script line, and the one after ip netns exec', () => {
    expect(marked('      ip link add br0 type bridge')).toEqual(['ip']);
    expect(marked('      iptables-restore --noflush')).toEqual(['iptables-restore']);
    expect(marked('      ip netns exec ns1 ip addr add 10.0.0.1/24 dev eth0')).toEqual(['ip', 'ip']);
    expect(marked('      sysctl -w net.ipv4.ip_forward=1')).toEqual(['sysctl']);
  });
  it('leaves keys and words in the middle of a line alone', () => {
    expect(marked('  - name: ip')).toEqual([]);
    expect(marked('    ipx link')).toEqual([]);
    expect(marked('      ip-foo')).toEqual([]);
  });
});
