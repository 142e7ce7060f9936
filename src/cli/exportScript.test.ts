import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../engine/addr/ipv4';
import type { Op } from '../engine/config/ops';
import { FakeWorld, machine, ops, scenario, variant } from '../../test/parity/fixtures/fake';
import { fxPods, fxPodsExpected, fxSwitch, fxSwitchExpected } from '../../test/parity/fixtures/scenarios';
import type { Scenario } from '../scenario/model';
import { exportScript, ExportRefused, labNamespaces } from './exportScript';

const podsWorld = (v?: string) => new FakeWorld(fxPods, v, fxPodsExpected[v ?? '']);
const switchWorld = (v?: string) => new FakeWorld(fxSwitch, v, fxSwitchExpected[v ?? '']);
const lines = (s: string) => s.split('\n');
const indexOf = (s: string, needle: string) => {
  const i = lines(s).findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`no line contains ${needle}`);
  return i;
};

describe('exportScript: namespaces and switches', () => {
  const script = exportScript(fxSwitch, undefined, switchWorld(), { prefix: 'lab1-' });

  it('creates one namespace per machine and one per switch network, all prefixed', () => {
    expect(script).toContain('P="${PODPATH_PREFIX:-lab1-}"');
    expect(script).toContain('ip netns add "${P}sw-lan"');
    expect(script).toContain('ip netns add "${P}a"');
    expect(script).toContain('ip netns add "${P}b"');
    expect(labNamespaces(fxSwitch, undefined, 'lab1-').map((n) => n.name)).toEqual(['lab1-sw-lan', 'lab1-a', 'lab1-b']);
  });

  it('puts a bridge br0 with stp off in the switch namespace and one port per NIC', () => {
    expect(script).toContain('ip -n "${P}sw-lan" link add br0 type bridge stp_state 0 mcast_snooping 0');
    expect(script).toContain('ip -n "${P}sw-lan" link set br0 up');
    expect(script).toMatch(/ip -n "\$\{P\}sw-lan" link add p0 address \S+ type veth peer name eth0 address \S+ netns "\$\{P\}a"/);
    expect(script).toMatch(/ip -n "\$\{P\}sw-lan" link add p1 address \S+ type veth peer name eth0 address \S+ netns "\$\{P\}b"/);
    expect(script).toContain('ip -n "${P}sw-lan" link set p0 master br0 up');
  });

  it("pins every NIC's MAC to the one the engine reports", () => {
    const world = switchWorld();
    for (const m of ['a', 'b']) {
      const mac = world.devices().find((d) => d.machine === m && d.name === 'eth0')!.mac;
      expect(script).toContain(`peer name eth0 address ${mac} netns "\${P}${m}"`);
    }
  });

  it('disables IPv6 and normalises sysctls in a namespace before any device is created in it', () => {
    expect(script).toMatch(/sysctl -qw net\.ipv6\.conf\.all\.disable_ipv6=1/);
    expect(script).toContain('net.ipv6.conf.default.disable_ipv6=1');
    for (const ns of ['sw-lan', 'a', 'b']) {
      const init = indexOf(script, `pp_ns_init "\${P}${ns}"`);
      expect(init).toBeGreaterThan(indexOf(script, `ip netns add "\${P}${ns}"`));
      const firstDevice = lines(script).findIndex((l) => l.includes(`link add`) && l.includes(`"\${P}${ns}"`));
      expect(init).toBeLessThan(firstDevice);
    }
  });

  it('brings lo up in every machine namespace', () => {
    expect(script).toContain('ip -n "${P}a" link set lo up');
    expect(script).toContain('ip -n "${P}b" link set lo up');
  });

  it('prints every op with its file:line as a comment, then the command in the right namespace', () => {
    const c = indexOf(script, '# scenarios/fx-switch.yaml:10 a: ip addr add 192.168.50.1/24 dev eth0');
    expect(lines(script)[c + 1]).toBe('pp_run scenarios/fx-switch.yaml:10 ip -n "${P}a" addr add 192.168.50.1/24 dev eth0');
    expect(script).toContain('pp_run scenarios/fx-switch.yaml:11 ip -n "${P}a" link set dev eth0 up');
  });

  it('keeps ops without an effect as comments only', () => {
    expect(script).toContain('#   (no effect on the lab: modprobe br_netfilter)');
    expect(script).not.toMatch(/^modprobe/m);
  });

  it('has a cleanup function, a `down` argument and a trap that removes a half-built lab', () => {
    expect(script).toContain('pp_cleanup() {');
    expect(script).toContain('ip netns pids "$ns"');
    expect(script).toContain('ip netns del "$ns"');
    expect(script).toContain('if [ "${1:-}" = down ]; then pp_cleanup; exit 0; fi');
    expect(script).toMatch(/trap '.*pp_cleanup.*' EXIT/);
    expect(script).toContain('set -euo pipefail');
    // idempotent: a leftover copy is removed before building
    const bare = lines(script).indexOf('pp_cleanup');
    expect(bare).toBeGreaterThan(0);
    expect(bare).toBeLessThan(indexOf(script, 'ip netns add'));
  });

  it('is valid bash', () => {
    const r = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('starts listeners in the background in their namespace and waits for them', () => {
    expect(script).toContain('ip netns exec "${P}b" socat TCP-LISTEN:80,fork EXEC:cat </dev/null >/dev/null 2>&1 &');
    expect(script).toContain('pp_wait_listen "${P}b" tcp 80');
    expect(script).toContain('pp_wait_listen "${P}b" udp 53');
    const echo = exportScript(fxSwitch, undefined, switchWorld(), { listeners: 'echo' });
    expect(echo).toContain('socat TCP4-LISTEN:80,fork,reuseaddr PIPE');
    expect(echo).toContain('socat -T 2 UDP4-RECVFROM:53,fork PIPE');
  });

  it('applies a variant after the machine script', () => {
    const s = exportScript(fxSwitch, 'b-down', switchWorld('b-down'));
    expect(indexOf(s, 'fx-switch.yaml:40')).toBeGreaterThan(indexOf(s, 'fx-switch.yaml:23'));
    expect(s).toContain('pp_run scenarios/fx-switch.yaml:40 ip -n "${P}b" link set dev eth0 down');
    expect(() => exportScript(fxSwitch, 'nope', switchWorld())).toThrow(/no variant "nope"/);
  });

  it('refuses a prefix that is not a plain name', () => {
    expect(() => exportScript(fxSwitch, undefined, switchWorld(), { prefix: 'a b;' })).toThrow(/prefix/);
  });
});

describe('exportScript: namespaces made by the script', () => {
  const world = podsWorld();
  const script = exportScript(fxPods, undefined, world, { prefix: 'x-' });

  it('names them machine-netns and sets them up like the others, leaving lo down', () => {
    expect(script).toContain('pp_run scenarios/fx-pods.yaml:10 ip netns add "${P}node1-pod1"');
    expect(script).toContain('pp_ns_init "${P}node1-pod1"');
    expect(script).not.toContain('ip -n "${P}node1-pod1" link set lo up');
    expect(labNamespaces(fxPods, undefined, 'x-').map((n) => n.name)).toEqual(['x-node1', 'x-node1-pod1', 'x-node1-pod2']);
  });

  it('translates `peer … netns pod1` and `ip netns exec pod1 …`, pinning both MACs', () => {
    const mac = (netns: string, name: string) => world.devices().find((d) => d.netns === netns && d.name === name)!.mac;
    expect(script).toContain(
      `ip -n "\${P}node1" link add veth1 address ${mac('', 'veth1')} type veth peer name eth0 address ${mac('pod1', 'eth0')} netns "\${P}node1-pod1"`,
    );
    expect(script).toContain('ip -n "${P}node1-pod1" addr add 10.244.1.2/24 dev eth0');
    expect(script).toContain('ip -n "${P}node1-pod1" route add default via 10.244.1.1');
    expect(script).toContain('ip netns exec "${P}node1-pod2" socat TCP-LISTEN:8080,fork EXEC:cat');
  });

  it('pins bridge MACs (a bridge would otherwise take its lowest port MAC)', () => {
    const mac = world.devices().find((d) => d.name === 'cni0')!.mac;
    expect(script).toContain(`ip -n "\${P}node1" link add cni0 address ${mac} type bridge`);
    const quiet = exportScript(fxPods, undefined, world, { quietBridges: true });
    expect(quiet).toContain(`link add cni0 address ${mac} type bridge mcast_snooping 0`);
  });

  it('runs sysctls in the namespace', () => {
    const s = exportScript(fxPods, 'forward', podsWorld('forward'));
    expect(s).toContain('pp_run scenarios/fx-pods.yaml:50 ip netns exec "${P}node1" sysctl -qw net.ipv4.ip_forward=1');
  });

  it('lowers ARP timers per device when asked', () => {
    const s = exportScript(fxPods, undefined, world, { neighRetransMs: 100 });
    expect(s).toContain('pp_fast_neigh "${P}node1-pod2"');
    expect(s).toContain('echo 100 > "$d"retrans_time_ms');
    expect(spawnSync('bash', ['-n'], { input: s }).status).toBe(0);
  });

  it('keeps every device name within 15 characters', () => {
    for (const l of lines(script)) {
      for (const m of l.matchAll(/link add (\S+)|peer name (\S+)/g)) expect((m[1] ?? m[2]).length).toBeLessThanOrEqual(15);
    }
  });
});

describe('exportScript: commands Linux refuses', () => {
  const ip = (s: string) => parseIpv4(s)!;
  const s1 = scenario({
    id: 'refuse',
    machines: [
      machine('m', [], ops('scenarios/refuse.yaml', 3, [
        ['ip link add br0 type bridge', { op: 'link-add', name: 'br0', kind: 'bridge', attrs: {} }],
        ['ip route add 10.0.0.0/8 via 10.9.9.9', { op: 'route-add', route: { type: 'unicast', dst: { addr: ip('10.0.0.0'), len: 8 }, table: 254, via: ip('10.9.9.9') } }],
      ])),
    ],
    flows: [],
  });
  const world = new FakeWorld(s1, undefined, {}, [
    { loc: { file: 'scenarios/refuse.yaml', line: 4, col: 7 }, machine: 'm', command: 'ip route add 10.0.0.0/8 via 10.9.9.9', message: 'Error: Nexthop has invalid gateway.' },
  ]);
  const script = exportScript(s1, undefined, world);

  it('wraps them in pp_refuse with the message the engine expects, and lists them up front', () => {
    expect(script).toContain(
      "pp_refuse scenarios/refuse.yaml:4 'Error: Nexthop has invalid gateway.' ip -n \"${P}m\" route add 10.0.0.0/8 via 10.9.9.9",
    );
    expect(script).toMatch(/# The engine expects Linux to refuse these commands[^\n]*\n#\s+scenarios\/refuse\.yaml:4 m: ip route add/);
    expect(script).toContain('pp_run scenarios/refuse.yaml:3 ip -n "${P}m" link add br0');
  });

  it('fails loudly when a command succeeds that should not, and when one fails that should not', () => {
    expect(script).toMatch(/pp_refuse\(\) \{[\s\S]*podpath-unexpected-success[\s\S]*exit 1/);
    expect(script).toMatch(/pp_run\(\) \{[\s\S]*podpath-failed[\s\S]*exit 1/);
  });
});

describe('variants and moved devices', () => {
  it('pins the final MAC of a device renamed and moved after creation', () => {
    const s = scenario({
      id: 'move',
      machines: [
        machine('m', [], ops('scenarios/move.yaml', 1, [
          ['ip netns add c1', { op: 'netns-add', name: 'c1' }],
          ['ip link add v0 type veth peer name v0p', { op: 'link-add', name: 'v0', kind: 'veth', attrs: {}, peer: { name: 'v0p' } }],
          ['ip link set v0p netns c1', { op: 'link-set', dev: 'v0p', toNetns: 'c1' }],
          ['ip netns exec c1 ip link set v0p name eth0', { op: 'link-set', dev: 'v0p', name: 'eth0' }, 'c1'],
        ])),
      ],
      flows: [],
      variants: [variant('v', {})],
    });
    const world = new FakeWorld(s, undefined, {});
    const mac = world.devices().find((d) => d.netns === 'c1' && d.name === 'eth0')!.mac;
    const script = exportScript(s, undefined, world);
    expect(script).toContain(`type veth peer name v0p address ${mac}`);
    expect(script).toContain('ip -n "${P}m" link set dev v0p netns "${P}m-c1"');
    expect(script).toContain('ip -n "${P}m-c1" link set dev v0p name eth0');
  });
});

describe('macvlan and ipvlan devices', () => {
  it('creates a macvlan with its parent, mode and the MAC the engine gave it; an ipvlan with its mode and flag and no MAC (it has its master\'s)', () => {
    const s = scenario({
      id: 'mv',
      machines: [
        machine('m', [], ops('scenarios/mv.yaml', 1, [
          ['ip link add mv0 link eth0 type macvlan mode bridge', { op: 'link-add', name: 'mv0', kind: 'macvlan', attrs: {}, link: 'eth0', mode: 'bridge' } as Op],
          ['ip link add link eth1 name iv0 type ipvlan mode l2', { op: 'link-add', name: 'iv0', kind: 'ipvlan', attrs: {}, link: 'eth1', mode: 'l2', flag: 'bridge' } as Op],
        ])),
      ],
      flows: [],
    });
    const world = new FakeWorld(s, undefined, {});
    const mac = world.devices().find((d) => d.name === 'mv0')!.mac;
    const script = exportScript(s, undefined, world);
    expect(script).toContain(`pp_run scenarios/mv.yaml:1 ip -n "\${P}m" link add link eth0 mv0 address ${mac} type macvlan mode bridge`);
    expect(script).toContain('pp_run scenarios/mv.yaml:2 ip -n "${P}m" link add link eth1 iv0 type ipvlan mode l2 bridge');
    expect(script).not.toContain('link set dev mv0 address');
  });
});

describe('vpc networks', () => {
  const vpc = { name: 'lan', kind: 'vpc' as const, cidr: { addr: parseIpv4('10.0.0.0')!, len: 16 }, routes: [], securityGroups: [] };
  const cloudy = (networks: Scenario['networks'], variants: Scenario['variants'] = []) =>
    scenario({ id: 'cloud', networks, machines: [machine('a', [{ name: 'eth0', network: 'lan' }], [])], flows: [], variants });

  it('refuses a scenario with a vpc network, saying why', () => {
    const s = cloudy([vpc]);
    expect(() => exportScript(s, undefined, new FakeWorld(s, undefined, {}))).toThrow(ExportRefused);
    expect(() => exportScript(s, undefined, new FakeWorld(s, undefined, {}))).toThrow(/network lan is a vpc network: a cloud SDN .* that no Linux namespace reproduces/);
  });

  it('refuses a variant that turns a switch into a vpc, and builds the others', () => {
    const s = cloudy([{ name: 'lan', kind: 'switch' }], [{ ...variant('cloud', {}), networks: [vpc] }]);
    expect(() => exportScript(s, 'cloud', new FakeWorld(s, 'cloud', {}))).toThrow('network lan is a vpc network (variant cloud)');
    expect(exportScript(s, undefined, new FakeWorld(s, undefined, {}))).toContain('ip netns add "${P}sw-lan"');
  });
});
