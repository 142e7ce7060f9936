// kube-proxy in IPVS mode (v1.29+), as shell commands for one node: the sysctls it sets, its
// iptables chains and jumps, the kube-ipvs0 dummy holding every ClusterIP (so traffic to a
// ClusterIP is local and meets IPVS at LOCAL_IN), the ipsets its rules match, one IPVS
// virtual server per ClusterIP:port (and per node address:nodePort) with the endpoints as
// masquerading real servers, and the `iptables-restore --noflush` input of its first sync.
// Order and text follow pkg/proxy/ipvs/proxier.go (createAndLinkKubeChain, syncProxyRules,
// writeIptablesRules).
//
// Left out on purpose: the ipsets no rule here refers to while empty (load balancer source
// ranges, SCTP node ports), ipset comments, and `ipvsadm --set` timeouts (none by default).
import type { Cluster, Endpoint, KubeNode, ServicePort } from './cluster';
import { MASQUERADE_MARK } from './iptables';

interface IpsetInfo {
  readonly name: string;
  readonly type: 'hash:ip' | 'hash:ip,port' | 'hash:ip,port,ip' | 'bitmap:port';
  readonly comment: string;
  /** A rule matches it whether it has members or not, so it must exist. */
  readonly alwaysReferenced: boolean;
}

/** ipsetInfo, in kube-proxy's order (the sets this generator can fill or refer to). */
const IPSETS: readonly IpsetInfo[] = [
  { name: 'KUBE-LOOP-BACK', type: 'hash:ip,port,ip', comment: 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose', alwaysReferenced: false },
  { name: 'KUBE-CLUSTER-IP', type: 'hash:ip,port', comment: 'Kubernetes service cluster ip + port for masquerade purpose', alwaysReferenced: true },
  { name: 'KUBE-EXTERNAL-IP', type: 'hash:ip,port', comment: 'Kubernetes service external ip + port for masquerade and filter purpose', alwaysReferenced: true },
  { name: 'KUBE-EXTERNAL-IP-LOCAL', type: 'hash:ip,port', comment: 'Kubernetes service external ip + port with externalTrafficPolicy=local', alwaysReferenced: true },
  { name: 'KUBE-LOAD-BALANCER', type: 'hash:ip,port', comment: 'Kubernetes service lb portal', alwaysReferenced: true },
  { name: 'KUBE-NODE-PORT-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port for masquerade purpose', alwaysReferenced: false },
  { name: 'KUBE-NODE-PORT-LOCAL-TCP', type: 'bitmap:port', comment: 'Kubernetes nodeport TCP port with externalTrafficPolicy=local', alwaysReferenced: false },
  { name: 'KUBE-NODE-PORT-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port for masquerade purpose', alwaysReferenced: false },
  { name: 'KUBE-NODE-PORT-LOCAL-UDP', type: 'bitmap:port', comment: 'Kubernetes nodeport UDP port with externalTrafficPolicy=local', alwaysReferenced: false },
  { name: 'KUBE-HEALTH-CHECK-NODE-PORT', type: 'bitmap:port', comment: 'Kubernetes health check node port', alwaysReferenced: true },
  { name: 'KUBE-IPVS-IPS', type: 'hash:ip', comment: 'Addresses on the ipvs interface', alwaysReferenced: true },
];

const COMMENT = new Map(IPSETS.map((set) => [set.name, set.comment]));

/** ipsetWithIptablesChain: a rule per non-empty set, in this order (load balancer sets omitted). */
const SET_RULES: readonly { set: string; table: 'nat'; from: string; to: string; match: string; proto?: string }[] = [
  { set: 'KUBE-LOOP-BACK', table: 'nat', from: 'KUBE-POSTROUTING', to: 'MASQUERADE', match: 'dst,dst,src' },
  { set: 'KUBE-NODE-PORT-LOCAL-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', match: 'dst', proto: 'tcp' },
  { set: 'KUBE-NODE-PORT-TCP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', match: 'dst', proto: 'tcp' },
  { set: 'KUBE-NODE-PORT-LOCAL-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'RETURN', match: 'dst', proto: 'udp' },
  { set: 'KUBE-NODE-PORT-UDP', table: 'nat', from: 'KUBE-NODE-PORT', to: 'KUBE-MARK-MASQ', match: 'dst', proto: 'udp' },
];

/** iptablesChains: created first, in this order. */
const CHAINS: readonly { table: 'nat' | 'filter'; chain: string }[] = [
  { table: 'nat', chain: 'KUBE-SERVICES' },
  { table: 'nat', chain: 'KUBE-POSTROUTING' },
  { table: 'nat', chain: 'KUBE-NODE-PORT' },
  { table: 'nat', chain: 'KUBE-LOAD-BALANCER' },
  { table: 'nat', chain: 'KUBE-MARK-MASQ' },
  { table: 'filter', chain: 'KUBE-FORWARD' },
  { table: 'filter', chain: 'KUBE-NODE-PORT' },
  { table: 'filter', chain: 'KUBE-PROXY-FIREWALL' },
  { table: 'filter', chain: 'KUBE-SOURCE-RANGES-FIREWALL' },
  { table: 'filter', chain: 'KUBE-IPVS-FILTER' },
  { table: 'filter', chain: 'KUBE-IPVS-OUT-FILTER' },
];

/** iptablesJumpChain: each installed with `-I`, so the last one ends up first. */
const JUMPS: readonly { table: 'nat' | 'filter'; from: string; to: string; comment: string }[] = [
  { table: 'nat', from: 'OUTPUT', to: 'KUBE-SERVICES', comment: 'kubernetes service portals' },
  { table: 'nat', from: 'PREROUTING', to: 'KUBE-SERVICES', comment: 'kubernetes service portals' },
  { table: 'nat', from: 'POSTROUTING', to: 'KUBE-POSTROUTING', comment: 'kubernetes postrouting rules' },
  { table: 'filter', from: 'FORWARD', to: 'KUBE-FORWARD', comment: 'kubernetes forwarding rules' },
  { table: 'filter', from: 'INPUT', to: 'KUBE-NODE-PORT', comment: 'kubernetes health check rules' },
  { table: 'filter', from: 'INPUT', to: 'KUBE-PROXY-FIREWALL', comment: 'kube-proxy firewall rules' },
  { table: 'filter', from: 'FORWARD', to: 'KUBE-PROXY-FIREWALL', comment: 'kube-proxy firewall rules' },
  { table: 'filter', from: 'INPUT', to: 'KUBE-IPVS-FILTER', comment: 'kubernetes ipvs access filter' },
  { table: 'filter', from: 'OUTPUT', to: 'KUBE-IPVS-OUT-FILTER', comment: 'kubernetes ipvs access filter' },
];

/** The members of every set on `node`, as kube-proxy's Entry.String() writes them. */
function ipsetMembers(cluster: Cluster, node: KubeNode): Map<string, Set<string>> {
  const members = new Map(IPSETS.map((set) => [set.name, new Set<string>()]));
  const add = (set: string, entry: string) => members.get(set)?.add(entry);
  for (const sp of cluster.servicePorts) {
    const proto = sp.protocol.toLowerCase();
    for (const ep of sp.endpoints) if (ep.machine === node.name) add('KUBE-LOOP-BACK', `${ep.ip},${proto}:${sp.targetPort},${ep.ip}`);
    add('KUBE-CLUSTER-IP', `${sp.clusterIP},${proto}:${sp.port}`);
    if (sp.nodePort !== undefined && node.addresses.length > 0) {
      add(`KUBE-NODE-PORT-${sp.protocol}`, String(sp.nodePort));
      if (sp.externalTrafficPolicy === 'Local') add(`KUBE-NODE-PORT-LOCAL-${sp.protocol}`, String(sp.nodePort));
    }
    add('KUBE-IPVS-IPS', sp.clusterIP);
  }
  return members;
}

/** `ipset create` as kube-proxy's ipset runner spells it (without the comment extension). */
function ipsetCreate(set: IpsetInfo): string {
  const options = set.type === 'bitmap:port' ? 'range 0-65535' : 'family inet hashsize 1024 maxelem 65536';
  return `ipset create ${set.name} ${set.type} ${options}`;
}

function ipvsProto(sp: ServicePort): string {
  return sp.protocol === 'TCP' ? '-t' : '-u';
}

/** A virtual server and its real servers: `ipvsadm -A … -s rr`, `ipvsadm -a … -r … -m`. */
function virtualServer(vip: string, port: number, sp: ServicePort, endpoints: readonly Endpoint[]): string[] {
  const service = `${ipvsProto(sp)} ${vip}:${port}`;
  return [`ipvsadm -A ${service} -s rr`, ...endpoints.map((ep) => `ipvsadm -a ${service} -r ${ep.ip}:${sp.targetPort} -m`)];
}

/** IPVS virtual servers, kube-ipvs0 addresses, in syncProxyRules order. */
function ipvsCommands(cluster: Cluster, node: KubeNode): string[] {
  const lines: string[] = [];
  const bound = new Set<string>();
  for (const sp of cluster.servicePorts) {
    // ClusterIP: every endpoint (internalTrafficPolicy Cluster); the address goes on kube-ipvs0.
    const [add, ...real] = virtualServer(sp.clusterIP, sp.port, sp, sp.endpoints);
    lines.push(add);
    if (!bound.has(sp.clusterIP)) {
      bound.add(sp.clusterIP);
      lines.push(`ip addr add ${sp.clusterIP}/32 dev kube-ipvs0`);
    }
    lines.push(...real);
    // NodePort: one virtual server per node address. Local policy keeps to local endpoints,
    // unless there are none (then the Cluster list, so pods on this node still get an answer).
    if (sp.nodePort !== undefined) {
      const local = sp.endpoints.filter((ep) => ep.machine === node.name);
      const endpoints = sp.externalTrafficPolicy === 'Local' && local.length > 0 ? local : sp.endpoints;
      for (const address of node.addresses) lines.push(...virtualServer(address, sp.nodePort, sp, endpoints));
    }
  }
  return lines;
}

/** The `iptables-restore` input of one sync on `node`: *nat then *filter, as writeIptablesRules. */
export function ipvsRestoreInput(cluster: Cluster, node: KubeNode): string[] {
  const members = ipsetMembers(cluster, node);
  const nonEmpty = (set: string) => (members.get(set)?.size ?? 0) > 0;
  const natChains = CHAINS.filter((c) => c.table === 'nat').map((c) => `:${c.chain} - [0:0]`);
  const filterChains = CHAINS.filter((c) => c.table === 'filter').map((c) => `:${c.chain} - [0:0]`);
  const nat: string[] = [];
  const filter: string[] = [];
  const mark = `${MASQUERADE_MARK}/${MASQUERADE_MARK}`;

  nat.push('-A KUBE-SERVICES -s 127.0.0.0/8 -j RETURN');
  for (const rule of SET_RULES) {
    if (!nonEmpty(rule.set)) continue;
    const proto = rule.proto ? `-p ${rule.proto} ` : '';
    nat.push(`-A ${rule.from} ${proto}-m comment --comment "${COMMENT.get(rule.set)}" -m set --match-set ${rule.set} ${rule.match} -j ${rule.to}`);
  }
  if (nonEmpty('KUBE-CLUSTER-IP')) {
    nat.push(
      `-A KUBE-SERVICES -m comment --comment "${COMMENT.get('KUBE-CLUSTER-IP')}" -m set --match-set KUBE-CLUSTER-IP dst,dst ! -s ${cluster.clusterCIDR} -j KUBE-MARK-MASQ`,
    );
  }
  nat.push('-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODE-PORT');
  nat.push('-A KUBE-LOAD-BALANCER -j KUBE-MARK-MASQ');
  filter.push('-A KUBE-SOURCE-RANGES-FIREWALL -j DROP');
  if (nonEmpty('KUBE-CLUSTER-IP')) nat.push('-A KUBE-SERVICES -m set --match-set KUBE-CLUSTER-IP dst,dst -j ACCEPT');
  filter.push(`-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark ${mark} -j ACCEPT`);
  filter.push('-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');
  filter.push(`-A KUBE-NODE-PORT -m comment --comment "${COMMENT.get('KUBE-HEALTH-CHECK-NODE-PORT')}" -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j ACCEPT`);
  for (const set of ['KUBE-LOAD-BALANCER', 'KUBE-CLUSTER-IP', 'KUBE-EXTERNAL-IP', 'KUBE-EXTERNAL-IP-LOCAL']) {
    filter.push(`-A KUBE-IPVS-FILTER -m set --match-set ${set} dst,dst -j RETURN`);
  }
  filter.push('-A KUBE-IPVS-FILTER -m set --match-set KUBE-HEALTH-CHECK-NODE-PORT dst -j RETURN');
  filter.push('-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT');
  nat.push(`-A KUBE-POSTROUTING -m mark ! --mark ${mark} -j RETURN`);
  nat.push(`-A KUBE-POSTROUTING -j MARK --xor-mark ${MASQUERADE_MARK}`);
  nat.push('-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully');
  nat.push(`-A KUBE-MARK-MASQ -j MARK --or-mark ${MASQUERADE_MARK}`);

  return ['*nat', ...natChains, ...nat, 'COMMIT', '*filter', ...filterChains, ...filter, 'COMMIT'];
}

/** Everything kube-proxy (IPVS mode) does to `node`, as a script to append to its own. */
export function ipvsModeScript(cluster: Cluster, node: KubeNode): string {
  const members = ipsetMembers(cluster, node);
  const sets = IPSETS.filter((set) => set.alwaysReferenced || (members.get(set.name)?.size ?? 0) > 0);
  return [
    `# kube-proxy (IPVS mode) on ${node.name}, generated by podpath from the kubernetes: block.`,
    '# Start-up: the IPVS module and the sysctls kube-proxy sets (conn_reuse_mode stays as is on kernels >= 5.9).',
    'modprobe ip_vs',
    'sysctl -w net.ipv4.vs.conntrack=1',
    'sysctl -w net.ipv4.vs.expire_nodest_conn=1',
    'sysctl -w net.ipv4.vs.expire_quiescent_template=1',
    'sysctl -w net.ipv4.ip_forward=1',
    '# Its chains and the jumps from the built-in chains.',
    ...CHAINS.map((c) => `iptables -t ${c.table} -N ${c.chain}`),
    ...JUMPS.map((j) => `iptables -t ${j.table} -I ${j.from} -m comment --comment "${j.comment}" -j ${j.to}`),
    '# kube-ipvs0 holds every ClusterIP, so traffic to one is local and meets IPVS. kube-proxy never sets it up:',
    '# a local route exists for an address on a down device.',
    'ip link add kube-ipvs0 type dummy',
    '# The sets its iptables rules match.',
    ...sets.map(ipsetCreate),
    '# One virtual server per ClusterIP:port and node address:nodePort; the endpoints are real servers (-m: masquerade, i.e. NAT).',
    ...ipvsCommands(cluster, node),
    ...sets.flatMap((set) => [...(members.get(set.name) ?? [])].sort().map((entry) => `ipset add ${set.name} ${entry}`)),
    '# First sync of its iptables rules.',
    'iptables-restore --noflush <<EOF',
    ...ipvsRestoreInput(cluster, node),
    'EOF',
  ].join('\n');
}
