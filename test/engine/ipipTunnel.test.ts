import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/engine';
import { parseIpv4 } from '../../src/engine/addr/ipv4';
import { buildLab } from '../../src/engine/kernel/apply';
import { ipTunnelLookup } from '../../src/engine/kernel/dev/ipipTunnel';
import { parseScript, scriptLines } from '../../src/scenario/commands/dispatch';

const ip = (s: string) => parseIpv4(s)!;

/** One machine with eth0 on a network, its script applied; the lab and the errors Linux would print. */
function machine(script: string) {
  const parsed = parseScript(scriptLines(`ip addr add 10.0.0.1/24 dev eth0\nip link set eth0 up\n${script}`), 'm.sh');
  if (parsed.errors.length) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  const spec = { networks: [{ name: 'lan', kind: 'switch' as const }], machines: [{ name: 'm', role: 'host' as const, nics: [{ name: 'eth0', network: 'lan' }], ops: parsed.ops }] };
  const { lab, errors } = buildLab(spec);
  return { lab, ns: lab.netns('m', '')!, errors: errors.map((e) => e.message), world: buildWorld(spec) };
}

describe('ipip devices', () => {
  it('creates tunl0 (down, NOARP, MTU 1480) in every namespace when the module loads, and in later ones', () => {
    const { world } = machine('ip netns add a\nmodprobe ipip\nip netns add b\n');
    const tunl0 = world.devices().filter((d) => d.name === 'tunl0');
    expect(tunl0.map((d) => `${d.netns}:${d.kind}:${d.up}:${d.mtu}`)).toEqual([':ipip:false:1480', 'a:ipip:false:1480', 'b:ipip:false:1480']);
    expect(world.show('m', 'b', 'addr')).toContain('2: tunl0@NONE: <NOARP> mtu 1480 state DOWN\n    link/ipip 0.0.0.0 brd 0.0.0.0');
  });

  it('shows a one-to-many tunnel as `link/ipip LOCAL brd 0.0.0.0` and a point-to-point one with POINTOPOINT and `peer`', () => {
    const { world } = machine(`
ip tunnel add tun0 mode ipip local 10.0.0.1 ttl 64
ip link set tun0 up
ip addr add 192.168.10.1/32 dev tun0
ip link add p2p type ipip local 10.0.0.1 remote 10.0.0.9 dev eth0
`);
    const addr = world.show('m', '', 'addr');
    expect(addr).toContain('4: tun0@NONE: <NOARP,UP,LOWER_UP> mtu 1480 state UNKNOWN\n    link/ipip 10.0.0.1 brd 0.0.0.0\n    inet 192.168.10.1/32 scope global tun0');
    expect(addr).toContain('5: p2p@eth0: <POINTOPOINT,NOARP> mtu 1480 state DOWN\n    link/ipip 10.0.0.1 peer 10.0.0.9');
    const tun0 = world.devices().find((d) => d.name === 'tun0');
    expect(tun0).toMatchObject({ kind: 'ipip', mtu: 1480, detail: 'ipip remote any local 10.0.0.1 ttl 64' });
  });

  it('takes its MTU from the underlay the remote routes through (ip_tunnel_bind_dev), or `mtu` given to ip link', () => {
    const { ns } = machine('ip link set eth0 mtu 9000\nip tunnel add t1 mode ipip remote 10.0.0.9\nip link add t2 mtu 1400 type ipip remote 10.0.0.8\n');
    expect([ns.devices.get('t1')!.mtu, ns.devices.get('t2')!.mtu]).toEqual([8980, 1400]);
  });

  it('refuses what the kernel refuses, in the words of the tool used', () => {
    const cases: [string, string][] = [
      ['ip tunnel add t0 mode ipip', 'add tunnel "tunl0" failed: File exists'],
      ['ip link add t0 type ipip', 'RTNETLINK answers: File exists'],
      ['ip tunnel add t0 mode ipip local 10.0.0.1\nip tunnel add t1 mode ipip local 10.0.0.1', 'add tunnel "tunl0" failed: File exists'],
      ['ip tunnel add t0 mode ipip local 10.0.0.1 dev eth9', 'Cannot find device "eth9"'],
      ['ip link add t0 type ipip local 10.0.0.1 dev eth9', 'Error: argument "eth9" is wrong: "dev" is invalid'],
      ['modprobe ipip\nip tunnel del tunl0', 'delete tunnel "tunl0" failed: Operation not permitted'],
      ['ip tunnel del eth0', 'delete tunnel "eth0" failed: Operation not supported'],
      ['ip tunnel add t0 mode ipip local 10.0.0.1\nip tunnel change t0 remote 10.0.0.9', 'add tunnel "t0" failed: Invalid argument'],
      ['ip tunnel add t0 mode ipip local 10.0.0.1\nip tunnel add t1 mode ipip local 10.0.0.2\nip tunnel change t1 local 10.0.0.1', 'add tunnel "t1" failed: File exists'],
      ['ip tunnel change t9 ttl 3', 'get tunnel "t9" failed: No such device'],
      ['ip tunnel add t0 mode ipip local 10.0.0.1 ttl 64\nip tunnel change t0 nopmtudisc', 'ttl != 0 and nopmtudisc are incompatible'],
      ['ip netns add a\nmodprobe ipip\nip link set tunl0 netns a', 'RTNETLINK answers: Invalid argument'],
    ];
    for (const [script, message] of cases) expect(machine(script).errors, script).toEqual([message]);
  });

  it('changes a tunnel in place and leaves tunl0 to `ip link del` silently', () => {
    const { ns, errors } = machine('ip tunnel add t0 mode ipip local 10.0.0.1 ttl 64\nip tunnel change t0 local 10.0.0.2 ttl inherit\nip link del tunl0\nip tunnel del t0\n');
    expect(errors).toEqual([]);
    expect(ns.devices.has('t0')).toBe(false);
    expect(ns.devices.get('tunl0')?.tunnel).toEqual({ ttl: 0, pmtudisc: false, fallback: true });
  });
});

describe('ip_tunnel_lookup: which tunnel takes a received packet', () => {
  const { ns } = machine(`
modprobe ipip
ip link set tunl0 up
ip tunnel add exact mode ipip local 10.0.0.1 remote 10.0.0.7
ip tunnel add from7 mode ipip remote 10.0.0.7
ip tunnel add nbma mode ipip local 10.0.0.1
ip tunnel add bound mode ipip local 10.0.0.1 dev eth0 ttl 3
ip tunnel add down mode ipip local 10.0.0.1 remote 10.0.0.8
for_up
`.replace('for_up', ['exact', 'from7', 'nbma', 'bound'].map((d) => `ip link set ${d} up`).join('\n')));
  const eth0 = ns.devices.get('eth0')!;
  const lo = ns.devices.get('lo')!;
  const lookup = (remote: string, local: string, link = lo) => ipTunnelLookup(ns, link, ip(remote), ip(local))?.name;

  // packets arriving on lo: no tunnel is bound to it, so the passes decide
  it.each([
    ['exact local and remote first', '10.0.0.7', '10.0.0.1', 'exact'],
    ['then the remote with any local', '10.0.0.7', '10.0.0.5', 'from7'],
    ['then one-to-many on the local address, the newest first', '10.0.0.3', '10.0.0.1', 'bound'],
    ['a tunnel that is down never matches: on to the one-to-many', '10.0.0.8', '10.0.0.1', 'bound'],
    ['then tunl0, when it is up', '10.0.0.3', '10.0.0.5', 'tunl0'],
  ])('%s', (_name, remote, local, expected) => {
    expect(lookup(remote, local)).toBe(expected);
  });

  it('returns at once a matching tunnel bound to the receiving device, even from a later pass', () => {
    expect(lookup('10.0.0.7', '10.0.0.1', eth0)).toBe('bound');
  });

  it('finds nothing once tunl0 is down too', () => {
    const m = machine('modprobe ipip\nip tunnel add nbma mode ipip local 10.0.0.1\nip link set nbma up\n');
    expect(ipTunnelLookup(m.ns, m.ns.devices.get('eth0')!, ip('10.0.0.3'), ip('10.0.0.5'))).toBeUndefined();
  });
});
