// Where a `vpc` network sends a packet (DESIGN §3): to the ENI that holds the destination
// address, else by its route table — the implicit `local` route for the VPC's CIDR plus the
// scenario's `routes:` (destination CIDR → an ENI), longest prefix first, as in an AWS route
// table. A `local` match that no ENI holds, a route whose ENI is gone, or no match: no route.
import { formatIpv4, inPrefix, type Ipv4, type Prefix } from '../addr/ipv4';
import type { VpcRouteSpec } from '../config/world';
import { t } from '../trace/recorder';
import type { I18nText } from '../trace/types';
import { eniHolding, formatEniAddress, type Eni, type VpcSpec } from './vpcEni';

export type VpcRouteResult =
  | { readonly ok: true; readonly eni: Eni; readonly matched: string; readonly why: I18nText }
  | { readonly ok: false; readonly matched?: string; readonly why: I18nText };

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
  const dst = formatIpv4(daddr);
  const holder = eniHolding(enis, daddr);
  if (holder) {
    const where = holder.eni.id;
    return {
      ok: true,
      eni: holder.eni,
      matched: `${where} address ${formatEniAddress(holder.prefix)}`,
      why: t(`${dst} belongs to ENI ${where}: deliver it there`, `${dst} 属于 ENI ${where}：交付给它`),
    };
  }
  const match = vpcRouteMatch(vpc, daddr);
  if (match === 'local') {
    return {
      ok: false,
      matched: `local ${cidr(vpc.cidr)}`,
      why: t(`${dst} is inside the VPC (${cidr(vpc.cidr)}), but no ENI holds it`, `${dst} 在 VPC 网段（${cidr(vpc.cidr)}）内，但没有 ENI 持有这个地址`),
    };
  }
  if (!match) {
    return {
      ok: false,
      why: t(`no ENI holds ${dst} and no route of the VPC covers it`, `没有 ENI 持有 ${dst}，VPC 路由表里也没有覆盖它的路由`),
    };
  }
  const eni = routeTarget(enis, match);
  const via = `${match.via.machine}/${match.via.nic}`;
  if (!eni) {
    return {
      ok: false,
      matched: formatVpcRoute(match),
      why: t(`the route for ${dst} points at ${via}, which is not attached to this VPC (blackhole)`, `去往 ${dst} 的路由指向 ${via}，但它没有接入此 VPC（黑洞路由）`),
    };
  }
  return {
    ok: true,
    eni,
    matched: formatVpcRoute(match),
    why: t(`the VPC route table sends ${dst} to ENI ${via}`, `VPC 路由表把 ${dst} 发往 ENI ${via}`),
  };
}
