// Which devices of a snapshot's namespaces become what in a lab: the machine's NICs (a device
// with no kind in the root namespace, or a veth whose other end was not collected: the wire),
// veth pairs (matched by the peer's ifindex and namespace), and the virtual devices podpath
// can create. Anything else is reported, with why, for the scenario's notes.
import type { Snapshot, SnapshotLink, SnapshotNamespace } from './snapshot';

/** Device kinds `ip link add` creates in a podpath script. */
export const CREATABLE = new Set(['bridge', 'veth', 'vxlan', 'macvlan', 'ipvlan', 'dummy', 'ipip']);

export interface NsRef {
  readonly ns: SnapshotNamespace;
  /** the namespace's name in the lab: '' for the machine's root namespace */
  readonly name: string;
}

export interface DeviceRef {
  readonly ns: NsRef;
  readonly link: SnapshotLink;
}

export interface DevicePlan {
  /** root-namespace devices that become `nics:` entries */
  readonly nics: DeviceRef[];
  /** veth pairs, each once: `a` is created with `b` as its peer */
  readonly veths: { a: DeviceRef; b: DeviceRef }[];
  /** other devices to create, parents before children */
  readonly created: DeviceRef[];
  /** devices left out, by namespace name and device name: why */
  readonly skipped: Map<string, string>;
  readonly notes: string[];
}

export const kindOf = (link: SnapshotLink): string | undefined => link.linkinfo?.info_kind;

export const devKey = (ns: NsRef, dev: string) => `${ns.name}\u0000${dev}`;

/** A name usable as a scenario namespace name (letters, digits, `.`, `_`, `-`). */
function cleanName(raw: string): string {
  const s = raw.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return s === '' ? 'ns' : s;
}

/** The lab's names of the snapshot's namespaces: the root first, then by pod or label. */
export function namespaceNames(snapshot: Snapshot): NsRef[] {
  const used = new Set<string>(['']);
  // a namespace whose devices could not be read (it went away while the collector ran) is
  // left out whole: machineImport notes it
  const readable = snapshot.namespaces.filter((n) => n.link !== null);
  const roots = readable.filter((n) => n.kind === 'root');
  const others = readable.filter((n) => n.kind !== 'root');
  const out: NsRef[] = [];
  if (roots[0]) out.push({ ns: roots[0], name: '' });
  for (const ns of [...roots.slice(1), ...others]) {
    const base = cleanName(ns.pod ?? ns.name);
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    out.push({ ns, name });
  }
  return out;
}

/**
 * The collected namespace a device's link_netnsid names: by the name `ip netns list-id` gives
 * it, else (an unnamed namespace, as the root one seen from a pod) undefined.
 */
function namespaceOfNsid(dev: DeviceRef, all: readonly NsRef[]): NsRef | undefined {
  const nsid = dev.link.link_netnsid;
  if (nsid === undefined) return undefined;
  const name = (dev.ns.ns.netnsid ?? []).find((x) => x.nsid === nsid)?.name;
  return name === undefined ? undefined : all.find((ns) => ns.ns.netns === name);
}

/** Of the candidates in other namespaces, the one link_netnsid names, else the root's, else the only one. */
function pick(dev: DeviceRef, candidates: readonly DeviceRef[], all: readonly NsRef[]): DeviceRef | undefined {
  const named = namespaceOfNsid(dev, all);
  if (named) return candidates.find((c) => c.ns === named);
  if (candidates.length === 1) return candidates[0];
  return candidates.find((c) => c.ns.name === '');
}

/** The veth at the other end of `dev`, among the collected namespaces. */
function vethPeer(dev: DeviceRef, all: readonly NsRef[], paired: ReadonlySet<string>): DeviceRef | undefined {
  const { link } = dev;
  if (typeof link.link === 'string' && link.link_netnsid === undefined) {
    const peer = (dev.ns.ns.link ?? []).find((l) => l.ifname === link.link);
    return peer ? { ns: dev.ns, link: peer } : undefined;
  }
  if (link.link_index === undefined) return undefined;
  // the peer is the veth with the ifindex ours names whose own peer index names ours
  const candidates: DeviceRef[] = [];
  for (const ns of all) {
    if (ns === dev.ns) continue;
    for (const l of ns.ns.link ?? []) {
      if (kindOf(l) === 'veth' && l.ifindex === link.link_index && l.link_index === link.ifindex && !paired.has(devKey(ns, l.ifname))) candidates.push({ ns, link: l });
    }
  }
  return pick(dev, candidates, all);
}

/** The parent of a macvlan/ipvlan/vxlan device: its namespace and name. */
export function parentOf(dev: DeviceRef, all: readonly NsRef[]): DeviceRef | undefined {
  const { link } = dev;
  const data = link.linkinfo?.info_data ?? {};
  const named = typeof data.link === 'string' ? data.link : typeof link.link === 'string' ? link.link : undefined;
  if (named && link.link_netnsid === undefined) {
    const l = (dev.ns.ns.link ?? []).find((x) => x.ifname === named);
    return l ? { ns: dev.ns, link: l } : undefined;
  }
  if (link.link_index === undefined) return undefined;
  // in another namespace: a device there with that ifindex (unique among the collected ones)
  const found = all.filter((ns) => ns !== dev.ns).flatMap((ns) => (ns.ns.link ?? []).filter((l) => l.ifindex === link.link_index).map((l) => ({ ns, link: l })));
  return pick(dev, found, all);
}

export function planDevices(spaces: readonly NsRef[]): DevicePlan {
  const plan: DevicePlan = { nics: [], veths: [], created: [], skipped: new Map(), notes: [] };
  const paired = new Set<string>();
  const later: DeviceRef[] = [];
  const skip = (dev: DeviceRef, why: string) => {
    plan.skipped.set(devKey(dev.ns, dev.link.ifname), why);
    plan.notes.push(`${dev.ns.name || 'root namespace'}: device ${dev.link.ifname} left out: ${why}`);
  };
  for (const ns of spaces) {
    for (const link of ns.ns.link ?? []) {
      const dev = { ns, link };
      const kind = kindOf(link);
      if (link.ifname === 'lo') continue;
      if (kind === undefined) {
        if (ns.name === '' && link.link_type === 'ether') plan.nics.push(dev);
        else skip(dev, ns.name === '' ? `a ${link.link_type ?? 'non-Ethernet'} device without a kind podpath models` : 'a physical device inside a namespace (a scenario puts NICs in the machine\'s root namespace only)');
        continue;
      }
      if (kind === 'veth') {
        if (paired.has(devKey(ns, link.ifname))) continue;
        const peer = vethPeer(dev, spaces, paired);
        if (peer) {
          paired.add(devKey(ns, link.ifname)).add(devKey(peer.ns, peer.link.ifname));
          // created from the root side: a command in a namespace cannot name the root one
          plan.veths.push(peer.ns.name === '' && ns.name !== '' ? { a: peer, b: dev } : { a: dev, b: peer });
        } else if (ns.name === '') plan.nics.push(dev);
        else skip(dev, 'a veth whose other end is in a namespace that was not collected');
        continue;
      }
      if (kind === 'ipip' && link.ifname === 'tunl0') continue; // `modprobe ipip` makes it (machineScript)
      if (!CREATABLE.has(kind)) {
        skip(dev, `device kind ${kind} is not modelled by podpath (it creates ${[...CREATABLE].join(', ')})`);
        continue;
      }
      (kind === 'bridge' || kind === 'dummy' ? plan.created : later).push(dev);
    }
  }
  // In the order they were made, as far as ifindexes tell (a namespace numbers its devices as
  // they come, and a device moved keeps its number when it is free): siblings on one parent
  // hear a broadcast in that order. Children come after their parents (a vxlan on a NIC).
  const byIndex = (a: DeviceRef, b: DeviceRef) => a.link.ifindex - b.link.ifindex;
  plan.created.sort(byIndex);
  plan.veths.sort((x, y) => byIndex(x.a, y.a));
  later.sort(byIndex);
  plan.created.push(...later.filter((d) => kindOf(d.link) === 'ipip' || kindOf(d.link) === 'vxlan'));
  plan.created.push(...later.filter((d) => kindOf(d.link) !== 'ipip' && kindOf(d.link) !== 'vxlan'));
  return plan;
}
