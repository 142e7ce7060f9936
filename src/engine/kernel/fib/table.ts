// One routing table (net/ipv4/fib_trie.c: fib_table_insert/delete/lookup), indexed for the
// longest-prefix match. The kernel keeps a level-compressed trie; here each prefix length that
// holds routes has a hash of its prefixes, and a lookup probes the lengths present, longest
// first (at most 33 probes), which gives the same answer in the same order: within a prefix,
// its aliases in table order (kept ordered by metric). The list in `routes` is the order
// `ip route show` prints and state references count in; it is only spliced, never searched.
import { maskOf } from '../../addr/ipv4';
import {
  REJECT_ERRNO, type FibFlow, type InsertMode, type LookupFlags, type Route, type RouteMatch, type TableLookup,
} from './route';

function sameKey(a: Route, b: Route): boolean {
  return a.dst.addr === b.dst.addr && a.dst.len === b.dst.len && a.metric === b.metric;
}

function sameRoute(a: Route, b: Route): boolean {
  return sameKey(a, b) && a.type === b.type && a.via === b.via && a.dev === b.dev && a.src === b.src &&
    a.scope === b.scope && a.onlink === b.onlink;
}

/** the prefix's network address, whatever host bits the route was given */
function keyOf(addr: number, len: number): number {
  return (addr & maskOf(len)) >>> 0;
}

export class FibTable implements Iterable<Route> {
  private list: Route[] = [];
  /** prefix length → network address → the prefix's aliases, in table order */
  private byLen = new Map<number, Map<number, Route[]>>();
  /** the prefix lengths that hold routes, longest first */
  private lens: number[] = [];

  get routes(): readonly Route[] {
    return this.list;
  }

  get length(): number {
    return this.list.length;
  }

  [Symbol.iterator](): Iterator<Route> {
    return this.list[Symbol.iterator]();
  }

  /** The route's position in `ip route show table …` order, -1 when it is not in the table. */
  indexOf(route: Route): number {
    // a trace asks this of the few routes it used: a native scan (about 0.1 ms at 100,000
    // routes) costs less than keeping a map of positions up to date
    return this.list.indexOf(route);
  }

  /** The aliases of one prefix (routes with the same destination and length), in table order. */
  aliasesOf(addr: number, len: number): readonly Route[] {
    return this.byLen.get(len)?.get(keyOf(addr, len)) ?? [];
  }

  private aliasList(route: Route, create: boolean): Route[] | undefined {
    const len = route.dst.len;
    let level = this.byLen.get(len);
    if (!level) {
      if (!create) return undefined;
      this.byLen.set(len, (level = new Map()));
      this.lens.push(len);
      this.lens.sort((a, b) => b - a);
    }
    const key = keyOf(route.dst.addr, len);
    let aliases = level.get(key);
    if (!aliases && create) level.set(key, (aliases = []));
    return aliases;
  }

  private forget(route: Route): void {
    const len = route.dst.len;
    const level = this.byLen.get(len)!;
    const key = keyOf(route.dst.addr, len);
    const aliases = level.get(key)!;
    aliases.splice(aliases.indexOf(route), 1);
    if (aliases.length) return;
    level.delete(key);
    if (level.size) return;
    this.byLen.delete(len);
    this.lens.splice(this.lens.indexOf(len), 1);
  }

  /** fib_table_insert with NLM_F_EXCL (add), NLM_F_REPLACE (replace) or NLM_F_APPEND (append). */
  insert(route: Route, mode: InsertMode): 'ok' | 'EEXIST' {
    const aliases = this.aliasList(route, true)!;
    const first = aliases.findIndex((r) => sameKey(r, route));
    if (first >= 0) {
      if (mode === 'add') return 'EEXIST';
      if (mode === 'replace') {
        this.list[this.list.indexOf(aliases[first])] = route;
        aliases[first] = route;
        return 'ok';
      }
      if (aliases.some((r) => sameRoute(r, route))) return 'EEXIST';
      let last = first;
      while (last + 1 < aliases.length && sameKey(aliases[last + 1], route)) last++;
      this.list.splice(this.list.indexOf(aliases[last]) + 1, 0, route);
      aliases.splice(last + 1, 0, route);
      return 'ok';
    }
    // aliases of one prefix stay ordered by metric; other prefixes' order does not matter
    const before = aliases.findIndex((r) => r.metric > route.metric);
    if (before < 0) {
      this.list.push(route);
      aliases.push(route);
    } else {
      this.list.splice(this.list.indexOf(aliases[before]), 0, route);
      aliases.splice(before, 0, route);
    }
    return 'ok';
  }

  /** fib_table_delete: the first alias of the prefix matching every attribute given. */
  delete(m: RouteMatch): 'ok' | 'ESRCH' {
    const victim = this.aliasesOf(m.dst.addr, m.dst.len).find(
      (r) =>
        r.dst.addr === m.dst.addr &&
        (m.type === undefined || r.type === m.type) &&
        (m.via === undefined || r.via === m.via) &&
        (m.dev === undefined || r.dev === m.dev) &&
        (m.src === undefined || r.src === m.src) &&
        (m.metric === undefined || r.metric === m.metric) &&
        (m.scope === undefined || r.scope === m.scope),
    );
    if (!victim) return 'ESRCH';
    this.list.splice(this.list.indexOf(victim), 1);
    this.forget(victim);
    return 'ok';
  }

  /** Every route `doomed` picks goes (a device going down or away, an address removed). */
  removeWhere(doomed: (r: Route) => boolean): void {
    const kept = this.list.filter((r) => !doomed(r));
    if (kept.length === this.list.length) return;
    for (const r of this.list) if (doomed(r)) this.forget(r);
    this.list = kept;
  }

  flush(): void {
    this.list = [];
    this.byLen.clear();
    this.lens = [];
  }

  /**
   * fib_table_lookup: prefixes holding the address, longest first, and within one its aliases in
   * order, skipping those whose scope or output device do not fit.
   */
  lookup(fl: FibFlow, _flags: LookupFlags = {}): TableLookup {
    for (const len of this.lens) {
      const key = keyOf(fl.daddr, len);
      const aliases = this.byLen.get(len)!.get(key);
      if (!aliases) continue;
      for (const route of aliases) {
        // a destination given with host bits set never matched (inPrefix compares it whole)
        if (route.dst.addr !== key) continue;
        if (route.scope < fl.scope) continue;
        const errno = REJECT_ERRNO[route.type];
        if (errno) return { kind: 'error', errno, route };
        if (!route.dev) continue;
        // routes through a device that went down are deleted; the ones left (local, scope host)
        // stay usable, so there is no dead-nexthop check here
        if (fl.oif && fl.oif !== route.dev) continue;
        return { kind: 'route', route };
      }
    }
    return { kind: 'none' };
  }
}
