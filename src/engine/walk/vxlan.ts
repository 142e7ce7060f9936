// vxlan_xmit / vxlan_rcv (drivers/net/vxlan/vxlan_core.c): being written.
import type { Device } from '../kernel/dev/device';
import type { Netns } from '../kernel/netns';
import { t } from '../trace/recorder';
import { atDev, type WalkContext } from './context';
import type { Skb } from './skb';

/** A frame sent on a vxlan device: FDB lookup, encapsulation, outer routing. */
export function vxlanXmit(ctx: WalkContext, dev: Device, skb: Skb): void {
  ctx.drop(skb, atDev(dev), 'NOT_SPECIFIED', 'vxlan_xmit', t('vxlan is not modelled yet', '尚未实现 vxlan'));
}

/**
 * The vxlan device of `ns` whose UDP socket owns a locally delivered UDP datagram to `dport`,
 * if any (udp_rcv → the encap socket's vxlan_rcv).
 */
export function vxlanSocketFor(_ns: Netns, _dport: number): Device | undefined {
  return undefined;
}

/** A UDP datagram to a vxlan socket: VNI check, decapsulation, learning, receive on the vxlan device. */
export function vxlanRcv(ctx: WalkContext, dev: Device, skb: Skb, at: Device): void {
  ctx.drop(skb, atDev(at), 'NOT_SPECIFIED', 'vxlan_rcv', t(`vxlan receive on ${dev.name} is not modelled yet`, '尚未实现 vxlan 接收'));
}
