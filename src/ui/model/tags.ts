// The catalogue's tags, de-duplicated and grouped (issue 12, part 9). Scenario files spell
// tags freely (`networkpolicy` and `network-policy`, `cross-node` and `cross-host`,
// `rp_filter`); here each spelling maps to one key, and each key to the kind of thing it names,
// so the filter reads as a few short rows instead of sixty chips. Pure.

/** What a tag names, in the order the groups are shown. */
export const TAG_KINDS = ['cni', 'technique', 'kubernetes', 'linux', 'cloud', 'topology', 'other'] as const;
export type TagKind = (typeof TAG_KINDS)[number];

/** Spellings that mean the same thing, by their normalised form (see tagKey). */
const SYNONYMS: Readonly<Record<string, string>> = {
  networkpolicy: 'network-policy',
  netpol: 'network-policy',
  'cross-node': 'cross-host',
  'inter-node': 'cross-host',
  'same-node': 'same-host',
  services: 'service',
  'cluster-ip': 'clusterip',
  'node-port': 'nodeport',
  snat: 'masquerade',
  'aws-vpc-cni': 'vpc-cni',
  overlays: 'overlay',
  'ip-in-ip': 'ipip',
  proxyarp: 'proxy-arp',
  sg: 'security-group',
};

const KINDS: Readonly<Record<Exclude<TagKind, 'other'>, readonly string[]>> = {
  cni: ['flannel', 'calico', 'vpc-cni', 'spiderpool', 'multus', 'cilium', 'weave', 'multi-cni'],
  technique: ['routing', 'host-gw', 'overlay', 'underlay', 'tunnel', 'ipip', 'vxlan', 'proxy-arp', 'masquerade', 'dnat', 'natoutgoing', 'policy-routing', 'hairpin', 'mtu', 'learning'],
  kubernetes: ['service', 'clusterip', 'nodeport', 'kube-proxy', 'network-policy', 'generator'],
  linux: ['netns', 'veth', 'bridge', 'macvlan', 'ipvlan', 'arp', 'fdb', 'iptables', 'ipvs', 'ipset', 'conntrack', 'invalid', 'forward', 'fwmark', 'connmark', 'rp-filter', 'src-valid-mark', 'br-netfilter', 'be-liberal'],
  cloud: ['cloud', 'aws', 'vpc', 'eni', 'security-group', 'source-dest-check'],
  topology: ['basics', 'same-host', 'cross-host'],
};

const KIND_OF = new Map<string, TagKind>(Object.entries(KINDS).flatMap(([kind, keys]) => keys.map((key) => [key, kind as TagKind])));

/** One key per meaning: lower case, `_` and spaces as `-`, synonyms folded. */
export function tagKey(tag: string): string {
  const normal = tag.trim().toLowerCase().replace(/[\s_]+/g, '-');
  return SYNONYMS[normal] ?? normal;
}

export function tagKind(key: string): TagKind {
  return KIND_OF.get(key) ?? 'other';
}

export interface TagInfo {
  readonly key: string;
  /** the spelling to show: the most used one (a kernel name keeps its `_`), the key on a tie */
  readonly label: string;
  /** how many scenarios carry it */
  readonly count: number;
}

export interface TagGroup {
  readonly kind: TagKind;
  readonly tags: readonly TagInfo[];
}

/**
 * Every tag in use, once per key, grouped by kind in TAG_KINDS order; within a group the most
 * used first, then alphabetical. A scenario that lists two spellings of one tag counts once.
 */
export function groupTags(tagLists: readonly (readonly string[])[]): TagGroup[] {
  const counts = new Map<string, number>();
  const spellings = new Map<string, Map<string, number>>();
  for (const tags of tagLists) {
    for (const key of new Set(tags.map(tagKey))) counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const tag of tags) {
      const bySpelling = spellings.get(tagKey(tag)) ?? new Map<string, number>();
      bySpelling.set(tag.trim(), (bySpelling.get(tag.trim()) ?? 0) + 1);
      spellings.set(tagKey(tag), bySpelling);
    }
  }
  const labelOf = (key: string) =>
    [...(spellings.get(key) ?? [])].sort((a, b) => b[1] - a[1] || (a[0] === key ? -1 : b[0] === key ? 1 : 0) || a[0].localeCompare(b[0]))[0]?.[0] ?? key;
  const infos = [...counts].map(([key, count]): TagInfo => ({ key, label: labelOf(key), count }));
  return TAG_KINDS.map((kind) => ({
    kind,
    tags: infos.filter((i) => tagKind(i.key) === kind).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  })).filter((g) => g.tags.length > 0);
}

/** A scenario's own tags, de-duplicated by key, each with the label the catalogue shows for it. */
export function uniqueTags(tags: readonly string[], labels: ReadonlyMap<string, string> = new Map()): { key: string; label: string }[] {
  const seen = new Set<string>();
  return tags.flatMap((tag) => {
    const key = tagKey(tag);
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ key, label: labels.get(key) ?? tag.trim() }];
  });
}
