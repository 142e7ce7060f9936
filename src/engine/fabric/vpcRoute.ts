// Where a `vpc` network sends a packet (DESIGN §3): to the ENI that holds the destination
// address, else by its route table — the implicit `local` route for the VPC's CIDR plus the
// scenario's `routes:` (destination CIDR → an ENI), longest prefix first, as in an AWS route
// table. A `local` match that no ENI holds, a route whose ENI is gone, or no match: no route.
import { formatIpv4, inPrefix, type Ipv4, type Prefix } from '../addr/ipv4';
import type { VpcRouteSpec } from '../config/world';
import type { VpcRouteWhy } from '../trace/causes';
import { eniHolding, formatEniAddress, type Eni, type VpcSpec } from './vpcEni';

export type VpcRouteResult =
  | { readonly ok: true; readonly eni: Eni; readonly matched: string; readonly why: VpcRouteWhy }
  | { readonly ok: false; readonly matched?: string; readonly why: VpcRouteWhy };

function cidr(p: Prefix): string {
  return `${formatIpv4(p.addr)}/${p.len}`;
}

/** `route 192.168.11.0/24 via host2/eth0` */
export function formatVpcRoute(route: VpcRouteSpec): string {
  return `route ${cidr(route.dst)} via ${route.via.machine}/${route.via.nic}`;
}

/** The longest route-table entry covering `addr`: a scenario route, or the VPC's local route. */
export function vpcRouteMatch(vpc: VpcSpec, addr: Ipv4): VpcRouteSpec | 'local' | undefined {
  let best: VpcRouteSpec | 'local' | undefined;
  let bestLen = -1;
  if (inPrefix(addr, vpc.cidr)) {
    best = 'local';
    bestLen = vpc.cidr.len;
  }
  for (const route of vpc.routes) {
    if (!inPrefix(addr, route.dst)) continue;
    // longest prefix wins; a route as specific as the local one wins over it
    if (route.dst.len > bestLen || (route.dst.len === bestLen && best === 'local')) {
      best = route;
      bestLen = route.dst.len;
    }
  }
  return best;
}

export function routeTarget(enis: readonly Eni[], route: VpcRouteSpec): Eni | undefined {
  return enis.find((e) => e.id === `${route.via.machine}/${route.via.nic}`);
}

export function vpcRouteLookup(vpc: VpcSpec, enis: readonly Eni[], daddr: Ipv4): VpcRouteResult {
  const holder = eniHolding(enis, daddr);
  if (holder) {
    const where = holder.eni.id;
    return { ok: true, eni: holder.eni, matched: `${where} address ${formatEniAddress(holder.prefix)}`, why: { code: 'eni', eni: where } };
  }
  const match = vpcRouteMatch(vpc, daddr);
  if (match === 'local') return { ok: false, matched: `local ${cidr(vpc.cidr)}`, why: { code: 'local-unheld', cidr: cidr(vpc.cidr) } };
  if (!match) return { ok: false, why: { code: 'none' } };
  const eni = routeTarget(enis, match);
  const via = `${match.via.machine}/${match.via.nic}`;
  if (!eni) return { ok: false, matched: formatVpcRoute(match), why: { code: 'blackhole', via } };
  return { ok: true, eni, matched: formatVpcRoute(match), why: { code: 'route', eni: via } };
}
