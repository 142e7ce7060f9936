import { describe, expect, it } from 'vitest';
import type { NfCommand, NfMatch, NfTarget } from '../../engine/config/netfilter';
import type { OpBody } from '../../engine/config/ops';
import { formatRuleSpec } from '../../engine/kernel/netfilter/save';
import { errorOf, ip, opOf, opsOf, prefix } from './testing';

/** The rule of a one-command script as iptables-save prints it (the expected lines come from the real tool). */
function saved(line: string): string {
  const op = opOf(line);
  if (op.op !== 'iptables' || !('rule' in op.command)) throw new Error(`not a rule command: ${line}`);
  return formatRuleSpec(op.command.chain, op.command.rule);
}

function ruleOf(line: string): { matches: readonly NfMatch[]; target?: NfTarget } {
  const op = opOf(line);
  if (op.op !== 'iptables' || !('rule' in op.command)) throw new Error(`not a rule command: ${line}`);
  return op.command.rule;
}

describe('iptables rules print back as iptables-save prints them', () => {
  // Each `saved` line is what `iptables-save` (v1.8.9) printed for the same rule in a scratch namespace.
  const cases: { name: string; line: string; saved: string }[] = [
    // addresses, protocol, interfaces
    { name: '-s/-d get /32 and the head is reordered to -s -d -i -o -p', line: 'iptables -A FORWARD -p tcp -o eth1 -i eth0 -d 1.2.3.4 -s 10.0.0.0/8 -j ACCEPT', saved: '-A FORWARD -s 10.0.0.0/8 -d 1.2.3.4/32 -i eth0 -o eth1 -p tcp -j ACCEPT' },
    { name: 'every head match inverted, with a + wildcard interface', line: 'iptables -A INPUT ! -s 10.0.0.0/8 ! -d 1.2.3.4 ! -i eth+ ! -p udp -j DROP', saved: '-A INPUT ! -s 10.0.0.0/8 ! -d 1.2.3.4/32 ! -i eth+ ! -p udp -j DROP' },
    { name: 'host bits of a source network are masked', line: 'iptables -A INPUT -s 10.1.2.3/16 -j ACCEPT', saved: '-A INPUT -s 10.1.0.0/16 -j ACCEPT' },
    { name: 'a dotted netmask becomes a prefix length', line: 'iptables -A INPUT -s 10.0.0.0/255.255.0.0 -j ACCEPT', saved: '-A INPUT -s 10.0.0.0/16 -j ACCEPT' },
    { name: '0/0 and a short network address are what iptables makes of them', line: 'iptables -A INPUT -s 0/0 -d 10 -j ACCEPT', saved: '-A INPUT -d 10.0.0.0/32 -j ACCEPT' },
    { name: 'long options and their aliases', line: 'iptables --append INPUT --src 1.2.3.4 --protocol tcp --destination-port 22 --jump ACCEPT', saved: '-A INPUT -s 1.2.3.4/32 -p tcp -m tcp --dport 22 -j ACCEPT' },
    { name: 'unambiguous abbreviations and --opt=value, as getopt_long reads them', line: 'iptables -A INPUT --so 1.1.1.1 -p tcp --dp=80 -j ACCEPT', saved: '-A INPUT -s 1.1.1.1/32 -p tcp -m tcp --dport 80 -j ACCEPT' },
    { name: 'a protocol number is printed by its /etc/protocols name', line: 'iptables -A INPUT -p 47 -j ACCEPT', saved: '-A INPUT -p gre -j ACCEPT' },
    { name: '-p all is no match at all', line: 'iptables -A INPUT -p all -j ACCEPT', saved: '-A INPUT -j ACCEPT' },
    { name: 'an upper-case protocol name', line: 'iptables -A INPUT -p TCP -j ACCEPT', saved: '-A INPUT -p tcp -j ACCEPT' },
    { name: 'a rule with no target', line: 'iptables -A INPUT -s 10.0.0.1', saved: '-A INPUT -s 10.0.0.1/32' },
    // tcp / udp
    { name: '--dport after -p tcp loads -m tcp where it is written', line: 'iptables -A INPUT -m comment --comment "hello world" -p tcp --dport 80 -s 1.1.1.1 -j ACCEPT', saved: '-A INPUT -s 1.1.1.1/32 -p tcp -m comment --comment "hello world" -m tcp --dport 80 -j ACCEPT' },
    { name: 'inverted port ranges, sport printed before dport', line: 'iptables -A INPUT -p tcp ! --dport 443 ! --sport 1000:2000 -j ACCEPT', saved: '-A INPUT -p tcp -m tcp ! --sport 1000:2000 ! --dport 443 -j ACCEPT' },
    { name: 'open-ended port ranges', line: 'iptables -A INPUT -p udp -m udp --sport :80 --dport 1024: -j ACCEPT', saved: '-A INPUT -p udp -m udp --sport 0:80 --dport 1024:65535 -j ACCEPT' },
    { name: 'a service name for a port', line: 'iptables -A INPUT -p tcp --dport https -j ACCEPT', saved: '-A INPUT -p tcp -m tcp --dport 443 -j ACCEPT' },
    { name: '-m tcp before -p tcp', line: 'iptables -A INPUT -m tcp -p tcp --dport 80 -j ACCEPT', saved: '-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT' },
    { name: 'a second -m tcp adds to the first (nf_tables keeps one)', line: 'iptables -A INPUT -p tcp --dport 80 -m tcp --sport 5 -j ACCEPT', saved: '-A INPUT -p tcp -m tcp --sport 5 --dport 80 -j ACCEPT' },
    { name: '--tcp-flags in canonical flag order', line: 'iptables -A INPUT -p tcp --tcp-flags SYN,ACK,FIN,RST SYN -j ACCEPT', saved: '-A INPUT -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT' },
    { name: '--tcp-flags ALL NONE', line: 'iptables -A INPUT -p tcp --tcp-flags ALL NONE -j DROP', saved: '-A INPUT -p tcp -m tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG NONE -j DROP' },
    { name: '--syn is --tcp-flags FIN,SYN,RST,ACK SYN', line: 'iptables -A INPUT -p tcp ! --syn -j ACCEPT', saved: '-A INPUT -p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT' },
    { name: 'an inverted protocol still loads its match', line: 'iptables -A INPUT ! -p tcp --dport 80 -j ACCEPT', saved: '-A INPUT ! -p tcp -m tcp --dport 80 -j ACCEPT' },
    // icmp
    { name: 'an icmp type name becomes its number', line: 'iptables -A INPUT -p icmp --icmp-type echo-request -j ACCEPT', saved: '-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT' },
    { name: 'an icmp type with its code', line: 'iptables -A INPUT -p icmp ! --icmp-type port-unreachable -j ACCEPT', saved: '-A INPUT -p icmp -m icmp ! --icmp-type 3/3 -j ACCEPT' },
    { name: 'icmp type any', line: 'iptables -A INPUT -p icmp -m icmp --icmp-type any -j ACCEPT', saved: '-A INPUT -p icmp -m icmp --icmp-type any -j ACCEPT' },
    { name: 'a unique prefix of an icmp type name', line: 'iptables -A INPUT -p icmp --icmp-type echo-rep -j ACCEPT', saved: '-A INPUT -p icmp -m icmp --icmp-type 0 -j ACCEPT' },
    // multiport
    { name: 'multiport destination ports with a range', line: 'iptables -A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT', saved: '-A INPUT -p tcp -m multiport --dports 80,443,8000:8080 -j ACCEPT' },
    { name: 'multiport inverted source ports by their long name', line: 'iptables -A INPUT -p udp -m multiport ! --source-ports 53,5353 -j ACCEPT', saved: '-A INPUT -p udp -m multiport ! --sports 53,5353 -j ACCEPT' },
    { name: '--dport after -m multiport abbreviates --dports', line: 'iptables -A INPUT -p tcp -m multiport --dport 80 -j ACCEPT', saved: '-A INPUT -p tcp -m multiport --dports 80 -j ACCEPT' },
    // addrtype
    { name: 'addrtype destination LOCAL', line: 'iptables -t nat -A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS', saved: '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS' },
    { name: 'addrtype types in kernel order, inverted, limited to the input interface', line: 'iptables -A INPUT -m addrtype ! --src-type broadcast,LOCAL --limit-iface-in -j DROP', saved: '-A INPUT -m addrtype ! --src-type LOCAL,BROADCAST --limit-iface-in -j DROP' },
    // conntrack / state
    { name: 'ctstate in kernel bit order', line: 'iptables -A INPUT -m conntrack --ctstate DNAT,SNAT,UNTRACKED,NEW -j ACCEPT', saved: '-A INPUT -m conntrack --ctstate NEW,UNTRACKED,SNAT,DNAT -j ACCEPT' },
    { name: 'an inverted ctstate', line: 'iptables -A FORWARD -m conntrack ! --ctstate INVALID -j ACCEPT', saved: '-A FORWARD -m conntrack ! --ctstate INVALID -j ACCEPT' },
    { name: '-m state, lower case', line: 'iptables -A INPUT -m state --state established,related -j ACCEPT', saved: '-A INPUT -m state --state RELATED,ESTABLISHED -j ACCEPT' },
    // mark / connmark
    { name: 'a mark with its mask', line: 'iptables -A INPUT -m mark --mark 0x4000/0x4000 -j ACCEPT', saved: '-A INPUT -m mark --mark 0x4000/0x4000 -j ACCEPT' },
    { name: 'a decimal mark without a mask, inverted', line: 'iptables -A INPUT -m mark ! --mark 16 -j ACCEPT', saved: '-A INPUT -m mark ! --mark 0x10 -j ACCEPT' },
    { name: 'an octal mark (base 0, as xtables reads numbers)', line: 'iptables -A INPUT -m mark --mark 010 -j ACCEPT', saved: '-A INPUT -m mark --mark 0x8 -j ACCEPT' },
    { name: 'a connmark', line: 'iptables -A INPUT -m connmark ! --mark 0x1/0xff -j ACCEPT', saved: '-A INPUT -m connmark ! --mark 0x1/0xff -j ACCEPT' },
    // set
    { name: 'an ipset match on destination address and port', line: 'iptables -A INPUT -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT', saved: '-A INPUT -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT' },
    { name: 'an inverted ipset match', line: 'iptables -A INPUT -m set ! --match-set TRUSTED src -j DROP', saved: '-A INPUT -m set ! --match-set TRUSTED src -j DROP' },
    // comment
    { name: 'a comment of plain characters is printed bare', line: "iptables -A INPUT -m comment --comment 'plain_word' -j ACCEPT", saved: '-A INPUT -m comment --comment plain_word -j ACCEPT' },
    { name: 'a comment with / or : is quoted', line: 'iptables -A INPUT -m comment --comment default/kubernetes:https -j ACCEPT', saved: '-A INPUT -m comment --comment "default/kubernetes:https" -j ACCEPT' },
    { name: 'quotes and backslashes in a comment are escaped', line: `iptables -A INPUT -m comment --comment "it's \\"x\\"" -j ACCEPT`, saved: `-A INPUT -m comment --comment "it\\'s \\"x\\"" -j ACCEPT` },
    // ttl
    { name: 'a TTL equal to', line: 'iptables -A FORWARD -m ttl --ttl-eq 63 -j DROP', saved: '-A FORWARD -m ttl --ttl-eq 63 -j DROP' },
    { name: 'a TTL not equal to', line: 'iptables -A FORWARD -m ttl ! --ttl-eq 63', saved: '-A FORWARD -m ttl ! --ttl-eq 63' },
    { name: 'a TTL below and above', line: 'iptables -A FORWARD -m ttl --ttl-lt 5 -m ttl --ttl-gt 200', saved: '-A FORWARD -m ttl --ttl-lt 5 -m ttl --ttl-gt 200' },
    { name: 'the old --ttl is --ttl-eq', line: 'iptables -A FORWARD -m ttl --ttl 4', saved: '-A FORWARD -m ttl --ttl-eq 4' },
    // statistic
    { name: 'a random probability printed as the kernel keeps it', line: 'iptables -A INPUT -m statistic --mode random --probability 0.3333333333 -j ACCEPT', saved: '-A INPUT -m statistic --mode random --probability 0.33333333349 -j ACCEPT' },
    { name: 'an inverted probability', line: 'iptables -A INPUT -m statistic --mode random ! --probability 0.1 -j ACCEPT', saved: '-A INPUT -m statistic --mode random ! --probability 0.10000000009 -j ACCEPT' },
    { name: 'nth mode', line: 'iptables -A INPUT -m statistic --mode nth ! --every 2 --packet 1 -j ACCEPT', saved: '-A INPUT -m statistic --mode nth ! --every 2 --packet 1 -j ACCEPT' },
    // physdev
    { name: 'physdev in and out, printed in/out/is-in/is-out/is-bridged', line: 'iptables -A FORWARD -m physdev --physdev-out veth0 --physdev-in veth1 -j ACCEPT', saved: '-A FORWARD -m physdev --physdev-in veth1 --physdev-out veth0 -j ACCEPT' },
    { name: 'physdev flags with an inverted is-bridged', line: 'iptables -A FORWARD -m physdev ! --physdev-is-bridged --physdev-is-out --physdev-is-in -j ACCEPT', saved: '-A FORWARD -m physdev --physdev-is-in --physdev-is-out ! --physdev-is-bridged -j ACCEPT' },
    // targets
    { name: 'ACCEPT', line: 'iptables -A INPUT -j ACCEPT', saved: '-A INPUT -j ACCEPT' },
    { name: 'DROP', line: 'iptables -A INPUT -j DROP', saved: '-A INPUT -j DROP' },
    { name: 'RETURN', line: 'iptables -A MYCHAIN -j RETURN', saved: '-A MYCHAIN -j RETURN' },
    { name: 'a jump to a user chain', line: 'iptables -A INPUT -j MYCHAIN', saved: '-A INPUT -j MYCHAIN' },
    { name: 'a goto', line: 'iptables -A INPUT -g MYCHAIN', saved: '-A INPUT -g MYCHAIN' },
    { name: 'REJECT names its default', line: 'iptables -A INPUT -j REJECT', saved: '-A INPUT -j REJECT --reject-with icmp-port-unreachable' },
    { name: 'REJECT with tcp-reset', line: 'iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset', saved: '-A INPUT -p tcp -j REJECT --reject-with tcp-reset' },
    { name: 'REJECT with an alias prefix', line: 'iptables -A INPUT -j REJECT --reject-with host-prohib', saved: '-A INPUT -j REJECT --reject-with icmp-host-prohibited' },
    { name: 'DNAT to an address and port', line: 'iptables -t nat -A PREROUTING -p tcp -d 10.96.0.1 --dport 443 -j DNAT --to-destination 10.0.0.5:6443', saved: '-A PREROUTING -d 10.96.0.1/32 -p tcp -m tcp --dport 443 -j DNAT --to-destination 10.0.0.5:6443' },
    { name: 'DNAT to ranges with --random --persistent', line: 'iptables -t nat -A PREROUTING -p tcp -j DNAT --persistent --to-destination 10.0.0.5-10.0.0.9:80-90 --random', saved: '-A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.5-10.0.0.9:80-90 --random --persistent' },
    { name: 'DNAT to a port only, and --to abbreviates --to-destination', line: 'iptables -t nat -A OUTPUT -p tcp -j DNAT --to :8080-8080', saved: '-A OUTPUT -p tcp -j DNAT --to-destination :8080' },
    { name: 'SNAT with --random-fully', line: 'iptables -t nat -A POSTROUTING -j SNAT --to-source 1.2.3.4 --random-fully', saved: '-A POSTROUTING -j SNAT --to-source 1.2.3.4 --random-fully' },
    { name: 'MASQUERADE --random-fully', line: 'iptables -t nat -A POSTROUTING -s 10.244.0.0/16 ! -d 10.244.0.0/16 -j MASQUERADE --random-fully', saved: '-A POSTROUTING -s 10.244.0.0/16 ! -d 10.244.0.0/16 -j MASQUERADE --random-fully' },
    { name: 'MASQUERADE to ports', line: 'iptables -t nat -A POSTROUTING -p udp -j MASQUERADE --random --to-ports 1000-2000', saved: '-A POSTROUTING -p udp -j MASQUERADE --to-ports 1000-2000 --random' },
    { name: 'REDIRECT to a port', line: 'iptables -t nat -A PREROUTING -p tcp --dport 80 -j REDIRECT --to-ports 8080', saved: '-A PREROUTING -p tcp -m tcp --dport 80 -j REDIRECT --to-ports 8080' },
    { name: 'MARK --set-mark V means --set-xmark V/0xffffffff', line: 'iptables -t mangle -A PREROUTING -j MARK --set-mark 0x4000', saved: '-A PREROUTING -j MARK --set-xmark 0x4000/0xffffffff' },
    { name: 'MARK --set-mark V/M means --set-xmark V/(M|V)', line: 'iptables -t mangle -A PREROUTING -j MARK --set-mark 0x4000/0xff', saved: '-A PREROUTING -j MARK --set-xmark 0x4000/0x40ff' },
    { name: 'MARK --or-mark V means --set-xmark V/V', line: 'iptables -t nat -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000', saved: '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000' },
    { name: 'MARK --xor-mark V means --set-xmark V/0', line: 'iptables -t nat -A KUBE-POSTROUTING -j MARK --xor-mark 0x4000', saved: '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0' },
    { name: 'MARK --and-mark V means --set-xmark 0/~V', line: 'iptables -t mangle -A OUTPUT -j MARK --and-mark 0xffff', saved: '-A OUTPUT -j MARK --set-xmark 0x0/0xffff0000' },
    { name: 'CONNMARK --set-mark V/M means --set-xmark V/(M|V) too', line: 'iptables -t mangle -A PREROUTING -j CONNMARK --set-mark 0x100/0xff', saved: '-A PREROUTING -j CONNMARK --set-xmark 0x100/0x1ff' },
    { name: 'CONNMARK --save-mark names both masks', line: 'iptables -t mangle -A PREROUTING -j CONNMARK --save-mark', saved: '-A PREROUTING -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff' },
    { name: 'CONNMARK --restore-mark --mask sets both masks', line: 'iptables -t mangle -A OUTPUT -j CONNMARK --restore-mark --mask 0xff', saved: '-A OUTPUT -j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xff' },
    { name: 'LOG without options', line: 'iptables -A INPUT -j LOG', saved: '-A INPUT -j LOG' },
    { name: 'LOG with a prefix; level 4 (warning) is the default and not printed', line: 'iptables -A INPUT -j LOG --log-level warning --log-prefix "IN: "', saved: '-A INPUT -j LOG --log-prefix "IN: "' },
    { name: 'LOG with a named level', line: 'iptables -A INPUT -j LOG --log-level debug', saved: '-A INPUT -j LOG --log-level 7' },
    { name: 'NOTRACK', line: 'iptables -t raw -A PREROUTING -p udp --dport 4789 -j NOTRACK', saved: '-A PREROUTING -p udp -m udp --dport 4789 -j NOTRACK' },
    { name: 'CT --notrack', line: 'iptables -t raw -A OUTPUT -j CT --notrack', saved: '-A OUTPUT -j CT --notrack' },
    { name: 'target options may come before the target is complete, and -s after -j', line: 'iptables -A INPUT -j ACCEPT -s 1.1.1.1', saved: '-A INPUT -s 1.1.1.1/32 -j ACCEPT' },
    { name: '-w and -W are accepted and ignored', line: 'iptables -w 5 -W 100000 -A INPUT -p tcp --dport 80 -j ACCEPT --wait', saved: '-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT' },
  ];
  it.each(cases)('$name', ({ line, saved: expected }) => {
    expect(saved(line)).toBe(expected);
  });

  it('keeps matches in the order written, with the -m tcp where --dport loaded it', () => {
    expect(ruleOf('iptables -A INPUT -m comment --comment x -p tcp --dport 80 -s 10.0.0.1').matches.map((m) => m.kind)).toEqual(['comment', 'proto', 'l4', 'src']);
  });

  it('reads a tcp match into ports and flags', () => {
    expect(ruleOf('iptables -A INPUT -p tcp ! --sport 1:2 --syn').matches[1]).toEqual({
      kind: 'l4',
      proto: 'tcp',
      sport: { not: true, range: { from: 1, to: 2 } },
      tcpFlags: { not: false, mask: ['FIN', 'SYN', 'RST', 'ACK'], comp: ['SYN'] },
    });
  });

  it('keeps the probability as written (the printer rounds it like the kernel)', () => {
    expect(ruleOf('iptables -A X -m statistic --mode random --probability 0.3333333333').matches[0]).toEqual({ kind: 'statistic', not: false, mode: 'random', probability: 0.3333333333 });
  });

  it('records how a MARK was written beside its value/mask', () => {
    expect(ruleOf('iptables -t nat -A KUBE-MARK-MASQ -j MARK --or-mark 0x4000').target).toEqual({ kind: 'MARK', value: 0x4000, mask: 0x4000, written: '--or-mark 0x4000' });
  });

  it('reads a NAT range into addresses and ports', () => {
    expect(ruleOf('iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.0.0.5-10.0.0.9:80-90').target).toEqual({
      kind: 'DNAT',
      to: { addr: ip('10.0.0.5'), addrTo: ip('10.0.0.9'), port: 80, portTo: 90 },
    });
  });

  it('reads icmp any as type 255 without a code', () => {
    expect(ruleOf('iptables -A INPUT -p icmp --icmp-type any').matches[1]).toEqual({ kind: 'icmp', not: false, type: 255 });
  });
});

describe('iptables commands', () => {
  const cases: { name: string; line: string; op: OpBody }[] = [
    { name: '-A goes to the filter table by default', line: 'iptables -A INPUT -j DROP', op: { op: 'iptables', table: 'filter', command: { action: 'append', chain: 'INPUT', rule: { matches: [], target: { kind: 'DROP' } } } } },
    { name: '-t picks the table, before or after the command', line: 'iptables -N KUBE-SERVICES -t nat', op: { op: 'iptables', table: 'nat', command: { action: 'new-chain', chain: 'KUBE-SERVICES' } } },
    { name: '-I without a number inserts first', line: 'iptables -I FORWARD -j ACCEPT', op: { op: 'iptables', table: 'filter', command: { action: 'insert', chain: 'FORWARD', index: 1, rule: { matches: [], target: { kind: 'ACCEPT' } } } } },
    { name: '-I with a rule number', line: 'iptables --insert FORWARD 3 -s 10.0.0.0/8', op: { op: 'iptables', table: 'filter', command: { action: 'insert', chain: 'FORWARD', index: 3, rule: { matches: [{ kind: 'src', not: false, prefix: prefix('10.0.0.0/8') }] } } } },
    { name: '-D with a rule', line: 'iptables -D INPUT -j DROP', op: { op: 'iptables', table: 'filter', command: { action: 'delete', chain: 'INPUT', rule: { matches: [], target: { kind: 'DROP' } } } } },
    { name: '-D with a rule number', line: 'iptables -D INPUT 2', op: { op: 'iptables', table: 'filter', command: { action: 'delete-index', chain: 'INPUT', index: 2 } } },
    { name: '-X without a chain', line: 'iptables -t nat -X', op: { op: 'iptables', table: 'nat', command: { action: 'delete-chain' } } },
    { name: '-X with a chain', line: 'iptables --delete-chain MYCHAIN', op: { op: 'iptables', table: 'filter', command: { action: 'delete-chain', chain: 'MYCHAIN' } } },
    { name: '-F without a chain', line: 'iptables -t mangle -F', op: { op: 'iptables', table: 'mangle', command: { action: 'flush' } } },
    { name: '-F with a chain', line: 'iptables -F FORWARD', op: { op: 'iptables', table: 'filter', command: { action: 'flush', chain: 'FORWARD' } } },
    { name: '-Z', line: 'iptables -Z', op: { op: 'iptables', table: 'filter', command: { action: 'zero' } } },
    { name: '-Z with a chain', line: 'iptables --zero INPUT', op: { op: 'iptables', table: 'filter', command: { action: 'zero', chain: 'INPUT' } } },
    { name: '-P sets a policy', line: 'iptables -P FORWARD DROP', op: { op: 'iptables', table: 'filter', command: { action: 'policy', chain: 'FORWARD', policy: 'DROP' } } },
    { name: 'iptables-legacy is iptables', line: 'iptables-legacy -t raw -P OUTPUT ACCEPT', op: { op: 'iptables', table: 'raw', command: { action: 'policy', chain: 'OUTPUT', policy: 'ACCEPT' } } },
    { name: 'iptables-nft is iptables', line: 'iptables-nft -N X', op: { op: 'iptables', table: 'filter', command: { action: 'new-chain', chain: 'X' } } },
  ];
  it.each(cases)('$name', ({ line, op }) => {
    expect(opOf(line)).toEqual(op);
  });

  it('runs inside `ip netns exec`', () => {
    const ops = opsOf('ip netns add pod\nip netns exec pod iptables -A OUTPUT -j ACCEPT');
    expect(ops[1]).toMatchObject({ op: 'iptables', netns: 'pod', command: { action: 'append', chain: 'OUTPUT' } satisfies Partial<NfCommand> });
  });
});

describe('iptables errors', () => {
  const errors: { name: string; line: string; col: number; message: string }[] = [
    { name: 'no command', line: 'iptables -s 10.0.0.1', col: 13, message: 'no command specified' },
    { name: 'nothing after iptables', line: 'iptables', col: 1, message: 'expected an iptables command' },
    { name: 'two commands', line: 'iptables -A INPUT -D INPUT', col: 19, message: 'Cannot use -D with -A' },
    { name: 'a word that is not an option', line: 'iptables -A INPUT foo', col: 19, message: "Bad argument `foo'" },
    { name: 'an unknown option', line: 'iptables -A INPUT --frob', col: 19, message: 'unknown option "--frob"' },
    { name: 'an ambiguous abbreviation', line: 'iptables -A INPUT --d 1.1.1.1', col: 19, message: "option '--d' is ambiguous" },
    { name: '--dport without -p', line: 'iptables -A INPUT --dport 80 -j ACCEPT', col: 19, message: 'ports need -p tcp|udp' },
    { name: '--dport before -p', line: 'iptables -A INPUT --dport 80 -p tcp', col: 19, message: 'unknown option "--dport"' },
    { name: '--icmp-type with -p tcp', line: 'iptables -A INPUT -p tcp --icmp-type 8', col: 26, message: '--icmp-type needs -p icmp' },
    { name: '-m tcp with -p udp', line: 'iptables -A INPUT -p udp -m tcp --dport 80', col: 29, message: "TCP match requires '-p tcp'" },
    { name: 'an unsupported match', line: 'iptables -A INPUT -m recent --set', col: 22, message: "match `recent' is not supported by podpath" },
    { name: 'an unsupported target', line: 'iptables -A INPUT -j NFQUEUE', col: 22, message: 'target NFQUEUE is not supported by podpath' },
    { name: 'an unsupported option of a supported module', line: 'iptables -A INPUT -m conntrack --ctorigdst 1.1.1.1', col: 32, message: '-m conntrack option --ctorigdst is not supported' },
    { name: 'a port out of range', line: 'iptables -A INPUT -p tcp --dport 65536', col: 34, message: "invalid port/service `65536' specified" },
    { name: 'a reversed port range', line: 'iptables -A INPUT -p tcp --dport 90:80', col: 34, message: 'invalid portrange (min > max)' },
    { name: 'a port given twice', line: 'iptables -A INPUT -p tcp --dport 80 --dport 81', col: 37, message: "Only one `--destination-port' allowed" },
    { name: '--syn and --tcp-flags together', line: 'iptables -A INPUT -p tcp --syn --tcp-flags SYN SYN', col: 32, message: "Only one of `--syn' or `--tcp-flags'" },
    { name: 'an unknown tcp flag', line: 'iptables -A INPUT -p tcp --tcp-flags SYN,FOO SYN', col: 38, message: "Unknown TCP flag `FOO'" },
    { name: 'an unknown protocol', line: 'iptables -A INPUT -p foo', col: 22, message: 'unknown protocol "foo"' },
    { name: '! -p all', line: 'iptables -A INPUT ! -p all', col: 24, message: 'rule would never match protocol' },
    { name: 'a bad address', line: 'iptables -A INPUT -s 10.0.0.300', col: 22, message: "host/network `10.0.0.300' not found" },
    { name: 'several addresses', line: 'iptables -A INPUT -s 10.0.0.1,10.0.0.2', col: 22, message: 'write one rule per address' },
    { name: 'a bad mask', line: 'iptables -A INPUT -s 10.0.0.0/33', col: 31, message: "invalid mask `33' specified" },
    { name: 'two -s', line: 'iptables -A INPUT -s 1.1.1.1 -s 2.2.2.2', col: 30, message: 'multiple -s flags not allowed' },
    { name: 'an interface name too long', line: 'iptables -A INPUT -i abcdefghijklmnop', col: 22, message: 'must be shorter than IFNAMSIZ (15)' },
    { name: '-o in INPUT', line: 'iptables -A INPUT -o eth0 -j ACCEPT', col: 19, message: "Can't use -o with INPUT" },
    { name: '-i in POSTROUTING', line: 'iptables -t nat -A POSTROUTING -i eth0 -j MASQUERADE', col: 32, message: "Can't use -i with POSTROUTING" },
    { name: '! before -j', line: 'iptables -A INPUT ! -j ACCEPT', col: 19, message: 'cannot have ! before -j' },
    { name: '! before -m', line: 'iptables -A INPUT ! -m comment --comment x', col: 19, message: 'unexpected ! flag before --match' },
    { name: 'two ! in a row', line: 'iptables -A INPUT ! ! -s 1.1.1.1', col: 21, message: 'multiple consecutive ! not allowed' },
    { name: '! at the end', line: 'iptables -A INPUT -j ACCEPT !', col: 29, message: 'nothing appropriate following !' },
    { name: 'an option that cannot be inverted', line: 'iptables -A INPUT -m comment ! --comment x', col: 30, message: 'comment: option "--comment" cannot be inverted.' },
    { name: 'two -j', line: 'iptables -A INPUT -j ACCEPT -j DROP', col: 29, message: 'multiple -j flags not allowed' },
    { name: 'a rule option with -F', line: 'iptables -F INPUT -j ACCEPT', col: 19, message: "Illegal option `-j' with this command" },
    { name: 'a rule number 0', line: 'iptables -I INPUT 0 -j ACCEPT', col: 19, message: "Invalid rule number `0'" },
    { name: 'a policy on a user chain', line: 'iptables -P MYCHAIN DROP', col: 13, message: 'Bad built-in chain name "MYCHAIN"' },
    { name: 'a policy that is not ACCEPT or DROP', line: 'iptables -P INPUT RETURN', col: 19, message: 'Bad policy name "RETURN"' },
    { name: 'DROP policy in nat', line: 'iptables -t nat -P PREROUTING DROP', col: 31, message: 'The "nat" table is not intended for filtering' },
    { name: 'an unknown table', line: 'iptables -t foo -A INPUT', col: 13, message: "table 'foo' does not exist" },
    { name: 'the security table', line: 'iptables -t security -F', col: 13, message: 'the security table is not supported' },
    { name: 'a new chain named like a target', line: 'iptables -N ACCEPT', col: 13, message: 'may not clash with target name' },
    { name: 'a new chain name too long', line: 'iptables -N 01234567890123456789012345678', col: 13, message: 'too long (must be under 29 chars)' },
    { name: 'iptables -L', line: 'iptables -L -n', col: 10, message: '`iptables -L` is not supported' },
    { name: 'bundled short options', line: 'iptables -nvL', col: 10, message: 'write one option per word' },
    { name: 'a DNAT port without -p', line: 'iptables -t nat -A PREROUTING -j DNAT --to-destination 10.0.0.5:80', col: 39, message: 'Need TCP, UDP, SCTP or DCCP with port specification' },
    { name: 'a DNAT port with -p after it', line: 'iptables -t nat -A POSTROUTING -j MASQUERADE --to-ports 1000 -p tcp', col: 46, message: 'Need TCP, UDP, SCTP or DCCP' },
    { name: 'a DNAT without --to-destination', line: 'iptables -t nat -A PREROUTING -j DNAT', col: 34, message: 'DNAT: option "--to-destination" must be specified' },
    { name: 'DNAT --random-fully, which DNAT does not have', line: 'iptables -t nat -A PREROUTING -j DNAT --to-destination 1.1.1.1 --random-fully', col: 64, message: 'unknown option "--random-fully"' },
    { name: 'a bad DNAT address', line: 'iptables -t nat -A PREROUTING -j DNAT --to-destination 10.0.0.300', col: 56, message: 'Bad IP address "10.0.0.300"' },
    { name: 'a reversed DNAT port range', line: 'iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 1.1.1.1:90-80', col: 74, message: "Port range `80' funky" },
    { name: 'DNAT outside the nat table', line: 'iptables -A FORWARD -j DNAT --to-destination 1.1.1.1', col: 24, message: 'DNAT can only be used in the nat table' },
    { name: 'SNAT in PREROUTING', line: 'iptables -t nat -A PREROUTING -j SNAT --to-source 1.1.1.1', col: 34, message: 'SNAT can only be used in the POSTROUTING, INPUT chains' },
    { name: 'REJECT outside filter', line: 'iptables -t mangle -A INPUT -j REJECT', col: 32, message: 'REJECT can only be used in the filter table' },
    { name: 'REJECT tcp-reset without -p tcp', line: 'iptables -A INPUT -j REJECT --reject-with tcp-reset', col: 43, message: 'tcp-reset needs -p tcp' },
    { name: 'an unknown reject type', line: 'iptables -A INPUT -j REJECT --reject-with foo', col: 43, message: 'unknown reject type "foo"' },
    { name: 'NOTRACK outside raw', line: 'iptables -A INPUT -j NOTRACK', col: 22, message: 'NOTRACK can only be used in the raw table' },
    { name: 'CT --zone', line: 'iptables -t raw -A PREROUTING -j CT --zone 1', col: 37, message: '-j CT option --zone is not supported' },
    { name: 'MARK without an operation', line: 'iptables -t mangle -A PREROUTING -j MARK', col: 37, message: 'MARK: One of the --set-xmark' },
    { name: 'two MARK operations', line: 'iptables -t mangle -A PREROUTING -j MARK --set-mark 1 --or-mark 2', col: 55, message: 'MARK: option "--or-mark" cannot be used together with "--set-mark".' },
    { name: 'a mark out of range', line: 'iptables -t mangle -A PREROUTING -j MARK --set-mark 0x100000000', col: 53, message: 'MARK: bad value for option "--set-mark"' },
    { name: 'CONNMARK without an operation', line: 'iptables -t mangle -A PREROUTING -j CONNMARK', col: 37, message: 'CONNMARK target: No operation specified' },
    { name: 'CONNMARK --nfmask with --set-xmark', line: 'iptables -t mangle -A PREROUTING -j CONNMARK --set-xmark 1 --nfmask 2', col: 60, message: '--nfmask and --ctmask go with --save-mark or --restore-mark' },
    { name: 'a LOG level that does not exist', line: 'iptables -A INPUT -j LOG --log-level 8', col: 38, message: 'log level "8" unknown' },
    { name: 'a LOG prefix longer than 29', line: 'iptables -A INPUT -j LOG --log-prefix 012345678901234567890123456789', col: 39, message: 'Maximum prefix length 29' },
    { name: 'an empty LOG prefix', line: "iptables -A INPUT -j LOG --log-prefix ''", col: 39, message: 'minimum length of 1' },
    { name: 'an unknown icmp type', line: 'iptables -A INPUT -p icmp --icmp-type foo', col: 39, message: "Unknown ICMP type `foo'" },
    { name: 'an ambiguous icmp type', line: 'iptables -A INPUT -p icmp --icmp-type echo', col: 39, message: "Ambiguous ICMP type `echo'" },
    { name: 'an icmp code out of range', line: 'iptables -A INPUT -p icmp --icmp-type 8/300', col: 39, message: "Unknown ICMP code `8/300'" },
    { name: '-m icmp without --icmp-type', line: 'iptables -A INPUT -p icmp -m icmp', col: 30, message: 'icmp: option "--icmp-type" must be specified' },
    { name: 'multiport without a port protocol', line: 'iptables -A INPUT -m multiport --dports 80', col: 22, message: "multiport needs `-p tcp'" },
    { name: 'multiport with too many ports', line: 'iptables -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16', col: 48, message: 'too many ports specified' },
    { name: 'a multiport range that is not increasing', line: 'iptables -A INPUT -p tcp -m multiport --dports 80,90:90', col: 51, message: 'invalid portrange specified' },
    { name: 'two multiport directions', line: 'iptables -A INPUT -p tcp -m multiport --dports 80 --sports 90', col: 51, message: 'cannot be used together with "--destination-ports"' },
    { name: 'addrtype without a type', line: 'iptables -A INPUT -m addrtype', col: 22, message: 'addrtype: you must specify --src-type or --dst-type' },
    { name: 'an addrtype podpath does not model', line: 'iptables -A INPUT -m addrtype --src-type LOCAL,THROW', col: 48, message: 'addrtype THROW is not supported' },
    { name: 'an unknown addrtype', line: 'iptables -A INPUT -m addrtype --src-type FOO', col: 42, message: 'Bad addrtype "FOO"' },
    { name: '--limit-iface-in in OUTPUT', line: 'iptables -A OUTPUT -m addrtype --src-type LOCAL --limit-iface-in', col: 23, message: '--limit-iface-in cannot be used in the OUTPUT chain' },
    { name: 'a bad ctstate', line: 'iptables -A INPUT -m conntrack --ctstate FOO', col: 42, message: 'Bad ctstate "FOO"' },
    { name: 'DNAT in -m state', line: 'iptables -A INPUT -m state --state DNAT', col: 36, message: 'Bad state "DNAT"' },
    { name: '-m conntrack without --ctstate', line: 'iptables -A INPUT -m conntrack -j ACCEPT', col: 22, message: 'conntrack: At least one option is required' },
    { name: 'a mark with garbage', line: 'iptables -A INPUT -m mark --mark 0x1/0x1/0x1', col: 34, message: 'mark: bad value for option "--mark"' },
    { name: '-m mark without --mark', line: 'iptables -A INPUT -m mark', col: 22, message: 'mark: option "--mark" must be specified' },
    { name: '--match-set with one argument', line: 'iptables -A INPUT -m set --match-set S1', col: 38, message: 'expected a second value for --match-set' },
    { name: '--match-set with a bad flag', line: 'iptables -A INPUT -m set --match-set S1 DST', col: 41, message: "'src' or 'dst'" },
    { name: '--match-set with seven flags', line: 'iptables -A INPUT -m set --match-set S1 src,dst,src,dst,src,dst,src', col: 41, message: "Can't be more src/dst options than 6." },
    { name: '-m comment without --comment', line: 'iptables -A INPUT -m comment -j ACCEPT', col: 22, message: 'comment: option "--comment" must be specified' },
    { name: 'two comments in one -m comment', line: 'iptables -A INPUT -m comment --comment a --comment b', col: 42, message: 'comment: option "--comment" can only be used once.' },
    { name: '-m ttl without a comparison', line: 'iptables -A FORWARD -m ttl', col: 24, message: "TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt" },
    { name: 'a TTL above 255', line: 'iptables -A FORWARD -m ttl --ttl-eq 300', col: 37, message: 'ttl: bad value for option "--ttl-eq", or out of range (0-255).' },
    { name: 'two TTL comparisons', line: 'iptables -A FORWARD -m ttl --ttl-eq 3 --ttl-lt 4', col: 39, message: 'ttl: option "--ttl-lt" cannot be used together with "--ttl-eq".' },
    { name: 'an inverted --ttl-lt', line: 'iptables -A FORWARD -m ttl ! --ttl-lt 5', col: 28, message: 'ttl: option "--ttl-lt" cannot be inverted.' },
    { name: 'a probability above 1', line: 'iptables -A INPUT -m statistic --mode random --probability 1.5', col: 60, message: 'out of range (0-1)' },
    { name: 'random mode without a probability', line: 'iptables -A INPUT -m statistic --mode random', col: 22, message: '--probability must be specified when using random mode' },
    { name: 'a statistic mode that does not exist', line: 'iptables -A INPUT -m statistic --mode foo', col: 39, message: 'Bad mode "foo"' },
    { name: '--every without --packet (iptables 1.8.9 requires both)', line: 'iptables -A INPUT -m statistic --mode nth --every 3', col: 22, message: 'option "--every" also requires "--packet"' },
    { name: '--packet not below --every', line: 'iptables -A INPUT -m statistic --mode nth --every 3 --packet 3', col: 22, message: 'the --packet p must be 0 <= p <= n-1' },
    { name: '! --mode', line: 'iptables -A INPUT -m statistic ! --mode random --probability 0.5', col: 32, message: 'statistic: option "--mode" cannot be inverted.' },
    { name: '-m physdev without an option', line: 'iptables -A FORWARD -m physdev', col: 24, message: 'PHYSDEV: no physdev option specified' },
    { name: '! --physdev-is-in, which podpath cannot hold', line: 'iptables -A FORWARD -m physdev ! --physdev-is-in', col: 34, message: "`! --physdev-is-in' is not supported by podpath" },
  ];
  it.each(errors)('rejects $name', ({ line, col, message }) => {
    const error = errorOf(line);
    expect(error.message).toContain(message);
    expect({ line: error.line, col: error.col, code: error.code }).toEqual({ line: 1, col, code: 'bad-argument' });
  });
});
