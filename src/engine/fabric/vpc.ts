// A `vpc` network (DESIGN §3): a cloud SDN between ENIs, AWS VPC style. It is no kernel, so
// its rules are covered by unit tests (test/engine/vpc*.test.ts), not by the parity suite.
//
// A frame an ENI sends is not switched by MAC. ARP requests never reach another machine: the
// fabric answers them itself for every address it knows (vpcArp). An IPv4 packet meets, in
// order (each an event whose `matched` names the rule, route or ENI setting that decided):
//   1. the egress security groups of the sending ENI            → SECURITY_GROUP_DENY
//   2. the source/dest check of the sender: the source must be
//      one of its addresses unless the check is off            → SOURCE_DEST_CHECK
//   3. forwarding by IP, whatever MAC the sender addressed: the
//      ENI holding the destination, else the route table       → VPC_NO_ROUTE
//   4. the source/dest check of the receiver: the destination
//      must be one of its addresses unless the check is off    → SOURCE_DEST_CHECK
//   5. the ingress security groups of the receiving ENI        → SECURITY_GROUP_DENY
// and is delivered with a rewritten Ethernet header: destination the receiving ENI's MAC,
// source the sending ENI's MAC (as between two instances of one AWS subnet; the router's MAC
// only appears in its own ARP answers). The fabric does not decrement the TTL.
import { formatIpv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import { ETH_P_ARP, ETH_P_IP, type ArpHeader } from '../packet/headers';
import type { StateRef } from '../trace/refs';
import type { At } from '../trace/types';
import type { WalkContext } from '../walk/context';
import { netifReceiveSkb } from '../walk/netifReceive';
import { eth, ip, newSkb, replaceLayer, scrub, type Skb } from '../walk/skb';
import { describeEni, eniHolding, enisOf, formatEniAddress, ownedBy, routerAddress, routerMac, vpcOf, type Eni, type VpcSpec } from './vpcEni';
import { formatVpcRoute, routeTarget, vpcRouteLookup, vpcRouteMatch } from './vpcRoute';
import { sgCheck, sgPacket, type SgDirection } from './vpcSecurityGroup';

export function vpcForward(ctx: WalkContext, from: Device, skb: Skb): void {
  const vpc = vpcOf(ctx.lab, from.network!);
  const at: At = { machine: vpc.name, netns: '' };
  const frame = eth(skb)!;
  // a frame on the wire carries no kernel state into the next machine
  scrub(skb, true);
  const enis = enisOf(ctx.lab, vpc);
  const sender = enis.find((e) => e.dev === from)!;
  if (frame.type === ETH_P_ARP) return vpcArp(ctx, vpc, enis, sender, skb, at);
  if (frame.type !== ETH_P_IP) {
    ctx.rec.emit(skb, at, 'vpc', 'vpc.unsupported', {});
    return;
  }
  const p = sgPacket(skb.headers)!;

  if (!securityGroups(ctx, sender, 'egress', skb, at)) return;

  if (!sourceDestCheck(ctx, sender, 'source', skb, at)) return;

  const route = vpcRouteLookup(vpc, enis, p.dst);
  const dst = formatIpv4(p.dst);
  ctx.rec.emit(skb, at, 'vpc_route', 'vpc.route', { dst, ok: route.ok, why: route.why }, lineRef('vpc-route', route.matched));
  if (!route.ok) {
    ctx.drop(skb, at, 'VPC_NO_ROUTE', 'vpc_route', { code: 'vpc-no-route', dst });
    return;
  }
  const target = route.eni;

  if (!sourceDestCheck(ctx, target, 'destination', skb, at)) return;

  if (!securityGroups(ctx, target, 'ingress', skb, at)) return;

  if (!target.dev.up) {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'vpc_deliver', { code: 'vpc-eni-down', eni: target.id });
    return;
  }
  replaceLayer(skb, frame, { ...frame, src: sender.dev.mac, dst: target.dev.mac });
  ctx.rec.emit(skb, at, 'vpc_deliver', 'vpc.deliver', { eni: target.id, mac: target.dev.mac });
  netifReceiveSkb(ctx, target.dev, skb);
}

function securityGroups(ctx: WalkContext, eni: Eni, dir: SgDirection, skb: Skb, at: At): boolean {
  const verdict = sgCheck(ctx, eni, dir, sgPacket(skb.headers)!);
  const step = dir === 'ingress' ? 'vpc_sg_ingress' : 'vpc_sg_egress';
  ctx.rec.emit(skb, at, step, 'vpc.security-group', { eni: eni.id, dir, allow: verdict.allow, why: verdict.why }, lineRef('security-group', verdict.matched));
  if (!verdict.allow) ctx.drop(skb, at, 'SECURITY_GROUP_DENY', step, { code: 'vpc-security-group', eni: eni.id, dir });
  return verdict.allow;
}

/** The sender's source, or the receiver's destination, must be the ENI's own address unless its check is off. */
function sourceDestCheck(ctx: WalkContext, eni: Eni, which: 'source' | 'destination', skb: Skb, at: At): boolean {
  const iph = ip(skb);
  const addr = which === 'source' ? iph.src : iph.dst;
  const owned = ownedBy(eni, addr);
  const refs: StateRef[] = [{ type: 'eni', eni: eni.id, line: describeEni(eni) }];
  const base = { eni: eni.id, which, addr: formatIpv4(addr) };
  const step = 'vpc_source_dest_check';
  if (!eni.sourceDestCheck) {
    ctx.rec.emit(skb, at, step, 'vpc.source-dest-check', { ...base, result: 'off' }, refs);
    return true;
  }
  if (owned) {
    ctx.rec.emit(skb, at, step, 'vpc.source-dest-check', { ...base, result: 'own', ...(owned.len < 32 ? { prefix: formatEniAddress(owned) } : {}) }, refs);
    return true;
  }
  ctx.rec.emit(skb, at, step, 'vpc.source-dest-check', { ...base, result: 'foreign' }, refs);
  ctx.drop(skb, at, 'SOURCE_DEST_CHECK', step, { code: 'vpc-source-dest', eni: eni.id, which });
  return false;
}

function lineRef(type: 'vpc-route' | 'security-group', line: string | undefined): StateRef[] {
  return line === undefined ? [] : [{ type, line }];
}

/**
 * ARP on a VPC: the fabric answers every request itself, as a proxy — for an ENI's address
 * with that ENI's MAC, for the VPC router's address with the router's MAC, for an address a
 * VPC route covers with the MAC of the route's ENI — and forwards no ARP to any machine. A
 * request for an address nobody has goes unanswered (the sender's NEIGH_FAILED).
 */
function vpcArp(ctx: WalkContext, vpc: VpcSpec, enis: readonly Eni[], sender: Eni, skb: Skb, at: At): void {
  const arp = skb.headers[1] as ArpHeader;
  const tip = arp.targetIp;
  const target = formatIpv4(tip);
  if (arp.op !== 'request') {
    ctx.rec.emit(skb, at, 'vpc_arp', 'vpc.arp', { from: sender.id, target, result: 'ignored' });
    return;
  }
  const answer = arpAnswer(vpc, enis, sender, tip);
  if (!answer) {
    ctx.rec.emit(skb, at, 'vpc_arp', 'vpc.arp', { from: sender.id, target, result: 'unanswered' });
    return;
  }
  ctx.rec.emit(skb, at, 'vpc_arp', 'vpc.arp', {
    from: sender.id,
    target,
    result: 'answered',
    who: answer.who,
    ...(answer.eni ? { eni: answer.eni } : {}),
    mac: answer.mac,
  }, answer.ref);
  const reply = newSkb([
    { layer: 'eth', src: answer.mac, dst: arp.senderMac, type: ETH_P_ARP },
    { layer: 'arp', op: 'reply', senderMac: answer.mac, senderIp: tip, targetMac: arp.senderMac, targetIp: arp.senderIp },
  ]);
  ctx.rec.emit(reply, at, 'vpc_arp', 'vpc.arp-reply', { eni: sender.id, target, mac: answer.mac });
  netifReceiveSkb(ctx, sender.dev, reply);
}

interface ArpAnswer {
  readonly mac: string;
  readonly who: 'eni' | 'router' | 'route';
  readonly eni?: string;
  readonly ref: StateRef[];
}

function arpAnswer(vpc: VpcSpec, enis: readonly Eni[], sender: Eni, tip: number): ArpAnswer | undefined {
  const holder = eniHolding(enis, tip);
  if (holder) {
    // an ENI asking for its own address (duplicate address detection) hears nothing
    if (holder.eni === sender) return undefined;
    return { mac: holder.eni.dev.mac, who: 'eni', eni: holder.eni.id, ref: [{ type: 'eni', eni: holder.eni.id, line: `${holder.eni.id} address ${formatEniAddress(holder.prefix)}` }] };
  }
  if (tip === routerAddress(vpc)) {
    return { mac: routerMac(vpc), who: 'router', ref: [{ type: 'vpc-route', line: `router ${formatIpv4(tip)}` }] };
  }
  const route = vpcRouteMatch(vpc, tip);
  if (route && route !== 'local') {
    const eni = routeTarget(enis, route);
    if (eni && eni !== sender) return { mac: eni.dev.mac, who: 'route', eni: eni.id, ref: [{ type: 'vpc-route', line: formatVpcRoute(route) }] };
  }
  return undefined;
}
