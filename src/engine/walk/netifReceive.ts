// netif_receive_skb / __netif_receive_skb_core and eth_type_trans (net/core/dev.c,
// net/ethernet/eth.c): classify the frame for this device and hand it to the bridge (if the
// device is a port) or to the protocol (ARP, IPv4).
import { BROADCAST_MAC, isMulticastMac } from '../addr/mac';
import type { Device } from '../kernel/dev/device';
import { ETH_P_ARP, ETH_P_IP } from '../packet/headers';
import { arpRcv } from './arp';
import { brHandleFrame } from './bridge';
import { atDev, type WalkContext } from './context';
import { ipRcv } from './ipInput';
import { eth, type PktType, type Skb } from './skb';

export function netifReceiveSkb(ctx: WalkContext, dev: Device, skb: Skb, pktType?: PktType): void {
  const at = atDev(dev, 'in');
  if (!ctx.hop(skb, at)) return;
  const frame = eth(skb);
  if (!frame) throw new Error('invariant: a frame without an Ethernet header reached netif_receive_skb');
  skb.dev = dev;
  skb.pktType = pktType ?? (frame.dst === dev.mac ? 'host' : frame.dst === BROADCAST_MAC || isMulticastMac(frame.dst) ? 'broadcast' : 'otherhost');
  ctx.rec.emit(skb, at, dev.kind === 'bridge' ? 'br_pass_frame_up' : 'netif_receive_skb', 'dev.recv', { dev: dev.name, pktType: skb.pktType });
  if (dev.master && dev.kind !== 'bridge') {
    brHandleFrame(ctx, dev, skb);
    return;
  }
  if (frame.type === ETH_P_ARP) return arpRcv(ctx, dev, skb);
  if (frame.type === ETH_P_IP) return ipRcv(ctx, dev, skb);
  ctx.drop(skb, at, 'UNHANDLED_PROTO', '__netif_receive_skb_core');
}
