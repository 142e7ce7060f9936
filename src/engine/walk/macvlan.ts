// macvlan devices (drivers/net/macvlan.c): macvlan_queue_xmit sends a frame from a macvlan —
// to a bridge-mode sibling directly (dev_forward_skb into the lower device, where the receive
// hook finds it), to the bridge-mode siblings and the wire for a group frame, else out the
// lower device; macvlan_handle_frame, the lower device's rx_handler, hands a frame from the wire
// to the macvlan whose MAC is its destination, copies group frames to the macvlans their modes
// allow (macvlan_broadcast, after the lower device's own stack), and leaves the rest to the
// lower device. Frames the lower device itself sends never pass through here: the parent cannot
// reach its own macvlans.
import { BROADCAST_MAC, isMulticastMac, type Mac } from '../addr/mac';
import type { Device } from '../kernel/dev/device';
import { macvlanBroadcastTargets, macvlanHashLookup } from '../kernel/dev/macvlan';
import { atDev, placeOf, type RxHandlerResult, type WalkContext } from './context';
import { devQueueXmit } from './devXmit';
import { devForwardSkb, netifReceiveSkb } from './netifReceive';
import { cloneSkb, eth, scrub, type Skb } from './skb';

const isGroup = (mac: Mac) => mac === BROADCAST_MAC || isMulticastMac(mac);

/** macvlan_queue_xmit: a frame sent on macvlan `dev`. */
export function macvlanQueueXmit(ctx: WalkContext, dev: Device, skb: Skb): void {
  const { lower, mode } = dev.macvlan!;
  const port = lower.macvlanPort!;
  const frame = eth(skb)!;
  const at = atDev(dev, 'out');
  const base = { dev: dev.name, mode, lower: placeOf(lower) };
  if (mode === 'bridge' && isGroup(frame.dst)) {
    const siblings = macvlanBroadcastTargets(port, { from: 'bridge', src: dev });
    ctx.rec.emit(skb, at, 'macvlan_queue_xmit', 'macvlan.xmit', { ...base, to: 'flood', siblings: siblings.map(placeOf) });
    // macvlan_broadcast_one, local: dev_forward_skb puts a copy on each sibling's backlog queue
    // (netif_rx), so the lower device sends the frame to the wire before any sibling sees it
    const copies = siblings.map((s) => {
      const copy = cloneSkb(skb);
      scrub(copy, s.ns !== dev.ns);
      return copy;
    });
    devQueueXmit(ctx, lower, skb);
    siblings.forEach((s, i) => netifReceiveSkb(ctx, s, copies[i], 'broadcast'));
    return;
  }
  const dest = isGroup(frame.dst) ? undefined : macvlanHashLookup(port, frame.dst);
  if (mode === 'bridge' && dest?.macvlan?.mode === 'bridge') {
    ctx.rec.emit(skb, at, 'macvlan_queue_xmit', 'macvlan.xmit', { ...base, to: 'sibling', sibling: placeOf(dest) });
    // dev_forward_skb(lowerdev): into the lower device's receive path, where
    // macvlan_handle_frame finds the sibling by its MAC
    scrub(skb, lower.ns !== dev.ns);
    devForwardSkb(ctx, lower, skb);
    return;
  }
  ctx.rec.emit(skb, at, 'macvlan_queue_xmit', 'macvlan.xmit', {
    ...base,
    to: 'lower',
    ...(dest ? { sibling: placeOf(dest), siblingMode: dest.macvlan!.mode } : {}),
  });
  devQueueXmit(ctx, lower, skb);
}

/** macvlan_handle_frame: the rx_handler of a lower device that has macvlans. */
export function macvlanHandleFrame(ctx: WalkContext, lower: Device, skb: Skb): RxHandlerResult {
  const port = lower.macvlanPort!;
  const frame = eth(skb)!;
  const at = atDev(lower, 'in');
  if (isGroup(frame.dst)) {
    const src = macvlanHashLookup(port, frame.src);
    const srcMode = src?.macvlan?.mode;
    if (src && srcMode !== 'vepa' && srcMode !== 'bridge') {
      // a private or passthru macvlan's own group frame, back from the wire: to it alone
      ctx.rec.emit(skb, at, 'macvlan_handle_frame', 'macvlan.broadcast', { lower: lower.name, mac: frame.dst, source: 'own', to: [placeOf(src)] });
      netifReceiveSkb(ctx, src, skb, 'broadcast');
      return { consumed: true };
    }
    const targets = macvlanBroadcastTargets(port, src ? { from: 'hairpin', src } : { from: 'wire' });
    ctx.rec.emit(skb, at, 'macvlan_handle_frame', 'macvlan.broadcast', { lower: lower.name, mac: frame.dst, source: src ? 'hairpin' : 'wire', to: targets.map(placeOf) });
    const copies = targets.map(() => cloneSkb(skb));
    // macvlan_broadcast_enqueue: the copies go out from a work queue once the lower device's
    // own stack has had the frame (RX_HANDLER_PASS)
    return { consumed: false, later: () => targets.forEach((t, i) => netifReceiveSkb(ctx, t, copies[i], 'broadcast')) };
  }
  const vlan = port.passthru ? port.devices[0] : macvlanHashLookup(port, frame.dst);
  if (!vlan) {
    ctx.rec.emit(skb, at, 'macvlan_handle_frame', 'macvlan.pass', { lower: lower.name, mac: frame.dst });
    return { consumed: false };
  }
  if (!vlan.up) {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'macvlan_handle_frame', { code: 'macvlan-down', dev: vlan.name, lower: lower.name });
    return { consumed: true };
  }
  ctx.rec.emit(skb, at, 'macvlan_handle_frame', 'macvlan.rx', { lower: lower.name, mac: frame.dst, dev: placeOf(vlan), passthru: port.passthru });
  // RX_HANDLER_ANOTHER: the frame now arrives on the macvlan, as its own (PACKET_HOST)
  netifReceiveSkb(ctx, vlan, skb, 'host');
  return { consumed: true };
}
