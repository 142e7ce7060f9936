// A lab the size of a real node, for the page: services-kube-proxy with `n` more Services of two
// endpoints each (about 11 iptables-save lines per Service). Written in YAML's compact form so
// 8,000 Services (~88,000 iptables-save lines) stay under the page's 1 MB limit for a lab.
import { readFileSync } from 'node:fs';

export function bigKubeProxyLab(n: number): string {
  const text = readFileSync('scenarios/services-kube-proxy.yaml', 'utf8');
  const more = Array.from(
    { length: n },
    (_, i) => `    - {name: s${i}, clusterIP: 10.97.${i >> 8}.${i & 255}, ports: [{port: 80, targetPort: 8080}], endpoints: [host/pod-b, host/pod-c]}`,
  );
  if (!text.includes('\nflows:\n')) throw new Error('services-kube-proxy.yaml has no flows: key at the start of a line');
  return text.replace('\nflows:\n', `\n${more.join('\n')}\n\nflows:\n`);
}
