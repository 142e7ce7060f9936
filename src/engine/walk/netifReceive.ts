// netif_receive_skb / __netif_receive_skb_core, eth_type_trans and dev_forward_skb
// (net/core/dev.c, net/ethernet/eth.c): classify the frame for this device, give it to the
// device's rx_handler (the bridge of a port, the macvlan or ipvlan port of a lower device),
// then to the protocol (ARP, IPv4).
import { BROADCAST_MAC, isMulticastMac } from '../addr/mac';
import type { Device } from '../kernel/dev/device';
import { ETH_P_ARP, ETH_P_IP } from '../packet/headers';
import { arpRcv } from './arp';
import { brHandleFrame } from './bridge';
import { atDev, type WalkContext } from './context';
import { ipRcv } from './ipInput';
import { ipvlanHandleFrame } from './ipvlan';
import { macvlanHandleFrame } from './macvlan';
import { eth, type PktType, type Skb } from './skb';

/** eth_type_trans: the packet type a device gives a frame by its destination MAC. */
function ethTypeTrans(dev: Device, skb: Skb): PktType {
  const frame = eth(skb);
  if (!frame) throw new Error('invariant: a frame without an Ethernet header reached netif_receive_skb');
  return frame.dst === dev.mac ? 'host' : frame.dst === BROADCAST_MAC || isMulticastMac(frame.dst) ? 'broadcast' : 'otherhost';
}

/** A frame a device's driver received (counted as received on it). */
export function netifReceiveSkb(ctx: WalkContext, dev: Device, skb: Skb, pktType?: PktType): void {
  const at = atDev(dev, 'in');
  if (!ctx.hop(skb, at)) return;
  skb.dev = dev;
  skb.pktType = pktType ?? ethTypeTrans(dev, skb);
  ctx.rec.emit(skb, at, dev.kind === 'bridge' ? 'br_pass_frame_up' : 'netif_receive_skb', 'dev.recv', { dev: dev.name, pktType: skb.pktType });
  netifReceiveCore(ctx, dev, skb);
}

/**
 * dev_forward_skb: a frame handed straight into a device's receive path by another device of
 * the host (a macvlan to its lower device, an ipvlan to its master). No driver receives it, so
 * the device counts nothing, but its taps (tcpdump) see the frame arrive: a `dev.forward` event.
 */
export function devForwardSkb(ctx: WalkContext, dev: Device, skb: Skb): void {
  const at = atDev(dev, 'in');
  if (!ctx.hop(skb, at)) return;
  skb.dev = dev;
  skb.pktType = ethTypeTrans(dev, skb);
  ctx.rec.emit(skb, at, 'dev_forward_skb', 'dev.forward', { dev: dev.name });
  netifReceiveCore(ctx, dev, skb);
}

/** __netif_receive_skb_core: the rx_handler first, then the protocol. */
function netifReceiveCore(ctx: WalkContext, dev: Device, skb: Skb): void {
  if (dev.master && dev.kind !== 'bridge') {
    brHandleFrame(ctx, dev, skb);
    return;
  }
  // RX_HANDLER_PASS lets the device's own stack have the frame; the group copies a macvlan
  // or ipvlan port makes are delivered after that, from a work queue
  const rx = dev.macvlanPort ? macvlanHandleFrame(ctx, dev, skb) : dev.ipvlanPort ? ipvlanHandleFrame(ctx, dev, skb) : undefined;
  if (rx?.consumed) return;
  deliverToProtocol(ctx, dev, skb);
  rx?.later?.();
}

function deliverToProtocol(ctx: WalkContext, dev: Device, skb: Skb): void {
  const frame = eth(skb)!;
  if (frame.type === ETH_P_ARP) return arpRcv(ctx, dev, skb);
  if (frame.type === ETH_P_IP) return ipRcv(ctx, dev, skb);
  ctx.drop(skb, atDev(dev, 'in'), 'UNHANDLED_PROTO', '__netif_receive_skb_core', { code: 'unhandled-proto', dev: dev.name, ethertype: frame.type });
}
