// The kube-proxy generator: from a scenario's `kubernetes:` block and its machines' parsed
// scripts, the commands kube-proxy would run on each node, as script text in Linux's own
// language. loadScenario appends that text to each node's script and parses it like the rest,
// so the rules are ordinary config: shown, editable by variants, exported by export-script.
import type { KubernetesData } from '../../schema';
import { resolveCluster, type Cluster, type ClusterProblem, type KubeNode, type MachineOps } from './cluster';
import { iptablesModeScript } from './iptables';
import { ipvsModeScript } from './ipvs';

export type { Cluster, ClusterProblem, Endpoint, KubeNode, MachineOps, ServicePort } from './cluster';
export { addressesOf, resolveCluster } from './cluster';
export { endpointChain, portProtoHash, serviceChains, servicePortName } from './hash';
export { iptablesModeScript, iptablesRestoreInput, MASQUERADE_MARK, probability } from './iptables';
export { ipvsModeScript, ipvsRestoreInput } from './ipvs';

/** What kube-proxy does to one node, in the cluster's proxy mode. */
export function kubeProxyScript(cluster: Cluster, node: KubeNode): string {
  return cluster.mode === 'ipvs' ? ipvsModeScript(cluster, node) : iptablesModeScript(cluster, node);
}

export interface GeneratedScript {
  readonly machine: string;
  readonly text: string;
}

/**
 * One script per machine that runs kube-proxy, in the order of `machines`; or the problems
 * that keep the block from describing this lab (each with its YAML path).
 */
export function generateKubeProxy(kubernetes: KubernetesData, machines: readonly MachineOps[]): { scripts: GeneratedScript[]; problems: ClusterProblem[] } {
  const { cluster, problems } = resolveCluster(kubernetes, machines);
  if (!cluster) return { scripts: [], problems };
  const order = new Map(machines.map((m, i) => [m.name, i]));
  const nodes = [...cluster.nodes].sort((a, b) => (order.get(a.name) ?? 0) - (order.get(b.name) ?? 0));
  return { scripts: nodes.map((node) => ({ machine: node.name, text: kubeProxyScript(cluster, node) })), problems };
}
