// The sysctl keys Linux has under /proc/sys/net in a network namespace (not the initial one):
// what `sysctl -w` and `echo > /proc/sys/net/…` can write on a real machine, whether or not
// podpath models it. Data, not code: sysctl-keys.linux.json is generated on a Linux 6.18 machine
// by scripts/sysctl-keys.ts; sysctl-keys.ipvs.json lists what ip_vs adds, which that machine
// could not load. A per-device key is written with <dev> (net.ipv4.conf.<dev>.rp_filter) and
// exists for every device of the namespace; conf.all and conf.default are listed by name (a
// namespace other than the initial one has no neigh.default).
import ipvs from './sysctl-keys.ipvs.json' with { type: 'json' };
import linux from './sysctl-keys.linux.json' with { type: 'json' };

const KEYS: ReadonlySet<string> = new Set([...linux.keys, ...ipvs.keys]);

/** net.ipv4.conf.eth0.rp_filter → [net.ipv4.conf, eth0, rp_filter]; a dot in a device name is spelled '/'. */
const PER_DEVICE = /^(net\.ipv[46]\.(?:conf|neigh))\.([^.]+)\.([^.]+)$/;

export type LinuxKey =
  | { readonly exists: false }
  /**
   * `pattern`: the key as the list writes it (net.ipv4.neigh.<dev>.proxy_delay); `dev`: the
   * device a per-device key belongs to, as the kernel names it (eth0.100), which must exist
   */
  | { readonly exists: true; readonly pattern: string; readonly dev?: string };

/** Whether Linux has this key (dotted, as sysctl writes it) in a network namespace. */
export function linuxKey(key: string): LinuxKey {
  if (KEYS.has(key)) return { exists: true, pattern: key };
  const m = PER_DEVICE.exec(key);
  const pattern = m ? `${m[1]}.<dev>.${m[3]}` : undefined;
  if (m && pattern && KEYS.has(pattern)) return { exists: true, pattern, dev: m[2].replaceAll('/', '.') };
  return { exists: false };
}

/** Every key of the list (per-device ones with <dev>), for the registry's tests. */
export function linuxKeys(): readonly string[] {
  return [...KEYS];
}

/** The key's file: procps swaps the separators, so a '/' inside a device name is a '.' there. */
export function procSysPath(key: string): string {
  return `/proc/sys/${key.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'))}`;
}

/** What sysctl(8) prints for a key that does not exist. */
export function cannotStat(key: string): string {
  return `sysctl: cannot stat ${procSysPath(key)}: No such file or directory`;
}

/** The kernel and machine the key list comes from, for docs and messages. */
export const LINUX_KEYS_SOURCE: { readonly kernel: string; readonly source: string } = { kernel: linux.kernel, source: linux.source };
