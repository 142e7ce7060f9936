// Hand-written hostile scenarios, one class of attack each (issue 15's findings and what the
// other reliability work covers: flooding a big switch, a bridge with thousands of ports,
// terminal escapes in script lines). Each is valid YAML around the attack unless the attack
// is the YAML itself, so the run reaches the part it attacks.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FuzzCase {
  readonly name: string;
  /** the class of attack, counted in the summary */
  readonly cls: string;
  /** the file's text, or */
  readonly text?: string;
  /** a path to use as is (/dev/zero), or */
  readonly path?: string;
  /** a file made on disk in `dir` (a FIFO, a huge file), returning its path */
  readonly make?: (dir: string) => string;
}

const indent = (script: string, n = 6) => script.trim().split('\n').map((l) => `${' '.repeat(n)}${l}`).join('\n');

/** Two machines on a switch; `a` runs `script` after its address; flows from b to a. */
export function twoHosts(id: string, script: string, flows = ''): string {
  return `id: ${id}
title: { en: "fuzz ${id}", zh-CN: "fuzz ${id}" }
summary: { en: "fuzz", zh-CN: "fuzz" }
networks:
  - { name: lan, kind: switch }
machines:
  - name: a
    nics: [{ name: eth0, network: lan }]
    script: |
      ip addr add 10.0.0.1/24 dev eth0
      ip link set eth0 up
      socat TCP-LISTEN:80,fork EXEC:cat &
${indent(script)}
  - name: b
    nics: [{ name: eth0, network: lan }]
    script: |
      ip addr add 10.0.0.2/24 dev eth0
      ip link set eth0 up
flows:
  - { id: ping, from: b, to: 10.0.0.1, protocol: icmp }
  - { id: web, from: b, to: "10.0.0.1:80", protocol: tcp }
${flows}`;
}

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n');

function iptablesLoops(): FuzzCase[] {
  const cls = 'iptables-loop';
  return [
    { name: 'goto-loop', cls, text: twoHosts('goto-loop', 'iptables -N A\niptables -A INPUT -j A\niptables -A A -g A') },
    { name: 'jump-self', cls, text: twoHosts('jump-self', 'iptables -N A\niptables -A A -j A\niptables -A INPUT -j A') },
    { name: 'jump-a-b-a', cls, text: twoHosts('jump-aba', 'iptables -N A\niptables -N B\niptables -A INPUT -j A\niptables -A A -j B\niptables -A B -j A') },
    { name: 'goto-a-b-a-nat', cls, text: twoHosts('goto-aba', 'iptables -t nat -N A\niptables -t nat -N B\niptables -t nat -A A -g B\niptables -t nat -A B -g A\niptables -t nat -A PREROUTING -j A') },
    {
      name: 'restore-loop', cls,
      text: twoHosts('restore-loop', "iptables-restore <<'EOF'\n*filter\n:INPUT ACCEPT [0:0]\n:A - [0:0]\n:B - [0:0]\n-A INPUT -j A\n-A A -j B\n-A B -g A\nCOMMIT\nEOF"),
    },
    { name: 'unreached-loop', cls, text: twoHosts('unreached-loop', 'iptables -N A\niptables -A A -j A') },
  ];
}

function deepChains(): FuzzCase[] {
  const cls = 'deep-chains';
  const chain = (n: number, how: string) => `${lines(n, (i) => `iptables -N C${i}`)}\niptables -A INPUT -j C0\n${lines(n - 1, (i) => `iptables -A C${i} ${how} C${i + 1}`)}`;
  return [
    { name: 'chains-15-deep', cls, text: twoHosts('deep15', chain(15, '-j')) },
    { name: 'chains-16-deep', cls, text: twoHosts('deep16', chain(16, '-j')) },
    { name: 'chains-500-deep-goto', cls, text: twoHosts('deep500', chain(500, '-g')) },
    // 2,000 chains, each jumping to every one of the 10 after it: exponential paths without memoising
    { name: 'chains-wide-dag', cls, text: twoHosts('wide', `${lines(2000, (i) => `iptables -N C${i}`)}\niptables -A INPUT -j C0\n${lines(1990, (i) => lines(10, (k) => `iptables -A C${i} -p udp --dport ${k + 1} -j C${Math.min(i + 1 + k, 1999)}`))}`) },
  ];
}

function hugeFiles(): FuzzCase[] {
  const cls = 'huge-file';
  return [
    { name: '50MB-string', cls, make: (dir) => writeFile(dir, 'big.yaml', `id: big\nsummary: "${'x'.repeat(50 * 1024 * 1024)}"\n`) },
    { name: '4MB-of-comments', cls, make: (dir) => writeFile(dir, 'comments.yaml', twoHosts('comments', '') + lines(60_000, (i) => `# comment ${i} ${'-'.repeat(50)}`)) },
    { name: 'long-line', cls, text: twoHosts('longline', `ip route add 10.9.0.0/16 via 10.0.0.2 ${'x'.repeat(100_000)}`) },
    { name: '20000-script-lines', cls, text: twoHosts('manylines', lines(20_000, (i) => `ip route add 10.${100 + (i >> 8) % 100}.${i & 255}.0/24 via 10.0.0.2`)) },
  ];
}

function notFiles(): FuzzCase[] {
  const cls = 'not-a-file';
  return [
    { name: 'dev-zero', cls, path: '/dev/zero' },
    { name: 'dev-null', cls, path: '/dev/null' },
    { name: 'directory', cls, make: (dir) => dir },
    {
      name: 'fifo', cls,
      make: (dir) => {
        const path = join(dir, 'fifo.yaml');
        execFileSync('mkfifo', [path]);
        return path;
      },
    },
    { name: 'missing', cls, make: (dir) => join(dir, 'no-such-file.yaml') },
  ];
}

function deepYaml(): FuzzCase[] {
  const cls = 'deep-yaml';
  return [
    { name: 'flow-20000-deep', cls, text: `a:\n${lines(20_000, () => ' [')}\n${lines(20_000, () => ' ]')}` },
    { name: 'block-seq-8000-deep', cls, text: `${'- '.repeat(8000)}x` },
    { name: 'block-map-3000-deep', cls, text: lines(3000, (i) => `${' '.repeat(i)}k${i}:`) },
    { name: 'flow-map-one-line', cls, text: `a: ${'{b: '.repeat(5000)}1${'}'.repeat(5000)}` },
  ];
}

function aliasBombs(): FuzzCase[] {
  const cls = 'alias-bomb';
  const bomb = (levels: number, width: number) => {
    const out = [`a0: &a0 [${Array(width).fill('x').join(', ')}]`];
    for (let i = 1; i <= levels; i++) out.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
    return out.join('\n');
  };
  return [
    { name: 'billion-laughs', cls, text: bomb(9, 10) },
    { name: 'alias-bomb-in-machines', cls, text: `${twoHosts('bomb', '')}\nx: &x [${Array(20).fill('1').join(',')}]\n${lines(12, (i) => `y${i}: &y${i} [${Array(20).fill(i ? `*y${i - 1}` : '*x').join(',')}]`)}` },
    { name: 'alias-to-itself', cls, text: 'a: &a [*a]' },
    { name: 'undefined-alias', cls, text: 'machines: *nothing' },
  ];
}

function builtinNames(): FuzzCase[] {
  const cls = 'builtin-names';
  const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'];
  return names.flatMap((n) => [
    { name: `names-${n}`, cls, text: twoHosts(`builtin-${n.toLowerCase().replace(/_/g, '')}`, `ip netns add ${n}\nip link add ${n.slice(0, 15)} type veth peer name eth1 netns ${n}\nipset create ${n} hash:ip\niptables -N ${n}\niptables -A INPUT -j ${n}\niptables -A ${n} -m set --match-set ${n} src -j ACCEPT`, `  - { id: ${n.toLowerCase().replace(/_/g, 'x')}, from: b, to: 10.0.0.1, protocol: icmp }\n`) },
    { name: `machine-${n}`, cls, text: twoHosts('m', '').replace(/name: a\b/, `name: ${n}`).replace(/from: b/g, `from: ${n}`) },
    { name: `variant-${n}`, cls, text: `${twoHosts('v', '')}variants:\n  - id: ${n.toLowerCase()}\n    title: { en: "v", zh-CN: "v" }\n    append:\n      ${n}: |\n        ip link set eth0 down\n    expect:\n      ${n}: delivered\n` },
  ]);
}

function badValues(): FuzzCase[] {
  const macs = ['01:00:5e:00:00:01', '00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', '33:33:00:00:00:01'];
  const mtus = ['0', '10', '67', '65536', '4294967295', '4294967296', '-1'];
  const names = ['abcdefghijklmnop', 'ééééééééé', 'a/b', '.', '..', '"a b"', 'a:b', '\u202ertl'];
  return [
    ...macs.map((m) => ({ name: `mac-${m}`, cls: 'bad-mac', text: twoHosts('mac', `ip link set eth0 address ${m}\nip link add v0 address ${m} type veth peer name v1`) })),
    ...mtus.map((m) => ({ name: `mtu-${m}`, cls: 'bad-mtu', text: twoHosts('mtu', `ip link set eth0 mtu ${m}\nip link add br0 mtu ${m} type bridge\nip link add vx0 mtu ${m} type vxlan id 1 dstport 4789`) })),
    ...names.map((n, i) => ({ name: `name-${i}`, cls: 'bad-name', text: twoHosts('name', `ip link add ${n} type veth peer name p${i}\nip link add x${i} type veth peer name ${n}`) })),
    { name: 'unknown-set', cls: 'unknown-set', text: twoHosts('set', 'iptables -A INPUT -m set --match-set nosuch src -j DROP') },
    { name: 'set-match-without-set', cls: 'unknown-set', text: twoHosts('set', 'iptables -A INPUT -m set -j DROP') },
    { name: 'restore-unknown-set', cls: 'unknown-set', text: twoHosts('set', "iptables-restore <<'EOF'\n*filter\n-A INPUT -m set --match-set nosuch dst -j DROP\nCOMMIT\nEOF") },
    { name: 'unknown-sysctl', cls: 'unknown-sysctl', text: twoHosts('sysctl', 'sysctl -w net.ipv4.no_such_key=1\nsysctl -w net.ipv4.conf.eth9.rp_filter=1') },
    { name: 'default-ttl-range', cls: 'unknown-sysctl', text: twoHosts('ttl', 'sysctl -w net.ipv4.ip_default_ttl=0\nsysctl -w net.ipv4.ip_default_ttl=1') },
    { name: 'unknown-drop-reason', cls: 'unknown-drop-reason', text: twoHosts('reason', '', '  - { id: x, from: b, to: 10.0.0.1, protocol: icmp, expect: { dropped: NO_SUCH_REASON } }\n') },
    { name: 'drop-reason-builtin', cls: 'unknown-drop-reason', text: twoHosts('reason', '', '  - { id: x, from: b, to: 10.0.0.1, protocol: icmp, expect: { dropped: constructor } }\n') },
    { name: 'restore-user-chain-policy', cls: 'iptables-loop', text: twoHosts('policy', "iptables-restore <<'EOF'\n*filter\n:INPUT ACCEPT [0:0]\n:A ACCEPT [0:0]\nCOMMIT\nEOF") },
  ];
}

function terminalEscapes(): FuzzCase[] {
  const cls = 'terminal-escapes';
  const escapes = ['\x1b[2J\x1b[H', '\x1b]0;pwned\x07', '\x1b[31mred', '\x9b31m', '\x1bP+q\x1b\\'];
  return escapes.flatMap((e, i) => [
    { name: `escape-in-script-${i}`, cls, text: twoHosts('esc', `ip link add v${i}${e} type veth peer name w${i}\nip route add 10.9.0.0/16 via ${e}`) },
    { name: `escape-in-title-${i}`, cls, text: twoHosts('esc', '').replace('title: { en: "fuzz esc"', `title: { en: "fuzz ${JSON.stringify(e).slice(1, -1)}"`) },
  ]);
}

/** n machines on one switch network, each with an address; flows across it and to a missing host. */
function bigSwitch(n: number): string {
  const machines = lines(n, (i) => `  - name: m${i + 1}\n    nics: [{ name: eth0, network: lan }]\n    script: |\n      ip addr add 10.0.${(i + 1) >> 8}.${(i + 1) & 255}/16 dev eth0\n      ip link set eth0 up`);
  return `id: big-switch
title: { en: "${n} machines", zh-CN: "${n} machines" }
summary: { en: "fuzz", zh-CN: "fuzz" }
networks:
  - { name: lan, kind: switch }
machines:
${machines}
flows:
  - { id: first-to-last, from: m1, to: 10.0.${n >> 8}.${n & 255}, protocol: icmp, expect: delivered }
  - { id: to-nobody, from: m1, to: 10.0.200.1, protocol: icmp }
`;
}

/** One machine with a bridge of n veth ports (their peers in the same namespace, up). */
function bigBridge(n: number): string {
  return twoHosts('big-bridge', `ip link add br0 type bridge\nip link set br0 up\nip addr add 10.1.0.1/16 dev br0\n${lines(n, (i) => `ip link add v${i} type veth peer name p${i}\nip link set v${i} master br0\nip link set v${i} up\nip link set p${i} up`)}`, '  - { id: to-bridge-net, from: a, to: 10.1.9.9, protocol: icmp }\n');
}

function bigLabs(): FuzzCase[] {
  return [
    { name: 'switch-254-machines', cls: 'big-switch', text: bigSwitch(254) },
    { name: 'bridge-3000-ports', cls: 'big-bridge', text: bigBridge(3000) },
  ];
}

function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

export function attacks(): FuzzCase[] {
  return [...iptablesLoops(), ...deepChains(), ...hugeFiles(), ...notFiles(), ...deepYaml(), ...aliasBombs(), ...builtinNames(), ...badValues(), ...terminalEscapes(), ...bigLabs()];
}
