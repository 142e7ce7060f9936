// The cluster as kube-proxy sees it, resolved from a scenario's `kubernetes:` block and its
// machines' parsed scripts: which machines run kube-proxy, and every Service port with the
// addresses of its endpoints (each endpoint namespace's address on its eth0, as its machine's
// script configures it). The generators (iptables.ts, ipvs.ts) read only this.
import { parseIpv4 } from '../../../engine/addr/ipv4';
import type { Op } from '../../../engine/config/ops';
import type { KubernetesData } from '../../schema';

export type Protocol = 'TCP' | 'UDP';

export interface Endpoint {
  readonly machine: string;
  readonly netns: string;
  readonly ip: string;
}

export interface ServicePort {
  /** "namespace/name" or "namespace/name:portName" (kube-proxy's ServicePortName.String()). */
  readonly servicePortName: string;
  readonly clusterIP: string;
  readonly port: number;
  readonly targetPort: number;
  readonly nodePort?: number;
  readonly protocol: Protocol;
  readonly externalTrafficPolicy: 'Cluster' | 'Local';
  /** Sorted the way kube-proxy sorts them: by "ip:port" as a string. */
  readonly endpoints: readonly Endpoint[];
}

export interface KubeNode {
  readonly name: string;
  /** The node's script sets net.netfilter.nf_conntrack_tcp_be_liberal to non-zero. */
  readonly tcpBeLiberal: boolean;
  /** Addresses of the root namespace except lo's (IPVS NodePort virtual servers listen on them). */
  readonly addresses: readonly string[];
}

export interface Cluster {
  readonly mode: 'iptables' | 'ipvs';
  readonly clusterCIDR: string;
  readonly nodes: readonly KubeNode[];
  readonly servicePorts: readonly ServicePort[];
}

/** A machine and its parsed script, as the resolver needs them. */
export interface MachineOps {
  readonly name: string;
  readonly role: string;
  readonly ops: readonly Op[];
}

/** Something in the kubernetes block that does not fit the machines; `path` is its YAML path. */
export interface ClusterProblem {
  readonly path: readonly (string | number)[];
  readonly code: 'schema' | 'unknown-reference' | 'duplicate';
  readonly message: string;
}

/** The addresses a device holds at the end of a namespace's ops (add, del and flush). */
export function addressesOf(ops: readonly Op[], netns: string, dev: string): string[] {
  let addrs: string[] = [];
  for (const op of ops) {
    if (op.netns !== netns || !('dev' in op) || op.dev !== dev) continue;
    if (op.op === 'addr-add') addrs.push(formatAddr(op.addr));
    else if (op.op === 'addr-del') addrs = addrs.filter((a) => a !== formatAddr(op.addr));
    else if (op.op === 'addr-flush') addrs = [];
  }
  return [...new Set(addrs)];
}

function formatAddr(addr: number): string {
  return [addr >>> 24, (addr >>> 16) & 255, (addr >>> 8) & 255, addr & 255].join('.');
}

/** Root-namespace addresses on every device but lo and kube-ipvs0, in script order. */
function nodeAddresses(ops: readonly Op[]): string[] {
  const devices = [...new Set(ops.flatMap((op) => (op.netns === '' && op.op === 'addr-add' ? [op.dev] : [])))];
  return [...new Set(devices.filter((dev) => dev !== 'lo' && dev !== 'kube-ipvs0').flatMap((dev) => addressesOf(ops, '', dev)))];
}

function tcpBeLiberal(ops: readonly Op[]): boolean {
  let value = '0';
  for (const op of ops) if (op.op === 'sysctl' && op.netns === '' && op.key === 'net.netfilter.nf_conntrack_tcp_be_liberal') value = op.value;
  return value.trim() !== '0';
}

function namespacesOf(ops: readonly Op[]): Set<string> {
  return new Set(ops.flatMap((op) => (op.op === 'netns-add' ? [op.name] : [])));
}

/** kube-proxy keeps endpoints sorted by their "ip:port" string (endpointsMapFromEndpointInfo). */
function byEndpointString(a: { key: string }, b: { key: string }): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * Resolves the block against the machines. Problems name the YAML path of the value at fault;
 * the cluster is returned only when there are none.
 */
export function resolveCluster(kubernetes: KubernetesData, machines: readonly MachineOps[]): { cluster?: Cluster; problems: ClusterProblem[] } {
  const problems: ClusterProblem[] = [];
  const byName = new Map(machines.map((m) => [m.name, m]));
  const known = [...byName.keys()].join(', ') || '(none)';

  let nodeNames: string[];
  if (kubernetes.nodes) {
    nodeNames = [];
    kubernetes.nodes.forEach((name, i) => {
      if (!byName.has(name)) problems.push({ path: ['kubernetes', 'nodes', i], code: 'unknown-reference', message: `unknown machine "${name}"; machines: ${known}` });
      else if (nodeNames.includes(name)) problems.push({ path: ['kubernetes', 'nodes', i], code: 'duplicate', message: `duplicate node "${name}"` });
      else nodeNames.push(name);
    });
  } else {
    nodeNames = machines.filter((m) => m.role === 'node').map((m) => m.name);
    if (nodeNames.length === 0) {
      problems.push({
        path: ['kubernetes'],
        code: 'schema',
        message: 'no machine runs kube-proxy: expected machines with `role: node`, or their names in kubernetes.nodes',
      });
    }
  }

  const servicePorts: ServicePort[] = [];
  const serviceAt = new Map<string, number>();
  const clusterIPAt = new Map<string, number>();
  kubernetes.services.forEach((service, s) => {
    const path = ['kubernetes', 'services', s];
    const id = `${service.namespace}/${service.name}`;
    if (serviceAt.has(id)) problems.push({ path: [...path, 'name'], code: 'duplicate', message: `duplicate Service "${id}" (also services[${serviceAt.get(id)}])` });
    else serviceAt.set(id, s);
    if (clusterIPAt.has(service.clusterIP)) {
      problems.push({ path: [...path, 'clusterIP'], code: 'duplicate', message: `duplicate clusterIP ${service.clusterIP} (also services[${clusterIPAt.get(service.clusterIP)}])` });
    } else clusterIPAt.set(service.clusterIP, s);

    const endpoints: Endpoint[] = [];
    service.endpoints.forEach(({ machine, netns }, e) => {
      const at = [...path, 'endpoints', e];
      const where = netns ? `${machine}/${netns}` : machine;
      const owner = byName.get(machine);
      if (!owner) return problems.push({ path: at, code: 'unknown-reference', message: `unknown machine "${machine}"; machines: ${known}` });
      if (netns !== '' && !namespacesOf(owner.ops).has(netns)) {
        const created = [...namespacesOf(owner.ops)].join(', ') || '(none)';
        return problems.push({ path: at, code: 'unknown-reference', message: `machine ${machine} has no namespace "${netns}"; its script creates: ${created}` });
      }
      const [ip] = addressesOf(owner.ops, netns, 'eth0');
      if (ip === undefined || parseIpv4(ip) === undefined) {
        return problems.push({
          path: at,
          code: 'schema',
          message: `expected an endpoint with an address on its eth0: ${machine}'s script adds none to eth0${netns ? ` in namespace ${netns}` : ''} (\`${netns ? `ip netns exec ${netns} ` : ''}ip addr add A.B.C.D/N dev eth0\`)`,
        });
      }
      if (endpoints.some((other) => other.ip === ip)) {
        return problems.push({ path: at, code: 'duplicate', message: `duplicate endpoint ${where} (${ip} is already an endpoint of this Service)` });
      }
      endpoints.push({ machine, netns, ip });
    });

    for (const port of service.ports) {
      const servicePortName = `${service.namespace}/${service.name}${port.name ? `:${port.name}` : ''}`;
      const sorted = endpoints.map((ep) => ({ ep, key: `${ep.ip}:${port.targetPort}` })).sort(byEndpointString);
      servicePorts.push({
        servicePortName,
        clusterIP: service.clusterIP,
        port: port.port,
        targetPort: port.targetPort,
        ...(port.nodePort !== undefined ? { nodePort: port.nodePort } : {}),
        protocol: port.protocol,
        externalTrafficPolicy: service.externalTrafficPolicy,
        endpoints: sorted.map(({ ep }) => ep),
      });
    }
  });

  if (problems.length > 0) return { problems };
  const nodes = nodeNames.map((name) => {
    const ops = byName.get(name)?.ops ?? [];
    return { name, tcpBeLiberal: tcpBeLiberal(ops), addresses: nodeAddresses(ops) };
  });
  return { cluster: { mode: kubernetes.kubeProxy.mode, clusterCIDR: kubernetes.kubeProxy.clusterCIDR, nodes, servicePorts }, problems };
}
