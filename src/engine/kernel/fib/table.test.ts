// The indexed table against the plain list the engine used before it: the same routes in the
// same order after every insert and delete, and the same lookup answer for random tables.
import { describe, expect, it } from 'vitest';
import { inPrefix, makePrefix } from '../../addr/ipv4';
import type { Device } from '../dev/device';
import { REJECT_ERRNO, type FibFlow, type InsertMode, type Route, type TableLookup } from './route';
import { FibTable } from './table';

const devs = [{ name: 'a' }, { name: 'b' }, { name: 'c' }] as unknown as Device[];

/** the linear lookup podpath had: every route holding the address, longest first, stable */
function naiveLookup(table: readonly Route[], fl: FibFlow): TableLookup {
  const candidates = table.filter((r) => inPrefix(fl.daddr, r.dst)).sort((a, b) => b.dst.len - a.dst.len);
  for (const route of candidates) {
    if (route.scope < fl.scope) continue;
    const errno = REJECT_ERRNO[route.type];
    if (errno) return { kind: 'error', errno, route };
    if (!route.dev) continue;
    if (fl.oif && fl.oif !== route.dev) continue;
    return { kind: 'route', route };
  }
  return { kind: 'none' };
}

const sameKey = (a: Route, b: Route) => a.dst.addr === b.dst.addr && a.dst.len === b.dst.len && a.metric === b.metric;

/** the list insert podpath had (fib_table_insert's NLM_F_* modes) */
function naiveInsert(table: Route[], route: Route, mode: InsertMode): 'ok' | 'EEXIST' {
  const first = table.findIndex((r) => sameKey(r, route));
  if (first >= 0) {
    if (mode === 'add') return 'EEXIST';
    if (mode === 'replace') return (table[first] = route), 'ok';
    if (table.some((r) => sameKey(r, route) && r.type === route.type && r.dev === route.dev && r.via === route.via && r.scope === route.scope && r.src === route.src && r.onlink === route.onlink)) return 'EEXIST';
    let last = first;
    while (last + 1 < table.length && sameKey(table[last + 1], route)) last++;
    table.splice(last + 1, 0, route);
    return 'ok';
  }
  const before = table.findIndex((r) => r.dst.addr === route.dst.addr && r.dst.len === route.dst.len && r.metric > route.metric);
  if (before < 0) table.push(route);
  else table.splice(before, 0, route);
  return 'ok';
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 0x100000000);
}

describe('FibTable', () => {
  it('inserts, deletes and looks up exactly as the plain list did (random tables)', { timeout: 60_000 }, () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
      const table = new FibTable();
      const naive: Route[] = [];
      for (let i = 0; i < 120; i++) {
        const len = pick([0, 8, 16, 24, 25, 30, 32]);
        const dst = makePrefix(((10 << 24) | (Math.floor(r() * 4) << 16) | (Math.floor(r() * 4) << 8) | Math.floor(r() * 8)) >>> 0, len);
        const type = r() < 0.1 ? 'unreachable' : 'unicast';
        const route: Route = {
          type, dst, table: 254, metric: pick([0, 0, 10, 100]), proto: 'boot', onlink: false,
          scope: pick([0, 0, 253]), nhScope: 253, dev: type === 'unicast' ? pick(devs) : undefined,
        };
        if (r() < 0.15 && naive.length) {
          const victim = pick(naive);
          const m = { dst: victim.dst, metric: r() < 0.5 ? victim.metric : undefined };
          const i2 = naive.findIndex((x) => x.dst.addr === m.dst.addr && x.dst.len === m.dst.len && (m.metric === undefined || x.metric === m.metric));
          expect(table.delete(m)).toBe(i2 >= 0 ? 'ok' : 'ESRCH');
          if (i2 >= 0) naive.splice(i2, 1);
        } else {
          const mode = pick<InsertMode>(['add', 'append', 'replace']);
          expect(table.insert(route, mode)).toBe(naiveInsert(naive, route, mode));
        }
        expect(table.routes).toEqual(naive);
      }
      for (const route of naive) expect(table.indexOf(route)).toBe(naive.indexOf(route));
      for (let q = 0; q < 300; q++) {
        const fl: FibFlow = {
          daddr: ((10 << 24) | (Math.floor(r() * 5) << 16) | (Math.floor(r() * 5) << 8) | Math.floor(r() * 10)) >>> 0,
          saddr: 0, iif: devs[0], mark: 0, scope: pick([0, 0, 253, 254]), oif: r() < 0.3 ? pick(devs) : undefined,
        };
        expect(table.lookup(fl)).toEqual(naiveLookup(naive, fl));
      }
    }
  });

  it('builds and looks up 100,000 routes without scanning the table', { timeout: 60_000 }, () => {
    const t0 = performance.now();
    const table = new FibTable();
    for (let i = 0; i < 100_000; i++) {
      table.insert({ type: 'unicast', dst: makePrefix(((10 << 24) + i * 256) >>> 0, 24), table: 254, metric: 0, proto: 'boot', onlink: false, scope: 0, nhScope: 253, dev: devs[0] }, 'add');
    }
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (table.lookup({ daddr: ((10 << 24) + i * 256 + 7) >>> 0, saddr: 0, iif: devs[0], mark: 0, scope: 0 }).kind === 'route') hits++;
    expect(hits).toBe(100_000);
    // about 0.2 s here on a quiet machine, generous for a loaded one: the list took minutes
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
