import { describe, expect, it } from 'vitest';
import type { HeaderView } from '../../src/engine/packet/view';
import type { TraceEvent } from '../../src/engine/trace/types';
import { expectTrace, flow, lab, text, matched, kindOf, outcome } from '../testing';

/** Trace packets carry addresses dotted. */
const ip = (s: string) => s;

/** A host on `lan` with vxlan0 (VNI 100, UDP 4789) and one all-zeros FDB entry per peer. */
const vtep = (me: string, addr: string, routes: string, peers: readonly string[], opts = 'learning', vni = 100) => `
ip addr add ${me}/24 dev eth0
ip link set eth0 up
sysctl -w net.ipv4.ip_forward=1
ip link add vxlan0 type vxlan id ${vni} dstport 4789 local ${me} dev eth0 ${opts}
ip addr add ${addr}/32 dev vxlan0
ip link set vxlan0 up
${routes}
${peers.map((p) => `bridge fdb append 00:00:00:00:00:00 dev vxlan0 dst ${p} self permanent`).join('\n')}
`;

const byHand = (extra: { h1?: string; h2?: string; h3?: string } = {}, h2vni = 100) =>
  lab({
    networks: ['lan'],
    machines: {
      h1: { nics: ['eth0@lan'], script: vtep('10.57.4.20', '192.168.10.1', 'ip route add 192.168.11.0/24 via 192.168.11.1 dev vxlan0 onlink', ['10.57.4.21', '10.57.4.22']) + (extra.h1 ?? '') },
      h2: { nics: ['eth0@lan'], script: vtep('10.57.4.21', '192.168.11.1', 'ip route add 192.168.10.0/24 via 192.168.10.1 dev vxlan0 onlink', ['10.57.4.20', '10.57.4.22'], 'learning', h2vni) + (extra.h2 ?? '') },
      h3: { nics: ['eth0@lan'], script: vtep('10.57.4.22', '192.168.12.1', '', ['10.57.4.20', '10.57.4.21']) + (extra.h3 ?? '') },
    },
  });

/** flannel's pattern between two nodes: learning off, permanent neighbour, FDB entry, onlink route; a pod behind cni0. */
const flannelNode = (n: number, nodeIp: string, peer: { n: number; ip: string; mac: string }, mac: string, mtu = 1450) => `
ip addr add ${nodeIp}/24 dev eth0
ip link set eth0 up
sysctl -w net.ipv4.ip_forward=1
ip link add cni0 mtu 1450 type bridge
ip addr add 10.244.${n}.1/24 dev cni0
ip link set cni0 up
ip netns add pod
ip link add veth-pod mtu ${mtu} type veth peer name eth0 mtu ${mtu} netns pod
ip link set veth-pod master cni0 up
ip -n pod addr add 10.244.${n}.3/24 dev eth0
ip -n pod link set eth0 up
ip -n pod route add default via 10.244.${n}.1
ip netns exec pod socat TCP-LISTEN:8080,fork EXEC:cat &
ip link add flannel.1 address ${mac} type vxlan id 1 local ${nodeIp} dev eth0 dstport 8472 nolearning
ip addr add 10.244.${n}.0/32 dev flannel.1
ip link set flannel.1 up
ip route add 10.244.${peer.n}.0/24 via 10.244.${peer.n}.0 dev flannel.1 onlink
ip neigh add 10.244.${peer.n}.0 lladdr ${peer.mac} dev flannel.1 nud permanent
bridge fdb append ${peer.mac} dev flannel.1 dst ${peer.ip} self permanent
`;
const MAC1 = '02:3f:39:67:7d:01';
const MAC3 = '02:3f:39:67:7d:f9';
const flannel = (extra: { node1?: string; node3?: string } = {}, podMtu = 1450) =>
  lab({
    networks: ['lan'],
    machines: {
      node1: { nics: ['eth0@lan'], script: flannelNode(1, '192.168.3.11', { n: 3, ip: '192.168.3.10', mac: MAC3 }, MAC1, podMtu) + (extra.node1 ?? '') },
      node3: { nics: ['eth0@lan'], script: flannelNode(3, '192.168.3.10', { n: 1, ip: '192.168.3.11', mac: MAC1 }, MAC3) + (extra.node3 ?? '') },
    },
  });

const events = (t: { legs: readonly { events: readonly TraceEvent[] }[] }) => t.legs.flatMap((l) => l.events);
const layers = (hs: readonly HeaderView[]) => hs.map((h) => h.layer).join(' ');

describe('vxlan_xmit: encapsulation', () => {
  const w = flannel();
  const trace = w.trace(flow('node1/pod', '10.244.3.3', 'icmp'));
  const encap = events(trace).find((e) => e.fn === 'vxlan_xmit_one')!;
  const mac = (m: string, d: string) => w.devices().find((x) => x.machine === m && x.name === d)!.mac;

  it('wraps the whole inner Ethernet frame in IPv4/UDP/VXLAN from the local VTEP to the FDB remote', () => {
    expect(kindOf(encap)).toBe('encap');
    expect(encap.at).toEqual({ machine: 'node1', netns: '', dev: 'flannel.1', dir: 'out' });
    expect(matched(encap)).toBe(`${MAC3} dev flannel.1 dst 192.168.3.10 self permanent`);
    const [oip, udp, vx, ieth, iip, icmp] = encap.packet;
    expect(layers(encap.packet)).toBe('ipv4 udp vxlan eth ipv4 icmp');
    expect(oip).toMatchObject({ src: ip('192.168.3.11'), dst: ip('192.168.3.10'), ttl: 64, protocol: 17, df: false, length: 36 + 14 + 28 });
    expect(udp).toMatchObject({ dport: 8472, payload: 8 + 14 + 28 });
    expect((udp as { sport: number }).sport).toBeGreaterThanOrEqual(32768);
    expect(vx).toEqual({ layer: 'vxlan', vni: 1 });
    expect(ieth).toMatchObject({ src: MAC1, dst: MAC3 });
    expect(iip).toMatchObject({ src: ip('10.244.1.3'), dst: ip('10.244.3.3'), ttl: 63 });
    expect(icmp).toMatchObject({ type: 8 });
    expect(encap.changes?.map((c) => `${c.op} ${c.layer}`)).toEqual(['push ipv4', 'push udp', 'push vxlan']);
  });

  it('routes the outer packet through the namespace and the underlay neighbour onto eth0', () => {
    const out = events(trace).filter((e) => e.at.machine === 'node1' && e.seq > encap.seq);
    expect(out[0].fn).toBe('neigh_resolve_output');
    const xmit = out.find((e) => e.fn === 'dev_queue_xmit' && e.packet.some((h) => h.layer === 'vxlan'))!;
    expect(xmit.at.dev).toBe('eth0');
    expect(layers(xmit.packet)).toBe('eth ipv4 udp vxlan eth ipv4 icmp');
    expect(xmit.packet[0]).toMatchObject({ src: mac('node1', 'eth0'), dst: mac('node3', 'eth0') });
  });

  it('looks the route up before encapsulating, from the local address', () => {
    const route = events(trace).find((e) => e.fn === 'udp_tunnel_dst_lookup')!;
    expect(route.seq).toBeLessThan(encap.seq);
    expect(matched(route)).toContain('192.168.3.0/24 dev eth0');
  });

  it('keeps the flow hash symmetric: the reply uses the same UDP source port', () => {
    const ports = events(trace).filter((e) => e.fn === 'vxlan_xmit_one').map((e) => (e.packet[1] as { sport: number }).sport);
    expect(ports).toHaveLength(2);
    expect(ports[0]).toBe(ports[1]);
  });
});

describe('vxlan_rcv: decapsulation', () => {
  it('unwraps onto flannel.1 after INPUT, then routes the inner packet to cni0 and the pod', () => {
    const trace = flannel().trace(flow('node1/pod', '10.244.3.3:8080'));
    expectTrace(trace).toBeDelivered().toVisit('vxlan_rcv', 'node3').notToVisit('vxlan_snoop');
    const ev = trace.legs[0].events;
    const i = ev.findIndex((e) => e.fn === 'vxlan_rcv' && e.at.machine === 'node3');
    expect(kindOf(ev[i])).toBe('decap');
    expect(ev[i].at.dev).toBe('flannel.1');
    expect(layers(ev[i].packet)).toBe('eth ipv4 tcp');
    expect(ev[i].changes?.filter((c) => c.op === 'pop').map((c) => c.layer)).toEqual(['eth', 'ipv4', 'udp', 'vxlan']);
    const after = ev.slice(i + 1).map((e) => `${e.fn}@${e.at.dev}`);
    expect(after.slice(0, 2)).toEqual(['netif_receive_skb@flannel.1', 'ip_route_input@flannel.1']);
    expect(after).toContain('ip_forward@flannel.1');
    expect(after).toContain('veth_xmit@veth-pod');
  });

  it('drops a VNI no device has (VXLAN_VNI_NOT_FOUND) at the receiving NIC', () => {
    const w = byHand({}, 200);
    const t = w.trace(flow('h1', '192.168.11.1', 'icmp'));
    // what dies at h2 is the ARP request; the ping itself dies when h1's neighbour fails
    expectTrace(t).toDrop('NEIGH_FAILED', 'h1');
    const ev = events(t);
    const drop = ev.find((e) => kindOf(e) === 'drop' && e.at.machine === 'h2')!;
    expect(drop).toMatchObject({ params: { reason: 'VXLAN_VNI_NOT_FOUND' }, at: { machine: 'h2', netns: '', dev: 'eth0', dir: 'in' } });
    // INPUT already ran for the outer UDP datagram: the outer packet was routed as local
    expect(ev[ev.indexOf(drop) - 1].fn).toBe('ip_route_input');
  });

  it('drops a UDP datagram without a VXLAN header sent to the vxlan port', () => {
    const w = byHand();
    expectTrace(w.trace(flow('h1', '10.57.4.21:4789', 'udp'))).toDrop('VXLAN_INVALID_HDR', 'h2');
  });
});

describe('the vxlan FDB', () => {
  it('uses a unicast entry for a known MAC: one copy to one VTEP', () => {
    const t = flannel().trace(flow('node1/pod', '10.244.3.3', 'icmp'));
    const fdb = events(t).filter((e) => e.fn === 'vxlan_xmit' && e.at.machine === 'node1');
    expect(text(fdb[0])).toBe(`FDB: ${MAC3} is behind the VTEP 192.168.3.10`);
  });

  it('floods through the all-zeros entry to every remote it lists, second remote first', () => {
    const t = byHand().trace(flow('h1', '192.168.11.1', 'icmp'));
    const first = events(t).find((e) => e.fn === 'vxlan_xmit')!;
    expect(matched(first)).toBe('00:00:00:00:00:00 dev vxlan0 dst 10.57.4.21 self permanent\n00:00:00:00:00:00 dev vxlan0 dst 10.57.4.22 self permanent');
    const copies = events(t).filter((e) => e.fn === 'vxlan_xmit_one' && e.at.machine === 'h1').map((e) => e.packet[0]);
    expect(copies.slice(0, 2).map((h) => (h.layer === 'ipv4' ? h.dst : 0))).toEqual([ip('10.57.4.22'), ip('10.57.4.21')]);
    // h3 gets the ARP request too, learns h1, and stays silent
    expectTrace(t).toBeDelivered().toVisit('vxlan_snoop', 'h3');
  });

  it('drops a frame with neither an entry nor a default (NO_TX_TARGET), silently for the sender', () => {
    const t = flannel({ node1: `bridge fdb del ${MAC3} dev flannel.1\n` }).trace(flow('node1/pod', '10.244.3.3:8080'));
    expectTrace(t).toDrop('NO_TX_TARGET', 'node1').toHaveLegs('SYN');
    expect(outcome(t)).toBe('timed out: no answer');
    expect(events(t).some((e) => kindOf(e) === 'encap')).toBe(false);
  });

  it('drops the ARP broadcast when flannel.1 must ARP (no neighbour): NO_TX_TARGET, then NEIGH_FAILED', () => {
    const t = flannel({ node1: 'ip neigh del 10.244.3.0 dev flannel.1\n' }).trace(flow('node1/pod', '10.244.3.3', 'icmp'));
    // kernel (6.18, a vxlan without FDB entries): kfree_skb protocol=2054 location=vxlan_xmit
    // reason NO_TX_TARGET for each ARP request, then protocol=2048 location=neigh_invalidate
    // reason NEIGH_FAILED for the ping: the leg's drop is the ping's
    expectTrace(t).toDrop('NEIGH_FAILED', 'node1').toHaveLegs('echo-request', 'icmp-error');
    expect(events(t).flatMap((e) => (e.code === 'drop' ? [`${e.fn} ${e.params.reason}`] : []))).toEqual(['vxlan_xmit NO_TX_TARGET', 'neigh_invalidate NEIGH_FAILED']);
    expect(outcome(t)).toBe('No route to host');
  });

  it('learns source MACs behind outer source IPs, and answers by unicast from then on', () => {
    const w = byHand();
    const mac = (m: string) => w.devices().find((x) => x.machine === m && x.name === 'vxlan0')!.mac;
    const t = w.trace(flow('h1', '192.168.11.1', 'icmp'));
    const learned = events(t).filter((e) => e.fn === 'vxlan_snoop').map((e) => `${e.at.machine}: ${matched(e)}`);
    expect(learned).toEqual([
      `h3: ${mac('h1')} dev vxlan0 dst 10.57.4.20 self `,
      `h2: ${mac('h1')} dev vxlan0 dst 10.57.4.20 self `,
      `h1: ${mac('h2')} dev vxlan0 dst 10.57.4.21 self `,
    ]);
    // the ARP reply and the echo request each go to one VTEP: only the ARP request was flooded
    expect(events(t).filter((e) => e.fn === 'vxlan_xmit_one')).toHaveLength(2 + 1 + 1 + 1);
  });

  it('forgets what a trace learned before the next one', () => {
    const w = byHand();
    w.trace(flow('h1', '192.168.11.1', 'icmp'));
    expect(w.show('h1', '', 'fdb')).not.toContain(' self \n');
    const again = w.trace(flow('h1', '192.168.11.1', 'icmp'));
    expect(events(again).filter((e) => e.fn === 'vxlan_snoop')).toHaveLength(3);
  });

  it('never moves a permanent entry: a frame from another VTEP is dropped (VXLAN_ENTRY_EXISTS)', () => {
    const w0 = byHand();
    const h1mac = w0.devices().find((x) => x.machine === 'h1' && x.name === 'vxlan0')!.mac;
    const w = byHand({ h2: `bridge fdb add ${h1mac} dev vxlan0 dst 10.57.4.22 self permanent\n` });
    const t = w.trace(flow('h1', '192.168.11.1', 'icmp'));
    // the ARP request dies at h2; the ping dies NEIGH_FAILED at h1 when nobody answers it
    expectTrace(t).toDrop('NEIGH_FAILED', 'h1');
    expect(events(t).some((e) => e.code === 'drop' && e.at.machine === 'h2' && e.params.reason === 'VXLAN_ENTRY_EXISTS')).toBe(true);
  });
});

describe('MTU', () => {
  const big = { ...flow('node1/pod', '10.244.3.3', 'icmp'), size: 1500 };

  it('refuses at the sender a DF packet bigger than its own MTU (ping -M do: Message too long)', () => {
    const t = flannel().trace(big);
    expectTrace(t).toDrop('PKT_TOO_BIG', 'node1').toHaveLegs('echo-request');
    expect(t.legs[0].drop).toMatchObject({ at: { netns: 'pod', dev: 'eth0' }, appError: 'sendmsg: Message too long' });
  });

  it('drops in ip_forward what does not fit flannel.1, and tells the sender the MTU', () => {
    const t = flannel({}, 1500).trace(big);
    expectTrace(t).toDrop('PKT_TOO_BIG', 'node1').toHaveLegs('echo-request', 'icmp-error').notToVisit('vxlan_xmit');
    const err = t.legs[1].events[0].packet.find((h) => h.layer === 'icmp');
    expect(err).toMatchObject({ type: 3, code: 4, mtu: 1450 });
    expect(outcome(t)).toBe('Frag needed and DF set (mtu = 1450)');
  });

  it('delivers a packet that fits exactly', () => {
    expectTrace(flannel().trace({ ...big, size: 1450 })).toBeDelivered();
  });

  it('fragments the outer packet when the tunnel MTU was set too high (outer DF is clear)', () => {
    // flannel.1 raised to 1500 (through a bigger eth0, then eth0 back to 1500: the vxlan keeps its MTU)
    const t = flannel({ node1: 'ip link set eth0 mtu 1550\nip link set flannel.1 mtu 1500\nip link set eth0 mtu 1500\n' }, 1500).trace(big);
    const frag = events(t).find((e) => e.fn === 'ip_fragment')!;
    expect(frag.at).toEqual({ machine: 'node1', netns: '', dev: 'eth0', dir: 'out' });
    expect(text(frag)).toContain('1550 bytes exceed eth0\'s MTU 1500: sent as 2 fragments');
    // node3 reassembles, decapsulates, and finds the 1500-byte inner packet too big for its cni0
    expectTrace(t).toDrop('PKT_TOO_BIG', 'node3');
  });
});

describe('the vxlan device', () => {
  const w = lab({
    machines: {
      m: {
        script: `
ip link add eth0 type dummy
ip link set eth0 mtu 9000
ip link add vx0 type vxlan id 1 dev eth0
ip link add vx1 type vxlan id 2
ip link add vx2 mtu 9999 type vxlan id 3 dev eth0
ip link add vx3 type vxlan id 4 remote 10.0.0.2 dstport 4789
ip link set vx0 up
`,
      },
    },
  });
  const dev = (name: string) => w.devices().find((d) => d.name === name)!;

  it('takes its MTU from the lower device minus 50, 1500 without one, never more than fits', () => {
    expect([dev('vx0').mtu, dev('vx1').mtu, dev('vx2').mtu]).toEqual([8950, 1500, 8950]);
  });

  it('describes itself for the canvas', () => {
    expect(dev('vx0')).toMatchObject({ kind: 'vxlan', detail: 'VNI 1, UDP 8472, dev eth0, learning', tunnelPeers: [] });
  });

  it('turns `remote` into the all-zeros entry, printed as bridge fdb prints it', () => {
    expect(w.show('m', '', 'fdb')).toBe('00:00:00:00:00:00 dev vx3 dst 10.0.0.2 self permanent');
  });

  it('reports operstate UNKNOWN when up, like the kernel', () => {
    expect(w.show('m', '', 'addr')).toMatch(/: vx0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 8950 state UNKNOWN/);
  });

  it('resolves tunnel peers to the device with the same VNI on the machine owning each remote', () => {
    const f = flannel();
    expect(f.devices().find((d) => d.machine === 'node1' && d.name === 'flannel.1')?.tunnelPeers).toEqual([{ machine: 'node3', netns: '', name: 'flannel.1' }]);
  });
});
