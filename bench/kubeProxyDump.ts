// A kube-proxy (iptables mode, v1.29+) ruleset for N Services, written as `iptables-save`
// prints it: the mangle/filter/nat tables kube-proxy and kubelet own, one KUBE-SERVICES rule
// per Service port, KUBE-SVC-* chains with the masquerade rule and `-m statistic` spreading
// over KUBE-SEP-* chains (one per endpoint: mark-masq for hairpin, then DNAT), and, for every
// tenth Service, a NodePort (KUBE-NODEPORTS → KUBE-EXT-* → KUBE-SVC-*).
//
// Chain names follow kube-proxy's recipe (sha256 of "ns/svc:port" + protocol [+ endpoint],
// base32, first 16 characters); nothing depends on that, they only have to look real.
//
// Besides the text, the generator returns the same rules as the engine's structured
// RestoreTable data (what the iptables-restore parser should produce), so the world build and
// the trace can be measured even before the parser exists, and the parser's output can be
// compared with it.
import { createHash } from 'node:crypto';
import { parsePrefix } from '../src/engine/addr/ipv4';
import type { CtState, NfCommand, NfMatch, NfRuleSpec, NfTableName, NfTarget, RestoreTable } from '../src/engine/config/netfilter';
import { BUILTIN_CHAINS } from '../src/engine/config/netfilter';

export interface DumpOptions {
  readonly services: number;
  /** endpoints per Service (the issue: 3) */
  readonly endpoints?: number;
  /** every Nth Service is a NodePort (the issue: a tenth) */
  readonly nodePortEvery?: number;
  /** the cluster's pod CIDR (kube-proxy --cluster-cidr) */
  readonly clusterCidr?: string;
  /** Services whose endpoints are given (pods that really exist in the lab), by index */
  readonly localEndpoints?: ReadonlyMap<number, readonly string[]>;
}

export interface ServiceInfo {
  readonly index: number;
  /** "ns/svc:port" as kube-proxy's comments name it */
  readonly portName: string;
  readonly clusterIp: string;
  readonly port: number;
  readonly targetPort: number;
  readonly nodePort?: number;
  readonly endpoints: readonly string[];
  readonly svcChain: string;
  /** 1-based position of its rule in nat KUBE-SERVICES */
  readonly servicesRule: number;
}

export interface Dump {
  readonly text: string;
  readonly tables: readonly RestoreTable[];
  readonly services: readonly ServiceInfo[];
  readonly stats: { readonly bytes: number; readonly lines: number; readonly rules: number; readonly chains: number };
}

// ---- kube-proxy's names -------------------------------------------------------------------

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** base32.StdEncoding of sha256(text), first 16 characters (80 bits = the first 10 bytes). */
function hash16(text: string): string {
  const digest = createHash('sha256').update(text).digest();
  let out = '';
  let bits = 0;
  let value = 0;
  for (let i = 0; out.length < 16; i++) {
    value = (value << 8) | digest[i];
    bits += 8;
    while (bits >= 5 && out.length < 16) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

const svcChain = (portName: string) => `KUBE-SVC-${hash16(`${portName}tcp`)}`;
const extChain = (portName: string) => `KUBE-EXT-${hash16(`${portName}tcp`)}`;
const sepChain = (portName: string, endpoint: string) => `KUBE-SEP-${hash16(`${portName}tcp${endpoint}`)}`;

/** kube-proxy's computeProbability: fmt.Sprintf("%0.10f", 1.0/float64(n)). */
const probability = (n: number) => (1 / n).toFixed(10);

// ---- rules as text and as data, side by side ------------------------------------------------

interface Part {
  readonly text: string;
  readonly match?: NfMatch;
}

/** xtables_save_string: bare when only [A-Za-z0-9_-], else in double quotes. */
function saveString(value: string): string {
  return /^[A-Za-z0-9_-]+$/.test(value) ? value : `"${value.replace(/(["\\'])/g, '\\$1')}"`;
}

function prefix(cidr: string) {
  const p = parsePrefix(cidr);
  if (!p) throw new Error(`bad prefix ${cidr}`);
  return p;
}

const m = {
  src: (cidr: string, not = false): Part => ({ text: `${not ? '! ' : ''}-s ${cidr}`, match: { kind: 'src', not, prefix: prefix(cidr) } }),
  dst: (cidr: string, not = false): Part => ({ text: `${not ? '! ' : ''}-d ${cidr}`, match: { kind: 'dst', not, prefix: prefix(cidr) } }),
  tcp: (): Part => ({ text: '-p tcp', match: { kind: 'proto', not: false, proto: 6 } }),
  comment: (text: string): Part => ({ text: `-m comment --comment ${saveString(text)}`, match: { kind: 'comment', text } }),
  mTcp: (dport?: number): Part => ({
    text: dport === undefined ? '-m tcp' : `-m tcp --dport ${dport}`,
    match: { kind: 'l4', proto: 'tcp', ...(dport === undefined ? {} : { dport: { not: false, range: { from: dport, to: dport } } }) },
  }),
  statistic: (p: string): Part => ({ text: `-m statistic --mode random --probability ${p}`, match: { kind: 'statistic', not: false, mode: 'random', probability: Number(p) } }),
  mark: (value: number, mask: number, not = false): Part => ({
    text: `-m mark ${not ? '! ' : ''}--mark 0x${value.toString(16)}/0x${mask.toString(16)}`,
    match: { kind: 'mark', not, value, mask },
  }),
  ctstate: (states: CtState[], not = false): Part => ({
    text: `-m conntrack ${not ? '! ' : ''}--ctstate ${states.join(',')}`,
    match: { kind: 'ctstate', module: 'conntrack', not, states },
  }),
  dstTypeLocal: (): Part => ({ text: '-m addrtype --dst-type LOCAL', match: { kind: 'addrtype', dst: { not: false, types: ['LOCAL'] } } }),
};

interface Target {
  readonly text: string;
  readonly target: NfTarget;
}

const j = {
  chain: (chain: string): Target => ({ text: `-j ${chain}`, target: { kind: 'jump', chain } }),
  accept: (): Target => ({ text: '-j ACCEPT', target: { kind: 'ACCEPT' } }),
  drop: (): Target => ({ text: '-j DROP', target: { kind: 'DROP' } }),
  ret: (): Target => ({ text: '-j RETURN', target: { kind: 'RETURN' } }),
  setXmark: (value: number, mask: number): Target => ({
    text: `-j MARK --set-xmark 0x${value.toString(16)}/0x${mask.toString(16)}`,
    target: { kind: 'MARK', value, mask, written: `--set-xmark 0x${value.toString(16)}/0x${mask.toString(16)}` },
  }),
  masqRandomFully: (): Target => ({ text: '-j MASQUERADE --random-fully', target: { kind: 'MASQUERADE', randomFully: true } }),
  dnat: (ip: string, port: number): Target => {
    const addr = prefix(ip).addr;
    return { text: `-j DNAT --to-destination ${ip}:${port}`, target: { kind: 'DNAT', to: { addr, port } } };
  },
};

/** One table being written: declared chains in order, rules per chain in order. */
class TableWriter {
  readonly userChains = new Set<string>();
  readonly rules = new Map<string, { text: string; spec: NfRuleSpec }[]>();
  rulesTotal = 0;

  constructor(readonly name: NfTableName) {
    for (const c of BUILTIN_CHAINS[name]) this.rules.set(c, []);
  }

  chain(name: string): string {
    if (!this.rules.has(name)) {
      this.userChains.add(name);
      this.rules.set(name, []);
    }
    return name;
  }

  add(chain: string, parts: readonly Part[], target: Target): number {
    const list = this.rules.get(chain);
    if (!list) throw new Error(`undeclared chain ${chain}`);
    const words = [`-A ${chain}`, ...parts.map((p) => p.text), target.text];
    list.push({
      text: words.join(' '),
      spec: { matches: parts.flatMap((p) => (p.match ? [p.match] : [])), target: target.target },
    });
    this.rulesTotal++;
    return list.length;
  }

  /** iptables-save order: built-ins, then user chains sorted (libiptc keeps them sorted). */
  private order(): string[] {
    return [...BUILTIN_CHAINS[this.name], ...[...this.userChains].sort()];
  }

  write(out: string[]): RestoreTable {
    const order = this.order();
    out.push(`*${this.name}`);
    const chains: RestoreTable['chains'][number][] = [];
    for (const c of order) {
      const builtin = !this.userChains.has(c);
      out.push(`:${c} ${builtin ? 'ACCEPT' : '-'} [0:0]`);
      chains.push({ name: c, policy: builtin ? 'ACCEPT' : '-' });
    }
    const commands: NfCommand[] = [];
    for (const c of order) {
      for (const r of this.rules.get(c)!) {
        out.push(r.text);
        commands.push({ action: 'append', chain: c, rule: r.spec });
      }
    }
    out.push('COMMIT');
    return { table: this.name, chains, commands };
  }
}

// ---- the cluster ----------------------------------------------------------------------------

const PORTS: readonly { name: string; port: number; targetPort: number }[] = [
  { name: 'http', port: 80, targetPort: 8080 },
  { name: 'https', port: 443, targetPort: 8443 },
  { name: 'grpc', port: 9090, targetPort: 9090 },
  { name: 'metrics', port: 8080, targetPort: 8080 },
  { name: 'db', port: 5432, targetPort: 5432 },
];

function addrOf(base: number, offset: number): string {
  const v = (base + offset) >>> 0;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

const SERVICE_CIDR_BASE = (10 << 24) | (96 << 16); // 10.96.0.0/12

/** Endpoint k of Service i on some other node: pods 10.244.2.0/24 … (this node is 10.244.1.0/24). */
function remoteEndpoint(i: number, k: number): string {
  const n = i * 3 + k;
  const node = 2 + (n % 250);
  const host = 2 + (Math.floor(n / 250) % 250);
  return `10.244.${node}.${host}`;
}

export function serviceShape(i: number): { namespace: string; name: string; port: (typeof PORTS)[number] } {
  return { namespace: `team-${String(i % 40).padStart(2, '0')}`, name: `svc-${String(i).padStart(5, '0')}`, port: PORTS[i % PORTS.length] };
}

/** The ClusterIP of Service i: 10.96.0.10 on (10.96.0.1 is the apiserver's). */
export function clusterIpOf(i: number): string {
  return addrOf(SERVICE_CIDR_BASE, 10 + i);
}

export function generateDump(opts: DumpOptions): Dump {
  const endpointsPer = opts.endpoints ?? 3;
  const nodePortEvery = opts.nodePortEvery ?? 10;
  const clusterCidr = opts.clusterCidr ?? '10.244.0.0/16';
  if (opts.services > 65_000) throw new Error('at most 65000 services (they live in 10.96.0.0/16)');

  const mangle = new TableWriter('mangle');
  const filter = new TableWriter('filter');
  const nat = new TableWriter('nat');

  // mangle: only the canaries and the hint kube-proxy and kubelet leave there
  for (const c of ['KUBE-IPTABLES-HINT', 'KUBE-KUBELET-CANARY', 'KUBE-PROXY-CANARY']) mangle.chain(c);

  // filter: kubelet's KUBE-FIREWALL and kube-proxy's hooks (no REJECT rules: every Service has endpoints)
  for (const c of ['KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-KUBELET-CANARY', 'KUBE-NODEPORTS', 'KUBE-PROXY-CANARY', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES']) filter.chain(c);
  filter.add('INPUT', [m.ctstate(['NEW']), m.comment('kubernetes load balancer firewall')], j.chain('KUBE-PROXY-FIREWALL'));
  filter.add('INPUT', [m.comment('kubernetes health check service ports')], j.chain('KUBE-NODEPORTS'));
  filter.add('INPUT', [m.ctstate(['NEW']), m.comment('kubernetes externally-visible service portals')], j.chain('KUBE-EXTERNAL-SERVICES'));
  filter.add('INPUT', [], j.chain('KUBE-FIREWALL'));
  filter.add('FORWARD', [m.ctstate(['NEW']), m.comment('kubernetes load balancer firewall')], j.chain('KUBE-PROXY-FIREWALL'));
  filter.add('FORWARD', [m.comment('kubernetes forwarding rules')], j.chain('KUBE-FORWARD'));
  filter.add('FORWARD', [m.ctstate(['NEW']), m.comment('kubernetes service portals')], j.chain('KUBE-SERVICES'));
  filter.add('FORWARD', [m.ctstate(['NEW']), m.comment('kubernetes externally-visible service portals')], j.chain('KUBE-EXTERNAL-SERVICES'));
  filter.add('OUTPUT', [m.ctstate(['NEW']), m.comment('kubernetes load balancer firewall')], j.chain('KUBE-PROXY-FIREWALL'));
  filter.add('OUTPUT', [m.ctstate(['NEW']), m.comment('kubernetes service portals')], j.chain('KUBE-SERVICES'));
  filter.add('OUTPUT', [], j.chain('KUBE-FIREWALL'));
  filter.add('KUBE-FIREWALL', [m.src('127.0.0.0/8', true), m.dst('127.0.0.0/8'), m.comment('block incoming localnet connections'), m.ctstate(['RELATED', 'ESTABLISHED', 'DNAT'], true)], j.drop());
  filter.add('KUBE-FORWARD', [m.ctstate(['INVALID'])], j.drop());
  filter.add('KUBE-FORWARD', [m.comment('kubernetes forwarding rules'), m.mark(0x4000, 0x4000)], j.accept());
  filter.add('KUBE-FORWARD', [m.comment('kubernetes forwarding conntrack rule'), m.ctstate(['RELATED', 'ESTABLISHED'])], j.accept());

  // nat: the hooks, masquerade marking, and the Services
  for (const c of ['KUBE-KUBELET-CANARY', 'KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-PROXY-CANARY', 'KUBE-SERVICES']) nat.chain(c);
  nat.add('PREROUTING', [m.comment('kubernetes service portals')], j.chain('KUBE-SERVICES'));
  nat.add('OUTPUT', [m.comment('kubernetes service portals')], j.chain('KUBE-SERVICES'));
  nat.add('POSTROUTING', [m.comment('kubernetes postrouting rules')], j.chain('KUBE-POSTROUTING'));
  nat.add('KUBE-MARK-MASQ', [], j.setXmark(0x4000, 0x4000));
  nat.add('KUBE-POSTROUTING', [m.mark(0x4000, 0x4000, true)], j.ret());
  nat.add('KUBE-POSTROUTING', [], j.setXmark(0x4000, 0));
  nat.add('KUBE-POSTROUTING', [m.comment('kubernetes service traffic requiring SNAT')], j.masqRandomFully());

  const services: ServiceInfo[] = [];
  for (let i = 0; i < opts.services; i++) {
    const { namespace, name, port } = serviceShape(i);
    const portName = `${namespace}/${name}:${port.name}`;
    const cip = clusterIpOf(i);
    const endpoints = opts.localEndpoints?.get(i) ?? Array.from({ length: endpointsPer }, (_, k) => remoteEndpoint(i, k));
    const svc = nat.chain(svcChain(portName));
    const servicesRule = nat.add('KUBE-SERVICES', [m.dst(`${cip}/32`), m.tcp(), m.comment(`${portName} cluster IP`), m.mTcp(port.port)], j.chain(svc));
    nat.add(svc, [m.src(clusterCidr, true), m.dst(`${cip}/32`), m.tcp(), m.comment(`${portName} cluster IP`), m.mTcp(port.port)], j.chain('KUBE-MARK-MASQ'));
    endpoints.forEach((ep, k) => {
      const dest = `${ep}:${port.targetPort}`;
      const sep = nat.chain(sepChain(portName, dest));
      const left = endpoints.length - k;
      nat.add(svc, [m.comment(`${portName} -> ${dest}`), ...(left > 1 ? [m.statistic(probability(left))] : [])], j.chain(sep));
      nat.add(sep, [m.src(`${ep}/32`), m.comment(portName)], j.chain('KUBE-MARK-MASQ'));
      nat.add(sep, [m.tcp(), m.comment(portName), m.mTcp()], j.dnat(ep, port.targetPort));
    });
    let nodePort: number | undefined;
    if (i % nodePortEvery === 0) {
      nodePort = 30000 + ((i / nodePortEvery) % 2768);
      const ext = nat.chain(extChain(portName));
      nat.add('KUBE-NODEPORTS', [m.tcp(), m.comment(portName), m.mTcp(nodePort)], j.chain(ext));
      nat.add(ext, [m.comment(`masquerade traffic for ${portName} external destinations`)], j.chain('KUBE-MARK-MASQ'));
      nat.add(ext, [], j.chain(svc));
    }
    services.push({ index: i, portName, clusterIp: cip, port: port.port, targetPort: port.targetPort, nodePort, endpoints, svcChain: svc, servicesRule });
  }
  nat.add('KUBE-SERVICES', [m.comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), m.dstTypeLocal()], j.chain('KUBE-NODEPORTS'));

  const out: string[] = [];
  const stamp = 'Mon Jan  1 00:00:00 2024';
  const tables: RestoreTable[] = [];
  for (const t of [mangle, filter, nat]) {
    out.push(`# Generated by iptables-save v1.8.9 on ${stamp}`);
    tables.push(t.write(out));
    out.push(`# Completed on ${stamp}`);
  }
  const text = `${out.join('\n')}\n`;
  const chains = [mangle, filter, nat].reduce((n, t) => n + t.rules.size, 0);
  return {
    text,
    tables,
    services,
    stats: { bytes: Buffer.byteLength(text), lines: out.length, rules: mangle.rulesTotal + filter.rulesTotal + nat.rulesTotal, chains },
  };
}
