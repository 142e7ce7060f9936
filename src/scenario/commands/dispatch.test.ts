import { describe, expect, it } from 'vitest';
import { parseScript } from './dispatch';
import { errorOf, opsOf, parse } from './testing';

describe('parseScript', () => {
  it('stamps each op with its file position, namespace and command text', () => {
    const { ops, errors } = parseScript(
      [
        { text: '# a comment', line: 20, col: 7 },
        { text: 'ip netns add ns1', line: 21, col: 7 },
        { text: '', line: 22, col: 1 },
        { text: '  ip netns exec ns1 ip addr add 172.20.1.10/24 \\', line: 23, col: 7 },
        { text: '      dev eth0', line: 24, col: 7 },
      ],
      'scenarios/pod-host.yaml',
    );
    expect(errors).toEqual([]);
    expect(ops.map((op) => [op.op, op.loc, op.netns, op.text])).toEqual([
      ['netns-add', { file: 'scenarios/pod-host.yaml', line: 21, col: 7 }, '', 'ip netns add ns1'],
      ['addr-add', { file: 'scenarios/pod-host.yaml', line: 23, col: 9 }, 'ns1', 'ip netns exec ns1 ip addr add 172.20.1.10/24 dev eth0'],
    ]);
  });

  const namespaces: { name: string; script: string; netns: string }[] = [
    { name: '`ip netns exec NS` runs the command in NS', script: 'ip netns add a\nip netns exec a ip link set lo up', netns: 'a' },
    { name: '`ip -n NS` runs the command in NS', script: 'ip netns add a\nip -n a link set lo up', netns: 'a' },
    { name: '`ip -netns NS` is the long form of -n', script: 'ip netns add a\nip -netns a route add default dev eth0', netns: 'a' },
    { name: '`ip -4` is accepted', script: 'ip netns add a\nip -4 -n a addr add 10.0.0.1/24 dev eth0', netns: 'a' },
    { name: 'the innermost namespace wins', script: 'ip netns add a\nip netns add b\nip netns exec a ip -n b link set lo up', netns: 'b' },
    { name: 'nested `ip netns exec`', script: 'ip netns add a\nip netns add b\nip netns exec a ip netns exec b sysctl -w net.ipv4.ip_forward=1', netns: 'b' },
  ];
  it.each(namespaces)('$name', ({ script, netns }) => {
    const ops = opsOf(script);
    expect(ops[ops.length - 1].netns).toBe(netns);
  });

  it('records `ip netns add` in the root namespace, whoever runs it', () => {
    expect(opsOf('ip netns add a\nip netns exec a ip netns add b')[1]).toEqual({ op: 'netns-add', name: 'b', netns: '' });
  });

  it('keeps going after a bad command and reports every one', () => {
    const { ops, errors } = parse('ip link set eth0 up\ntc qdisc add dev eth0 root netem\nip link set eth1 up\nip route add 10.0.0.1/8 dev eth0');
    expect(ops.map((op) => op.text)).toEqual(['ip link set eth0 up', 'ip link set eth1 up']);
    expect(errors.map((e) => [e.line, e.col, e.code])).toEqual([
      [2, 1, 'unknown-command'],
      [4, 14, 'bad-argument'],
    ]);
  });

  const errors: { name: string; script: string; line: number; col: number; code: string; message: string }[] = [
    {
      name: 'an unknown command names the command and what podpath understands',
      script: 'tc qdisc add dev eth0 root tbf rate 1mbit',
      line: 1,
      col: 1,
      code: 'unknown-command',
      message: 'unsupported command `tc qdisc …`; podpath understands ip, bridge, sysctl, echo > /proc/sys, modprobe, socat/nc/iperf3/python3 listeners, iptables, iptables-restore, ipset',
    },
    { name: 'an unknown command inside `ip netns exec` points at that command', script: 'ip netns add a\nip netns exec a ping 10.0.0.1', line: 2, col: 17, code: 'unknown-command', message: 'unsupported command `ping 10.0.0.1`' },
    { name: 'ip6tables (IPv4 only)', script: 'ip6tables -A FORWARD -j ACCEPT', line: 1, col: 1, code: 'unknown-command', message: 'unsupported command `ip6tables -A …`' },
    { name: '`ip tuntap` (not modelled)', script: 'ip tuntap add tap0 mode tap', line: 1, col: 4, code: 'unknown-command', message: '`ip tuntap` is not supported yet' },
    { name: 'an ip object that does not exist', script: 'ip frob', line: 1, col: 4, code: 'unknown-command', message: '"frob" is not an ip object' },
    { name: 'an unsupported ip option', script: 'ip -s link set eth0 up', line: 1, col: 4, code: 'bad-argument', message: 'ip option `-s` is not supported' },
    { name: '`ip netns del`', script: 'ip netns del a', line: 1, col: 10, code: 'bad-argument', message: '`ip netns del` is not supported' },
    { name: '`ip netns exec` without a command', script: 'ip netns exec a', line: 1, col: 15, code: 'bad-argument', message: 'expected a command to run in a' },
    { name: 'a bad namespace name', script: 'ip netns add a/b', line: 1, col: 14, code: 'bad-argument', message: 'invalid netns name "a/b"' },
    { name: '`&` after a command that is not a listener', script: 'ip link set eth0 up &', line: 1, col: 21, code: 'bad-argument', message: 'only listeners' },
    { name: '`nohup` before a command that is not a listener', script: 'nohup ip link set eth0 up', line: 1, col: 1, code: 'bad-argument', message: '`nohup` only goes before a listener' },
    { name: 'a pipeline', script: 'echo 1 | tee /proc/sys/net/ipv4/ip_forward', line: 1, col: 8, code: 'bad-argument', message: 'shell operator `|` is not supported' },
    { name: 'two commands joined by &&', script: 'ip link set a up && ip link set b up', line: 1, col: 18, code: 'bad-argument', message: 'shell operator `&&`' },
    { name: 'a heredoc that is never closed', script: 'iptables-restore <<EOF', line: 1, col: 18, code: 'bad-argument', message: 'here-document `EOF` is not closed' },
    { name: 'a heredoc for a command that does not read one', script: "sysctl -w net.ipv4.ip_forward=1 <<'EOF'\nEOF", line: 1, col: 33, code: 'bad-argument', message: 'a here-document (<<) only feeds iptables-restore' },
    { name: 'input redirection from a file', script: 'iptables-restore < /etc/iptables/rules.v4', line: 1, col: 18, code: 'bad-argument', message: 'input redirection `<`' },
    { name: '`&` in the middle of a line', script: 'socat TCP-LISTEN:1 - & ip link', line: 1, col: 22, code: 'bad-argument', message: '`&` in the middle of a line' },
    { name: 'a shell variable', script: 'ip link set $DEV up', line: 1, col: 13, code: 'bad-argument', message: 'shell expansion' },
  ];
  it.each(errors)('rejects $name', ({ script, line, col, code, message }) => {
    const error = errorOf(script);
    expect(error).toMatchObject({ file: 'test.yaml', line, col, code });
    expect(error.message).toContain(message);
  });
});
