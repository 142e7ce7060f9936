// The Linux bridge (net/bridge/br_input.c br_handle_frame, br_forward.c, br_fdb.c):
// learning, forwarding by FDB, flooding, and passing frames up to the bridge's own stack.
import { BROADCAST_MAC, isMulticastMac } from '../addr/mac';
import { bridgePorts, type Device } from '../kernel/dev/device';
import { atDev, type WalkContext } from './context';
import { devQueueXmit } from './devXmit';
import { brNfForward, brNfPreRouting, brNfPreRoutingFinishDnat } from './brNetfilter';
import { netifReceiveSkb } from './netifReceive';
import { bridgeFdbRef } from './refs';
import { cloneSkb, eth, type Skb } from './skb';

/** br_handle_frame: a frame arrived on a port of `bridge`. */
export function brHandleFrame(ctx: WalkContext, port: Device, skb: Skb): void {
  const bridge = port.master!;
  const frame = eth(skb)!;
  if (!bridge.up) {
    ctx.drop(skb, atDev(port, 'in'), 'BRIDGE_INGRESS_STP_STATE', 'br_handle_frame', { code: 'bridge-down', bridge: bridge.name, port: port.name });
    return;
  }
  const fdb = bridge.fdb!;
  if (!isMulticastMac(frame.src) && !fdb.get(frame.src)?.local) {
    const known = fdb.get(frame.src);
    if (!known || known.port !== port) {
      fdb.set(frame.src, { mac: frame.src, port, local: false, static: false });
      bridge.ns.stateVersion++;
      ctx.rec.emit(skb, atDev(port, 'in'), 'br_fdb_update', 'br.fdb.learn', { bridge: bridge.name, mac: frame.src, port: port.name }, [bridgeFdbRef(bridge, frame.src, port)]);
    }
  }
  if (frame.dst === BROADCAST_MAC || isMulticastMac(frame.dst)) {
    brFlood(ctx, bridge, skb, port);
    brPassFrameUp(ctx, bridge, cloneSkb(skb), 'broadcast');
    return;
  }
  // br_nf_pre_routing: every unicast IPv4 frame entering a port, for the bridge or not
  const pre = brNfPreRouting(ctx, bridge, port, skb);
  if (pre === 'drop') return;
  if (pre === 'dnat') {
    const next = brNfPreRoutingFinishDnat(ctx, bridge, port, skb);
    if (next === 'drop') return;
    if (next === 'stack') {
      brPassFrameUp(ctx, bridge, skb, 'host');
      return;
    }
  }
  brHandleFrameFinish(ctx, bridge, port, skb);
}

/** br_handle_frame_finish: the bridge's own MAC goes up, a known one to its port, an unknown one floods. */
function brHandleFrameFinish(ctx: WalkContext, bridge: Device, port: Device, skb: Skb): void {
  const frame = eth(skb)!;
  const entry = bridge.fdb!.get(frame.dst);
  if (entry?.local) {
    brPassFrameUp(ctx, bridge, skb, 'host');
    return;
  }
  if (entry?.port) {
    if (entry.port === port) {
      ctx.rec.emit(skb, atDev(port, 'in'), 'br_forward', 'br.forward.inport', { mac: frame.dst, port: port.name }, [bridgeFdbRef(bridge, entry.mac, entry.port)]);
      return;
    }
    ctx.rec.emit(skb, atDev(bridge), 'br_forward', 'br.forward', { bridge: bridge.name, mac: frame.dst, port: entry.port.name }, [bridgeFdbRef(bridge, entry.mac, entry.port)]);
    if (brNfForward(ctx, bridge, entry.port, skb)) devQueueXmit(ctx, entry.port, skb);
    return;
  }
  brFlood(ctx, bridge, skb, port, true);
  if (port.promisc || bridge.promisc) brPassFrameUp(ctx, bridge, cloneSkb(skb), 'otherhost');
}

/** br_flood: a copy to every forwarding port except the one it came in on. */
function brFlood(ctx: WalkContext, bridge: Device, skb: Skb, except?: Device, bridged = false): void {
  const ports = bridgePorts(bridge).filter((p) => p !== except && p.up);
  const frame = eth(skb)!;
  ctx.rec.emit(skb, atDev(bridge), 'br_flood', 'br.flood', { bridge: bridge.name, mac: frame.dst, broadcast: frame.dst === BROADCAST_MAC, ports: ports.map((p) => p.name) });
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
    ctx.rec.emit(skb, atDev(bridge), 'br_forward', 'br.forward', { bridge: bridge.name, mac: frame.dst, port: entry.port.name }, [bridgeFdbRef(bridge, entry.mac, entry.port)]);
    devQueueXmit(ctx, entry.port, skb);
    return;
  }
  brFlood(ctx, bridge, skb);
}
