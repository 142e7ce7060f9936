import { describe, expect, it } from 'vitest';
import type { Trace } from '../../src/engine';
import { expectTrace, flow, lab, outcome } from '../testing';

// A namespace talking to its own address: every packet leaves by lo and comes back in by lo.
const selfLab = (rules: string) =>
  lab({
    machines: {
      m: {
        script: `
ip netns add x
ip link add v0 type veth peer name v1 netns x
ip addr add 10.9.0.1/24 dev v0
ip link set v0 up
ip -n x link set v1 up
socat TCP-LISTEN:80,fork EXEC:cat &
${rules}`,
      },
    },
  });

/** Each rule line that matched, with how many packets it counted over the conversation. */
function hits(t: Trace): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of t.legs.flatMap((l) => l.events)) {
    if (e.code !== 'nf.rule') continue;
    for (const r of e.refs ?? []) if (r.type === 'nf-rule') out[`${r.table} ${r.line}`] = (out[`${r.table} ${r.line}`] ?? 0) + 1;
  }
  return out;
}

// What Linux 6.18 counted for the same rules and a TCP echo to the namespace's own address:
// every looped packet in raw and mangle PREROUTING (-i lo), none in nat PREROUTING (the
// connection's DNAT was decided in OUTPUT), one conntrack entry per connection.
const RULES = `
iptables -t raw -A PREROUTING -i lo
iptables -t raw -A OUTPUT
iptables -t mangle -A PREROUTING -i lo
iptables -t nat -A PREROUTING -i lo
iptables -t nat -A PREROUTING -i lo -p tcp --dport 81 -j DNAT --to-destination 10.9.0.1:80
iptables -t nat -A OUTPUT
iptables -A INPUT -i lo`;

describe('looped-back packets cross PREROUTING (ip_rcv on lo)', () => {
  it('meets raw and mangle PREROUTING with -i lo, as many times as OUTPUT and INPUT; nat PREROUTING never', () => {
    const t = expectTrace(selfLab(RULES).trace(flow('m', '10.9.0.1:80'))).toBeDelivered().toVisit('ipt_do_table PREROUTING/raw').trace;
    const h = hits(t);
    const packets = t.legs.length; // SYN, SYN-ACK, ACK, data: each looped once
    expect(h).toEqual({
      'raw -A OUTPUT': packets,
      'raw -A PREROUTING -i lo': packets,
      'mangle -A PREROUTING -i lo': packets,
      'nat -A OUTPUT': 1,
      'filter -A INPUT -i lo': packets,
    });
    // conntrack saw the connection once, in OUTPUT; PREROUTING leaves the looped packet alone
    const ct = t.legs.flatMap((l) => l.events).filter((e) => e.code === 'ct.new' || e.code === 'ct.known');
    expect(ct.map((e) => e.params.hook)).toEqual(Array(packets).fill('OUTPUT'));
  });

  it('does not DNAT a looped packet in nat PREROUTING: the port stays closed (Connection refused)', () => {
    const t = selfLab(RULES).trace(flow('m', '10.9.0.1:81'));
    expect(outcome(t)).toContain('Connection refused');
    expect(t.legs.flatMap((l) => l.events).some((e) => e.code === 'nat.dnat')).toBe(false);
  });

  it('lets a DNAT made in OUTPUT stand without a second rewrite at PREROUTING', () => {
    const t = expectTrace(selfLab('iptables -t nat -A OUTPUT -p tcp --dport 81 -j DNAT --to-destination 10.9.0.1:80').trace(flow('m', '10.9.0.1:81'))).toBeDelivered().trace;
    const dnat = t.legs[0].events.filter((e) => e.code === 'nat.dnat');
    expect(dnat.map((e) => e.params.hook)).toEqual(['OUTPUT']);
  });

  it('drops a looped packet in raw PREROUTING -i lo (NETFILTER_DROP)', () => {
    expectTrace(selfLab('iptables -t raw -A PREROUTING -i lo -j DROP').trace(flow('m', '10.9.0.1:80'))).toDrop('NETFILTER_DROP', 'm');
  });
});
