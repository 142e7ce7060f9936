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
import { t } from '../trace/recorder';
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
    ctx.rec.emit(skb, at, 'vpc', 'fabric', t('neither IPv4 nor ARP: the VPC does not carry it', '既不是 IPv4 也不是 ARP：VPC 不转发'));
    return;
  }
  const p = sgPacket(skb.headers)!;

  if (!securityGroups(ctx, sender, 'egress', skb, at)) return;

  if (!sourceDestCheck(ctx, sender, 'source', skb, at)) return;

  const route = vpcRouteLookup(vpc, enis, p.dst);
  ctx.rec.emit(skb, at, 'vpc_route', 'fabric', route.why, route.matched);
  if (!route.ok) {
    ctx.drop(skb, at, 'VPC_NO_ROUTE', 'vpc_route', t(`the VPC has no route to ${formatIpv4(p.dst)}: dropped`, `VPC 没有去往 ${formatIpv4(p.dst)} 的路由：丢弃`));
    return;
  }
  const target = route.eni;

  if (!sourceDestCheck(ctx, target, 'destination', skb, at)) return;

  if (!securityGroups(ctx, target, 'ingress', skb, at)) return;

  if (!target.dev.up) {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'vpc_deliver', t(`${target.id}'s interface is down: the packet is lost`, `${target.id} 的网卡处于关闭状态：包丢失`));
    return;
  }
  replaceLayer(skb, frame, { ...frame, src: sender.dev.mac, dst: target.dev.mac });
  ctx.rec.emit(skb, at, 'vpc_deliver', 'fabric', t(
    `the VPC delivers it to ENI ${target.id} (${target.dev.mac})`,
    `VPC 把它交付给 ENI ${target.id}（${target.dev.mac}）`));
  netifReceiveSkb(ctx, target.dev, skb);
}

function securityGroups(ctx: WalkContext, eni: Eni, dir: SgDirection, skb: Skb, at: At): boolean {
  const verdict = sgCheck(ctx, eni, dir, sgPacket(skb.headers)!);
  const step = dir === 'ingress' ? 'vpc_sg_ingress' : 'vpc_sg_egress';
  ctx.rec.emit(skb, at, step, 'fabric', verdict.why, verdict.matched);
  if (!verdict.allow) {
    ctx.drop(skb, at, 'SECURITY_GROUP_DENY', step, t(
      `security group ${dir} on ${eni.id}: dropped`,
      `${eni.id} 的安全组${dir === 'ingress' ? '入站' : '出站'}检查：丢弃`));
  }
  return verdict.allow;
}

/** The sender's source, or the receiver's destination, must be the ENI's own address unless its check is off. */
function sourceDestCheck(ctx: WalkContext, eni: Eni, which: 'source' | 'destination', skb: Skb, at: At): boolean {
  const iph = ip(skb);
  const addr = which === 'source' ? iph.src : iph.dst;
  const a = formatIpv4(addr);
  const zh = which === 'source' ? '源' : '目的';
  const owned = ownedBy(eni, addr);
  const matched = describeEni(eni);
  if (!eni.sourceDestCheck) {
    ctx.rec.emit(skb, at, 'vpc_source_dest_check', 'fabric', t(
      `source/dest check is off on ${eni.id}: ${which} ${a} is not checked`,
      `${eni.id} 关闭了源/目的检查：不检查${zh}地址 ${a}`), matched);
    return true;
  }
  if (owned) {
    const prefix = owned.len < 32 ? ` (${formatEniAddress(owned)})` : '';
    ctx.rec.emit(skb, at, 'vpc_source_dest_check', 'fabric', t(
      `source/dest check on ${eni.id}: ${which} ${a} is its own${prefix}`,
      `${eni.id} 的源/目的检查：${zh}地址 ${a} 是它自己的${prefix ? `（${formatEniAddress(owned)}）` : ''}`), matched);
    return true;
  }
  ctx.rec.emit(skb, at, 'vpc_source_dest_check', 'fabric', t(
    `source/dest check on ${eni.id}: ${which} ${a} is not one of its addresses`,
    `${eni.id} 的源/目的检查：${zh}地址 ${a} 不是它的地址`), matched);
  ctx.drop(skb, at, 'SOURCE_DEST_CHECK', 'vpc_source_dest_check', t(
    which === 'source' ? `${eni.id} may only send from its own addresses: dropped` : `${eni.id} may only receive packets for its own addresses: dropped`,
    which === 'source' ? `${eni.id} 只能以自己的地址发送：丢弃` : `${eni.id} 只能接收发给自己地址的包：丢弃`));
  return false;
}

/**
 * ARP on a VPC: the fabric answers every request itself, as a proxy — for an ENI's address
 * with that ENI's MAC, for the VPC router's address with the router's MAC, for an address a
 * VPC route covers with the MAC of the route's ENI — and forwards no ARP to any machine. A
 * request for an address nobody has goes unanswered (the sender's NEIGH_FAILED).
 */
function vpcArp(ctx: WalkContext, vpc: VpcSpec, enis: readonly Eni[], sender: Eni, skb: Skb, at: At): void {
  const arp = skb.headers[1] as ArpHeader;
  if (arp.op !== 'request') {
    ctx.rec.emit(skb, at, 'vpc_arp', 'fabric', t(`the VPC answers ARP itself: the reply from ${sender.id} is ignored`, `VPC 自己应答 ARP：忽略来自 ${sender.id} 的应答`));
    return;
  }
  const tip = arp.targetIp;
  const target = formatIpv4(tip);
  const answer = arpAnswer(vpc, enis, sender, tip);
  if (!answer) {
    ctx.rec.emit(skb, at, 'vpc_arp', 'fabric', t(
      `the VPC: no ENI holds ${target} and no route covers it, nobody answers`,
      `VPC：没有 ENI 持有 ${target}，也没有路由覆盖它，无人应答`));
    return;
  }
  ctx.rec.emit(skb, at, 'vpc_arp', 'fabric', t(
    `the VPC answers for ${target} itself: ${answer.who.en}, MAC ${answer.mac}`,
    `VPC 代为应答 ${target}：${answer.who['zh-CN']}，MAC ${answer.mac}`), answer.matched);
  const reply = newSkb([
    { layer: 'eth', src: answer.mac, dst: arp.senderMac, type: ETH_P_ARP },
    { layer: 'arp', op: 'reply', senderMac: answer.mac, senderIp: tip, targetMac: arp.senderMac, targetIp: arp.senderIp },
  ]);
  ctx.rec.emit(reply, at, 'vpc_arp', 'arp', t(`ARP reply to ${sender.id}: ${target} is at ${answer.mac}`, `发给 ${sender.id} 的 ARP 应答：${target} 位于 ${answer.mac}`));
  netifReceiveSkb(ctx, sender.dev, reply);
}

function arpAnswer(vpc: VpcSpec, enis: readonly Eni[], sender: Eni, tip: number) {
  const holder = eniHolding(enis, tip);
  if (holder) {
    // an ENI asking for its own address (duplicate address detection) hears nothing
    if (holder.eni === sender) return undefined;
    return { mac: holder.eni.dev.mac, matched: `${holder.eni.id} address ${formatEniAddress(holder.prefix)}`, who: t(`ENI ${holder.eni.id}'s address`, `ENI ${holder.eni.id} 的地址`) };
  }
  if (tip === routerAddress(vpc)) {
    return { mac: routerMac(vpc), matched: `router ${formatIpv4(tip)}`, who: t('the VPC router', 'VPC 路由器') };
  }
  const route = vpcRouteMatch(vpc, tip);
  if (route && route !== 'local') {
    const eni = routeTarget(enis, route);
    if (eni && eni !== sender) return { mac: eni.dev.mac, matched: formatVpcRoute(route), who: t(`routed to ENI ${eni.id}`, `路由到 ENI ${eni.id}`) };
  }
  return undefined;
}
