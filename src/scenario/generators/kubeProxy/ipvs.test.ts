// kube-proxy IPVS mode, line by line. The expected text is derived from
// pkg/proxy/ipvs/proxier.go (NewProxier's sysctls, createAndLinkKubeChain, syncProxyRules,
// writeIptablesRules, acceptIPVSTraffic) and pkg/proxy/ipvs/ipset.go (set names, types,
// comments), and matches the rule shapes of a real node's `iptables -t nat -L KUBE-SERVICES`.
import { describe, expect, it } from 'vitest';
import { ipvsModeScript, ipvsRestoreInput } from './ipvs';
import { cluster, NODE1, NODE2, POD_A, POD_B, restoreBlock, webPort } from './testing';

/** The commands of a script, without its comments. */
const commands = (script: string) => script.split('\n').filter((l) => !l.startsWith('#'));

describe('IPVS mode: a two-endpoint ClusterIP + NodePort service on node1', () => {
  const script = ipvsModeScript(cluster('ipvs', [webPort()]), NODE1);

  it('writes, line by line, what kube-proxy does before its iptables-restore', () => {
    const expected = [
      'modprobe ip_vs',
      'sysctl -w net.ipv4.vs.conntrack=1',
      'sysctl -w net.ipv4.vs.expire_nodest_conn=1',
      'sysctl -w net.ipv4.vs.expire_quiescent_template=1',
      'sysctl -w net.ipv4.ip_forward=1',
      'iptables -t nat -N KUBE-SERVICES',
      'iptables -t nat -N KUBE-POSTROUTING',
      'iptables -t nat -N KUBE-NODE-PORT',
      'iptables -t nat -N KUBE-LOAD-BALANCER',
      'iptables -t nat -N KUBE-MARK-MASQ',
      'iptables -t filter -N KUBE-FORWARD',
      'iptables -t filter -N KUBE-NODE-PORT',
      'iptables -t filter -N KUBE-PROXY-FIREWALL',
      'iptables -t filter -N KUBE-SOURCE-RANGES-FIREWALL',
      'iptables -t filter -N KUBE-IPVS-FILTER',
      'iptables -t filter -N KUBE-IPVS-OUT-FILTER',
      'iptables -t nat -I OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      'iptables -t nat -I PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
      'iptables -t nat -I POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
      'iptables -t filter -I FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD',
      'iptables -t filter -I INPUT -m comment --comment "kubernetes health check rules" -j KUBE-NODE-PORT',
      'iptables -t filter -I INPUT -m comment --comment "kube-proxy firewall rules" -j KUBE-PROXY-FIREWALL',
      'iptables -t filter -I FORWARD -m comment --comment "kube-proxy firewall rules" -j KUBE-PROXY-FIREWALL',
      'iptables -t filter -I INPUT -m comment --comment "kubernetes ipvs access filter" -j KUBE-IPVS-FILTER',
      'iptables -t filter -I OUTPUT -m comment --comment "kubernetes ipvs access filter" -j KUBE-IPVS-OUT-FILTER',
      'ip link add kube-ipvs0 type dummy',
      'ipset create KUBE-LOOP-BACK hash:ip,port,ip family inet hashsize 1024 maxelem 65536',
      'ipset create KUBE-CLUSTER-IP hash:ip,port family inet hashsize 1024 maxelem 65536',
      'ipset create KUBE-EXTERNAL-IP hash:ip,port family inet hashsize 1024 maxelem 65536',
      'ipset create KUBE-EXTERNAL-IP-LOCAL hash:ip,port family inet hashsize 1024 maxelem 65536',
      'ipset create KUBE-LOAD-BALANCER hash:ip,port family inet hashsize 1024 maxelem 65536',
      'ipset create KUBE-NODE-PORT-TCP bitmap:port range 0-65535',
      'ipset create KUBE-HEALTH-CHECK-NODE-PORT bitmap:port range 0-65535',
      'ipset create KUBE-IPVS-IPS hash:ip family inet hashsize 1024 maxelem 65536',
      'ipvsadm -A -t 10.96.0.100:80 -s rr',
      'ip addr add 10.96.0.100/32 dev kube-ipvs0',
      'ipvsadm -a -t 10.96.0.100:80 -r 10.244.1.10:8080 -m',
      'ipvsadm -a -t 10.96.0.100:80 -r 10.244.2.10:8080 -m',
      'ipvsadm -A -t 192.168.3.10:30080 -s rr',
      'ipvsadm -a -t 192.168.3.10:30080 -r 10.244.1.10:8080 -m',
      'ipvsadm -a -t 192.168.3.10:30080 -r 10.244.2.10:8080 -m',
      'ipset add KUBE-LOOP-BACK 10.244.1.10,tcp:8080,10.244.1.10',
      'ipset add KUBE-CLUSTER-IP 10.96.0.100,tcp:80',
      'ipset add KUBE-NODE-PORT-TCP 30080',
      'ipset add KUBE-IPVS-IPS 10.96.0.100',
      'iptables-restore --noflush <<EOF',
    ];
    const lines = commands(script).slice(0, expected.length);
    expected.forEach((line, i) => expect({ line: i + 1, text: lines[i] }).toEqual({ line: i + 1, text: line }));
  });

  it('restores the nat and filter rules of writeIptablesRules, line by line', () => {
    const expected = [
      '*nat',
      ':KUBE-SERVICES - [0:0]',
      ':KUBE-POSTROUTING - [0:0]',
      ':KUBE-NODE-PORT - [0:0]',
      ':KUBE-LOAD-BALANCER - [0:0]',
      ':KUBE-MARK-MASQ - [0:0]',
      '-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN',
      '-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE',
      '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT',
      '-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ',
      '-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT',
      '-A KUBE-POSTROUTING -m mark ! --mark 0x00004000/0x00004000 -j RETURN',
      '-A KUBE-POSTROUTING -j MARK --xor-mark 0x00004000',
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
      '-A KUBE-MARK-MASQ -j MARK --or-mark 0x00004000',
      'COMMIT',
      '*filter',
      ':KUBE-FORWARD - [0:0]',
      ':KUBE-NODE-PORT - [0:0]',
      ':KUBE-PROXY-FIREWALL - [0:0]',
      ':KUBE-SOURCE-RANGES-FIREWALL - [0:0]',
      ':KUBE-IPVS-FILTER - [0:0]',
      ':KUBE-IPVS-OUT-FILTER - [0:0]',
      '-A KUBE-SOURCE-RANGES-FIREWALL -j DROP',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark 0x00004000/0x00004000 -j ACCEPT',
      '-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
      '-A KUBE-NODE-PORT -m comment --comment "Kubernetes health check node port" -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT',
      '-A KUBE-IPVS-FILTER -m set --match-set KUBE-LOAD-BALANCER dst,dst -j RETURN',
      '-A KUBE-IPVS-FILTER -m set --match-set KUBE-CLUSTER-IP dst,dst -j RETURN',
      '-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP dst,dst -j RETURN',
      '-A KUBE-IPVS-FILTER -m set --match-set KUBE-EXTERNAL-IP-LOCAL dst,dst -j RETURN',
      '-A KUBE-IPVS-FILTER -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j RETURN',
      '-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT',
      'COMMIT',
    ];
    const lines = restoreBlock(script);
    expected.forEach((line, i) => expect({ line: i + 1, text: lines[i] }).toEqual({ line: i + 1, text: line }));
    expect(lines).toHaveLength(expected.length);
    expect(commands(script).at(-1)).toBe('EOF');
  });

  it('masquerades hairpin traffic only for endpoints on this node (KUBE-LOOP-BACK)', () => {
    const node2 = commands(ipvsModeScript(cluster('ipvs', [webPort()]), NODE2));
    expect(node2.filter((l) => l.startsWith('ipset add KUBE-LOOP-BACK'))).toEqual(['ipset add KUBE-LOOP-BACK 10.244.2.10,tcp:8080,10.244.2.10']);
    expect(node2).toContain('ipvsadm -A -t 192.168.3.11:30080 -s rr');
  });
});

describe('IPVS mode: variations', () => {
  it('keeps NodePort real servers local under externalTrafficPolicy Local, and RETURNs before the masquerade', () => {
    const script = ipvsModeScript(cluster('ipvs', [webPort({ externalTrafficPolicy: 'Local' })]), NODE1);
    const lines = commands(script);
    expect(lines.filter((l) => l.startsWith('ipvsadm -a -t 192.168.3.10:30080'))).toEqual(['ipvsadm -a -t 192.168.3.10:30080 -r 10.244.1.10:8080 -m']);
    expect(lines.filter((l) => l.startsWith('ipvsadm -a -t 10.96.0.100:80'))).toHaveLength(2);
    expect(lines).toContain('ipset create KUBE-NODE-PORT-LOCAL-TCP bitmap:port range 0-65535');
    expect(lines).toContain('ipset add KUBE-NODE-PORT-LOCAL-TCP 30080');
    const nodePortRules = restoreBlock(script).filter((l) => l.startsWith('-A KUBE-NODE-PORT -p tcp'));
    expect(nodePortRules).toEqual([
      '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port with externalTrafficPolicy=local" -m set --match-set KUBE-NODE-PORT-LOCAL-TCP dst -j RETURN',
      '-A KUBE-NODE-PORT -p tcp -m comment --comment "Kubernetes nodeport TCP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-TCP dst -j KUBE-MARK-MASQ',
    ]);
  });

  it('falls back to every endpoint under Local policy when none is on this node', () => {
    const lines = commands(ipvsModeScript(cluster('ipvs', [webPort({ externalTrafficPolicy: 'Local', endpoints: [POD_B] })]), NODE1));
    expect(lines.filter((l) => l.startsWith('ipvsadm -a -t 192.168.3.10:30080'))).toEqual(['ipvsadm -a -t 192.168.3.10:30080 -r 10.244.2.10:8080 -m']);
  });

  it('uses -u and the UDP node-port set for UDP', () => {
    const script = ipvsModeScript(cluster('ipvs', [webPort({ protocol: 'UDP', port: 53, targetPort: 5353, nodePort: 30053, endpoints: [POD_A] })]), NODE1);
    const lines = commands(script);
    expect(lines).toContain('ipvsadm -A -u 10.96.0.100:53 -s rr');
    expect(lines).toContain('ipvsadm -a -u 10.96.0.100:53 -r 10.244.1.10:5353 -m');
    expect(lines).toContain('ipset add KUBE-CLUSTER-IP 10.96.0.100,udp:53');
    expect(lines).toContain('ipset add KUBE-NODE-PORT-UDP 30053');
    expect(restoreBlock(script)).toContain(
      '-A KUBE-NODE-PORT -p udp -m comment --comment "Kubernetes nodeport UDP port for masquerade purpose" -m set --match-set KUBE-NODE-PORT-UDP dst -j KUBE-MARK-MASQ',
    );
  });

  it('binds a ClusterIP once for a Service with several ports', () => {
    const ports = [webPort({ nodePort: undefined }), webPort({ servicePortName: 'default/web:https', port: 443, targetPort: 8443, nodePort: undefined })];
    const lines = commands(ipvsModeScript(cluster('ipvs', ports), NODE1));
    expect(lines.filter((l) => l.startsWith('ip addr add'))).toEqual(['ip addr add 10.96.0.100/32 dev kube-ipvs0']);
    expect(lines.filter((l) => l.startsWith('ipvsadm -A'))).toEqual(['ipvsadm -A -t 10.96.0.100:80 -s rr', 'ipvsadm -A -t 10.96.0.100:443 -s rr']);
    expect(lines.filter((l) => l.startsWith('ipset add KUBE-IPVS-IPS'))).toEqual(['ipset add KUBE-IPVS-IPS 10.96.0.100']);
  });

  it('has no masquerade rule for an empty KUBE-CLUSTER-IP', () => {
    const lines = ipvsRestoreInput(cluster('ipvs', []), NODE1);
    expect(lines.some((l) => l.includes('KUBE-CLUSTER-IP dst,dst ! -s'))).toBe(false);
    expect(lines.some((l) => l.includes('KUBE-LOOP-BACK'))).toBe(false);
    expect(lines).toContain('-A KUBE-IPVS-FILTER -m set --match-set KUBE-CLUSTER-IP dst,dst -j RETURN');
  });
});
