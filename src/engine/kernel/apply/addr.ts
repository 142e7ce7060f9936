// `ip addr add/del/flush` and the routes the kernel adds for an address
// (net/ipv4/devinet.c inet_insert_ifa, net/ipv4/fib_frontend.c fib_add_ifaddr).
import { broadcastOf, inPrefix, isLoopback, makePrefix, type Ipv4 } from '../../addr/ipv4';
import { SCOPE_VALUE, TABLE_LOCAL, TABLE_MAIN } from '../../config/ops';
import type { Device, IfAddr } from '../dev/device';
import { nhScopeFor, RT_SCOPE_HOST, RT_SCOPE_LINK, type Route } from '../fib/route';
import { fail, findDevice, type ApplyContext } from './context';
import { ipvlanAddrCheck } from './ipvlan';

function kernelRoute(dev: Device, r: Omit<Route, 'dev' | 'onlink' | 'metric' | 'proto' | 'nhScope'>): Route {
  return { ...r, dev, onlink: false, metric: 0, proto: 'kernel', nhScope: nhScopeFor(r.scope, undefined) };
}

function sameSubnet(a: IfAddr, b: IfAddr): boolean {
  return a.len === b.len && inPrefix(b.local, makePrefix(a.local, a.len));
}

/** The primary address a secondary belongs to (inet_ifa_byprefix): its routes use it as source. */
function primaryOf(dev: Device, ifa: IfAddr): IfAddr {
  return ifa.secondary ? (dev.addrs.find((a) => !a.secondary && sameSubnet(a, ifa)) ?? ifa) : ifa;
}

function insertOnce(dev: Device, route: Route): void {
  const table = dev.ns.table(route.table);
  const exists = table.aliasesOf(route.dst.addr, route.dst.len).some((r) => r.type === route.type && r.dev === dev && r.dst.addr === route.dst.addr);
  if (!exists) table.insert(route, 'append');
}

/** fib_add_ifaddr: the local route always; broadcast and prefix routes while the device is up. */
export function addIfaddrRoutes(dev: Device, ifa: IfAddr): void {
  const src = primaryOf(dev, ifa).local;
  insertOnce(dev, kernelRoute(dev, { type: 'local', dst: makePrefix(ifa.local, 32), table: TABLE_LOCAL, scope: RT_SCOPE_HOST, src }));
  if (!dev.up) return;
  if (ifa.broadcast !== undefined && ifa.broadcast !== 0xffffffff) {
    insertOnce(dev, kernelRoute(dev, { type: 'broadcast', dst: makePrefix(ifa.broadcast, 32), table: TABLE_LOCAL, scope: RT_SCOPE_LINK, src }));
  }
  const prefix = makePrefix(ifa.local, ifa.len);
  if (!ifa.secondary && prefix.addr !== 0 && (prefix.addr !== ifa.local || ifa.len < 32)) {
    // on loopback the whole prefix is local (fib_magic RTN_LOCAL into the local table)
    insertOnce(dev, dev.kind === 'loopback'
      ? kernelRoute(dev, { type: 'local', dst: prefix, table: TABLE_LOCAL, scope: RT_SCOPE_HOST, src })
      : kernelRoute(dev, { type: 'unicast', dst: prefix, table: TABLE_MAIN, scope: RT_SCOPE_LINK, src }));
  }
}

/** Routes of one address vanish with it (fib_del_ifaddr). */
function removeIfaddrRoutes(dev: Device, ifa: IfAddr): void {
  const mine = (r: Route): boolean =>
    r.dev === dev && r.proto === 'kernel' &&
    ((r.type === 'local' && r.dst.addr === ifa.local && r.dst.len === 32) ||
      (!ifa.secondary && r.type === 'broadcast' && r.dst.addr === ifa.broadcast) ||
      (!ifa.secondary && r.src === ifa.local && r.dst.len === ifa.len));
  for (const table of dev.ns.tables.values()) table.removeWhere(mine);
}

/**
 * inet_insert_ifa: an address in the subnet of an existing one becomes its secondary (same
 * scope required); primaries are kept ordered by scope, host first, global last, which is
 * the order source selection walks them.
 */
export function applyAddrAdd(ctx: ApplyContext, devName: string, addr: Ipv4, len: number, scopeName?: keyof typeof SCOPE_VALUE): void {
  const dev = findDevice(ctx.ns, devName);
  const scope = scopeName !== undefined ? SCOPE_VALUE[scopeName] : isLoopback(addr) ? RT_SCOPE_HOST : 0;
  const ifa: IfAddr = { local: addr, len, scope, broadcast: len < 31 ? broadcastOf(addr, len) : undefined, secondary: false };
  let secondary = false;
  for (const other of dev.addrs) {
    if (!sameSubnet(other, ifa)) continue;
    if (other.local === addr) fail('Error: ipv4: Address already assigned.');
    if (other.scope !== scope) fail('Error: ipv4: Invalid scope value.');
    secondary = true;
  }
  ipvlanAddrCheck(dev, addr);
  const added: IfAddr = { ...ifa, secondary };
  if (secondary) dev.addrs.push(added);
  else {
    let at = 0;
    dev.addrs.forEach((a, i) => {
      if (!a.secondary && scope <= a.scope) at = i + 1;
    });
    dev.addrs.splice(at, 0, added);
  }
  addIfaddrRoutes(dev, added);
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
