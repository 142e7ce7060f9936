// The sysctl registry: the keys Linux has in a network namespace (data generated on Linux 6.18),
// the keys podpath models, and what a write does — modelled state, a real key kept with a
// warning, a key Linux lacks refused with sysctl's words — down to the warnings a built lab
// and its traces carry.
import { describe, expect, it } from 'vitest';
import { toPattern } from '../../scripts/sysctl-keys';
import { FIXED_VALUES, modelledKeys, newSysctlState, sysctlWrite, type SysctlWrite } from '../../src/engine/kernel/sysctl';
import { cannotStat, linuxKey, linuxKeys, LINUX_KEYS_SOURCE, procSysPath } from '../../src/engine/kernel/sysctlKeys';
import { buildMachine, flow, lab } from '../testing';

describe('the keys Linux has in a network namespace', () => {
  it('come from a Linux 6.18 namespace, with per-device keys written <dev>', () => {
    expect(LINUX_KEYS_SOURCE.kernel).toMatch(/^6\.18\./);
    const keys = linuxKeys();
    expect(keys.length).toBeGreaterThan(500);
    expect(keys.every((k) => k.startsWith('net.'))).toBe(true);
    expect(keys).toEqual(expect.arrayContaining(['net.ipv4.ip_forward', 'net.ipv4.conf.<dev>.rp_filter', 'net.ipv4.conf.all.rp_filter', 'net.ipv4.neigh.<dev>.proxy_delay', 'net.bridge.bridge-nf-call-iptables', 'net.ipv4.vs.conntrack']));
    // a namespace other than the initial one has no neigh/default, and the initial one's globals
    expect(keys.filter((k) => k.startsWith('net.ipv4.neigh.default.'))).toEqual([]);
    expect(keys).not.toContain('net.core.bpf_jit_enable');
  });

  it('are named from /proc/sys paths the way the generator does it', () => {
    expect(toPattern('/proc/sys/net/ipv4/conf/pk0/rp_filter')).toBe('net.ipv4.conf.<dev>.rp_filter');
    expect(toPattern('/proc/sys/net/ipv6/neigh/lo/proxy_delay')).toBe('net.ipv6.neigh.<dev>.proxy_delay');
    expect(toPattern('/proc/sys/net/ipv4/conf/all/rp_filter')).toBe('net.ipv4.conf.all.rp_filter');
    expect(toPattern('/proc/sys/net/ipv4/ip_forward')).toBe('net.ipv4.ip_forward');
  });

  const lookups: { key: string; expected: ReturnType<typeof linuxKey> }[] = [
    { key: 'net.ipv4.ip_forward', expected: { exists: true, pattern: 'net.ipv4.ip_forward' } },
    { key: 'net.ipv4.ip_forwrad', expected: { exists: false } },
    { key: 'net.ipv4.conf.eth0.rp_filter', expected: { exists: true, pattern: 'net.ipv4.conf.<dev>.rp_filter', dev: 'eth0' } },
    { key: 'net.ipv4.conf.eth0/100.rp_filter', expected: { exists: true, pattern: 'net.ipv4.conf.<dev>.rp_filter', dev: 'eth0.100' } },
    { key: 'net.ipv4.conf.eth0.rp_fliter', expected: { exists: false } },
    { key: 'net.ipv4.neigh.default.proxy_delay', expected: { exists: true, pattern: 'net.ipv4.neigh.<dev>.proxy_delay', dev: 'default' } },
    { key: 'net.ipv4.tcp_keepalive_time', expected: { exists: true, pattern: 'net.ipv4.tcp_keepalive_time' } },
  ];
  it.each(lookups)('$key', ({ key, expected }) => {
    expect(linuxKey(key)).toEqual(expected);
  });

  it('name their file with the separators swapped back, as sysctl prints it', () => {
    expect(procSysPath('net.ipv4.conf.eth0/100.rp_filter')).toBe('/proc/sys/net/ipv4/conf/eth0.100/rp_filter');
    expect(cannotStat('net.ipv4.ip_forwrad')).toBe('sysctl: cannot stat /proc/sys/net/ipv4/ip_forwrad: No such file or directory');
  });
});

describe('the keys podpath models', () => {
  it.each(modelledKeys())('%s exists in Linux', (key) => {
    expect(linuxKey(key.replace('<dev>', 'eth0')).exists).toBe(true);
  });

  it('include the fixed-value ones', () => {
    for (const key of Object.keys(FIXED_VALUES)) expect(modelledKeys()).toContain(key);
  });
});

describe('sysctlWrite', () => {
  const devices = ['lo', 'eth0', 'eth0.100'];
  const cases: { name: string; key: string; value: string; result: SysctlWrite; ignore?: boolean }[] = [
    { name: 'forwarding', key: 'net.ipv4.ip_forward', value: '1', result: { ok: true, modelled: true } },
    { name: 'a device conf value', key: 'net.ipv4.conf.eth0.rp_filter', value: '2', result: { ok: true, modelled: true } },
    { name: 'a device with a dot in its name', key: 'net.ipv4.conf.eth0/100.proxy_arp', value: '1', result: { ok: true, modelled: true } },
    { name: 'conntrack looseness', key: 'net.netfilter.nf_conntrack_tcp_loose', value: '0', result: { ok: true, modelled: true } },
    { name: 'a key Linux lacks', key: 'net.ipv4.ip_forwrad', value: '1', result: { ok: false, message: cannotStat('net.ipv4.ip_forwrad') } },
    { name: 'a device that does not exist', key: 'net.ipv4.conf.eth9.rp_filter', value: '1', result: { ok: false, message: 'sysctl: cannot stat /proc/sys/net/ipv4/conf/eth9/rp_filter: No such file or directory' } },
    { name: 'an unmodelled key of a device that does not exist', key: 'net.ipv4.neigh.eth9.proxy_delay', value: '0', result: { ok: false, message: cannotStat('net.ipv4.neigh.eth9.proxy_delay') } },
    { name: 'neigh.default, which a namespace lacks', key: 'net.ipv4.neigh.default.gc_stale_time', value: '60', result: { ok: false, message: cannotStat('net.ipv4.neigh.default.gc_stale_time') } },
    { name: 'a real key podpath does not model', key: 'net.ipv4.tcp_keepalive_time', value: '600', result: { ok: true, modelled: false } },
    { name: 'an unmodelled device conf value', key: 'net.ipv4.conf.all.arp_filter', value: '1', result: { ok: true, modelled: false } },
    { name: 'proxy_delay at the value podpath behaves as', key: 'net.ipv4.neigh.eth0.proxy_delay', value: '0', result: { ok: true, modelled: true } },
    { name: 'proxy_delay at another value', key: 'net.ipv4.neigh.eth0.proxy_delay', value: '80', result: { ok: true, modelled: false, fixed: 0 } },
    { name: 'be_liberal out of its 0..1 range', key: 'net.netfilter.nf_conntrack_tcp_be_liberal', value: '2', result: { ok: false, message: 'sysctl: setting key "net.netfilter.nf_conntrack_tcp_be_liberal": Invalid argument' } },
    { name: 'a modelled key given a word', key: 'net.ipv4.conf.all.rp_filter', value: 'strict', result: { ok: false, message: 'sysctl: setting key "net.ipv4.conf.all.rp_filter": Invalid argument' } },
    { name: 'a missing key with -e', key: 'net.ipv4.ip_forwrad', value: '1', ignore: true, result: { ok: true, ignored: true } },
  ];
  it.each(cases)('$name', ({ key, value, result, ignore }) => {
    const s = newSysctlState();
    for (const d of devices) s.dev.set(d, { ...s.dflt });
    expect(sysctlWrite(s, key, value, devices, ignore)).toEqual(result);
  });

  it('keeps typed state for what podpath reads, and the rest as written', () => {
    const s = newSysctlState();
    s.dev.set('eth0', { ...s.dflt });
    sysctlWrite(s, 'net.ipv4.conf.eth0.rp_filter', '1', ['eth0']);
    sysctlWrite(s, 'net.bridge.bridge-nf-call-iptables', '0', ['eth0']);
    sysctlWrite(s, 'net.ipv4.tcp_keepalive_time', '600', ['eth0']);
    expect(s.dev.get('eth0')!.rp_filter).toBe(1);
    expect(s.net['net.bridge.bridge-nf-call-iptables']).toBe(0);
    expect(s.other.get('net.ipv4.tcp_keepalive_time')).toBe('600');
  });
});

describe('a lab that sets what podpath does not model', () => {
  it('builds, and says so at the command, whatever form the command takes', () => {
    const { world, errors } = buildMachine(
      [
        'ip link add v0 type veth peer name v1',
        'sysctl -w net.ipv4.tcp_keepalive_time=600',
        'sysctl net.ipv4.conf.v0.arp_filter=1',
        'echo 1 > /proc/sys/net/ipv4/conf/v1/arp_notify',
        'sysctl -q -w net.ipv4.neigh.v0.proxy_delay=0',
        'sysctl -w net.ipv4.neigh.v1.proxy_delay=80',
        'sysctl -e -w net.ipv4.nope=1',
        'sysctl -w net.ipv4.conf.v9.rp_filter=1',
      ].join('\n'),
    );
    expect(errors).toEqual(['8: sysctl: cannot stat /proc/sys/net/ipv4/conf/v9/rp_filter: No such file or directory']);
    expect(world.warnings.map((w) => [w.loc.line, w.code, w.key, w.value, w.modelledValue])).toEqual([
      [2, 'sysctl-unmodelled', 'net.ipv4.tcp_keepalive_time', '600', undefined],
      [3, 'sysctl-unmodelled', 'net.ipv4.conf.v0.arp_filter', '1', undefined],
      [4, 'sysctl-unmodelled', 'net.ipv4.conf.v1.arp_notify', '1', undefined],
      [6, 'sysctl-unmodelled', 'net.ipv4.neigh.v1.proxy_delay', '80', '0'],
      [7, 'sysctl-ignored', 'net.ipv4.nope', '1', undefined],
    ]);
    expect(world.warnings[0]).toMatchObject({ machine: 'm', netns: '', command: 'sysctl -w net.ipv4.tcp_keepalive_time=600', loc: { file: 'm.sh', line: 2, col: 1 } });
  });

  it('names the namespace a warning belongs to', () => {
    const { world } = buildMachine('ip netns add pod\nip netns exec pod sysctl -w net.ipv4.tcp_syncookies=0');
    expect(world.warnings).toMatchObject([{ machine: 'm', netns: 'pod', key: 'net.ipv4.tcp_syncookies' }]);
  });

  it('carries the warnings in every trace, as data without the command', () => {
    const w = lab({
      networks: ['lan'],
      machines: {
        a: { nics: ['eth0@lan'], script: 'ip addr add 10.0.0.1/24 dev eth0\nip link set eth0 up\nsysctl -w net.ipv4.tcp_keepalive_time=600' },
        b: { nics: ['eth0@lan'], script: 'ip addr add 10.0.0.2/24 dev eth0\nip link set eth0 up' },
      },
    });
    const trace = w.trace(flow('a', '10.0.0.2', 'icmp'));
    expect(trace.verdict).toBe('delivered');
    expect(trace.warnings).toEqual([{ code: 'sysctl-unmodelled', machine: 'a', netns: '', key: 'net.ipv4.tcp_keepalive_time', value: '600', loc: { file: 'a.sh', line: 3, col: 1 } }]);
  });

  it('leaves a trace without warnings when everything it sets is modelled', () => {
    const w = lab({ machines: { a: { script: 'sysctl -w net.ipv4.ip_forward=1\nip link set lo up' } } });
    expect(w.warnings).toEqual([]);
    expect(w.trace(flow('a', '127.0.0.1', 'icmp')).warnings).toBeUndefined();
  });
});
