// ipset (net/netfilter/ipset/): named sets of addresses, networks and ports that
// `-m set --match-set NAME dir[,dir…]` consults. Like the kernel's set types, a set is a hash
// (or, for bitmap:port, a direct index) of its members, not a list: a hash:net set probes one
// hash per prefix length its members use (ip_set_hash_gen.h keeps the same `nets[]` sizes),
// so adding, deleting and testing cost the same with 10 members or 100,000.
import { maskOf, type Ipv4, type Prefix } from '../../addr/ipv4';
import type { IpsetEntry, IpsetType } from '../../config/netfilter';

/** The packet fields a set lookup takes, in the order the match's flags name them. */
export interface SetKey {
  readonly ips: readonly Ipv4[]; // one per flag: src or dst address
  readonly ports: readonly number[];
  readonly proto: number;
}

/** `len:net` of an address under a prefix length */
function netKey(addr: Ipv4, len: number): string {
  return `${len}:${(addr & maskOf(len)) >>> 0}`;
}

function prefixKey(p: Prefix): string {
  return netKey(p.addr, p.len);
}

/**
 * What the set hashes an entry by, for its type (the fields entryMatches compared), and
 * `lens`, the prefix lengths it sits under; undefined for an entry no packet can match.
 */
function entryKey(type: IpsetType, e: IpsetEntry): { key: string; lens: string } | undefined {
  if (type === 'bitmap:port') return { key: String(e.port), lens: '' };
  if (e.ip === undefined) return undefined;
  // an entry written with host bits set never matched (inPrefix compares its address whole)
  if (((e.ip.addr & maskOf(e.ip.len)) >>> 0) !== e.ip.addr) return undefined;
  switch (type) {
    case 'hash:ip':
    case 'hash:net':
      return { key: prefixKey(e.ip), lens: String(e.ip.len) };
    case 'hash:ip,port':
      return { key: `${prefixKey(e.ip)},${e.proto ?? 6}:${e.port}`, lens: String(e.ip.len) };
    case 'hash:ip,port,ip':
    case 'hash:ip,port,net':
      if (e.ip2 === undefined || ((e.ip2.addr & maskOf(e.ip2.len)) >>> 0) !== e.ip2.addr) return undefined;
      return { key: `${prefixKey(e.ip)},${e.proto ?? 6}:${e.port},${prefixKey(e.ip2)}`, lens: `${e.ip.len},${e.ip2.len}` };
  }
}

/** The key a packet would have under one combination of prefix lengths. */
function packetKey(type: IpsetType, lens: string, key: SetKey): string | undefined {
  if (type === 'bitmap:port') return String(key.ports[0]);
  const [len1, len2] = lens.split(',').map(Number);
  const ip1 = netKey(key.ips[0], len1);
  switch (type) {
    case 'hash:ip':
    case 'hash:net':
      return ip1;
    case 'hash:ip,port':
      return `${ip1},${key.proto}:${key.ports[1]}`;
    case 'hash:ip,port,ip':
    case 'hash:ip,port,net':
      if (key.ips[2] === undefined) return undefined;
      return `${ip1},${key.proto}:${key.ports[1]},${netKey(key.ips[2], len2)}`;
  }
}

export class Ipset {
  /** members in the order they were added (`ipset list` order is the kernel's hash order; not shown) */
  private members = new Map<string, IpsetEntry>();
  /** packet key → how many members have it (two spellings of one member can both be added) */
  private keys = new Map<string, number>();
  /** prefix-length combinations in use → how many members use each (the kernel's nets[] counts) */
  private lens = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly type: IpsetType,
  ) {}

  get entries(): readonly IpsetEntry[] {
    return [...this.members.values()];
  }

  get size(): number {
    return this.members.size;
  }

  /** is an entry written this way in the set (ipset add/del compare what the user typed) */
  has(text: string): boolean {
    return this.members.has(text);
  }

  add(e: IpsetEntry): void {
    this.members.set(e.text, e);
    const k = entryKey(this.type, e);
    if (!k) return;
    this.keys.set(k.key, (this.keys.get(k.key) ?? 0) + 1);
    this.lens.set(k.lens, (this.lens.get(k.lens) ?? 0) + 1);
  }

  delete(text: string): void {
    const e = this.members.get(text);
    if (!e) return;
    this.members.delete(text);
    const k = entryKey(this.type, e);
    if (!k) return;
    const n = this.keys.get(k.key)! - 1;
    if (n) this.keys.set(k.key, n);
    else this.keys.delete(k.key);
    const m = this.lens.get(k.lens)! - 1;
    if (m) this.lens.set(k.lens, m);
    else this.lens.delete(k.lens);
  }

  flush(): void {
    this.members.clear();
    this.keys.clear();
    this.lens.clear();
  }

  /** ip_set_test: does the set hold an entry for these packet fields? */
  test(key: SetKey): boolean {
    for (const lens of this.lens.keys()) {
      const k = packetKey(this.type, lens, key);
      if (k !== undefined && this.keys.has(k)) return true;
    }
    return false;
  }
}

export class Ipsets {
  readonly sets = new Map<string, Ipset>();

  /** ip_set_test on the set named `name`; a missing set holds nothing */
  test(name: string, key: SetKey): boolean {
    return this.sets.get(name)?.test(key) ?? false;
  }
}
