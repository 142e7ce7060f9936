// ipip_tunnel_xmit / ipip_rcv (net/ipv4/ipip.c, ip_tunnel.c): being written.
import type { Device } from '../kernel/dev/device';
import type { Netns } from '../kernel/netns';
import { t } from '../trace/recorder';
import { atDev, type WalkContext } from './context';
import type { Skb } from './skb';

/** An IPv4 packet sent on an ipip device: the outer IPv4 header (protocol 4), then outer routing. */
export function ipipXmit(ctx: WalkContext, dev: Device, skb: Skb): void {
  ctx.drop(skb, atDev(dev), 'NOT_SPECIFIED', 'ipip_tunnel_xmit', t('ipip is not modelled yet', '尚未实现 ipip'));
}

/** A locally delivered IPv4 packet of protocol 4: find the tunnel, decapsulate, receive on it. */
export function ipipRcv(ctx: WalkContext, _ns: Netns, skb: Skb, at: Device): void {
  ctx.drop(skb, atDev(at), 'NOT_SPECIFIED', 'ipip_rcv', t('ipip receive is not modelled yet', '尚未实现 ipip 接收'));
}
