// Reverse-path filtering and packet marks (net/ipv4/fib_frontend.c __fib_validate_source: the
// reverse lookup carries skb->mark only when src_valid_mark is on), and a mark's fate on a veth
// into another namespace (skb_scrub_packet). Checked in network namespaces on 6.18: a packet
// marked in mangle PREROUTING, whose route back by source points out another device, dies on
// strict rp_filter with src_valid_mark=0 (IPReversePathFilter counts it) and passes with
// src_valid_mark=1 on the device or on `all`; a mark set on the host is 0 in the pod.
import { describe, expect, it } from 'vitest';
import { expectTrace, flow, lab, matched, text } from '../testing';

// A router r with three legs: the client c (10.1.0.2) on to-c, the server s (10.2.0.2) on to-s,
// and a third next hop x (10.3.0.2) on to-x. A source rule sends whatever comes from the server
// through table 2, out of to-x — so the route back to c "from 10.2.0.2" leaves by to-x — unless
// the packet's mark selects main first, as the VPC CNI's fwmark rules do.
const router = (extra: string) =>
  lab({
    machines: {
      r: {
        script: `
sysctl -w net.ipv4.ip_forward=1
ip netns add c
ip netns add s
ip netns add x
ip link add to-c type veth peer name eth0 netns c
ip link add to-s type veth peer name eth0 netns s
ip link add to-x type veth peer name eth0 netns x
ip link set to-c up
ip link set to-s up
ip link set to-x up
sysctl -w net.ipv4.conf.to-c.rp_filter=1
ip addr add 10.1.0.1/24 dev to-c
ip addr add 10.2.0.1/24 dev to-s
ip addr add 10.3.0.1/24 dev to-x
ip -n c addr add 10.1.0.2/24 dev eth0
ip -n c link set eth0 up
ip -n c route add default via 10.1.0.1
ip -n s addr add 10.2.0.2/24 dev eth0
ip -n s link set eth0 up
ip -n s route add default via 10.2.0.1
ip -n x addr add 10.3.0.2/24 dev eth0
ip -n x link set eth0 up
ip netns exec s nc -lk 80 &
ip route add default via 10.3.0.2 dev to-x table 2
ip rule add from 10.2.0.2 lookup 2 priority 1536
ip rule add fwmark 0x80/0x80 lookup main priority 1024
iptables -t mangle -A PREROUTING -j MARK --set-xmark 0x80/0x80
${extra}
`,
      },
    },
  });

// A DNAT like a NodePort's: c connects to r's own 10.1.0.1:30080, which r sends on to s:80.
const toServer = flow('r/c', '10.1.0.1:30080');
const dnat = 'iptables -t nat -A PREROUTING -i to-c -p tcp --dport 30080 -j DNAT --to-destination 10.2.0.2:80';

const validate = (t: ReturnType<typeof expectTrace>) => t.trace.legs[0].events.find((e) => e.code === 'route.validate');

describe('rp_filter and the packet mark', () => {
  it('a failed strict check shows the route back it looked up, and that the mark was left out (src_valid_mark=0)', () => {
    const t = expectTrace(router(dnat).trace(toServer)).toDrop('IP_RPFILTER', 'r');
    const v = validate(t);
    expect(v?.params).toMatchObject({ rpFilter: 1, ok: false, check: { code: 'strict', via: 'to-x', dev: 'to-c' }, mark: { value: 0x80, used: false } });
    expect(matched(v)).toContain('1536: from 10.2.0.2 lookup 2');
    expect(matched(v)).toContain('default via 10.3.0.2 dev to-x');
    expect(text(v)).toContain('without the packet\'s mark 0x80: src_valid_mark=0');
    // the drop comes right after the finding that caused it
    const events = t.trace.legs[0].events;
    expect(events[events.indexOf(v!) + 1]?.code).toBe('drop');
  });

  it('with src_valid_mark=1 on the device the reverse lookup takes the fwmark rule to main, and the check passes', () => {
    const t = expectTrace(router(`${dnat}\nsysctl -w net.ipv4.conf.to-c.src_valid_mark=1`).trace(toServer)).toBeDelivered();
    const v = validate(t);
    expect(v?.params).toMatchObject({ ok: true, check: { code: 'same-dev', dev: 'to-c' }, mark: { value: 0x80, used: true } });
    expect(matched(v)).toContain('1024: from all fwmark 0x80/0x80 lookup main');
    expect(text(v)).toContain("with the packet's mark 0x80: src_valid_mark=1");
  });

  it('src_valid_mark is or-ed with all (IN_DEV_ORCONF)', () => {
    expectTrace(router(`${dnat}\nsysctl -w net.ipv4.conf.all.src_valid_mark=1`).trace(toServer)).toBeDelivered();
  });

  it('an unmarked packet carries no mark in the finding', () => {
    const t = expectTrace(router(`${dnat}\niptables -t mangle -F PREROUTING`).trace(toServer)).toDrop('IP_RPFILTER', 'r');
    expect(validate(t)?.params).not.toHaveProperty('mark');
  });
});

describe('a mark does not cross a namespace', () => {
  it('the veth into the server namespace wipes the mark set on the router, and says so', () => {
    const t = expectTrace(router(`${dnat}\nsysctl -w net.ipv4.conf.to-c.rp_filter=0`).trace(toServer)).toBeDelivered();
    // (the ARP request r sends on to-s first is a packet of its own, never marked)
    const into = t.trace.legs[0].events.find((e) => e.code === 'veth.xmit' && e.at.netns === '' && e.at.dev === 'to-s' && e.packet.some((h) => h.layer === 'tcp'));
    expect(into?.params).toMatchObject({ markCleared: 0x80 });
    expect(text(into)).toContain('its mark 0x80 stays behind');
    // the client's own packet left c unmarked: nothing to clear
    const out = t.trace.legs[0].events.find((e) => e.code === 'veth.xmit' && e.at.netns === 'c');
    expect(out?.params).not.toHaveProperty('markCleared');
  });
});
