// A Kubernetes node the size of a real busy one, as the *collector snapshot*
// scripts/podpath-collect.sh would write of it (the JSON src/scenario/import/snapshot.ts reads):
// the root namespace with eth0 and its address, P pod namespaces (containerd's `cni-…` named
// namespaces) each joined to the root by a Calico-style routed veth (pod address /32, default
// via 169.254.1.1, a /32 route and proxy ARP on the root side), R extra routes to other nodes'
// networks, ipsets holding E entries in all, and kube-proxy's iptables-save for S Services × 3
// endpoints (bench/kubeProxyDump.ts), the endpoints being the pods.
//
// Device numbering follows what the kernel reports: each namespace numbers its own devices (lo
// is 1), a veth's `link_index` is its peer's ifindex in the peer's namespace, and
// `link_netnsid` is the id the device's namespace has for the peer's (`ip netns list-id`): the
// root names pod k by nsid k, a pod names the root (unnamed: not in /run/netns) by nsid 0.
import { DEVCONF_DEFAULTS } from '../src/engine/kernel/sysctl';
import { clusterIpOf, generateDump, serviceShape, type Dump, type ServiceInfo } from './kubeProxyDump';

export interface NodeSnapshotOptions {
  /** kube-proxy Services, 3 endpoints each (the issue: 10,000) */
  readonly services: number;
  /** pod namespaces (the issue: 500) */
  readonly pods: number;
  /** routes besides the pods' and the node's own (the issue: 2,000) */
  readonly routes: number;
  /** ipset entries over all sets (the issue: 20,000) */
  readonly ipsetEntries: number;
  /** how many sets they are spread over */
  readonly ipsets?: number;
  readonly hostname?: string;
}

export const ISSUE_14_NODE: NodeSnapshotOptions = { services: 10_000, pods: 500, routes: 2_000, ipsetEntries: 20_000 };

export interface PodInfo {
  /** the pod's name (what the import names its namespace) */
  readonly name: string;
  /** the namespace's name in /run/netns */
  readonly netns: string;
  readonly ip: string;
  /** the root side of its veth */
  readonly hostVeth: string;
}

export interface NodeSnapshot {
  /** the snapshot, as JSON.parse of the collector's output gives it */
  readonly snapshot: Record<string, unknown>;
  /** the collector's output: the JSON text */
  readonly text: string;
  /** the kube-proxy ruleset, as iptables-save prints it without counters (what the kernel restores) */
  readonly dump: Dump;
  readonly pods: readonly PodInfo[];
  readonly services: readonly ServiceInfo[];
  readonly stats: { readonly bytes: number; readonly routes: number; readonly ipsetEntries: number; readonly rules: number };
}

const NODE_IP = '192.168.0.10';
const NODE_PREFIX = 21; // 192.168.0.0/21: the node's LAN, where the extra routes' gateways are
const GATEWAY = '192.168.0.1';
const POD_GATEWAY = '169.254.1.1';

const dotted = (v: number) => [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, '0').slice(-width);

/** A deterministic 32-bit mix, so names look random but every run writes the same snapshot. */
function mix(n: number): number {
  let x = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

const mac = (n: number) => `02:${hex(mix(n) >>> 24, 2)}:${hex(mix(n) >>> 16, 2)}:${hex(mix(n + 1), 2)}:${hex(n >>> 8, 2)}:${hex(n, 2)}`;

/** Pod k's address: 10.244.0.0/16 is the cluster's pod CIDR (kube-proxy's --cluster-cidr). */
export const podIp = (k: number) => dotted(((10 << 24) | (244 << 16)) + 2 + k);

export function podOf(k: number): PodInfo {
  const uuid = `${hex(mix(k), 8)}-${hex(mix(k + 7), 4)}-${hex(mix(k + 11), 4)}-${hex(mix(k + 13), 4)}-${hex(mix(k + 17), 8)}${hex(mix(k + 19), 4)}`;
  return { name: `app-${String(k).padStart(4, '0')}-${hex(mix(k + 23), 5)}`, netns: `cni-${uuid}`, ip: podIp(k), hostVeth: `cali${hex(mix(k + 29), 8)}${hex(k, 3)}` };
}

// ---- iproute2's JSON, the fields it prints ----------------------------------------------------

const LO_LINK = { ifindex: 1, ifname: 'lo', flags: ['LOOPBACK', 'UP', 'LOWER_UP'], mtu: 65536, qdisc: 'noqueue', operstate: 'UNKNOWN', linkmode: 'DEFAULT', group: 'default', txqlen: 1000, link_type: 'loopback', address: '00:00:00:00:00:00', broadcast: '00:00:00:00:00:00', promiscuity: 0 };

function etherLink(ifindex: number, ifname: string, address: string, peer?: { index: number; nsid: number }) {
  return {
    ifindex,
    ...(peer ? { link_index: peer.index } : {}),
    ifname,
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    mtu: 1500,
    qdisc: 'noqueue',
    operstate: 'UP',
    linkmode: 'DEFAULT',
    group: 'default',
    txqlen: 1000,
    link_type: 'ether',
    address,
    broadcast: 'ff:ff:ff:ff:ff:ff',
    ...(peer ? { link_netnsid: peer.nsid, linkinfo: { info_kind: 'veth' } } : {}),
    promiscuity: 0,
  };
}

function addrEntry(link: { ifindex: number; ifname: string; flags: string[]; mtu: number; link_type: string; address: string }, addrs: { local: string; prefixlen: number; scope: string }[]) {
  return {
    ifindex: link.ifindex,
    ifname: link.ifname,
    flags: link.flags,
    mtu: link.mtu,
    link_type: link.link_type,
    address: link.address,
    addr_info: addrs.map((a) => ({ family: 'inet', ...a, label: link.ifname, valid_life_time: 4294967295, preferred_life_time: 4294967295 })),
  };
}

const route = (r: Record<string, unknown>) => ({ type: 'unicast', table: 'main', protocol: 'boot', scope: 'global', flags: [] as string[], ...r });

/** The kernel's own routes for lo's 127.0.0.1/8 (in the local table). */
const LO_ROUTES = [
  route({ type: 'local', dst: '127.0.0.0/8', dev: 'lo', table: 'local', protocol: 'kernel', scope: 'host', prefsrc: '127.0.0.1' }),
  route({ type: 'local', dst: '127.0.0.1', dev: 'lo', table: 'local', protocol: 'kernel', scope: 'host', prefsrc: '127.0.0.1' }),
  route({ type: 'broadcast', dst: '127.255.255.255', dev: 'lo', table: 'local', protocol: 'kernel', scope: 'link', prefsrc: '127.0.0.1' }),
];

const DEFAULT_RULES = [
  { priority: 0, src: 'all', table: 'local' },
  { priority: 32766, src: 'all', table: 'main' },
  { priority: 32767, src: 'all', table: 'default' },
];

/** Per-device sysctls as /proc/sys lists them: the kernel's defaults, with the node's changes. */
function deviceSysctls(dev: string, changes: Partial<Record<keyof typeof DEVCONF_DEFAULTS, number>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...DEVCONF_DEFAULTS, ...changes })) out[`net.ipv4.conf.${dev}.${key}`] = String(value);
  return out;
}

function namespace(fields: Record<string, unknown>) {
  return { pod: null, netns: null, neigh: [], fdb: [], bridge_link: [], iptables_save: '', ipset_save: '', ipvsadm: null, conntrack: null, errors: [], rule: DEFAULT_RULES, ...fields };
}

// ---- the pods -------------------------------------------------------------------------------

const ROOT_VETH_FIRST_INDEX = 10;
const POD_ETH0_INDEX = 2;

function podNamespace(k: number, pod: PodInfo) {
  const eth0 = etherLink(POD_ETH0_INDEX, 'eth0', mac(2 * k + 1), { index: ROOT_VETH_FIRST_INDEX + k, nsid: 0 });
  return namespace({
    id: String(4026532000 + 1 + k),
    kind: 'netns',
    name: pod.netns,
    pod: pod.name,
    netns: pod.netns,
    link: [LO_LINK, eth0],
    addr: [addrEntry(LO_LINK, [{ local: '127.0.0.1', prefixlen: 8, scope: 'host' }]), addrEntry(eth0, [{ local: pod.ip, prefixlen: 32, scope: 'global' }])],
    route: [
      route({ dst: 'default', gateway: POD_GATEWAY, dev: 'eth0' }),
      route({ dst: POD_GATEWAY, dev: 'eth0', scope: 'link' }),
      ...LO_ROUTES,
      route({ type: 'local', dst: pod.ip, dev: 'eth0', table: 'local', protocol: 'kernel', scope: 'host', prefsrc: pod.ip }),
    ],
    netnsid: [{ nsid: 0 }],
    sysctl: { 'net.ipv4.ip_forward': '0', ...deviceSysctls('all', {}), ...deviceSysctls('eth0', {}), ...deviceSysctls('lo', {}) },
  });
}

// ---- the node's root namespace --------------------------------------------------------------

/** Extra route k: another node's network (100.64.0.0/10, a /24 each) via a gateway on the LAN. */
function extraRoute(k: number) {
  const net = (100 << 24) | (64 << 16) | (k << 8);
  // 192.168.0.11 … 192.168.7.250: on the LAN, never the node's own .10
  const gw = ((192 << 24) | (168 << 16)) + 11 + ((k * 7) % 2000);
  return route({ dst: `${dotted(net)}/24`, gateway: dotted(gw), dev: 'eth0' });
}

function rootNamespace(pods: readonly PodInfo[], routes: number, iptablesSave: string, ipsetSave: string) {
  const eth0 = etherLink(2, 'eth0', '02:42:c0:a8:00:0a');
  const veths = pods.map((p, k) => etherLink(ROOT_VETH_FIRST_INDEX + k, p.hostVeth, 'ee:ee:ee:ee:ee:ee', { index: POD_ETH0_INDEX, nsid: k }));
  const sysctl: Record<string, string> = { 'net.ipv4.ip_forward': '1', ...deviceSysctls('all', { forwarding: 1 }), ...deviceSysctls('eth0', { forwarding: 1 }), ...deviceSysctls('lo', { forwarding: 1 }) };
  for (const p of pods) Object.assign(sysctl, deviceSysctls(p.hostVeth, { forwarding: 1, proxy_arp: 1 }));
  const broadcast = dotted(((192 << 24) | (168 << 16) | 0x7ff) >>> 0);
  return namespace({
    id: '4026531840',
    kind: 'root',
    name: 'root',
    link: [LO_LINK, eth0, ...veths],
    addr: [addrEntry(LO_LINK, [{ local: '127.0.0.1', prefixlen: 8, scope: 'host' }]), addrEntry(eth0, [{ local: NODE_IP, prefixlen: NODE_PREFIX, scope: 'global' }]), ...veths.map((v) => addrEntry(v, []))],
    route: [
      route({ dst: 'default', gateway: GATEWAY, dev: 'eth0', protocol: 'dhcp', metric: 100 }),
      ...Array.from({ length: routes }, (_, k) => extraRoute(k)),
      ...pods.map((p) => route({ dst: p.ip, dev: p.hostVeth, scope: 'link' })),
      route({ dst: `192.168.0.0/${NODE_PREFIX}`, dev: 'eth0', protocol: 'kernel', scope: 'link', prefsrc: NODE_IP }),
      ...LO_ROUTES,
      route({ type: 'local', dst: NODE_IP, dev: 'eth0', table: 'local', protocol: 'kernel', scope: 'host', prefsrc: NODE_IP }),
      route({ type: 'broadcast', dst: broadcast, dev: 'eth0', table: 'local', protocol: 'kernel', scope: 'link', prefsrc: NODE_IP }),
    ],
    netnsid: pods.map((p, k) => ({ nsid: k, name: p.netns })),
    iptables_save: iptablesSave,
    ipset_save: ipsetSave,
    sysctl,
  });
}

// ---- ipsets ---------------------------------------------------------------------------------

type SetKind = 'hash:ip' | 'hash:net' | 'hash:ip,port';

/** Entry j of a set of that kind: pod-like addresses, networks, ClusterIP,tcp:port pairs. */
function setEntry(kind: SetKind, set: number, j: number): string {
  switch (kind) {
    case 'hash:ip':
      return dotted(((10 << 24) | (245 << 16)) + set * 4096 + j);
    case 'hash:net':
      return `${dotted(((172 << 24) | (16 << 16)) + ((set * 4096 + j) << 4))}/28`;
    case 'hash:ip,port':
      return `${clusterIpOf(j)},tcp:${serviceShape(j).port.port}`;
  }
}

/** `ipset save` of `count` entries over `sets` sets (Calico-like names, kinds taken in turn). */
export function ipsetSave(count: number, sets: number): string {
  const kinds: SetKind[] = ['hash:ip', 'hash:net', 'hash:ip,port'];
  const lines: string[] = [];
  for (let s = 0; s < sets; s++) {
    const kind = kinds[s % kinds.length];
    const size = Math.floor(count / sets) + (s < count % sets ? 1 : 0);
    const name = `cali40s:${hex(mix(s + 101), 8)}${hex(s, 3)}`;
    lines.push(`create ${name} ${kind} family inet hashsize 1024 maxelem ${Math.max(65536, size)} bucketsize 12 initval 0x${hex(mix(s), 8)}`);
    for (let j = 0; j < size; j++) lines.push(`add ${name} ${setEntry(kind, s, j)}`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

// ---- the whole snapshot ---------------------------------------------------------------------

/** iptables-save -c: each rule with its counters, as the collector saves it. */
const withCounters = (text: string) => text.replace(/^-A /gm, '[0:0] -A ');

export function nodeSnapshot(opts: NodeSnapshotOptions): NodeSnapshot {
  if (opts.pods < 3) throw new Error('at least 3 pods: each Service has 3 endpoints');
  if (opts.pods > 60_000) throw new Error('at most 60000 pods (they live in 10.244.0.0/16)');
  if (opts.routes > 16_383) throw new Error('at most 16383 extra routes (100.64.0.0/10 in /24s)');
  const pods = Array.from({ length: opts.pods }, (_, k) => podOf(k));
  // Service i's endpoints are three pods in turn, so every pod serves some Service
  const localEndpoints = new Map(Array.from({ length: opts.services }, (_, i) => [i, [0, 1, 2].map((e) => pods[(3 * i + e) % pods.length].ip)] as const));
  const dump = generateDump({ services: opts.services, localEndpoints });
  const ipsets = opts.ipsets ?? Math.max(1, Math.min(40, Math.ceil(opts.ipsetEntries / 500)));
  const save = withCounters(dump.text);
  const snapshot = {
    podpath_snapshot: 1,
    collector: 'podpath-collect.sh',
    hostname: opts.hostname ?? 'node-big',
    collected_at: '2026-12-03T09:00:00Z',
    kernel: '6.8.0-generic',
    iptables_backend: 'legacy',
    redacted: false,
    namespaces: [rootNamespace(pods, opts.routes, save, ipsetSave(opts.ipsetEntries, ipsets)), ...pods.map((p, k) => podNamespace(k, p))],
  };
  const text = JSON.stringify(snapshot);
  return {
    snapshot,
    text,
    dump,
    pods,
    services: dump.services,
    stats: { bytes: Buffer.byteLength(text), routes: opts.routes, ipsetEntries: opts.ipsetEntries, rules: dump.stats.rules },
  };
}

/** The pods serving Service i (its endpoints), by index into `pods`. */
export function endpointPods(i: number, pods: number): number[] {
  return [0, 1, 2].map((e) => (3 * i + e) % pods);
}
