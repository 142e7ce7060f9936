// The sysctl registry: every kernel parameter podpath models, its type (a device conf value or a
// namespace-wide one) and its value in a new namespace, and the state of one namespace (per
// namespace and per device, net/ipv4/devinet.c's IN_DEV_* macros). A write is one of three
// things: a key podpath models (typed state the walk reads), a key Linux has but podpath does
// not model (kept in `other`, and the build warns: it changes nothing here), or a key Linux
// does not have (refused as sysctl refuses it). sysctlKeys.ts holds what Linux has.
// Keys are dotted, exactly as `sysctl -w` writes them.
import { cannotStat, linuxKey } from './sysctlKeys';

/**
 * Device conf values (net.ipv4.conf.{all,default,DEV}.NAME) podpath reads, with their value in
 * a new namespace; a new device copies `default` (devinet.c: devconf_dflt).
 */
export const DEVCONF_DEFAULTS = {
  forwarding: 0,
  rp_filter: 0,
  proxy_arp: 0,
  accept_local: 0,
  src_valid_mark: 0,
  arp_ignore: 0,
  arp_announce: 0,
  route_localnet: 0,
  send_redirects: 1,
  accept_redirects: 1,
  /** the link is shared with hosts on other subnets: redirects need not stay within one (IN_DEV_SHARED_MEDIA) */
  shared_media: 1,
  /** with shared_media off, accept a redirect only to a default gateway (IN_DEV_SEC_REDIRECTS) */
  secure_redirects: 1,
} as const;

export type DevConfName = keyof typeof DEVCONF_DEFAULTS;

/** Namespace-wide keys podpath reads, with their value in a new namespace. */
export const NET_DEFAULTS = {
  /** br_netfilter: bridged IPv4 meets iptables (per namespace since Linux 5.3) */
  'net.bridge.bridge-nf-call-iptables': 1,
  /** conntrack picks up a connection from a mid-stream packet */
  'net.netfilter.nf_conntrack_tcp_loose': 1,
  /** no window checks (not modelled); kube-proxy omits its INVALID drop when it is 1 */
  'net.netfilter.nf_conntrack_tcp_be_liberal': 0,
  /** an accepted TCP connection takes its SYN's mark (inet_request_mark), not the listener's */
  'net.ipv4.tcp_fwmark_accept': 0,
  /** the TTL of the packets the namespace itself sends (ip_select_ttl without a route metric) */
  'net.ipv4.ip_default_ttl': 64,
} as const;

export type NetKey = keyof typeof NET_DEFAULTS;

/** The range the kernel accepts (proc_dou8vec_minmax with 0..1); the others take any integer. */
const NET_RANGE: Partial<Record<NetKey, readonly [number, number]>> = {
  'net.netfilter.nf_conntrack_tcp_loose': [0, 1],
  'net.netfilter.nf_conntrack_tcp_be_liberal': [0, 1],
  // ipv4_sysctl_table: proc_dou8vec_minmax from 1 to 255 (measured: 0 and 256 are refused)
  'net.ipv4.ip_default_ttl': [1, 255],
};

/**
 * Keys podpath models at one value only, the behaviour it always has: writing that value is
 * modelled; another value is kept with a warning that names the one podpath behaves as.
 */
export const FIXED_VALUES: Readonly<Record<string, number>> = {
  /** podpath has no clock: proxy ARP answers at once (arp_process with PROXY_DELAY 0) */
  'net.ipv4.neigh.<dev>.proxy_delay': 0,
  /** IPVS connections always get a conntrack entry (ip_vs_update_conntrack), as kube-proxy sets */
  'net.ipv4.vs.conntrack': 1,
};

/** ip_forward and conf.all.forwarding: one switch for every device (devinet.c inet_forward_change). */
const FORWARDING_KEYS: readonly string[] = ['net.ipv4.ip_forward', 'net.ipv4.conf.all.forwarding'];

const CONF = /^net\.ipv4\.conf\.([^.]+)\.([a-z_]+)$/;

/** Every key podpath models, per-device ones written with <dev> (for docs and the registry's test). */
export function modelledKeys(): string[] {
  const conf = Object.keys(DEVCONF_DEFAULTS).flatMap((name) => ['all', 'default', '<dev>'].map((scope) => `net.ipv4.conf.${scope}.${name}`));
  return [...FORWARDING_KEYS.slice(0, 1), ...conf, ...Object.keys(NET_DEFAULTS), ...Object.keys(FIXED_VALUES)];
}

export type DevConf = Record<DevConfName, number>;

export interface SysctlState {
  all: DevConf;
  dflt: DevConf;
  /** per device name */
  dev: Map<string, DevConf>;
  /** the namespace-wide keys podpath models */
  net: Record<NetKey, number>;
  /** real keys podpath does not model, as the script wrote them (they change nothing) */
  other: Map<string, string>;
}

export function newSysctlState(): SysctlState {
  return { all: { ...DEVCONF_DEFAULTS }, dflt: { ...DEVCONF_DEFAULTS }, dev: new Map(), net: { ...NET_DEFAULTS }, other: new Map() };
}

export function cloneSysctlState(s: SysctlState): SysctlState {
  return {
    all: { ...s.all },
    dflt: { ...s.dflt },
    dev: new Map([...s.dev].map(([k, v]) => [k, { ...v }])),
    net: { ...s.net },
    other: new Map(s.other),
  };
}

/** A device appears: it copies the namespace's `default` conf. */
export function devconfCreate(s: SysctlState, dev: string): void {
  s.dev.set(dev, { ...s.dflt });
}

export type SysctlWrite =
  /**
   * `modelled: false`: Linux has the key, podpath keeps the value and nothing reads it;
   * `fixed`: podpath models the key at that value only, and behaves so whatever was written
   */
  | { readonly ok: true; readonly modelled: boolean; readonly fixed?: number }
  /** `sysctl -e` skipped a key Linux does not have */
  | { readonly ok: true; readonly ignored: true }
  | { readonly ok: false; readonly message: string };

/**
 * `sysctl -w key=value` in a namespace with these devices. Writing net.ipv4.ip_forward or
 * conf.all.forwarding flips forwarding on every device and in `default` too, and sets
 * conf.all.accept_redirects to its opposite: a router ignores redirects (devinet.c
 * inet_forward_change). `ignoreMissing` is `sysctl -e`: a key Linux does not have is skipped
 * instead of refused.
 */
export function sysctlWrite(s: SysctlState, key: string, raw: string, devices: readonly string[], ignoreMissing = false): SysctlWrite {
  const real = linuxKey(key);
  if (!real.exists || (real.dev !== undefined && !devices.includes(real.dev))) {
    return ignoreMissing ? { ok: true, ignored: true } : { ok: false, message: cannotStat(key) };
  }
  const value = Number(raw);
  const invalid = { ok: false, message: `sysctl: setting key "${key}": Invalid argument` } as const;
  if (FORWARDING_KEYS.includes(key)) {
    if (!Number.isInteger(value)) return invalid;
    const on = value ? 1 : 0;
    s.all.forwarding = on;
    s.all.accept_redirects = on ? 0 : 1;
    s.dflt.forwarding = on;
    for (const dev of devices) (s.dev.get(dev) ?? s.dev.set(dev, { ...s.dflt }).get(dev)!).forwarding = on;
    return { ok: true, modelled: true };
  }
  if (key in NET_DEFAULTS) {
    const range = NET_RANGE[key as NetKey];
    if (!Number.isInteger(value) || (range && (value < range[0] || value > range[1]))) return invalid;
    s.net[key as NetKey] = value;
    return { ok: true, modelled: true };
  }
  const m = CONF.exec(key);
  if (m && m[2] in DEVCONF_DEFAULTS) {
    const [, scope, name] = m;
    if (!Number.isInteger(value)) return invalid;
    const conf = scope === 'all' ? s.all : scope === 'default' ? s.dflt : s.dev.get(real.dev!);
    if (!conf) return { ok: false, message: cannotStat(key) };
    conf[name as DevConfName] = value;
    return { ok: true, modelled: true };
  }
  s.other.set(key, raw);
  const fixed = FIXED_VALUES[real.pattern];
  if (fixed !== undefined) return raw.trim() !== '' && Number(raw) === fixed ? { ok: true, modelled: true } : { ok: true, modelled: false, fixed };
  return { ok: true, modelled: false };
}

function devConf(s: SysctlState, dev: string): DevConf {
  return s.dev.get(dev) ?? s.dflt;
}

/** IN_DEV_MAXCONF: rp_filter, arp_ignore, arp_announce take max(all, dev). */
export function maxConf(s: SysctlState, dev: string, name: DevConfName): number {
  return Math.max(s.all[name], devConf(s, dev)[name]);
}

/** IN_DEV_ORCONF: proxy_arp, accept_local, src_valid_mark, route_localnet are on if either is. */
export function orConf(s: SysctlState, dev: string, name: DevConfName): boolean {
  return s.all[name] !== 0 || devConf(s, dev)[name] !== 0;
}

/**
 * IN_DEV_RX_REDIRECTS: a forwarding device accepts redirects only if both `all` and the device
 * say so, any other if either does.
 */
export function rxRedirects(s: SysctlState, dev: string): boolean {
  const all = (s.all.accept_redirects ?? 0) !== 0;
  const own = (devConf(s, dev).accept_redirects ?? 0) !== 0;
  return devForwarding(s, dev) ? all && own : all || own;
}

/** IN_DEV_FORWARD: the device's own forwarding flag. */
export function devForwarding(s: SysctlState, dev: string): boolean {
  return devConf(s, dev).forwarding !== 0;
}

/**
 * net.ipv4.tcp_fwmark_accept (per namespace, default 0): an accepted TCP connection takes its
 * SYN's mark (inet_request_mark) instead of the listener's.
 */
/** net.ipv4.ip_default_ttl (per namespace, default 64): the TTL of locally generated packets. */
export function defaultTtl(s: SysctlState): number {
  return s.net['net.ipv4.ip_default_ttl'];
}

export function tcpFwmarkAccept(s: SysctlState): boolean {
  return s.net['net.ipv4.tcp_fwmark_accept'] !== 0;
}
