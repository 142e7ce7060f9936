// Fixtures for the generator tests: a small cluster built by hand (no scenario file needed).
import type { Cluster, Endpoint, KubeNode, ServicePort } from './cluster';

export const NODE1: KubeNode = { name: 'node1', tcpBeLiberal: false, addresses: ['192.168.3.10'] };
export const NODE2: KubeNode = { name: 'node2', tcpBeLiberal: false, addresses: ['192.168.3.11'] };

export const POD_A: Endpoint = { machine: 'node1', netns: 'pod-a', ip: '10.244.1.10' };
export const POD_B: Endpoint = { machine: 'node2', netns: 'pod-b', ip: '10.244.2.10' };

/** default/web:http — ClusterIP 10.96.0.100:80 and NodePort 30080 → :8080 on pod-a and pod-b. */
export function webPort(overrides: Partial<ServicePort> = {}): ServicePort {
  return {
    servicePortName: 'default/web:http',
    clusterIP: '10.96.0.100',
    port: 80,
    targetPort: 8080,
    nodePort: 30080,
    protocol: 'TCP',
    externalTrafficPolicy: 'Cluster',
    endpoints: [POD_A, POD_B],
    ...overrides,
  };
}

export function cluster(mode: Cluster['mode'], servicePorts: readonly ServicePort[]): Cluster {
  return { mode, clusterCIDR: '10.244.0.0/16', nodes: [NODE1, NODE2], servicePorts };
}

/** The lines between `<<EOF` and `EOF`. */
export function restoreBlock(script: string): string[] {
  const lines = script.split('\n');
  const start = lines.indexOf('iptables-restore --noflush <<EOF');
  const end = lines.lastIndexOf('EOF');
  return lines.slice(start + 1, end);
}
