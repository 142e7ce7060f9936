// The benchmark's lab: one Kubernetes node (role node) on a switch, with a client pod and
// three server pods on routed veths (Calico-style proxy-ARP gateway 169.254.10.24), and the
// kube-proxy ruleset loaded with `iptables-restore --noflush <<EOF … EOF` in its machine
// script. The Services the traces aim at have the three server pods as their endpoints, so
// whichever KUBE-SEP the statistic draw picks, the conversation completes.
import { buildWorld, type Flow, type Op, type World } from '../src/engine';
import type { RestoreTable } from '../src/engine/config/netfilter';
import type { WorldSpec } from '../src/engine/config/world';
import { parseScript, scriptLines } from '../src/scenario/commands/dispatch';
import { generateDump, serviceShape, type Dump } from './kubeProxyDump';

export const FILE = 'bench/node.sh';
export const CLIENT_POD = { name: 'client', ip: '10.244.1.10' };
export const SERVER_PODS = [
  { name: 'web-a', ip: '10.244.1.11' },
  { name: 'web-b', ip: '10.244.1.12' },
  { name: 'web-c', ip: '10.244.1.13' },
];

/** The Services traced: the first, the middle and the last rule of KUBE-SERVICES. */
export function tracedServices(services: number): { label: string; index: number }[] {
  const picks = [
    { label: 'first', index: 0 },
    { label: 'middle', index: Math.floor(services / 2) },
    { label: 'last', index: services - 1 },
  ];
  return picks.filter((p, i) => picks.findIndex((q) => q.index === p.index) === i);
}

function pod(name: string, ip: string): string {
  return [
    `ip netns add ${name}`,
    `ip link add veth-${name} type veth peer name eth0 netns ${name}`,
    `ip link set veth-${name} up`,
    `sysctl -w net.ipv4.conf.veth-${name}.proxy_arp=1`,
    `ip route add ${ip} dev veth-${name}`,
    `ip -n ${name} addr add ${ip}/24 dev eth0`,
    `ip -n ${name} link set eth0 up`,
    `ip -n ${name} route add default via 169.254.10.24 dev eth0 onlink`,
  ].join('\n');
}

/** The node's own setup: its NIC, forwarding, four pods, and the servers' listeners. */
export function setupScript(targetPorts: readonly number[]): string {
  const lines = [
    '# a Kubernetes node: eth0 on the LAN, pods 10.244.1.0/24 on routed veths',
    'ip addr add 192.168.6.160/24 dev eth0',
    'ip link set eth0 up',
    'ip route add default via 192.168.6.1',
    'sysctl -w net.ipv4.ip_forward=1',
    pod(CLIENT_POD.name, CLIENT_POD.ip),
    ...SERVER_PODS.map((p) => pod(p.name, p.ip)),
    ...SERVER_PODS.flatMap((p) => targetPorts.map((port) => `ip netns exec ${p.name} nc -lk ${port} &`)),
  ];
  return `${lines.join('\n')}\n`;
}

export interface BenchLab {
  readonly dump: Dump;
  readonly setup: string;
  /** the whole machine script: setup, then the dump as a heredoc */
  readonly script: string;
  readonly traced: { label: string; index: number; flow: Flow }[];
}

export function makeLab(services: number): BenchLab {
  const traced = tracedServices(services);
  const localEndpoints = new Map(traced.map((t) => [t.index, SERVER_PODS.map((p) => p.ip)] as const));
  const dump = generateDump({ services, localEndpoints });
  const ports = [...new Set(traced.map((t) => serviceShape(t.index).port.targetPort))].sort((a, b) => a - b);
  const setup = setupScript(ports);
  const script = `${setup}iptables-restore --noflush <<EOF\n${dump.text}EOF\n`;
  return {
    dump,
    setup,
    script,
    traced: traced.map((t) => {
      const svc = dump.services[t.index];
      return {
        ...t,
        flow: {
          id: `client->${svc.portName}`,
          from: { machine: 'node', netns: CLIENT_POD.name },
          to: { addr: svc.clusterIp, port: svc.port },
          protocol: 'tcp' as const,
        },
      };
    }),
  };
}

/** Does the scenario parser understand `iptables-restore <<EOF` yet? */
export function parserReady(): { ready: boolean; why?: string } {
  const probe = 'iptables-restore --noflush <<EOF\n*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -j ACCEPT\nCOMMIT\nEOF\n';
  try {
    const { ops, errors } = parseScript(scriptLines(probe), 'probe.sh');
    if (errors.length) return { ready: false, why: errors[0].message };
    if (ops.length !== 1 || ops[0].op !== 'iptables-restore') return { ready: false, why: `parsed into ${ops.map((o) => o.op).join(', ') || 'nothing'}` };
    return { ready: true };
  } catch (e) {
    return { ready: false, why: String(e) };
  }
}

/** The script through the real parser: what the parse timing measures. */
export function parseLab(lab: BenchLab): { ops: readonly Op[]; errors: readonly string[] } {
  const { ops, errors } = parseScript(scriptLines(lab.script), FILE);
  return { ops, errors: errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`) };
}

/**
 * The same ops without the iptables-restore parser: the setup through the parser, the
 * ruleset as the generator's own structured tables. Used while the parser does not exist.
 */
export function directOps(lab: BenchLab): readonly Op[] {
  const { ops, errors } = parseScript(scriptLines(lab.setup), FILE);
  if (errors.length) throw new Error(`setup script: ${errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; ')}`);
  const line = lab.setup.split('\n').length;
  const restore: Op = {
    op: 'iptables-restore',
    noflush: true,
    tables: lab.dump.tables as RestoreTable[],
    loc: { file: FILE, line, col: 1 },
    netns: '',
    text: 'iptables-restore --noflush <<EOF',
  };
  return [...ops, restore];
}

export function worldSpec(ops: readonly Op[]): WorldSpec {
  return {
    networks: [{ name: 'lan', kind: 'switch' }],
    machines: [{ name: 'node', role: 'node', nics: [{ name: 'eth0', network: 'lan' }], ops }],
  };
}

export function build(ops: readonly Op[]): World {
  return buildWorld(worldSpec(ops));
}
