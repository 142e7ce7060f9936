// What Linux refuses when a lab loads, refused by podpath with the tool's own words and the
// scenario's file:line:col (issue 15). Every message here was read from the real tool on
// kernel 6.18 (iptables v1.8.9 nf_tables, iproute2); the parity suite checks them again
// (`node bin/podpath-parity.mjs --no-fuzz --only refuse`: the labs test/parity/labs/refuse-*.yaml).
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { tooManyLevels } from '../../src/engine/kernel/netfilter/jumpDepth';
import type { NfChain, NfTable } from '../../src/engine/kernel/netfilter/state';
import { recordingIo } from '../testing/fakes';

async function validate(file: string): Promise<{ code: number; lines: string[] }> {
  const io = recordingIo();
  const code = await main(['validate', file], io);
  return { code, lines: [...io.stdout, ...io.stderr].join('\n').split('\n').filter((l) => l && !l.endsWith(': invalid')) };
}

describe('values ip link, sysctl and iptables refuse', () => {
  it('refuses each with the tool\'s words at its line, and keeps what Linux accepts (lo mtu 10, mtu 68 and 65535, ip_default_ttl=63, a known set)', async () => {
    const F = 'test/parity/labs/refuse-values.yaml';
    const { code, lines } = await validate(F);
    expect(code).toBe(2);
    const at = (line: number, command: string, message: string) => `${F}:${line}:7: a: ${command}: ${message}`;
    expect(lines.slice(0, 16)).toEqual([
      at(14, 'ip link set eth0 address 01:00:5e:00:00:01', 'RTNETLINK answers: Cannot assign requested address'),
      at(15, 'ip link set eth0 address 00:00:00:00:00:00', 'RTNETLINK answers: Cannot assign requested address'),
      at(16, 'ip link set eth0 mtu 10', 'Error: mtu less than device minimum.'),
      at(17, 'ip link set eth0 mtu 70000', 'Error: mtu greater than device maximum.'),
      at(18, 'ip link add ééééééééé type veth peer name x3', 'Error: Attribute failed policy validation.'),
      at(19, 'ip link add x4 type veth peer name ééééééééé', 'Error: argument "ééééééééé" is wrong: "name" not a valid ifname'),
      at(20, 'ip link add br0 mtu 10 type bridge', 'Error: mtu less than device minimum.'),
      at(21, 'ip link add v0 address 01:00:00:00:00:01 type veth peer name v1', 'RTNETLINK answers: Cannot assign requested address'),
      at(22, 'ip link add v2 type veth peer name v3 mtu 70000', 'RTNETLINK answers: Invalid argument'),
      at(24, 'ip link add vx1 mtu 10 type vxlan id 6 dstport 4789', 'Error: MTU must be between 68 and 65535.'),
      at(25, 'ip link add mv1 mtu 10 link eth0 type macvlan mode bridge', 'Error: mtu less than device minimum.'),
      at(26, 'ip link add br1 mtu 70000 type bridge', 'Error: mtu greater than device maximum.'),
      at(28, 'ip link set br2 address ff:ff:ff:ff:ff:ff', 'RTNETLINK answers: Cannot assign requested address'),
      at(31, 'sysctl -w net.ipv4.ip_default_ttl=0', 'sysctl: setting key "net.ipv4.ip_default_ttl": Invalid argument'),
      at(32, 'sysctl -w net.ipv4.ip_default_ttl=256', 'sysctl: setting key "net.ipv4.ip_default_ttl": Invalid argument'),
      at(34, 'iptables -A INPUT -m set --match-set nosuch src -j DROP', "iptables v1.8.9 (nf_tables): Set nosuch doesn't exist."),
    ]);
    expect(lines.at(-1)).toBe("EOF: iptables-restore v1.8.9 (nf_tables): Set nosuch doesn't exist.");
    expect(lines).toHaveLength(21);
  });
});

describe('iptables jump loops and chains nested too deep', () => {
  it('refuses each rule that closes a loop a built-in chain reaches, keeps the loop no built-in chain reaches', async () => {
    const F = 'test/parity/labs/refuse-jump-loop.yaml';
    const { code, lines } = await validate(F);
    expect(code).toBe(2);
    expect(lines).toEqual([
      `${F}:20:7: a: iptables -A B -j A: iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Too many links): rule in chain B`,
      `${F}:21:7: a: iptables -A B -g A: iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Too many links): rule in chain B`,
      `${F}:22:7: a: iptables -I A 1 -g A: iptables v1.8.9 (nf_tables):  RULE_INSERT failed (Too many links): rule in chain A`,
      `${F}:23:7: a: iptables -A INPUT -j LONELY: iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Too many links): rule in chain INPUT`,
    ]);
  });

  it('accepts 15 levels of chains below INPUT, refuses the 16th; iptables-restore fails at its COMMIT line', async () => {
    const F = 'test/parity/labs/refuse-jump-depth.yaml';
    const { code, lines } = await validate(F);
    expect(code).toBe(2);
    expect(lines[0]).toBe(`${F}:45:7: a: iptables -A C15 -g C16: iptables v1.8.9 (nf_tables):  RULE_APPEND failed (Too many links): rule in chain C15`);
    expect(lines[1]).toBe(`${F}:48:7: a: iptables-restore --noflush <<'EOF'`);
    expect(lines.at(-1)).toBe(`EOF: iptables-restore v1.8.9 (nf_tables):  line 3: RULE_APPEND failed (Too many links): rule in chain L`);
  });

  it('checks a wide ruleset (kube-proxy style, 20,000 chains, every one reached) in well under a second of CPU', () => {
    const chains = new Map<string, NfChain>();
    const chain = (name: string, builtin: boolean, targets: string[]): NfChain => ({
      name, builtin, policy: builtin ? 'ACCEPT' : '-', packets: 0, bytes: 0,
      rules: targets.map((t) => ({ spec: { matches: [], target: { kind: 'jump', chain: t } }, packets: 0, bytes: 0 })),
    });
    const svc = Array.from({ length: 10_000 }, (_, i) => `SVC-${i}`);
    chains.set('PREROUTING', chain('PREROUTING', true, ['SERVICES']));
    chains.set('SERVICES', chain('SERVICES', false, svc));
    // every service chain jumps to the same shared chains: without memoising heights, 10,000 × depth walks
    for (const s of svc) chains.set(s, chain(s, false, [`${s}-SEP`, 'MARK-MASQ']));
    for (const s of svc) chains.set(`${s}-SEP`, chain(`${s}-SEP`, false, ['MARK-MASQ']));
    chains.set('MARK-MASQ', chain('MARK-MASQ', false, []));
    const table: NfTable = { name: 'nat', chains };
    // CPU time, not wall time: the check must not be slow, whatever else the machine runs
    const started = process.cpuUsage();
    expect(tooManyLevels(table)).toBe(false);
    const cpu = process.cpuUsage(started);
    expect((cpu.user + cpu.system) / 1000).toBeLessThan(1000);
    chains.set('MARK-MASQ', chain('MARK-MASQ', false, ['SERVICES'])); // a loop through every service
    expect(tooManyLevels(table)).toBe(true);
  });
});

describe('an expectation naming a drop reason podpath never reports', () => {
  it('is refused where it is written, with the reasons there are', async () => {
    const { loadScenario } = await import('../../src/scenario/load');
    const text = (await import('node:fs')).readFileSync('test/parity/labs/refuse-jump-loop.yaml', 'utf8').replace('expect: delivered', 'expect: { dropped: NETFILTER_DORP }');
    const result = loadScenario(text, 'x.yaml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`)).toEqual([
      expect.stringMatching(/^30:\d+: flows\[0\]\.expect\.dropped: unknown drop reason "NETFILTER_DORP": expected one podpath reports \(NOT_SPECIFIED, .*NETFILTER_DROP, .*\)$/),
    ]);
  });
});
