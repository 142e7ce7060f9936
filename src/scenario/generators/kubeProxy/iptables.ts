// kube-proxy in iptables mode (v1.29+), as shell commands for one node: the sysctl it sets,
// the chains and jump rules it installs with `iptables -N` / `iptables -I` when it starts,
// and the `iptables-restore --noflush` input of its first full sync. Rule text, order,
// comments and chain names follow pkg/proxy/iptables/proxier.go, so `iptables-save` on the
// simulated node reads like a real one (the mark is written as kube-proxy writes it,
// 0x00004000; iptables-save prints it back as 0x4000).
//
// Left out on purpose: KUBE-FIREWALL (kubelet's chain; kube-proxy keeps a copy of its
// localnet rule), the KUBE-PROXY-CANARY chains (a flush detector), the nfacct counters
// (`-m nfacct`, used only when the kernel offers them) and kube-proxy's conntrack timeouts.
import type { Cluster, Endpoint, KubeNode, ServicePort } from './cluster';
import { endpointChain, serviceChains } from './hash';

/** fmt.Sprintf("%#08x", 1<<14): Go pads the digits, then adds the prefix. */
export const MASQUERADE_MARK = '0x00004000';

/** Above this many endpoint chains kube-proxy drops the per-endpoint comments. */
const LARGE_CLUSTER_ENDPOINTS = 1000;

/** kube-proxy's computeProbability: fmt.Sprintf("%0.10f", 1/n), ties rounded to even as Go does. */
export function probability(n: number): string {
  const x = 1 / n;
  const fixed = x.toFixed(10);
  const exact = x.toFixed(30);
  const tie = exact.slice(12, 13) === '5' && /^0*$/.test(exact.slice(13));
  if (!tie) return fixed;
  // toFixed rounds a tie up; Go rounds it to the even digit.
  const down = exact.slice(0, 12);
  return Number(down.at(-1)) % 2 === 0 ? down : fixed;
}

interface JumpChain {
  readonly table: 'filter' | 'nat';
  readonly chain: string;
  readonly from: string;
  readonly comment: string;
  readonly ctstateNew: boolean;
}

/** iptablesJumpChains: installed in this order, each with `-I` (so the last one ends up first). */
const JUMP_CHAINS: readonly JumpChain[] = [
  { table: 'filter', chain: 'KUBE-EXTERNAL-SERVICES', from: 'INPUT', comment: 'kubernetes externally-visible service portals', ctstateNew: true },
  { table: 'filter', chain: 'KUBE-EXTERNAL-SERVICES', from: 'FORWARD', comment: 'kubernetes externally-visible service portals', ctstateNew: true },
  { table: 'filter', chain: 'KUBE-NODEPORTS', from: 'INPUT', comment: 'kubernetes health check service ports', ctstateNew: false },
  { table: 'filter', chain: 'KUBE-SERVICES', from: 'FORWARD', comment: 'kubernetes service portals', ctstateNew: true },
  { table: 'filter', chain: 'KUBE-SERVICES', from: 'OUTPUT', comment: 'kubernetes service portals', ctstateNew: true },
  { table: 'filter', chain: 'KUBE-FORWARD', from: 'FORWARD', comment: 'kubernetes forwarding rules', ctstateNew: false },
  { table: 'filter', chain: 'KUBE-PROXY-FIREWALL', from: 'INPUT', comment: 'kubernetes load balancer firewall', ctstateNew: true },
  { table: 'filter', chain: 'KUBE-PROXY-FIREWALL', from: 'OUTPUT', comment: 'kubernetes load balancer firewall', ctstateNew: true },
  { table: 'filter', chain: 'KUBE-PROXY-FIREWALL', from: 'FORWARD', comment: 'kubernetes load balancer firewall', ctstateNew: true },
  { table: 'nat', chain: 'KUBE-SERVICES', from: 'OUTPUT', comment: 'kubernetes service portals', ctstateNew: false },
  { table: 'nat', chain: 'KUBE-SERVICES', from: 'PREROUTING', comment: 'kubernetes service portals', ctstateNew: false },
  { table: 'nat', chain: 'KUBE-POSTROUTING', from: 'POSTROUTING', comment: 'kubernetes postrouting rules', ctstateNew: false },
];

/** `iptables -N` for each chain the first time, then its `iptables -I` jump (EnsureChain, EnsureRule Prepend). */
export function jumpCommands(jumps: readonly JumpChain[]): string[] {
  const created = new Set<string>();
  const lines: string[] = [];
  for (const jump of jumps) {
    const key = `${jump.table} ${jump.chain}`;
    if (!created.has(key)) {
      created.add(key);
      lines.push(`iptables -t ${jump.table} -N ${jump.chain}`);
    }
    const ctstate = jump.ctstateNew ? '-m conntrack --ctstate NEW ' : '';
    lines.push(`iptables -t ${jump.table} -I ${jump.from} ${ctstate}-m comment --comment "${jump.comment}" -j ${jump.chain}`);
  }
  return lines;
}

/** One restore table: `:CHAIN - [0:0]` lines first, rules after, as kube-proxy buffers them. */
class RestoreTable {
  readonly chains: string[] = [];
  readonly rules: string[] = [];
  chain(name: string): void {
    this.chains.push(`:${name} - [0:0]`);
  }
  rule(...parts: string[]): void {
    this.rules.push(parts.filter((p) => p !== '').join(' '));
  }
}

/** Endpoints of this service port on `node` (what Local traffic policy may use). */
function localEndpoints(sp: ServicePort, node: KubeNode): Endpoint[] {
  return sp.endpoints.filter((ep) => ep.machine === node.name);
}

/** The rules kube-proxy's syncProxyRules writes for one service port. */
function writeServicePort(sp: ServicePort, node: KubeNode, cidr: string, comments: boolean, filter: RestoreTable, nat: RestoreTable): void {
  const proto = sp.protocol.toLowerCase();
  const name = sp.servicePortName;
  const chains = serviceChains(name, sp.protocol);
  const hasEndpoints = sp.endpoints.length > 0;
  const externalLocal = sp.nodePort !== undefined && sp.externalTrafficPolicy === 'Local';
  const local = externalLocal ? localEndpoints(sp, node) : [];
  const usesClusterChain = hasEndpoints; // internalTrafficPolicy Cluster: every endpoint
  const usesLocalChain = local.length > 0;
  const hasExternalEndpoints = hasEndpoints && (!externalLocal || local.length > 0);
  const externalPolicyChain = externalLocal ? chains.svl : chains.svc;
  const usesExtChain = hasEndpoints && sp.nodePort !== undefined;
  const epString = (ep: Endpoint) => `${ep.ip}:${sp.targetPort}`;
  const epChain = (ep: Endpoint) => endpointChain(name, sp.protocol, epString(ep));
  const clusterIPMatch = `-m ${proto} -p ${proto} -d ${sp.clusterIP} --dport ${sp.port}`;
  const comment = (text: string) => (comments ? `-m comment --comment ${text}` : '');

  const externalFilter = !hasEndpoints
    ? { target: 'REJECT', comment: `"${name} has no endpoints"` }
    : { target: 'DROP', comment: `"${name} has no local endpoints"` };

  // Capture the clusterIP.
  if (hasEndpoints) nat.rule(`-A KUBE-SERVICES -m comment --comment "${name} cluster IP"`, clusterIPMatch, `-j ${chains.svc}`);
  else filter.rule(`-A KUBE-SERVICES -m comment --comment ${externalFilter.comment}`, clusterIPMatch, '-j REJECT');

  // Capture the nodePort.
  if (sp.nodePort !== undefined) {
    if (hasEndpoints) nat.rule(`-A KUBE-NODEPORTS -m comment --comment ${name} -m ${proto} -p ${proto} --dport ${sp.nodePort} -j ${chains.ext}`);
    if (!hasExternalEndpoints) {
      filter.rule(
        `-A KUBE-EXTERNAL-SERVICES -m comment --comment ${externalFilter.comment} -m addrtype --dst-type LOCAL -m ${proto} -p ${proto} --dport ${sp.nodePort} -j ${externalFilter.target}`,
      );
    }
  }

  // Internal traffic: masquerade what comes from outside the pod network.
  if (hasEndpoints) nat.rule(`-A ${chains.svc} -m comment --comment "${name} cluster IP"`, clusterIPMatch, `! -s ${cidr} -j KUBE-MARK-MASQ`);

  // External traffic (the nodePort).
  if (usesExtChain) {
    nat.chain(chains.ext);
    if (!externalLocal) {
      nat.rule(`-A ${chains.ext} -m comment --comment "masquerade traffic for ${name} external destinations" -j KUBE-MARK-MASQ`);
    } else {
      nat.rule(`-A ${chains.ext} -m comment --comment "pod traffic for ${name} external destinations" -s ${cidr} -j ${chains.svc}`);
      nat.rule(`-A ${chains.ext} -m comment --comment "masquerade LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`);
      nat.rule(`-A ${chains.ext} -m comment --comment "route LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${chains.svc}`);
    }
    if (hasExternalEndpoints) nat.rule(`-A ${chains.ext} -j ${externalPolicyChain}`);
  }

  const toEndpoints = (chain: string, endpoints: readonly Endpoint[]) => {
    nat.chain(chain);
    endpoints.forEach((ep, i) => {
      const statistic = i < endpoints.length - 1 ? `-m statistic --mode random --probability ${probability(endpoints.length - i)}` : '';
      nat.rule(`-A ${chain}`, comment(`"${name} -> ${epString(ep)}"`), statistic, `-j ${epChain(ep)}`);
    });
  };
  if (usesClusterChain) toEndpoints(chains.svc, sp.endpoints);
  if (usesLocalChain) toEndpoints(chains.svl, local);

  // One chain per endpoint: mark hairpin traffic for SNAT, then DNAT.
  const reachable = usesClusterChain ? sp.endpoints : local;
  for (const ep of reachable) {
    const chain = epChain(ep);
    nat.chain(chain);
    nat.rule(`-A ${chain}`, comment(name), `-s ${ep.ip} -j KUBE-MARK-MASQ`);
    nat.rule(`-A ${chain}`, comment(name), `-m ${proto} -p ${proto} -j DNAT --to-destination ${epString(ep)}`);
  }
}

/** The `iptables-restore` input of one sync on `node`, *filter then *nat. */
export function iptablesRestoreInput(cluster: Cluster, node: KubeNode): string[] {
  const filter = new RestoreTable();
  const nat = new RestoreTable();
  for (const chain of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) filter.chain(chain);
  for (const chain of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) nat.chain(chain);

  nat.rule(`-A KUBE-POSTROUTING -m mark ! --mark ${MASQUERADE_MARK}/${MASQUERADE_MARK} -j RETURN`);
  nat.rule(`-A KUBE-POSTROUTING -j MARK --xor-mark ${MASQUERADE_MARK}`);
  nat.rule('-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully');
  nat.rule(`-A KUBE-MARK-MASQ -j MARK --or-mark ${MASQUERADE_MARK}`);

  const totalEndpoints = cluster.servicePorts.reduce((n, sp) => n + sp.endpoints.length, 0);
  const comments = totalEndpoints <= LARGE_CLUSTER_ENDPOINTS;
  for (const sp of cluster.servicePorts) writeServicePort(sp, node, cluster.clusterCIDR, comments, filter, nat);

  nat.rule(
    '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS',
  );

  if (!node.tcpBeLiberal) filter.rule('-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP');
  filter.rule(`-A KUBE-FORWARD -m comment --comment "kubernetes forwarding rules" -m mark --mark ${MASQUERADE_MARK}/${MASQUERADE_MARK} -j ACCEPT`);
  filter.rule('-A KUBE-FORWARD -m comment --comment "kubernetes forwarding conntrack rule" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT');

  return ['*filter', ...filter.chains, ...filter.rules, 'COMMIT', '*nat', ...nat.chains, ...nat.rules, 'COMMIT'];
}

/** Everything kube-proxy (iptables mode) does to `node`, as a script to append to its own. */
export function iptablesModeScript(cluster: Cluster, node: KubeNode): string {
  return [
    `# kube-proxy (iptables mode) on ${node.name}, generated by podpath from the kubernetes: block.`,
    '# NodePorts answer on 127.0.0.1 too (--iptables-localhost-nodeports, the default):',
    'sysctl -w net.ipv4.conf.all.route_localnet=1',
    '# Start-up: its chains and the jumps from the built-in chains.',
    ...jumpCommands(JUMP_CHAINS),
    node.tcpBeLiberal
      ? '# First sync (nf_conntrack_tcp_be_liberal is set, so no DROP of ctstate INVALID in KUBE-FORWARD):'
      : '# First sync: every Service and endpoint.',
    'iptables-restore --noflush <<EOF',
    ...iptablesRestoreInput(cluster, node),
    'EOF',
  ].join('\n');
}
