// The hashed sets against the member-by-member comparison podpath used before them, for every
// set type, with random members, deletions and packets.
import { describe, expect, it } from 'vitest';
import { inPrefix, makePrefix, type Prefix } from '../../addr/ipv4';
import type { IpsetEntry, IpsetType } from '../../config/netfilter';
import { Ipset, type SetKey } from './ipset';

function naive(type: IpsetType, e: IpsetEntry, key: SetKey): boolean {
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

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 0x100000000);
}

const TYPES: IpsetType[] = ['hash:ip', 'hash:net', 'hash:ip,port', 'hash:ip,port,ip', 'hash:ip,port,net', 'bitmap:port'];

describe('Ipset', () => {
  it('tests members exactly as the member-by-member comparison did', { timeout: 60_000 }, () => {
    for (const type of TYPES) {
      for (let seed = 1; seed <= 10; seed++) {
        const r = rng(seed * 7 + type.length);
        const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
        const addr = () => ((10 << 24) | (Math.floor(r() * 3) << 8) | Math.floor(r() * 6)) >>> 0;
        const net = (): Prefix => makePrefix(addr(), type.endsWith('net') ? pick([8, 24, 30, 32]) : 32);
        const set = new Ipset('s', type);
        const list: IpsetEntry[] = [];
        for (let i = 0; i < 60; i++) {
          const e: IpsetEntry = {
            ip: type === 'bitmap:port' ? undefined : net(),
            port: pick([80, 443, 53]),
            proto: pick([undefined, 6, 17]),
            ip2: type.includes('port,') ? makePrefix(addr(), type === 'hash:ip,port,net' ? pick([16, 32]) : 32) : undefined,
            text: `m${i}`,
          };
          if (r() < 0.2 && list.length) {
            const victim = list.splice(Math.floor(r() * list.length), 1)[0];
            set.delete(victim.text);
          } else {
            list.push(e);
            set.add(e);
          }
          for (let q = 0; q < 20; q++) {
            const key: SetKey = { ips: [addr(), addr(), addr()], ports: [pick([80, 443, 53]), pick([80, 443, 53])], proto: pick([6, 17]) };
            expect(set.test(key), `${type} seed ${seed}`).toBe(list.some((m) => naive(type, m, key)));
          }
        }
      }
    }
  });

  it('adds and tests 100,000 members without scanning them', { timeout: 60_000 }, () => {
    const t0 = performance.now();
    const set = new Ipset('big', 'hash:ip');
    for (let i = 0; i < 100_000; i++) set.add({ ip: makePrefix((11 << 24) + i, 32), text: `m${i}` });
    let hits = 0;
    for (let i = 0; i < 100_000; i++) if (set.test({ ips: [(11 << 24) + i], ports: [], proto: 6 })) hits++;
    expect(hits).toBe(100_000);
    // about 0.6 s here on a quiet machine; a scan per member (the old list) took minutes
    expect(performance.now() - t0).toBeLessThan(20_000);
  });
});
