// IPVS as kube-proxy uses it: ClusterIPs on the kube-ipvs0 dummy so packets for them are
// local, scheduled at LOCAL_IN (or LOCAL_OUT for the node's own connections), masquerade
// forwarding to a real server, and the reply's source turned back into the ClusterIP.
import { describe, expect, it } from 'vitest';
import type { OpBody } from '../../src/engine/config/ops';
import { expectTrace, flow, lab, routedPod as pod, text, kindOf } from '../testing';


const VIP = 0x0a600032; // 10.96.0.50
const svc: OpBody = { op: 'ipvs-service', action: 'add', proto: 'tcp', vip: VIP, port: 80, scheduler: 'rr' };
const dest = (rip: number): OpBody => ({ op: 'ipvs-dest', action: 'add', proto: 'tcp', vip: VIP, port: 80, rip, rport: 8080, method: 'masq', weight: 1 });

const node = (ops: OpBody[]) =>
  lab({
    networks: ['lan'],
    machines: {
      node: {
        nics: ['eth0@lan'],
        script: `ip addr add 192.168.6.160/24 dev eth0
ip link set eth0 up
ip route add default via 192.168.6.1
sysctl -w net.ipv4.ip_forward=1
ip link add kube-ipvs0 type dummy
ip addr add 10.96.0.50/32 dev kube-ipvs0
${pod('pod-a', '10.244.1.10')}${pod('pod-b', '10.244.1.11')}`,
        ops,
      },
    },
  });

describe('IPVS virtual services', () => {
  it('schedules a pod\'s connection to the ClusterIP onto a real server and rewrites the reply back', () => {
    const t = expectTrace(node([svc, dest(0x0af4010b)]).trace(flow('node/pod-a', '10.96.0.50:80'))).toBeDelivered().toVisit('ip_vs_remote_request4').toVisit('ip_vs_nat_xmit').trace;
    const replies = t.legs[1].events.filter((e) => e.fn.startsWith('ip_vs_reply4')).map((e) => text(e));
    expect(replies).toEqual(['IPVS reply: source 10.244.1.11:8080 → 10.96.0.50:80']);
  });

  it('without any real server the service drops the packet', () => {
    expectTrace(node([svc]).trace(flow('node/pod-a', '10.96.0.50:80'))).toDrop('NOT_SPECIFIED', 'node');
  });

  it('the node\'s own connection is scheduled at LOCAL_OUT and leaves with the ClusterIP as source', () => {
    const t = expectTrace(node([svc, dest(0x0af4010b)]).trace(flow('node', '10.96.0.50:80'))).toBeDelivered().toVisit('ip_vs_local_request4').trace;
    const syn = t.legs[0].events.find((e) => e.at.netns === 'pod-b' && kindOf(e) === 'deliver')!;
    const ip = syn.packet.find((h) => h.layer === 'ipv4');
    expect(ip?.layer === 'ipv4' && ip.src).toBe('10.96.0.50');
  });

  it('is deterministic per flow and spreads flows over real servers', () => {
    const w = node([svc, dest(0x0af4010a), dest(0x0af4010b)]);
    const picks = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const f = { ...flow('node/pod-a', '10.96.0.50:80'), id: `f${i}` };
      const a = text(w.trace(f).legs[0].events.find((e) => e.code === 'ipvs.schedule'))!;
      expect(text(w.trace(f).legs[0].events.find((e) => e.code === 'ipvs.schedule'))).toBe(a);
      picks.add(a);
    }
    expect(picks.size).toBe(2);
  });
});
