// ipset (net/netfilter/ipset/): named sets of addresses, networks and ports that
// `-m set --match-set NAME dir[,dir…]` consults.
import { inPrefix, type Ipv4 } from '../../addr/ipv4';
import type { IpsetEntry, IpsetType } from '../../config/netfilter';

export interface Ipset {
  readonly name: string;
  readonly type: IpsetType;
  entries: IpsetEntry[];
}

/** The packet fields a set lookup takes, in the order the match's flags name them. */
export interface SetKey {
  readonly ips: readonly Ipv4[]; // one per flag: src or dst address
  readonly ports: readonly number[];
  readonly proto: number;
}

export class Ipsets {
  readonly sets = new Map<string, Ipset>();

  /** ip_set_test: does the set hold an entry for these packet fields? */
  test(name: string, key: SetKey): boolean {
    const set = this.sets.get(name);
    if (!set) return false;
    return set.entries.some((e) => entryMatches(set.type, e, key));
  }
}

function entryMatches(type: IpsetType, e: IpsetEntry, key: SetKey): boolean {
  switch (type) {
    case 'hash:ip':
    case 'hash:net':
      return e.ip !== undefined && inPrefix(key.ips[0], e.ip);
    case 'hash:ip,port':
      return e.ip !== undefined && inPrefix(key.ips[0], e.ip) && e.port === key.ports[1] && (e.proto ?? 6) === key.proto;
    case 'hash:ip,port,ip':
    case 'hash:ip,port,net':
      return e.ip !== undefined && inPrefix(key.ips[0], e.ip) && e.port === key.ports[1] && (e.proto ?? 6) === key.proto &&
        e.ip2 !== undefined && key.ips[2] !== undefined && inPrefix(key.ips[2], e.ip2);
    case 'bitmap:port':
      return e.port === key.ports[0];
  }
}
