// `ip addr add/del/flush` and the routes the kernel adds for an address
// (net/ipv4/devinet.c inet_insert_ifa, net/ipv4/fib_frontend.c fib_add_ifaddr).
import { broadcastOf, inPrefix, isLoopback, makePrefix, type Ipv4 } from '../../addr/ipv4';
import { SCOPE_VALUE, TABLE_LOCAL, TABLE_MAIN } from '../../config/ops';
import type { Device, IfAddr } from '../dev/device';
import { fibTableInsert, RT_SCOPE_HOST, RT_SCOPE_LINK, type Route } from '../fib/route';
import { fail, findDevice, type ApplyContext } from './context';

function kernelRoute(dev: Device, r: Omit<Route, 'dev' | 'onlink' | 'metric' | 'proto' | 'nhScope'>): Route {
  return { ...r, dev, onlink: false, metric: 0, proto: 'kernel', nhScope: RT_SCOPE_HOST };
}

/** fib_add_ifaddr: the local route always; broadcast and prefix routes while the device is up. */
export function addIfaddrRoutes(dev: Device, ifa: IfAddr): void {
  const ns = dev.ns;
  const local = kernelRoute(dev, { type: 'local', dst: makePrefix(ifa.local, 32), table: TABLE_LOCAL, scope: RT_SCOPE_HOST, src: ifa.local });
  if (!ns.table(TABLE_LOCAL).some((r) => r.type === 'local' && r.dst.addr === ifa.local && r.dst.len === 32)) fibTableInsert(ns.table(TABLE_LOCAL), local, 'append');
  if (!dev.up) return;
  if (ifa.broadcast !== undefined && ifa.broadcast !== 0xffffffff) {
    const brd = kernelRoute(dev, { type: 'broadcast', dst: makePrefix(ifa.broadcast, 32), table: TABLE_LOCAL, scope: RT_SCOPE_LINK, src: ifa.local });
    if (!ns.table(TABLE_LOCAL).some((r) => r.type === 'broadcast' && r.dst.addr === ifa.broadcast && r.dev === dev)) fibTableInsert(ns.table(TABLE_LOCAL), brd, 'append');
  }
  const prefix = makePrefix(ifa.local, ifa.len);
  if (!ifa.secondary && prefix.addr !== 0 && (prefix.addr !== ifa.local || ifa.len < 32)) {
    // on loopback the whole prefix is local (fib_magic RTN_LOCAL into the local table)
    const net = dev.kind === 'loopback'
      ? kernelRoute(dev, { type: 'local', dst: prefix, table: TABLE_LOCAL, scope: RT_SCOPE_HOST, src: ifa.local })
      : kernelRoute(dev, { type: 'unicast', dst: prefix, table: TABLE_MAIN, scope: RT_SCOPE_LINK, src: ifa.local });
    const table = ns.table(net.table);
    if (!table.some((r) => r.type === net.type && r.dst.addr === prefix.addr && r.dst.len === prefix.len && r.dev === dev)) fibTableInsert(table, net, 'append');
  }
}

/** Routes of one address vanish with it (fib_del_ifaddr). */
function removeIfaddrRoutes(dev: Device, ifa: IfAddr): void {
  for (const table of dev.ns.tables.values()) {
    for (let i = table.length - 1; i >= 0; i--) {
      const r = table[i];
      if (r.dev !== dev || r.proto !== 'kernel') continue;
      const mine =
        (r.type === 'local' && r.dst.addr === ifa.local) ||
        (r.type === 'broadcast' && r.src === ifa.local) ||
        (r.type === 'unicast' && r.src === ifa.local && r.dst.len === ifa.len);
      if (mine) table.splice(i, 1);
    }
  }
}

export function applyAddrAdd(ctx: ApplyContext, devName: string, addr: Ipv4, len: number, scope?: keyof typeof SCOPE_VALUE): void {
  const dev = findDevice(ctx.ns, devName);
  if (dev.addrs.some((a) => a.local === addr && a.len === len)) fail('RTNETLINK answers: File exists');
  const secondary = dev.addrs.some((a) => !a.secondary && a.len === len && inPrefix(addr, makePrefix(a.local, a.len)));
  const ifa: IfAddr = {
    local: addr,
    len,
    scope: scope !== undefined ? SCOPE_VALUE[scope] : isLoopback(addr) ? RT_SCOPE_HOST : 0,
    broadcast: len < 31 ? broadcastOf(addr, len) : undefined,
    secondary,
  };
  dev.addrs.push(ifa);
  addIfaddrRoutes(dev, ifa);
}

export function applyAddrDel(ctx: ApplyContext, devName: string, addr: Ipv4, len: number): void {
  const dev = findDevice(ctx.ns, devName);
  const i = dev.addrs.findIndex((a) => a.local === addr && a.len === len);
  if (i < 0) fail('RTNETLINK answers: Cannot assign requested address');
  const [ifa] = dev.addrs.splice(i, 1);
  removeIfaddrRoutes(dev, ifa);
}

export function flushAddrs(dev: Device): void {
  for (const ifa of dev.addrs.splice(0)) removeIfaddrRoutes(dev, ifa);
}

export function applyAddrFlush(ctx: ApplyContext, devName: string): void {
  flushAddrs(findDevice(ctx.ns, devName));
}
