// The Linux bridge (net/bridge/br_input.c br_handle_frame, br_forward.c, br_fdb.c):
// learning, forwarding by FDB, flooding, and passing frames up to the bridge's own stack.
import { BROADCAST_MAC, isMulticastMac } from '../addr/mac';
import { t } from '../trace/recorder';
import { bridgePorts, type Device } from '../kernel/dev/device';
import { atDev, type WalkContext } from './context';
import { devQueueXmit } from './devXmit';
import { brNfForward, brNfPreRouting } from './brNetfilter';
import { netifReceiveSkb } from './netifReceive';
import { cloneSkb, eth, type Skb } from './skb';

/** br_handle_frame: a frame arrived on a port of `bridge`. */
export function brHandleFrame(ctx: WalkContext, port: Device, skb: Skb): void {
  const bridge = port.master!;
  const frame = eth(skb)!;
  if (!bridge.up) {
    ctx.drop(skb, atDev(port), 'BRIDGE_INGRESS_STP_STATE', 'br_handle_frame', t(`bridge ${bridge.name} is down: port ${port.name} does not forward`, `网桥 ${bridge.name} 处于关闭状态：端口 ${port.name} 不转发`));
    return;
  }
  const fdb = bridge.fdb!;
  if (!isMulticastMac(frame.src) && !fdb.get(frame.src)?.local) {
    const known = fdb.get(frame.src);
    if (!known || known.port !== port) {
      fdb.set(frame.src, { mac: frame.src, port, local: false, static: false });
      ctx.rec.emit(skb, atDev(port), 'br_fdb_update', 'fdb', t(`bridge ${bridge.name} learns ${frame.src} behind port ${port.name}`, `网桥 ${bridge.name} 学习到 ${frame.src} 位于端口 ${port.name} 之后`), `${frame.src} dev ${port.name} master ${bridge.name}`);
    }
  }
  if (frame.dst === BROADCAST_MAC || isMulticastMac(frame.dst)) {
    brFlood(ctx, bridge, skb, port);
    brPassFrameUp(ctx, bridge, cloneSkb(skb), 'broadcast');
    return;
  }
  const entry = fdb.get(frame.dst);
  if (entry?.local) {
    brPassFrameUp(ctx, bridge, skb, 'host');
    return;
  }
  const pre = brNfPreRouting(ctx, bridge, port, skb);
  if (pre === 'drop') return;
  if (pre === 'route') {
    // DNAT pointed it elsewhere: br_nf_pre_routing_finish hands it to the IP stack
    brPassFrameUp(ctx, bridge, skb, 'host');
    return;
  }
  if (entry?.port) {
    if (entry.port === port) {
      ctx.rec.emit(skb, atDev(port), 'br_forward', 'fdb', t(`${frame.dst} lives behind the port the frame came from: not forwarded`, `${frame.dst} 就在来向端口之后：不转发`), fdbLine(entry.mac, entry.port, bridge));
      return;
    }
    ctx.rec.emit(skb, atDev(bridge), 'br_forward', 'fdb', t(`FDB: ${frame.dst} is behind port ${entry.port.name}`, `FDB：${frame.dst} 位于端口 ${entry.port.name} 之后`), fdbLine(entry.mac, entry.port, bridge));
    if (brNfForward(ctx, bridge, entry.port, skb)) devQueueXmit(ctx, entry.port, skb);
    return;
  }
  brFlood(ctx, bridge, skb, port, true);
  if (port.promisc || bridge.promisc) brPassFrameUp(ctx, bridge, cloneSkb(skb), 'otherhost');
}

function fdbLine(mac: string, port: Device, bridge: Device): string {
  return `${mac} dev ${port.name} master ${bridge.name}`;
}

/** br_flood: a copy to every forwarding port except the one it came in on. */
function brFlood(ctx: WalkContext, bridge: Device, skb: Skb, except?: Device, bridged = false): void {
  const ports = bridgePorts(bridge).filter((p) => p !== except && p.up);
  const frame = eth(skb)!;
  ctx.rec.emit(skb, atDev(bridge), 'br_flood', 'fdb', t(
    `${frame.dst === BROADCAST_MAC ? 'broadcast' : `${frame.dst} is unknown`}: flooded to ${ports.map((p) => p.name).join(', ') || 'no other port'}`,
    `${frame.dst === BROADCAST_MAC ? '广播帧' : `${frame.dst} 未知`}：泛洪到 ${ports.map((p) => p.name).join('、') || '（没有其他端口）'}`));
  for (const p of ports) {
    const copy = cloneSkb(skb);
    if (!bridged || brNfForward(ctx, bridge, p, copy)) devQueueXmit(ctx, p, copy);
  }
}

/** br_pass_frame_up: the bridge device itself receives the frame (its own MAC or broadcast). */
function brPassFrameUp(ctx: WalkContext, bridge: Device, skb: Skb, pktType: Skb['pktType']): void {
  netifReceiveSkb(ctx, bridge, skb, pktType);
}

/** br_dev_xmit: the host sends through the bridge device. */
export function brDevXmit(ctx: WalkContext, bridge: Device, skb: Skb): void {
  const frame = eth(skb)!;
  const entry = bridge.fdb!.get(frame.dst);
  if (frame.dst !== BROADCAST_MAC && !isMulticastMac(frame.dst) && entry?.port && !entry.local) {
    ctx.rec.emit(skb, atDev(bridge), 'br_forward', 'fdb', t(`FDB: ${frame.dst} is behind port ${entry.port.name}`, `FDB：${frame.dst} 位于端口 ${entry.port.name} 之后`), fdbLine(entry.mac, entry.port, bridge));
    devQueueXmit(ctx, entry.port, skb);
    return;
  }
  brFlood(ctx, bridge, skb);
}
