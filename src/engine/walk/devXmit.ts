// dev_queue_xmit and the drivers' transmit functions (net/core/dev.c, drivers/net/veth.c
// veth_xmit, net/bridge/br_device.c br_dev_xmit, a NIC handing the frame to its network).
import { formatHeaders } from '../packet/format';
import { t } from '../trace/recorder';
import { switchForward } from '../fabric/switch';
import { vpcForward } from '../fabric/vpc';
import type { Device } from '../kernel/dev/device';
import { brDevXmit } from './bridge';
import { atDev, type WalkContext } from './context';
import { ipipXmit } from './ipip';
import { netifReceiveSkb } from './netifReceive';
import { vxlanXmit } from './vxlan';
import { scrub, type Skb } from './skb';

export function devQueueXmit(ctx: WalkContext, dev: Device, skb: Skb): void {
  if (!ctx.hop(skb, atDev(dev))) return;
  if (!dev.up) {
    ctx.drop(skb, atDev(dev), 'NOT_SPECIFIED', 'dev_queue_xmit', t(`${dev.name} is down: nothing can be sent`, `${dev.name} 处于关闭状态，无法发送`));
    return;
  }
  switch (dev.kind) {
    case 'veth':
      return vethXmit(ctx, dev, skb);
    case 'bridge':
      ctx.rec.emit(skb, atDev(dev), 'br_dev_xmit', 'xmit', t(`sent on bridge ${dev.name}: ${formatHeaders(skb.headers)}`, `从网桥 ${dev.name} 发出：${formatHeaders(skb.headers)}`));
      return brDevXmit(ctx, dev, skb);
    case 'nic':
      ctx.rec.emit(skb, atDev(dev), 'dev_queue_xmit', 'xmit', t(`sent on ${dev.name} to network ${dev.network}`, `从 ${dev.name} 发往网络 ${dev.network}`));
      return ctx.lab.networkKind(dev.network!) === 'vpc' ? vpcForward(ctx, dev, skb) : switchForward(ctx, dev, skb);
    case 'vxlan':
      return vxlanXmit(ctx, dev, skb);
    case 'ipip':
      return ipipXmit(ctx, dev, skb);
    case 'loopback':
      ctx.rec.emit(skb, atDev(dev), 'loopback_xmit', 'xmit', t('looped back to this namespace', '环回到本命名空间'));
      return netifReceiveSkb(ctx, dev, skb);
    case 'dummy':
      ctx.rec.emit(skb, atDev(dev), 'dummy_xmit', 'xmit', t(`${dev.name} is a dummy device: the packet is discarded`, `${dev.name} 是 dummy 设备：包被丢弃`));
      return;
  }
}

function vethXmit(ctx: WalkContext, dev: Device, skb: Skb): void {
  const peer = dev.peer;
  if (!peer || !peer.up) {
    ctx.drop(skb, atDev(dev), 'NOT_SPECIFIED', 'veth_xmit', t(`the peer of ${dev.name} is down: no carrier`, `${dev.name} 的对端处于关闭状态：没有载波`));
    return;
  }
  scrub(skb, peer.ns !== dev.ns);
  const where = peer.ns === dev.ns ? peer.name : `${peer.ns.label}:${peer.name}`;
  ctx.rec.emit(skb, atDev(dev), 'veth_xmit', 'xmit', t(`sent on ${dev.name}; the veth pair hands it to ${where}`, `从 ${dev.name} 发出；veth 对把它交给 ${where}`));
  netifReceiveSkb(ctx, peer, skb);
}
