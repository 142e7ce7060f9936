// The node snapshot scripts/podpath-collect.sh writes (docs/debug-your-node.md, "The snapshot
// format"), as a zod schema: `podpath import` and the page read a snapshot only through
// parseSnapshot, so a file that is not one gets a message saying what was expected where,
// never a crash. The ip/bridge parts are iproute2's own JSON: only the fields the importer
// reads are typed, the rest are kept as they came.
import { z } from 'zod';

export const SNAPSHOT_VERSION = 1;

const addrInfo = z.looseObject({
  family: z.string(),
  local: z.string(),
  prefixlen: z.number().int(),
  scope: z.string().optional(),
  noprefixroute: z.boolean().optional(),
});

export const snapshotLink = z.looseObject({
  ifindex: z.number().int(),
  ifname: z.string(),
  flags: z.array(z.string()).default([]),
  mtu: z.number().int().optional(),
  address: z.string().optional(),
  link_type: z.string().optional(),
  master: z.string().optional(),
  /** the parent (macvlan, vxlan) or the veth peer, when in the same namespace */
  link: z.string().nullable().optional(),
  /** the peer's (or parent's) ifindex, when it is in another namespace */
  link_index: z.number().int().optional(),
  /** the namespace of link_index, by this namespace's id for it (`ip netns list-id`) */
  link_netnsid: z.number().int().optional(),
  promiscuity: z.number().int().optional(),
  linkinfo: z
    .looseObject({
      info_kind: z.string().optional(),
      info_data: z.record(z.string(), z.unknown()).optional(),
      info_slave_kind: z.string().optional(),
      info_slave_data: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});

const addrEntry = z.looseObject({ ifindex: z.number().int().optional(), ifname: z.string(), addr_info: z.array(addrInfo).default([]) });

const nexthop = z.looseObject({ gateway: z.string().optional(), dev: z.string().optional(), weight: z.number().optional() });

export const snapshotRoute = z.looseObject({
  type: z.string().optional(),
  dst: z.string(),
  gateway: z.string().optional(),
  dev: z.string().optional(),
  table: z.string().optional(),
  protocol: z.string().optional(),
  scope: z.string().optional(),
  prefsrc: z.string().optional(),
  metric: z.number().int().optional(),
  flags: z.array(z.string()).default([]),
  nexthops: z.array(nexthop).optional(),
});

export const snapshotRule = z.looseObject({
  priority: z.number().int(),
  not: z.unknown().optional(),
  src: z.string().optional(),
  srclen: z.number().int().optional(),
  dst: z.string().optional(),
  dstlen: z.number().int().optional(),
  fwmark: z.string().optional(),
  fwmask: z.string().optional(),
  iif: z.string().optional(),
  oif: z.string().optional(),
  table: z.string().optional(),
  action: z.string().optional(),
});

const neigh = z.looseObject({ dst: z.string(), dev: z.string().optional(), lladdr: z.string().optional(), state: z.array(z.string()).default([]) });

const fdb = z.looseObject({
  mac: z.string(),
  ifname: z.string().optional(),
  dst: z.string().optional(),
  master: z.string().optional(),
  flags: z.array(z.string()).default([]),
  state: z.string().optional(),
});

const netnsId = z.looseObject({ nsid: z.number().int(), name: z.string().optional() });

/** ip/bridge output: a list, or null when the collector could not read it (said in errors). */
const listOf = <T extends z.ZodType>(item: T) => z.array(item).nullable().default(null);

export const snapshotNamespace = z.object({
  /** the namespace's inode: one entry per namespace */
  id: z.string().min(1),
  kind: z.enum(['root', 'netns', 'process']),
  /** `root`, the /run/netns name, or the label --netns gave it */
  name: z.string().min(1),
  /** the Kubernetes pod whose containers run in it, as far as the runtime says */
  pod: z.string().nullable().default(null),
  /** its name in /run/netns, when it has one: how other namespaces' netnsid lists name it */
  netns: z.string().nullable().default(null),
  link: listOf(snapshotLink),
  addr: listOf(addrEntry),
  route: listOf(snapshotRoute),
  rule: listOf(snapshotRule),
  neigh: listOf(neigh),
  netnsid: listOf(netnsId),
  fdb: listOf(fdb),
  bridge_link: listOf(z.looseObject({ ifname: z.string() })),
  iptables_save: z.string().nullable().default(null),
  ipset_save: z.string().nullable().default(null),
  ipvsadm: z.string().nullable().default(null),
  conntrack: z.string().nullable().default(null),
  sysctl: z.record(z.string(), z.string()).default({}),
  errors: z.array(z.string()).default([]),
});

export const snapshotSchema = z.object({
  podpath_snapshot: z.literal(SNAPSHOT_VERSION),
  collector: z.string().optional(),
  hostname: z.string().min(1),
  collected_at: z.string().optional(),
  kernel: z.string().optional(),
  iptables_backend: z.enum(['nft', 'legacy', 'unknown']).default('unknown'),
  redacted: z.boolean().default(false),
  namespaces: z.array(snapshotNamespace).min(1),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
export type SnapshotNamespace = z.infer<typeof snapshotNamespace>;
export type SnapshotLink = z.infer<typeof snapshotLink>;
export type SnapshotRoute = z.infer<typeof snapshotRoute>;
export type SnapshotRule = z.infer<typeof snapshotRule>;

export type ParsedSnapshot = { ok: true; snapshot: Snapshot } | { ok: false; errors: string[] };

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

/** Reads a snapshot's text; errors are `FILE: path: what was expected`. */
export function parseSnapshot(text: string, file: string): ParsedSnapshot {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`${file}: not JSON (${(error as Error).message}); expected the output of scripts/podpath-collect.sh`] };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || !('podpath_snapshot' in raw)) {
    return { ok: false, errors: [`${file}: not a podpath snapshot: expected a JSON object with "podpath_snapshot": ${SNAPSHOT_VERSION} (the output of scripts/podpath-collect.sh)`] };
  }
  const version = (raw as { podpath_snapshot: unknown }).podpath_snapshot;
  if (version !== SNAPSHOT_VERSION) {
    return { ok: false, errors: [`${file}: podpath_snapshot: this podpath reads snapshot version ${SNAPSHOT_VERSION}, got ${JSON.stringify(version)}`] };
  }
  const parsed = snapshotSchema.safeParse(raw);
  if (parsed.success) return { ok: true, snapshot: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.slice(0, 20).map((issue) => `${file}: ${issue.path.length ? `${pathText(issue.path)}: ` : ''}${issue.message}`),
  };
}
