import { describe, expect, it } from 'vitest';
import { parseIpv4, parsePrefix, type Prefix } from '../../addr/ipv4';
import type { NfMatch, NfRuleSpec, NfTarget } from '../../config/netfilter';
import { formatIptablesSave, formatProbability, formatRuleSpec, protocolName, protocolNumber, saveString } from './save';

function p(text: string): Prefix {
  const prefix = parsePrefix(text);
  if (!prefix) throw new Error(`bad prefix ${text}`);
  return prefix;
}

function a(text: string): number {
  const addr = parseIpv4(text);
  if (addr === undefined) throw new Error(`bad address ${text}`);
  return addr;
}

// Every expected line below is what iptables-save v1.8.9 printed for the same rule.
describe('formatRuleSpec prints a match as iptables-save does', () => {
  const cases: { name: string; matches: NfMatch[]; saved: string }[] = [
    { name: '-s/-d always carry their length, and the head comes first whatever the order', matches: [{ kind: 'proto', not: false, proto: 6 }, { kind: 'out', not: false, iface: 'eth1' }, { kind: 'in', not: false, iface: 'eth0' }, { kind: 'dst', not: false, prefix: p('1.2.3.4') }, { kind: 'src', not: false, prefix: p('10.0.0.0/8') }], saved: '-A C -s 10.0.0.0/8 -d 1.2.3.4/32 -i eth0 -o eth1 -p tcp' },
    { name: 'inverted head matches', matches: [{ kind: 'src', not: true, prefix: p('10.244.0.0/16') }, { kind: 'in', not: true, iface: 'cni+' }, { kind: 'proto', not: true, proto: 17 }], saved: '-A C ! -s 10.244.0.0/16 ! -i cni+ ! -p udp' },
    { name: '0.0.0.0/0, -i + and -p all match everything and are not printed', matches: [{ kind: 'src', not: false, prefix: p('0.0.0.0/0') }, { kind: 'in', not: false, iface: '+' }, { kind: 'proto', not: false, proto: 0 }], saved: '-A C' },
    { name: 'a protocol without a name prints its number', matches: [{ kind: 'proto', not: false, proto: 253 }], saved: '-A C -p 253' },
    { name: 'tcp ports: sport before dport, a single-port range as one port', matches: [{ kind: 'l4', proto: 'tcp', dport: { not: true, range: { from: 443, to: 443 } }, sport: { not: false, range: { from: 1000, to: 2000 } } }], saved: '-A C -m tcp --sport 1000:2000 ! --dport 443' },
    { name: 'a full port range is not printed', matches: [{ kind: 'l4', proto: 'udp', dport: { not: false, range: { from: 0, to: 65535 } } }], saved: '-A C -m udp' },
    { name: 'tcp flags in canonical order, NONE for none', matches: [{ kind: 'l4', proto: 'tcp', tcpFlags: { not: false, mask: ['ACK', 'SYN', 'FIN', 'RST', 'URG', 'PSH'], comp: [] } }], saved: '-A C -m tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG NONE' },
    { name: 'inverted tcp flags after the ports', matches: [{ kind: 'l4', proto: 'tcp', dport: { not: false, range: { from: 22, to: 22 } }, tcpFlags: { not: true, mask: ['FIN', 'SYN', 'RST', 'ACK'], comp: ['SYN'] } }], saved: '-A C -m tcp --dport 22 ! --tcp-flags FIN,SYN,RST,ACK SYN' },
    { name: 'icmp type', matches: [{ kind: 'icmp', not: false, type: 8 }], saved: '-A C -m icmp --icmp-type 8' },
    { name: 'icmp type/code, inverted', matches: [{ kind: 'icmp', not: true, type: 3, code: 3 }], saved: '-A C -m icmp ! --icmp-type 3/3' },
    { name: 'icmp any', matches: [{ kind: 'icmp', not: false, type: 255 }], saved: '-A C -m icmp --icmp-type any' },
    { name: 'multiport', matches: [{ kind: 'multiport', not: true, dir: 'dports', ports: [{ from: 80, to: 80 }, { from: 8000, to: 8080 }] }], saved: '-A C -m multiport ! --dports 80,8000:8080' },
    { name: 'addrtype types in kernel order and the interface limit', matches: [{ kind: 'addrtype', src: { not: true, types: ['BROADCAST', 'LOCAL'] }, dst: { not: false, types: ['UNICAST'] }, limitIfaceIn: true }], saved: '-A C -m addrtype ! --src-type LOCAL,BROADCAST --dst-type UNICAST --limit-iface-in' },
    { name: 'conntrack states in kernel order', matches: [{ kind: 'ctstate', module: 'conntrack', not: false, states: ['ESTABLISHED', 'RELATED'] }], saved: '-A C -m conntrack --ctstate RELATED,ESTABLISHED' },
    { name: '-m state', matches: [{ kind: 'ctstate', module: 'state', not: true, states: ['NEW'] }], saved: '-A C -m state ! --state NEW' },
    { name: 'mark with a mask', matches: [{ kind: 'mark', not: true, value: 0x4000, mask: 0x4000 }], saved: '-A C -m mark ! --mark 0x4000/0x4000' },
    { name: 'mark with the full mask prints no mask', matches: [{ kind: 'mark', not: false, value: 16, mask: 0xffffffff }], saved: '-A C -m mark --mark 0x10' },
    { name: 'connmark', matches: [{ kind: 'connmark', not: false, value: 1, mask: 0xff }], saved: '-A C -m connmark --mark 0x1/0xff' },
    { name: 'set', matches: [{ kind: 'set', not: false, name: 'KUBE-CLUSTER-IP', flags: ['dst', 'dst'] }], saved: '-A C -m set --match-set KUBE-CLUSTER-IP dst,dst' },
    { name: 'comment quoted when it needs to be', matches: [{ kind: 'comment', text: 'default/kubernetes:https cluster IP' }, { kind: 'comment', text: 'plain-word_1' }], saved: '-A C -m comment --comment "default/kubernetes:https cluster IP" -m comment --comment plain-word_1' },
    { name: 'statistic random', matches: [{ kind: 'statistic', not: false, mode: 'random', probability: 1 / 3 }], saved: '-A C -m statistic --mode random --probability 0.33333333349' },
    { name: 'statistic nth, inverted', matches: [{ kind: 'statistic', not: true, mode: 'nth', every: 2, packet: 1 }], saved: '-A C -m statistic --mode nth ! --every 2 --packet 1' },
    { name: 'physdev', matches: [{ kind: 'physdev', out: { not: true, iface: 'veth+' }, in: { not: false, iface: 'veth0' }, isBridged: { not: false }, isOut: true, isIn: true }], saved: '-A C -m physdev --physdev-in veth0 ! --physdev-out veth+ --physdev-is-in --physdev-is-out --physdev-is-bridged' },
  ];
  it.each(cases)('$name', ({ matches, saved }) => {
    expect(formatRuleSpec('C', { matches })).toBe(saved);
  });
});

describe('formatRuleSpec prints a target as iptables-save does', () => {
  const cases: { name: string; target: NfTarget; saved: string }[] = [
    { name: 'ACCEPT', target: { kind: 'ACCEPT' }, saved: '-A C -j ACCEPT' },
    { name: 'DROP', target: { kind: 'DROP' }, saved: '-A C -j DROP' },
    { name: 'RETURN', target: { kind: 'RETURN' }, saved: '-A C -j RETURN' },
    { name: 'NOTRACK', target: { kind: 'NOTRACK' }, saved: '-A C -j NOTRACK' },
    { name: 'a jump', target: { kind: 'jump', chain: 'KUBE-SERVICES' }, saved: '-A C -j KUBE-SERVICES' },
    { name: 'a goto', target: { kind: 'goto', chain: 'KUBE-SERVICES' }, saved: '-A C -g KUBE-SERVICES' },
    { name: 'REJECT', target: { kind: 'REJECT', with: 'icmp-port-unreachable' }, saved: '-A C -j REJECT --reject-with icmp-port-unreachable' },
    { name: 'DNAT to address:port', target: { kind: 'DNAT', to: { addr: a('10.244.1.10'), port: 8080 } }, saved: '-A C -j DNAT --to-destination 10.244.1.10:8080' },
    { name: 'DNAT to ranges, equal ends printed once', target: { kind: 'DNAT', to: { addr: a('10.0.0.1'), addrTo: a('10.0.0.1'), port: 80, portTo: 90 }, random: true, persistent: true }, saved: '-A C -j DNAT --to-destination 10.0.0.1:80-90 --random --persistent' },
    { name: 'DNAT to a port only', target: { kind: 'DNAT', to: { port: 443 } }, saved: '-A C -j DNAT --to-destination :443' },
    { name: 'SNAT with every flag', target: { kind: 'SNAT', to: { addr: a('1.2.3.4'), addrTo: a('1.2.3.6') }, random: true, randomFully: true, persistent: true }, saved: '-A C -j SNAT --to-source 1.2.3.4-1.2.3.6 --random --random-fully --persistent' },
    { name: 'MASQUERADE', target: { kind: 'MASQUERADE' }, saved: '-A C -j MASQUERADE' },
    { name: 'MASQUERADE to ports, random-fully', target: { kind: 'MASQUERADE', toPorts: { from: 1000, to: 2000 }, randomFully: true }, saved: '-A C -j MASQUERADE --to-ports 1000-2000 --random-fully' },
    { name: 'REDIRECT', target: { kind: 'REDIRECT' }, saved: '-A C -j REDIRECT' },
    { name: 'REDIRECT to one port', target: { kind: 'REDIRECT', toPorts: { from: 8080, to: 8080 } }, saved: '-A C -j REDIRECT --to-ports 8080' },
    { name: 'MARK as --set-xmark whatever was written', target: { kind: 'MARK', value: 0x4000, mask: 0, written: '--xor-mark 0x4000' }, saved: '-A C -j MARK --set-xmark 0x4000/0x0' },
    { name: 'CONNMARK --set-xmark', target: { kind: 'CONNMARK', op: 'set-xmark', value: 1, mask: 0xffffffff }, saved: '-A C -j CONNMARK --set-xmark 0x1/0xffffffff' },
    { name: 'CONNMARK --save-mark with default masks', target: { kind: 'CONNMARK', op: 'save-mark', value: 0, mask: 0 }, saved: '-A C -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff' },
    { name: 'CONNMARK --restore-mark with masks', target: { kind: 'CONNMARK', op: 'restore-mark', value: 0, mask: 0, nfmask: 0xff00, ctmask: 0xff }, saved: '-A C -j CONNMARK --restore-mark --nfmask 0xff00 --ctmask 0xff' },
    { name: 'LOG, default level not printed', target: { kind: 'LOG', prefix: 'IN: ', level: '4' }, saved: '-A C -j LOG --log-prefix "IN: "' },
    { name: 'LOG with a level', target: { kind: 'LOG', prefix: 'x', level: '7' }, saved: '-A C -j LOG --log-prefix x --log-level 7' },
    { name: 'CT --notrack', target: { kind: 'CT', notrack: true }, saved: '-A C -j CT --notrack' },
    { name: 'CT', target: { kind: 'CT', notrack: false }, saved: '-A C -j CT' },
  ];
  it.each(cases)('$name', ({ target, saved }) => {
    expect(formatRuleSpec('C', { matches: [], target })).toBe(saved);
  });

  it('prints the example of DESIGN §3 in iptables-save order', () => {
    const rule: NfRuleSpec = {
      matches: [
        { kind: 'comment', text: 'default/kubernetes:https cluster IP' },
        { kind: 'l4', proto: 'tcp', dport: { not: false, range: { from: 443, to: 443 } } },
        { kind: 'proto', not: false, proto: 6 },
        { kind: 'dst', not: false, prefix: p('10.96.0.1') },
        { kind: 'src', not: true, prefix: p('10.244.0.0/16') },
      ],
      target: { kind: 'jump', chain: 'KUBE-MARK-MASQ' },
    };
    expect(formatRuleSpec('KUBE-SVC-NPX46M4PTMTKRN6Y', rule)).toBe(
      '-A KUBE-SVC-NPX46M4PTMTKRN6Y ! -s 10.244.0.0/16 -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-MARK-MASQ',
    );
  });
});

describe('iptables-save value formats', () => {
  const probabilities: { name: string; probability: number; saved: string }[] = [
    { name: 'one half is exact', probability: 0.5, saved: '0.50000000000' },
    { name: 'kube-proxy’s 0.3333333333 is rounded to the kernel’s 31-bit value', probability: 0.3333333333, saved: '0.33333333349' },
    { name: 'one tenth', probability: 0.1, saved: '0.10000000009' },
    { name: 'a small probability', probability: 0.0001, saved: '0.00009999983' },
    { name: 'a tie rounds to even, as glibc printf does', probability: 0.000244140625, saved: '0.00024414062' },
    { name: 'almost one rounds up to one', probability: 0.9999999999, saved: '1.00000000000' },
    { name: 'zero', probability: 0, saved: '0.00000000000' },
  ];
  it.each(probabilities)('probability: $name', ({ probability, saved }) => {
    expect(formatProbability(probability)).toBe(saved);
  });

  const strings: { name: string; text: string; saved: string }[] = [
    { name: 'letters, digits, - and _ stay bare', text: 'kube-proxy_1', saved: 'kube-proxy_1' },
    { name: 'a space needs quotes', text: 'a b', saved: '"a b"' },
    { name: 'the empty string is quoted', text: '', saved: '""' },
    { name: 'a dot needs quotes', text: 'a.b', saved: '"a.b"' },
    { name: 'quotes and backslashes are escaped', text: `it's "x" \\`, saved: `"it\\'s \\"x\\" \\\\"` },
  ];
  it.each(strings)('string: $name', ({ text, saved }) => {
    expect(saveString(text)).toBe(saved);
  });

  it('names protocols as /etc/protocols does and reads the names -p takes', () => {
    expect([6, 17, 1, 4, 47, 58, 132, 136].map(protocolName)).toEqual(['tcp', 'udp', 'icmp', 'ipencap', 'gre', 'ipv6-icmp', 'sctp', 'udplite']);
    expect(['tcp', 'all', 'icmpv6', 'ipip', 'nope'].map(protocolNumber)).toEqual([6, 0, 58, 94, undefined]);
  });
});

describe('formatIptablesSave', () => {
  it('prints every built-in chain, user chains in strcmp order and rules grouped by chain', () => {
    const text = formatIptablesSave([
      {
        table: 'filter',
        chains: [
          { name: 'zeta', policy: '-' },
          { name: 'FORWARD', policy: 'DROP', packets: 3, bytes: 180 },
          { name: 'Zeta', policy: '-' },
          { name: 'alpha', policy: '-' },
        ],
        rules: [
          { chain: 'zeta', rule: { matches: [], target: { kind: 'ACCEPT' } } },
          { chain: 'FORWARD', rule: { matches: [], target: { kind: 'jump', chain: 'zeta' } } },
          { chain: 'INPUT', rule: { matches: [], target: { kind: 'DROP' } } },
          { chain: 'zeta', rule: { matches: [], target: { kind: 'DROP' } } },
        ],
      },
    ]);
    expect(text).toBe(
      [
        '*filter',
        ':INPUT ACCEPT [0:0]',
        ':FORWARD DROP [3:180]',
        ':OUTPUT ACCEPT [0:0]',
        ':Zeta - [0:0]',
        ':alpha - [0:0]',
        ':zeta - [0:0]',
        '-A INPUT -j DROP',
        '-A FORWARD -j zeta',
        '-A zeta -j ACCEPT',
        '-A zeta -j DROP',
        'COMMIT',
        '',
      ].join('\n'),
    );
  });

  it('orders tables as iptables-nft-save walks them: mangle, raw, filter, nat', () => {
    const text = formatIptablesSave(['nat', 'filter', 'raw', 'mangle'].map((table) => ({ table: table as 'nat', chains: [], rules: [] })));
    expect(text.split('\n').filter((l) => l.startsWith('*'))).toEqual(['*mangle', '*raw', '*filter', '*nat']);
  });

  it('prints rule counters before each rule with -c', () => {
    const text = formatIptablesSave(
      [{ table: 'raw', chains: [{ name: 'PREROUTING', policy: 'ACCEPT', packets: 10, bytes: 840 }], rules: [{ chain: 'PREROUTING', rule: { matches: [], target: { kind: 'NOTRACK' } }, packets: 2, bytes: 120 }] }],
      { counters: true },
    );
    expect(text).toBe('*raw\n:PREROUTING ACCEPT [10:840]\n:OUTPUT ACCEPT [0:0]\n[2:120] -A PREROUTING -j NOTRACK\nCOMMIT\n');
  });

  it('prints nothing for no tables', () => {
    expect(formatIptablesSave([])).toBe('');
  });
});
