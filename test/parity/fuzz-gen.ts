// Random routing configurations for the differential fuzz (fuzz-routing.ts). Pure and seeded:
// the same seed gives the same configs. Each config is a list of steps, each step one Op
// for the engine and the same thing as a shell command for the kernel: an `ip -batch` line, or
// a sysctl run before the batch (namespace-wide settings) or after it (per-device settings).
import { formatIpv4, makePrefix, maskOf, parseIpv4, type Prefix } from '../../src/engine/addr/ipv4';
import type { RouteQuery } from '../../src/engine/api';
import type { OpBody, RouteSpec, RouteType, RuleSpec, Scope } from '../../src/engine/config/ops';

/** mulberry32: small, fast, good enough for test generation. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rand {
  constructor(readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
}

export type Where = 'pre' | 'batch' | 'post';

export interface Step {
  readonly body: OpBody;
  /** The command as a user types it (`ip route add …`, `sysctl -w …`). */
  readonly text: string;
  readonly where: Where;
  /** pre/post: `key=value` for sysctl; batch: the line for `ip -batch` (text without `ip `). */
  readonly shell: string;
}

export interface FuzzQuery extends RouteQuery {
  /** `ip route get` arguments */
  readonly args: string;
}

export interface FuzzConfig {
  readonly id: number;
  readonly steps: readonly Step[];
  readonly queries: readonly FuzzQuery[];
}

export const DEVICES = ['a0', 'b0', 'a1', 'b1', 'a2', 'b2'] as const;
export const TABLES = [10, 20, 100] as const;

const SUBNETS: readonly Prefix[] = ['10.0.0.0/24', '10.0.1.0/24', '10.1.0.0/16', '10.2.0.0/24', '192.168.0.0/24', '172.16.0.0/30', '10.0.0.0/8'].map(
  (s) => {
    const [a, l] = s.split('/');
    return makePrefix(parseIpv4(a)!, Number(l));
  },
);

const ip = formatIpv4;
const pfxText = (p: Prefix) => (p.len === 0 ? 'default' : `${ip(p.addr)}/${p.len}`);

function tableText(t: number): string {
  return t === 254 ? 'main' : t === 253 ? 'default' : t === 255 ? 'local' : String(t);
}

/** A host address inside `p` (not the network address when the prefix leaves room). */
function hostIn(r: Rand, p: Prefix): number {
  const size = p.len >= 31 ? 2 ** (32 - p.len) : Math.min(2 ** (32 - p.len) - 2, 12);
  const off = p.len >= 31 ? r.int(0, size - 1) : r.int(1, size);
  return (p.addr + off) >>> 0;
}

function randomPrefix(r: Rand): Prefix {
  const base = r.pick(SUBNETS);
  const len = r.pick([0, 8, 12, 16, 20, 24, 25, 28, 30, 32]);
  if (len === 0) return { addr: 0, len: 0 };
  const addr = r.chance(0.7) ? hostIn(r, base) : (parseIpv4(`10.${r.int(0, 3)}.${r.int(0, 3)}.${r.int(0, 255)}`)! >>> 0);
  return makePrefix(addr, len);
}

export function generateConfig(seed: number, id: number): FuzzConfig {
  const r = new Rand(prng(seed * 1_000_003 + id));
  const steps: Step[] = [];
  const sysctl = (where: Where, key: string, value: string) =>
    steps.push({ body: { op: 'sysctl', key, value }, text: `sysctl -w ${key}=${value}`, where, shell: `${key}=${value}` });
  const batch = (body: OpBody, line: string) => steps.push({ body, text: `ip ${line}`, where: 'batch', shell: line });

  // namespace-wide settings (the namespace is reused: every one is written every time)
  sysctl('pre', 'net.ipv4.ip_forward', r.chance(0.9) ? '1' : '0');
  sysctl('pre', 'net.ipv4.conf.all.rp_filter', String(r.pick([0, 0, 0, 1, 2])));
  sysctl('pre', 'net.ipv4.conf.default.rp_filter', String(r.pick([0, 0, 0, 1, 2])));
  sysctl('pre', 'net.ipv4.conf.all.accept_local', r.chance(0.15) ? '1' : '0');
  sysctl('pre', 'net.ipv4.conf.default.accept_local', r.chance(0.15) ? '1' : '0');
  sysctl('pre', 'net.ipv4.conf.all.src_valid_mark', r.chance(0.15) ? '1' : '0');

  // devices: three veth pairs inside the namespace
  const up = new Set<string>();
  for (let i = 0; i < 3; i++) {
    batch({ op: 'link-add', name: `a${i}`, kind: 'veth', attrs: {}, peer: { name: `b${i}` } }, `link add a${i} type veth peer name b${i}`);
  }
  for (const d of DEVICES) {
    const down = (d === 'b2' && r.chance(0.25)) || (d === 'a2' && r.chance(0.1));
    if (!down) {
      batch({ op: 'link-set', dev: d, up: true }, `link set ${d} up`);
      up.add(d);
    }
  }

  // addresses
  const addrs: { dev: string; addr: number; len: number }[] = [];
  for (const d of DEVICES) {
    const n = r.pick([0, 1, 1, 1, 2]);
    for (let k = 0; k < n; k++) {
      const sub = r.pick(SUBNETS);
      const addr = hostIn(r, sub);
      const len = r.chance(0.1) ? 32 : sub.len;
      const scope: Scope | undefined = r.chance(0.08) ? r.pick(['link', 'host'] as const) : undefined;
      addrs.push({ dev: d, addr, len });
      batch(
        { op: 'addr-add', dev: d, addr, len, scope },
        `addr add ${ip(addr)}/${len} dev ${d}${scope ? ` scope ${scope}` : ''}`,
      );
    }
  }
  const localAddr = () => (addrs.length ? r.pick(addrs).addr : parseIpv4('10.0.0.1')!);
  const nearAddr = () => {
    if (addrs.length && r.chance(0.7)) {
      const a = r.pick(addrs);
      return hostIn(r, makePrefix(a.addr, a.len));
    }
    return hostIn(r, r.pick(SUBNETS));
  };

  // routes
  const routeCount = r.int(2, 9);
  const dsts: Prefix[] = [];
  for (let k = 0; k < routeCount; k++) {
    const type: RouteType = r.chance(0.75) ? 'unicast' : r.pick(['blackhole', 'unreachable', 'prohibit'] as const);
    const dst = randomPrefix(r);
    dsts.push(dst);
    const table = r.chance(0.55) ? 254 : r.pick(TABLES);
    let via: number | undefined;
    let dev: string | undefined;
    let onlink = false;
    let scope: Scope | undefined;
    let src: number | undefined;
    if (type === 'unicast') {
      const shape = r.int(0, 2);
      const anchor = addrs.length && r.chance(0.75) ? r.pick(addrs) : undefined;
      if (shape !== 0) via = anchor ? hostIn(r, makePrefix(anchor.addr, anchor.len)) : nearAddr();
      if (shape !== 1) dev = anchor && r.chance(0.7) ? anchor.dev : r.pick(DEVICES);
      if (via !== undefined && dev !== undefined && r.chance(0.25)) onlink = true;
      if (r.chance(0.12)) scope = r.pick(['global', 'link', 'host'] as const);
      if (r.chance(0.15)) src = r.chance(0.8) ? localAddr() : nearAddr();
    }
    const metric = r.chance(0.3) ? r.pick([0, 10, 100, 1024]) : undefined;
    const verb = r.chance(0.85) ? 'add' : r.pick(['replace', 'append'] as const);
    const route: RouteSpec = { type, dst, table, via, dev, onlink: onlink || undefined, scope, src, metric };
    const words = [`route ${verb}`];
    if (type !== 'unicast') words.push(type);
    words.push(pfxText(dst));
    if (via !== undefined) words.push(`via ${ip(via)}`);
    if (dev !== undefined) words.push(`dev ${dev}`);
    if (onlink) words.push('onlink');
    if (scope) words.push(`scope ${scope}`);
    if (src !== undefined) words.push(`src ${ip(src)}`);
    if (table !== 254) words.push(`table ${tableText(table)}`);
    if (metric !== undefined) words.push(`metric ${metric}`);
    batch({ op: verb === 'add' ? 'route-add' : verb === 'replace' ? 'route-replace' : 'route-append', route }, words.join(' '));
    if (r.chance(0.06)) {
      // delete one again (by its key)
      const del: RouteSpec = { type: 'unicast', dst, table, metric };
      batch({ op: 'route-del', route: del }, `route del ${pfxText(dst)}${table !== 254 ? ` table ${tableText(table)}` : ''}${metric ? ` metric ${metric}` : ''}`);
    }
  }

  // rules
  const ruleCount = r.pick([0, 1, 1, 2, 2, 3, 4]);
  for (let k = 0; k < ruleCount; k++) {
    const priority = r.chance(0.7) ? r.pick([1, 50, 100, 100, 200, 1000, 32000]) : undefined;
    const not = r.chance(0.1) || undefined;
    const from = r.chance(0.4) ? randomPrefix(r) : undefined;
    const to = r.chance(0.3) ? randomPrefix(r) : undefined;
    const fwmark = r.chance(0.25) ? { value: r.pick([1, 2, 0x10, 0x11]), mask: r.chance(0.5) ? 0xffffffff : r.pick([0xff, 0xf0, 0x1]) } : undefined;
    const iif = r.chance(0.15) ? r.pick([...DEVICES, 'lo']) : undefined;
    const oif = r.chance(0.12) ? r.pick(DEVICES) : undefined;
    const action: RuleSpec['action'] = r.chance(0.85)
      ? { type: 'lookup', table: r.pick([...TABLES, ...TABLES, 254, 253]) }
      : { type: r.pick(['blackhole', 'unreachable', 'prohibit'] as const) };
    const rule: RuleSpec = { priority, not, from: from?.len === 0 ? undefined : from, to: to?.len === 0 ? undefined : to, fwmark, iif, oif, action };
    const w = ['rule add'];
    if (priority !== undefined) w.push(`priority ${priority}`);
    if (not) w.push('not');
    w.push(`from ${rule.from ? pfxText(rule.from) : 'all'}`);
    if (rule.to) w.push(`to ${pfxText(rule.to)}`);
    if (fwmark) w.push(`fwmark 0x${fwmark.value.toString(16)}${fwmark.mask === 0xffffffff ? '' : `/0x${fwmark.mask.toString(16)}`}`);
    if (iif) w.push(`iif ${iif}`);
    if (oif) w.push(`oif ${oif}`);
    w.push(action.type === 'lookup' ? `lookup ${tableText(action.table)}` : action.type);
    batch({ op: 'rule-add', rule }, w.join(' '));
  }

  // per-device settings
  for (const d of DEVICES) {
    if (r.chance(0.1)) sysctl('post', `net.ipv4.conf.${d}.rp_filter`, String(r.pick([0, 1, 2])));
    if (r.chance(0.05)) sysctl('post', `net.ipv4.conf.${d}.forwarding`, '0');
    if (r.chance(0.05)) sysctl('post', `net.ipv4.conf.${d}.accept_local`, '1');
  }

  // queries
  const queries: FuzzQuery[] = [];
  const target = (): number => {
    const k = r.int(0, 9);
    if (k <= 1 && addrs.length) return r.pick(addrs).addr;
    if (k === 2 && addrs.length) {
      const a = r.pick(addrs);
      return (a.addr | (~maskOf(a.len) >>> 0)) >>> 0; // subnet broadcast
    }
    if (k <= 6 && dsts.length) {
      const d = r.pick(dsts);
      return d.len === 0 ? hostIn(r, r.pick(SUBNETS)) : hostIn(r, d);
    }
    if (k === 7) return parseIpv4(r.pick(['8.8.8.8', '127.0.0.1', '10.3.3.3']))!;
    return nearAddr();
  };
  for (let q = 0; q < 6; q++) {
    const to = target();
    const kind = r.pick(['out', 'out', 'out-from', 'out-oif', 'out-mark', 'in', 'in', 'in-mark']);
    const args: string[] = [ip(to)];
    let query: RouteQuery = { to };
    if (kind === 'out-from') {
      const from = r.chance(0.85) ? localAddr() : nearAddr();
      query = { ...query, from };
      args.push(`from ${ip(from)}`);
    } else if (kind === 'out-oif') {
      const oif = r.pick(DEVICES);
      query = { ...query, oif };
      args.push(`oif ${oif}`);
    } else if (kind.startsWith('in')) {
      const from = r.chance(0.85) ? nearAddr() : localAddr();
      const iif = r.pick(DEVICES);
      query = { ...query, from, iif };
      args.push(`from ${ip(from)}`, `iif ${iif}`);
    }
    if (kind.endsWith('mark')) {
      const mark = r.pick([1, 2, 0x10, 0x11, 0xff]);
      query = { ...query, mark };
      args.push(`mark ${mark}`);
    }
    queries.push({ ...query, args: args.join(' ') });
  }
  return { id, steps, queries };
}
