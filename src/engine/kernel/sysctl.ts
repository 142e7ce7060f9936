// Per-namespace and per-device IPv4 sysctls (net/ipv4/devinet.c, IN_DEV_* macros).
// Keys are stored dotted, exactly as `sysctl -w` writes them.

/** Device conf values a new device copies from `default` (devinet.c: devconf_dflt). */
export const DEVCONF_DEFAULTS: Readonly<Record<string, number>> = {
  forwarding: 0,
  rp_filter: 0,
  proxy_arp: 0,
  accept_local: 0,
  src_valid_mark: 0,
  arp_ignore: 0,
  arp_announce: 0,
  arp_filter: 0,
  route_localnet: 0,
  send_redirects: 1,
  accept_redirects: 1,
};

/** Namespace-wide knobs we model, with their defaults in a new namespace. */
export const NET_DEFAULTS: Readonly<Record<string, number>> = {
  'net.ipv4.ip_forward': 0,
  'net.ipv4.conf.all.forwarding': 0,
};

export type DevConf = Record<string, number>;

export interface SysctlState {
  all: DevConf;
  dflt: DevConf;
  /** per device name */
  dev: Map<string, DevConf>;
  /** everything else written by the script, kept for display */
  other: Map<string, string>;
}

export function newSysctlState(): SysctlState {
  return { all: { ...DEVCONF_DEFAULTS }, dflt: { ...DEVCONF_DEFAULTS }, dev: new Map(), other: new Map() };
}

export function cloneSysctlState(s: SysctlState): SysctlState {
  return {
    all: { ...s.all },
    dflt: { ...s.dflt },
    dev: new Map([...s.dev].map(([k, v]) => [k, { ...v }])),
    other: new Map(s.other),
  };
}

/** A device appears: it copies the namespace's `default` conf. */
export function devconfCreate(s: SysctlState, dev: string): void {
  s.dev.set(dev, { ...s.dflt });
}

export type SysctlWrite = { ok: true } | { ok: false; message: string };

/**
 * `sysctl -w key=value`. Writing net.ipv4.ip_forward or conf.all.forwarding flips
 * forwarding on every device and in `default` too (devinet.c inet_forward_change).
 */
export function sysctlWrite(s: SysctlState, key: string, raw: string, devices: readonly string[]): SysctlWrite {
  const value = Number(raw);
  if (key === 'net.ipv4.ip_forward' || key === 'net.ipv4.conf.all.forwarding') {
    if (!Number.isInteger(value)) return { ok: false, message: `sysctl: setting key "${key}": Invalid argument` };
    const on = value ? 1 : 0;
    s.all.forwarding = on;
    s.dflt.forwarding = on;
    for (const dev of devices) (s.dev.get(dev) ?? s.dev.set(dev, { ...s.dflt }).get(dev)!).forwarding = on;
    return { ok: true };
  }
  const m = /^net\.ipv4\.conf\.([^.]+)\.([a-z_]+)$/.exec(key);
  if (m) {
    const [, rawScope, name] = m;
    // sysctl(8) spells a dot inside a device name as '/' (conf.mustang/tun0.rp_filter)
    const scope = rawScope.replaceAll('/', '.');
    if (!(name in DEVCONF_DEFAULTS)) {
      s.other.set(key, raw);
      return { ok: true };
    }
    if (!Number.isInteger(value)) return { ok: false, message: `sysctl: setting key "${key}": Invalid argument` };
    if (scope === 'all') s.all[name] = value;
    else if (scope === 'default') s.dflt[name] = value;
    else {
      const conf = s.dev.get(scope);
      if (!conf) return { ok: false, message: `sysctl: cannot stat /proc/sys/${key.replaceAll('.', '/')}: No such file or directory` };
      conf[name] = value;
    }
    return { ok: true };
  }
  s.other.set(key, raw);
  return { ok: true };
}

function devConf(s: SysctlState, dev: string): DevConf {
  return s.dev.get(dev) ?? s.dflt;
}

/** IN_DEV_MAXCONF: rp_filter, arp_ignore, arp_announce take max(all, dev). */
export function maxConf(s: SysctlState, dev: string, name: string): number {
  return Math.max(s.all[name] ?? 0, devConf(s, dev)[name] ?? 0);
}

/** IN_DEV_ORCONF: proxy_arp, accept_local, src_valid_mark, route_localnet are on if either is. */
export function orConf(s: SysctlState, dev: string, name: string): boolean {
  return (s.all[name] ?? 0) !== 0 || (devConf(s, dev)[name] ?? 0) !== 0;
}

/** IN_DEV_FORWARD: the device's own forwarding flag. */
export function devForwarding(s: SysctlState, dev: string): boolean {
  return (devConf(s, dev).forwarding ?? 0) !== 0;
}

/**
 * net.ipv4.tcp_fwmark_accept (per namespace, default 0): an accepted TCP connection takes its
 * SYN's mark (inet_request_mark) instead of the listener's. Kept with the other keys written
 * as they are, in `other`.
 */
export function tcpFwmarkAccept(s: SysctlState): boolean {
  const v = Number(s.other.get('net.ipv4.tcp_fwmark_accept') ?? '0');
  return Number.isFinite(v) && v !== 0;
}
