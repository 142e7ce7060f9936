// macvlan on the wire and between siblings (drivers/net/macvlan.c). Each case is a lab that was
// also built in network namespaces on Linux 6.18 (host's eth0 a veth into a switch bridge, the
// macvlans moved into pod namespaces): the devices whose tx/rx counters moved there are the
// devices the trace sends and receives on here, and the verdicts and drop reasons agree.
import { describe, expect, it } from 'vitest';
import { eventKind, type Trace } from '../../src/engine';
import { expectTrace, flow, lab } from '../testing';

/**
 * host: eth0 192.168.6.160 with macvlans a (192.168.10.10) and b (.11) moved into pods (lo up,
 * as in the kernel runs: a failed ARP's ICMP error then loops back); peer on the LAN.
 */
function macvlanLab(mode: string, host = '', pods = '', peer = '') {
  return lab({
    networks: ['lan'],
    machines: {
      host: {
        nics: ['eth0@lan'],
        script: `
ip addr add 192.168.6.160/24 dev eth0
ip link set eth0 up
ip netns add a
ip netns add b
ip -n a link set lo up
ip -n b link set lo up
ip link add link eth0 name mva type macvlan mode ${mode}
ip link set mva netns a
ip -n a link set mva name eth0
ip -n a addr add 192.168.10.10/24 dev eth0
ip -n a link set eth0 up
ip link add mvb link eth0 type macvlan mode ${mode}
ip link set mvb netns b
ip -n b link set mvb name eth0
ip -n b addr add 192.168.10.11/24 dev eth0
ip -n b link set eth0 up
ip -n b route add 192.168.6.0/24 dev eth0
${pods}
${host}`,
      },
      peer: { nics: ['eth0@lan'], script: `ip addr add 192.168.6.170/24 dev eth0\nip link set eth0 up\nip route add 192.168.10.0/24 dev eth0\n${peer}` },
    },
  });
}

/** machine/netns:dev of every device that sent (tx) or received (rx) something, as the kernel's counters would show. */
function devices(trace: Trace) {
  const sets = { tx: new Set<string>(), rx: new Set<string>() };
  for (const e of trace.legs.flatMap((l) => l.events)) {
    const key = `${e.at.machine}${e.at.netns ? `/${e.at.netns}` : ''}:${e.at.dev}`;
    const kind = eventKind(e.code);
    if (e.at.dev !== undefined && kind === 'xmit') sets.tx.add(key);
    // dev_forward_skb: the device's taps see the frame, its driver counts nothing
    if (e.at.dev !== undefined && kind === 'recv' && e.code !== 'dev.forward') sets.rx.add(key);
  }
  return { tx: [...sets.tx].sort(), rx: [...sets.rx].sort() };
}

describe('macvlan in bridge mode', () => {
  it('hands a sibling its frames directly: nothing leaves the host but the ARP broadcast, and the parent counts no rx', () => {
    const t = macvlanLab('bridge').trace(flow('host/a', '192.168.10.11', 'icmp'));
    expectTrace(t).toBeDelivered().toVisit('macvlan_queue_xmit').toVisit('macvlan_handle_frame', 'host');
    expect(devices(t)).toEqual({ tx: ['host/a:eth0', 'host/b:eth0', 'host:eth0'], rx: ['host/a:eth0', 'host/b:eth0', 'peer:eth0'] });
    // "send to lowerdev first for its network taps": tcpdump on the parent sees each unicast frame
    const taps = t.legs.map((l) => l.events.filter((e) => e.code === 'dev.forward').map((e) => `${e.at.machine}:${e.at.dev}`));
    expect(taps).toEqual([['host:eth0', 'host:eth0'], ['host:eth0']]);
  });

  it('never lets the parent reach its macvlans: the host\'s ARP goes out the wire and nobody answers', () => {
    const t = macvlanLab('bridge', 'ip route add 192.168.10.0/24 dev eth0').trace(flow('host', '192.168.10.10', 'icmp'));
    expectTrace(t).toDrop('NEIGH_FAILED', 'host');
    expect(devices(t)).toEqual({ tx: ['host:eth0', 'host:lo'], rx: ['host:lo', 'peer:eth0'] });
  });

  it('never lets a macvlan reach its parent: the pod\'s ARP reaches its sibling and the wire, not the parent\'s stack', () => {
    const t = macvlanLab('bridge', '', 'ip -n a route add default dev eth0').trace(flow('host/a', '192.168.6.160', 'icmp'));
    expectTrace(t).toDrop('NEIGH_FAILED', 'host');
    expect(t.legs[0].drop?.at.netns).toBe('a');
    expect(devices(t)).toEqual({ tx: ['host/a:eth0', 'host/a:lo', 'host:eth0'], rx: ['host/a:lo', 'host/b:eth0', 'peer:eth0'] });
  });

  it('reaches its macvlans through a macvlan of its own (the host shim)', () => {
    const t = macvlanLab('bridge', 'ip link add link eth0 name shim type macvlan mode bridge\nip addr add 192.168.10.1/24 dev shim\nip link set shim up').trace(flow('host', '192.168.10.10', 'icmp'));
    expectTrace(t).toBeDelivered();
    expect(devices(t).tx).toEqual(['host/a:eth0', 'host:eth0', 'host:shim']);
  });

  it('reaches the parent\'s address through the shim, which answers ARP for every address of the host (arp_ignore=0)', () => {
    const shim = 'ip link add link eth0 name shim type macvlan mode bridge\nip addr add 192.168.10.1/24 dev shim\nip link set shim up';
    const t = macvlanLab('bridge', shim, 'ip -n a route add 192.168.6.0/24 dev eth0').trace(flow('host/a', '192.168.6.160', 'icmp'));
    expectTrace(t).toBeDelivered();
    expect(devices(t)).toEqual({ tx: ['host/a:eth0', 'host:eth0', 'host:shim'], rx: ['host/a:eth0', 'host/b:eth0', 'host:shim', 'peer:eth0'] });
  });

  it('delivers a frame from the wire to the macvlan that owns its MAC, and a broadcast to every macvlan and the parent', () => {
    const t = macvlanLab('bridge', '', 'ip -n a route add 192.168.6.0/24 dev eth0').trace(flow('peer', '192.168.10.11', 'icmp'));
    expectTrace(t).toBeDelivered();
    expect(devices(t)).toEqual({ tx: ['host/b:eth0', 'host:eth0', 'peer:eth0'], rx: ['host/a:eth0', 'host/b:eth0', 'host:eth0', 'peer:eth0'] });
    const broadcast = t.legs[0].events.find((e) => e.code === 'macvlan.broadcast');
    expect(broadcast?.params).toMatchObject({ source: 'wire', to: [{ netns: 'a', dev: 'eth0' }, { netns: 'b', dev: 'eth0' }] });
  });

  it('hands a frame for a macvlan that is down to the parent, which drops it as another host\'s', () => {
    const t = macvlanLab('bridge', '', 'ip -n a link set eth0 down', 'ip neigh add 192.168.10.10 lladdr 02:00:00:00:0a:01 dev eth0').trace(flow('peer', '192.168.10.10', 'icmp'));
    expectTrace(t).toDrop('OTHERHOST', 'host');
  });
});

describe('macvlan in private and vepa mode', () => {
  it.each(['private', 'vepa'])('%s: never hands a sibling a frame; the ARP leaves by the parent and no switch brings it back', (mode) => {
    const t = macvlanLab(mode).trace(flow('host/a', '192.168.10.11', 'icmp'));
    expectTrace(t).toDrop('NEIGH_FAILED', 'host');
    expect(devices(t)).toEqual({ tx: ['host/a:eth0', 'host/a:lo', 'host:eth0'], rx: ['host/a:lo', 'peer:eth0'] });
  });

  it('vepa: a frame from the wire reaches its macvlan, a broadcast every macvlan', () => {
    const t = macvlanLab('vepa').trace(flow('peer', '192.168.10.11', 'icmp'));
    expectTrace(t).toBeDelivered();
    expect(devices(t)).toEqual({ tx: ['host/b:eth0', 'host:eth0', 'peer:eth0'], rx: ['host/a:eth0', 'host/b:eth0', 'host:eth0', 'peer:eth0'] });
  });
});

describe('macvlan whose parent is down', () => {
  it('has no carrier: its queue drops the ARP (QDISC_DROP) and the neighbour fails', () => {
    const t = macvlanLab('bridge', 'ip link set eth0 down').trace(flow('host/b', '192.168.6.170', 'icmp'));
    // kernel (6.18): kfree_skb protocol=2054 location=__dev_queue_xmit reason QDISC_DROP for
    // each ARP request, then protocol=2048 location=neigh_invalidate reason NEIGH_FAILED
    expectTrace(t).toDrop('NEIGH_FAILED', 'host');
    expect(t.legs[0].drop).toMatchObject({ fn: 'neigh_invalidate', at: { netns: 'b' } });
    expect(t.legs[0].events.some((e) => e.code === 'drop' && e.params.reason === 'QDISC_DROP')).toBe(true);
    expect(devices(t).tx).toEqual(['host/b:lo']);
  });
});

describe('macvlan in passthru mode', () => {
  it('owns the parent: takes its MAC and every unicast frame, whatever the destination MAC', () => {
    const w = lab({
      networks: ['lan'],
      machines: {
        host: { nics: ['eth0@lan'], script: 'ip netns add a\nip link add link eth0 name mva type macvlan mode passthru\nip link set mva netns a\nip -n a addr add 192.168.6.10/24 dev mva\nip -n a link set mva up\nip link set eth0 up' },
        peer: { nics: ['eth0@lan'], script: 'ip addr add 192.168.6.170/24 dev eth0\nip link set eth0 up\nip neigh add 192.168.6.10 lladdr 02:00:00:00:00:77 dev eth0' },
      },
    });
    const eth0 = w.devices().find((d) => d.machine === 'host' && d.name === 'eth0')!;
    expect(w.devices().find((d) => d.name === 'mva')!.mac).toBe(eth0.mac);
    const t = w.trace(flow('peer', '192.168.6.10', 'icmp'));
    expectTrace(t).toBeDelivered();
    expect(t.legs[0].events.find((e) => e.code === 'macvlan.rx')?.params).toMatchObject({ passthru: true, mac: '02:00:00:00:00:77' });
  });
});
