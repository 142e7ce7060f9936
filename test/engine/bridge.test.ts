import { describe, expect, it } from 'vitest';
import { bridgedPods, expectTrace, flow, lab } from '../testing';

// One host, a bridge cni0 holding the gateway 10.244.1.1, two pods on veth ports.
const bridgeHost = (extra = '') =>
  lab({
    machines: {
      node: {
        script: `${bridgedPods(80)}
nc -l 22 &
${extra}`,
      },
    },
  });

describe('a Linux bridge between pods', () => {
  it('switches pod to pod in the same subnet without routing on the host', () => {
    const t = expectTrace(bridgeHost().trace(flow('node/a', '10.244.1.3:80'))).toBeDelivered().toVisit('br_flood').toVisit('br_fdb_update').toVisit('br_forward').notToVisit('ip_forward');
    expect(t.xmitDevices()).toEqual(['node/a:eth0', 'node:veth-b', 'node/b:eth0', 'node:veth-a']);
  });

  it('passes frames for its own MAC up to the host stack (pod to the gateway address)', () => {
    expectTrace(bridgeHost().trace(flow('node/a', '10.244.1.1:22'))).toBeDelivered().toVisit('br_pass_frame_up');
  });

  it('floods to the newest port first (br_add_if puts a port at the head of port_list; Linux 6.18 sends hb-b before hb-a)', () => {
    const t = bridgeHost().trace(flow('node', '10.244.1.3:80'));
    const flood = t.legs[0].events.find((e) => e.code === 'br.flood')!;
    expect((flood.params as { readonly ports: readonly string[] }).ports).toEqual(['veth-b', 'veth-a']);
  });

  it('drops with BRIDGE_INGRESS_STP_STATE while the bridge is down: the ARP request, so a\'s SYN dies NEIGH_FAILED', () => {
    const t = bridgeHost('ip link set cni0 down').trace(flow('node/a', '10.244.1.3:80'));
    expectTrace(t).toDrop('NEIGH_FAILED', 'node');
    expect(t.legs[0].drop?.at.netns).toBe('a');
    expect(t.legs[0].events.some((e) => e.code === 'drop' && e.params.reason === 'BRIDGE_INGRESS_STP_STATE')).toBe(true);
  });
});

describe('br_netfilter and a DNAT to a pod on the same bridge (bridged DNAT)', () => {
  const dnat = 'sysctl -w net.ipv4.ip_forward=1\niptables -t nat -A PREROUTING -d 10.96.0.1 -p tcp --dport 80 -j DNAT --to-destination 10.244.1.3:80';

  it('runs PREROUTING at the bridge port and bridges the frame to the backend\'s MAC: not routed, TTL kept', () => {
    const t = expectTrace(bridgeHost(dnat).trace(flow('node/a', '10.96.0.1:80'))).toBeDelivered().toVisit('br_nf_pre_routing').toVisit('br_nf_pre_routing_finish').notToVisit('ip_forward');
    const syn = t.trace.legs[0].events.filter((e) => e.packet.some((h) => h.layer === 'tcp'));
    const sent = syn.find((e) => e.code === 'veth.xmit' && e.at.netns === 'a')!;
    const atB = syn.find((e) => e.code === 'dev.recv' && e.at.netns === 'b')!;
    expect(atB.packet.find((h) => h.layer === 'ipv4')).toMatchObject({ dst: '10.244.1.3', ttl: 64 });
    // the destination MAC is b's now; the source stays a's (br_nf_pre_routing_finish_bridge)
    expect((atB.packet[0] as { src: string }).src).toBe((sent.packet[0] as { src: string }).src);
  });

  it('sends the first DNAT-ed frame out the bridge device after ARP (no cached header), later ones straight to the port', () => {
    const t = bridgeHost(dnat).trace(flow('node/a', '10.96.0.1:80'));
    const slow = (name: string) => t.legs.find((l) => l.packet === name)!.events.filter((e) => e.code === 'br.nf.xmit');
    // Linux 6.18 (same-host-modes, parity): the SYN is captured on cni0 with cni0's source MAC, then on the port with a's
    expect(slow('SYN').map((e) => `${e.at.dev} ${e.at.dir}`)).toEqual(['cni0 out']);
    const out = t.legs[0].events.find((e) => e.code === 'br.nf.xmit')!;
    expect((out.packet[0] as { src: string }).src).toBe((t.legs[0].events.find((e) => e.code === 'veth.xmit' && e.at.netns === 'a')!.packet[0] as { src: string }).src);
    expect(slow('ACK')).toEqual([]);
    expect(slow('data')).toEqual([]);
  });

  it('resolves the backend\'s MAC from the bridge before FORWARD can drop the frame (Linux 6.18 does the same)', () => {
    const t = expectTrace(bridgeHost(`${dnat}\niptables -A FORWARD -p tcp --dport 80 -j DROP`).trace(flow('node/a', '10.96.0.1:80'))).toDrop('NETFILTER_DROP', 'node');
    expect(t.xmitDevices()).toContain('node/b:eth0');
  });

  it('needs forwarding on the bridge: without it the input route is an error route, the frame goes up and ip_error drops it (IP_INADDRERRORS, as Linux 6.18 does)', () => {
    const t = expectTrace(bridgeHost(dnat.replace('ip_forward=1', 'ip_forward=0')).trace(flow('node/a', '10.96.0.1:80'))).toDrop('IP_INADDRERRORS', 'node').toVisit('br_pass_frame_up').trace;
    expect(t.legs[0].events.find((e) => e.code === 'br.nf.dnat')?.params).toMatchObject({ to: 'stack' });
  });

  it('drops a DNAT to a martian destination at br_nf_pre_routing_finish with the input route\'s reason (Linux 6.18: a DNAT to 127.0.0.1)', () => {
    const t = bridgeHost('sysctl -w net.ipv4.ip_forward=1\niptables -t nat -A PREROUTING -d 10.96.0.1 -p tcp --dport 80 -j DNAT --to-destination 127.0.0.1:80').trace(flow('node/a', '10.96.0.1:80'));
    expect(t.verdict).toBe('dropped');
    expect(t.legs[0].drop).toMatchObject({ fn: 'br_nf_pre_routing_finish', at: { machine: 'node' }, cause: { code: 'martian', what: 'destination', why: { code: 'loopback-dest' } } });
  });

  it('hands a frame DNAT-ed to an address beyond the bridge to the IP stack', () => {
    expectTrace(bridgeHost('iptables -t nat -A PREROUTING -d 10.96.0.1 -p tcp --dport 22 -j DNAT --to-destination 10.244.1.1:22').trace(flow('node/a', '10.96.0.1:22'))).toBeDelivered().toVisit('br_nf_pre_routing_finish');
  });
});

describe('learning happens in br_handle_frame_finish, after the bridge\'s PREROUTING (Linux 6.18)', () => {
  // a knows b's MAC, so its first frame is the SYN itself (no ARP to learn from first)
  const known = 'ip -n b link set eth0 address 02:00:00:00:0b:0b\nip -n a neigh add 10.244.1.3 lladdr 02:00:00:00:0b:0b dev eth0 nud permanent';
  const learned = (t: ReturnType<typeof expectTrace>) => t.trace.legs.flatMap((l) => l.events).filter((e) => e.code === 'br.fdb.learn').map((e) => e.params.port);

  it('does not learn the source of a frame iptables PREROUTING drops', () => {
    const t = expectTrace(bridgeHost(`${known}\niptables -t raw -A PREROUTING -m physdev --physdev-in veth-a -p tcp -j DROP`).trace(flow('node/a', '10.244.1.3:80'))).toDrop('NETFILTER_DROP', 'node');
    expect(learned(t)).toEqual([]);
  });

  it('learns it, after the PREROUTING rules, when the frame passes', () => {
    const t = expectTrace(bridgeHost(`${known}\niptables -t raw -A PREROUTING -m physdev --physdev-in veth-a -p tcp`).trace(flow('node/a', '10.244.1.3:80'))).toBeDelivered();
    const syn = t.trace.legs[0].events;
    expect(syn.findIndex((e) => e.code === 'br.fdb.learn')).toBeGreaterThan(syn.findIndex((e) => e.code === 'nf.rule'));
  });

  it('learns from a frame no netfilter hook sees (bridge-nf-call-iptables=0), the same rule notwithstanding', () => {
    const t = expectTrace(
      bridgeHost(`${known}\nsysctl -w net.bridge.bridge-nf-call-iptables=0\niptables -t raw -A PREROUTING -m physdev --physdev-in veth-a -p tcp -j DROP`).trace(flow('node/a', '10.244.1.3:80')),
    ).toBeDelivered();
    expect(learned(t)[0]).toBe('veth-a');
  });
});

describe('hairpin: a frame back out of the port it came in on', () => {
  // pod a asks for a Service whose only backend is a itself: a bridged DNAT back to a's own port
  const self = 'sysctl -w net.ipv4.ip_forward=1\niptables -t nat -A PREROUTING -d 10.96.0.2 -p tcp --dport 80 -j DNAT --to-destination 10.244.1.2:80\nip netns exec a nc -lk 80 &';
  const masq = 'iptables -t nat -A POSTROUTING -s 10.244.1.2 -d 10.244.1.2 -j MASQUERADE';

  it('is refused without hairpin mode: the frame is not sent back, and nothing frees it with a reason', () => {
    const t = expectTrace(bridgeHost(self).trace(flow('node/a', '10.96.0.2:80'))).toVisit('br_forward').trace;
    expect(t.verdict).toBe('dropped');
    expect(t.legs[0].events.some((e) => e.code === 'br.forward.inport')).toBe(true);
    expect(t.legs[0].drop?.reason).toBe('NOT_SPECIFIED');
  });

  it('with hairpin on the port, sends it back: the pod drops its own source address (IP_LOCAL_SOURCE, as Linux 6.18 does)', () => {
    const t = expectTrace(bridgeHost(`${self}\nbridge link set dev veth-a hairpin on`).trace(flow('node/a', '10.96.0.2:80'))).toDrop('IP_LOCAL_SOURCE', 'node').trace;
    expect(t.legs[0].drop?.at.netns).toBe('a');
    expect(t.legs[0].events.filter((e) => e.code === 'br.forward' && e.params.hairpin).map((e) => e.at.dev)).toEqual(['cni0']);
  });

  it.each([
    ['bridge link set', 'bridge link set dev veth-a hairpin on'],
    ['ip link set … type bridge_slave', 'ip link set veth-a type bridge_slave hairpin on'],
    ['the brport sysfs file', 'echo 1 > /sys/class/net/veth-a/brport/hairpin_mode'],
  ])('with hairpin (%s) and the masquerade kube-proxy writes for it, connects through the bridge', (_, hairpin) => {
    expectTrace(bridgeHost(`${self}\n${masq}\n${hairpin}`).trace(flow('node/a', '10.96.0.2:80'))).toBeDelivered().notToVisit('ip_forward');
  });

  it('forgets hairpin mode when the port leaves the bridge (a new port starts without it)', () => {
    const t = bridgeHost(`${self}\n${masq}\nbridge link set dev veth-a hairpin on\nip link set veth-a nomaster\nip link set veth-a master cni0`).trace(flow('node/a', '10.96.0.2:80'));
    expect(t.verdict).toBe('dropped');
  });

  it('keeps it when the port is enslaved to the bridge it already has', () => {
    expectTrace(bridgeHost(`${self}\n${masq}\nbridge link set dev veth-a hairpin on\nip link set veth-a master cni0`).trace(flow('node/a', '10.96.0.2:80'))).toBeDelivered();
  });

  it('floods a broadcast back to a hairpin port too (the ARP comes back to its sender)', () => {
    const t = bridgeHost('bridge link set dev veth-a hairpin on').trace(flow('node/a', '10.244.1.3:80'));
    const flood = t.legs[0].events.find((e) => e.code === 'br.flood');
    expect(flood?.params).toMatchObject({ broadcast: true, ports: ['veth-b', 'veth-a'] });
  });
});

// A router with two legs; the client's packets arrive on one leg while the route back points out the other.
const asymmetric = (rpf: string) =>
  lab({
    machines: {
      r: {
        script: `
sysctl -w net.ipv4.ip_forward=1
ip netns add c
ip netns add s
ip link add to-c type veth peer name eth0 netns c
ip link add to-s type veth peer name eth0 netns s
ip link set to-c up
ip link set to-s up
ip addr add 10.1.0.1/24 dev to-c
ip addr add 10.2.0.1/24 dev to-s
ip -n c addr add 10.1.0.2/24 dev eth0
ip -n c addr add 10.9.0.2/32 dev eth0
ip -n c link set eth0 up
ip -n c route add default via 10.1.0.1
ip -n s addr add 10.2.0.2/24 dev eth0
ip -n s link set eth0 up
ip -n s route add default via 10.2.0.1
ip netns exec s nc -lk 80 &
ip route add 10.9.0.0/24 via 10.2.0.2
${rpf}
`,
      },
    },
  });

describe('reverse-path filtering', () => {
  const spoofed = { ...flow('r/c', '10.2.0.2:80'), id: 'spoof' };
  it('with rp_filter=0 forwards a packet whose route back leaves by another device', () => {
    // the source is chosen by the route: 10.1.0.2, whose route back is via to-c: delivered
    expectTrace(asymmetric('').trace(spoofed)).toBeDelivered();
  });

  it('strict rp_filter on the ingress device drops a source routed back elsewhere (IP_RPFILTER)', () => {
    const w = asymmetric('sysctl -w net.ipv4.conf.all.rp_filter=1');
    // `ip route get … iif` answers every martian with EINVAL, rp_filter included (as the kernel does)
    const route = w.routeGet('r', '', { to: 0x0a020002, from: 0x0a090002, iif: 'to-c' });
    expect(route).toEqual({ ok: false, error: 'invalid', message: 'Invalid argument' });
    const ok = w.routeGet('r', '', { to: 0x0a020002, from: 0x0a010002, iif: 'to-c' });
    expect(ok).toMatchObject({ ok: true, dev: 'to-s' });
  });

  it('loose rp_filter accepts any source with some route back', () => {
    const w = asymmetric('sysctl -w net.ipv4.conf.all.rp_filter=2');
    expect(w.routeGet('r', '', { to: 0x0a020002, from: 0x0a090002, iif: 'to-c' })).toMatchObject({ ok: true, dev: 'to-s' });
  });

  it('the effective value is max(all, dev): dev=1 with all=0 is strict', () => {
    const w = asymmetric('sysctl -w net.ipv4.conf.to-c.rp_filter=1');
    expect(w.routeGet('r', '', { to: 0x0a020002, from: 0x0a090002, iif: 'to-c' })).toMatchObject({ ok: false, message: 'Invalid argument' });
  });

  const srcElsewhere = 'sysctl -w net.ipv4.conf.all.rp_filter=1\nip -n c route replace default via 10.1.0.1 src 10.9.0.2';

  it('even the ARP request is source-validated: the gateway stays silent and the client gets NEIGH_FAILED', () => {
    expectTrace(asymmetric(srcElsewhere).trace(spoofed)).toDrop('NEIGH_FAILED', 'r');
  });

  it('with arp_announce=2 the ARP passes, and the data packet itself dies on IP_RPFILTER', () => {
    const w = asymmetric(`${srcElsewhere}\nip netns exec c sysctl -w net.ipv4.conf.all.arp_announce=2`);
    expectTrace(w.trace(spoofed)).toDrop('IP_RPFILTER', 'r').toVisit('ip_route_input', 'r');
  });

  it('refuses a packet that claims one of the router\'s own addresses as source (IP_LOCAL_SOURCE)', () => {
    const w = asymmetric('');
    expect(w.routeGet('r', '', { to: 0x0a020002, from: 0x0a020001, iif: 'to-c' })).toMatchObject({ ok: false, message: 'Invalid argument' });
  });
});

describe('policy routing', () => {
  const multi = (extra: string) =>
    lab({
      machines: {
        h: {
          script: `
ip netns add x
ip netns add y
ip link add ex type veth peer name eth0 netns x
ip link add ey type veth peer name eth0 netns y
ip link set ex up
ip link set ey up
ip addr add 10.1.0.1/24 dev ex
ip addr add 10.2.0.1/24 dev ey
ip route add default via 10.1.0.2
${extra}
`,
        },
      },
    });

  it('a `from` rule does not match an unbound socket\'s first lookup (source still 0) but matches replies', () => {
    const w = multi('ip route add default via 10.2.0.2 table 100\nip rule add from 10.2.0.1 lookup 100');
    expect(w.routeGet('h', '', { to: 0x08080808 })).toMatchObject({ ok: true, dev: 'ex', src: 0x0a010001 });
    expect(w.routeGet('h', '', { to: 0x08080808, from: 0x0a020001 })).toMatchObject({ ok: true, dev: 'ey', table: 100 });
  });

  it('fwmark rules steer marked packets', () => {
    const w = multi('ip route add default via 10.2.0.2 table 7\nip rule add fwmark 0x89 lookup 7 priority 110');
    expect(w.routeGet('h', '', { to: 0x08080808, mark: 0x89 })).toMatchObject({ ok: true, dev: 'ey', table: 7 });
    expect(w.routeGet('h', '', { to: 0x08080808, mark: 0x1 })).toMatchObject({ ok: true, dev: 'ex', table: 254 });
  });

  it('a prohibit rule answers EACCES and an unreachable route EHOSTUNREACH', () => {
    const w = multi('ip rule add to 9.9.9.9 prohibit\nip route add unreachable 7.7.7.0/24');
    expect(w.routeGet('h', '', { to: 0x09090909 })).toMatchObject({ ok: false, message: 'Permission denied' });
    expect(w.routeGet('h', '', { to: 0x07070707 })).toMatchObject({ ok: false, message: 'No route to host' });
  });

  it('new rules get priority one below the second rule, as the kernel assigns', () => {
    const w = multi('ip rule add from 10.9.0.0/24 lookup 100\nip rule add from 10.8.0.0/24 lookup 100');
    expect(w.show('h', '', 'rule')).toBe(['0:\tfrom all lookup local', '32764:\tfrom 10.8.0.0/24 lookup 100', '32765:\tfrom 10.9.0.0/24 lookup 100', '32766:\tfrom all lookup main', '32767:\tfrom all lookup default'].join('\n'));
  });
});

describe('local traffic', () => {
  it('a namespace reaching its own address goes over lo', () => {
    expectTrace(bridgeHost().trace(flow('node', '10.244.1.1:22'))).toBeDelivered().toVisit('loopback_xmit');
  });
});
