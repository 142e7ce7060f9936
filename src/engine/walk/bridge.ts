// The Linux bridge (net/bridge/br_input.c br_handle_frame and br_handle_frame_finish,
// br_forward.c, br_fdb.c): a frame entering a port first meets the bridge's PREROUTING hook
// (br_netfilter: iptables PREROUTING for IPv4 frames), then br_handle_frame_finish learns its
// source MAC and forwards it by the FDB, floods it, or passes it up to the bridge's own stack.
// A frame never leaves by the port it came in on unless that port is in hairpin mode.
import { BROADCAST_MAC, isMulticastMac } from '../addr/mac';
import { bridgePorts, type Device } from '../kernel/dev/device';
import { atDev, type WalkContext } from './context';
import { devQueueXmit } from './devXmit';
import { brNfForward, brNfPreRouting, brNfPreRoutingFinishDnat } from './brNetfilter';
import { netifReceiveSkb } from './netifReceive';
import { firstVisit, floodCopies } from './flood';
import { bridgeFdbRef } from './refs';
import { cloneSkb, eth, type Skb } from './skb';

/** br_handle_frame: a frame arrived on a port of `bridge`. */
export function brHandleFrame(ctx: WalkContext, port: Device, skb: Skb): void {
  const bridge = port.master!;
  if (!bridge.up) {
    ctx.drop(skb, atDev(port, 'in'), 'BRIDGE_INGRESS_STP_STATE', 'br_handle_frame', { code: 'bridge-down', bridge: bridge.name, port: port.name });
    return;
  }
  // a frame this bridge already forwarded has come round a loop (no STP): stopped before it is learned from
  if (!firstVisit(ctx, bridge, skb, atDev(port, 'in'))) return;
  // nf_hook_bridge_pre → br_nf_pre_routing: every IPv4 frame entering a port, unicast or not,
  // for the bridge or not; a frame it drops is never learned from
  const pre = brNfPreRouting(ctx, bridge, port, skb);
  if (pre === 'drop') return;
  // after a DNAT the frame goes on with a new destination MAC: the backend's (bridged DNAT)
  // or the bridge's own (the IP stack routes it)
  if (pre === 'dnat' && brNfPreRoutingFinishDnat(ctx, bridge, port, skb) === 'drop') return;
  brHandleFrameFinish(ctx, bridge, port, skb);
}

/** br_fdb_update: the source MAC lives behind the port the frame came in on. */
function brFdbUpdate(ctx: WalkContext, bridge: Device, port: Device, skb: Skb): void {
  const frame = eth(skb)!;
  const fdb = bridge.fdb!;
  if (isMulticastMac(frame.src) || fdb.get(frame.src)?.local) return;
  const known = fdb.get(frame.src);
  if (known && known.port === port) return;
  fdb.set(frame.src, { mac: frame.src, port, local: false, static: false });
  bridge.ns.stateVersion++;
  ctx.rec.emit(skb, atDev(port, 'in'), 'br_fdb_update', 'br.fdb.learn', { bridge: bridge.name, mac: frame.src, port: port.name }, [bridgeFdbRef(bridge, frame.src, port)]);
}

/**
 * br_handle_frame_finish: learn the source, then a group frame floods and goes up, the bridge's
 * own MAC goes up, a known one to its port, an unknown one floods.
 */
function brHandleFrameFinish(ctx: WalkContext, bridge: Device, port: Device, skb: Skb): void {
  brFdbUpdate(ctx, bridge, port, skb);
  const frame = eth(skb)!;
  if (frame.dst === BROADCAST_MAC || isMulticastMac(frame.dst)) {
    brFlood(ctx, bridge, skb, port);
    brPassFrameUp(ctx, bridge, cloneSkb(skb), 'broadcast');
    return;
  }
  const entry = bridge.fdb!.get(frame.dst);
  if (entry?.local) {
    brPassFrameUp(ctx, bridge, skb, 'host');
    return;
  }
  if (entry?.port) {
    // should_deliver: never back out of the port it came in on, unless that port hairpins
    if (entry.port === port && !port.hairpin) {
      ctx.rec.emit(skb, atDev(port, 'in'), 'br_forward', 'br.forward.inport', { mac: frame.dst, port: port.name }, [bridgeFdbRef(bridge, entry.mac, entry.port)]);
      // br_forward: kfree_skb, no reason given (NOT_SPECIFIED)
      ctx.drop(skb, atDev(port, 'in'), 'NOT_SPECIFIED', 'br_forward', { code: 'bridge-same-port', bridge: bridge.name, port: port.name, mac: frame.dst });
      return;
    }
    ctx.rec.emit(skb, atDev(bridge), 'br_forward', 'br.forward', { bridge: bridge.name, mac: frame.dst, port: entry.port.name, ...(entry.port === port ? { hairpin: true } : {}) }, [bridgeFdbRef(bridge, entry.mac, entry.port)]);
    if (brNfForward(ctx, bridge, entry.port, skb)) devQueueXmit(ctx, entry.port, skb);
    return;
  }
  brFlood(ctx, bridge, skb, port);
  if (port.promisc || bridge.promisc) brPassFrameUp(ctx, bridge, cloneSkb(skb), 'otherhost');
}

/**
 * br_flood: a copy to every forwarding port but the one it came in on (`from`, which gets one
 * too in hairpin mode); a frame that entered a port crosses FORWARD towards each (br_netfilter),
 * one the host sent through the bridge device does not.
 */
function brFlood(ctx: WalkContext, bridge: Device, skb: Skb, from?: Device): void {
  const ports = bridgePorts(bridge).filter((p) => (p !== from || p.hairpin) && p.up);
  const frame = eth(skb)!;
  ctx.rec.emit(skb, atDev(bridge), 'br_flood', 'br.flood', { bridge: bridge.name, mac: frame.dst, broadcast: frame.dst === BROADCAST_MAC, ports: ports.map((p) => p.name) });
  floodCopies(skb, ports, (p, copy) => {
    if (!from || brNfForward(ctx, bridge, p, copy)) devQueueXmit(ctx, p, copy);
  });
}

/** br_pass_frame_up: the bridge device itself receives the frame (its own MAC or broadcast). */
function brPassFrameUp(ctx: WalkContext, bridge: Device, skb: Skb, pktType: Skb['pktType']): void {
  netifReceiveSkb(ctx, bridge, skb, pktType);
}

/** br_dev_xmit: the host sends through the bridge device. */
export function brDevXmit(ctx: WalkContext, bridge: Device, skb: Skb): void {
  // the host's own frame, should it come back into the bridge by a port, has gone round a loop
  if (!firstVisit(ctx, bridge, skb, atDev(bridge))) return;
  const frame = eth(skb)!;
  const entry = bridge.fdb!.get(frame.dst);
  if (frame.dst !== BROADCAST_MAC && !isMulticastMac(frame.dst) && entry?.port && !entry.local) {
    ctx.rec.emit(skb, atDev(bridge), 'br_forward', 'br.forward', { bridge: bridge.name, mac: frame.dst, port: entry.port.name }, [bridgeFdbRef(bridge, entry.mac, entry.port)]);
    devQueueXmit(ctx, entry.port, skb);
    return;
  }
  brFlood(ctx, bridge, skb);
}
