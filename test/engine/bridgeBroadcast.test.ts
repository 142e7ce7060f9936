// An IPv4 broadcast frame entering a bridge port, walked from the port's receive path (the
// conversations podpath traces are unicast): Linux 6.18 counted it once in raw PREROUTING
// (-i br0, --physdev-in of the port), once in FORWARD per port it was flooded to
// (--physdev-out), once in POSTROUTING, and once in INPUT on the bridge's own stack.
import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../../src/engine/addr/ipv4';
import { buildLab } from '../../src/engine/kernel/apply';
import { compileChains } from '../../src/engine/kernel/netfilter/dispatch';
import { Recorder } from '../../src/engine/trace/recorder';
import { WalkContext } from '../../src/engine/walk/context';
import { netifReceiveSkb } from '../../src/engine/walk/netifReceive';
import { newSkb } from '../../src/engine/walk/skb';
import { parseScript, scriptLines } from '../../src/scenario/commands/dispatch';
import { bridgedPods, matched } from '../testing';

const RULES = `
iptables -t raw -A PREROUTING -m physdev --physdev-in veth-a -d 10.244.1.255
iptables -t raw -A PREROUTING -i cni0 -d 10.244.1.255
iptables -A FORWARD -d 10.244.1.255 -m physdev --physdev-out veth-b
iptables -t mangle -A POSTROUTING -d 10.244.1.255
iptables -A INPUT -d 10.244.1.255`;

function broadcastFromA(extra = '') {
  const { ops, errors } = parseScript(scriptLines(`${bridgedPods(80)}\n${RULES}\n${extra}`), 'node.sh');
  expect(errors).toEqual([]);
  const { lab } = buildLab({ networks: [], machines: [{ name: 'node', role: 'host', nics: [], ops }] });
  for (const ns of lab.allNamespaces()) for (const t of ns.nf.loadedTables()) compileChains(t.chains.values());
  const host = lab.netns('node', '')!;
  const a = lab.netns('node', 'a')!.devices.get('eth0')!;
  const rec = new Recorder();
  const skb = newSkb([
    { layer: 'eth', src: a.mac, dst: 'ff:ff:ff:ff:ff:ff', type: 0x0800 },
    { layer: 'ipv4', src: parseIpv4('10.244.1.2')!, dst: parseIpv4('10.244.1.255')!, ttl: 64, protocol: 17, length: 36, df: false },
    { layer: 'udp', sport: 40000, dport: 9999, payload: 8 },
  ]);
  netifReceiveSkb(new WalkContext(lab, rec), host.devices.get('veth-a')!, skb);
  return rec.takeLeg();
}

describe('an IPv4 broadcast entering a bridge port (br_netfilter)', () => {
  it('crosses PREROUTING once at the port, FORWARD and POSTROUTING towards each port it floods to, and INPUT once on the bridge', () => {
    const events = broadcastFromA();
    const rules = events.filter((e) => e.code === 'nf.rule' && e.at.machine === 'node' && e.at.netns === '').map((e) => matched(e));
    expect(rules).toEqual([
      '-A PREROUTING -d 10.244.1.255/32 -m physdev --physdev-in veth-a',
      '-A PREROUTING -d 10.244.1.255/32 -i cni0',
      '-A FORWARD -d 10.244.1.255/32 -m physdev --physdev-out veth-b',
      '-A POSTROUTING -d 10.244.1.255/32',
      '-A INPUT -d 10.244.1.255/32',
    ]);
    expect(events.filter((e) => e.code === 'br.nf')).toHaveLength(1);
  });

  it('is learned from only after PREROUTING, and not at all when PREROUTING drops it', () => {
    const passed = broadcastFromA();
    expect(passed.findIndex((e) => e.code === 'br.fdb.learn')).toBeGreaterThan(passed.findIndex((e) => e.code === 'br.nf'));
    const dropped = broadcastFromA('iptables -t raw -I PREROUTING -m physdev --physdev-in veth-a -j DROP');
    expect(dropped.some((e) => e.code === 'br.fdb.learn' || e.code === 'br.flood')).toBe(false);
    expect(dropped.at(-1)?.code).toBe('drop');
  });

  it('with bridge-nf-call-iptables=0 meets iptables only on the bridge\'s own stack (its PREROUTING on cni0, INPUT)', () => {
    const events = broadcastFromA('sysctl -w net.bridge.bridge-nf-call-iptables=0');
    expect(events.some((e) => e.code === 'br.nf')).toBe(false);
    expect(events.filter((e) => e.code === 'nf.rule').map((e) => matched(e))).toEqual(['-A PREROUTING -d 10.244.1.255/32 -i cni0', '-A INPUT -d 10.244.1.255/32']);
  });
});
