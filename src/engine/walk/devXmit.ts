// dev_queue_xmit and the drivers' transmit functions (net/core/dev.c, drivers/net/veth.c
// veth_xmit, net/bridge/br_device.c br_dev_xmit, a NIC handing the frame to its network; macvlan
// and ipvlan in macvlan.ts and ipvlan.ts).
import { switchForward } from '../fabric/switch';
import { vpcForward } from '../fabric/vpc';
import { hasCarrier, lowerDevice, type Device } from '../kernel/dev/device';
import { brDevXmit } from './bridge';
import { atDev, placeOf, type WalkContext } from './context';
import { ipipXmit } from './ipip';
import { ipvlanQueueXmit } from './ipvlan';
import { macvlanQueueXmit } from './macvlan';
import { netifReceiveSkb } from './netifReceive';
import { vxlanXmit } from './vxlan';
import { scrub, type Skb } from './skb';

export function devQueueXmit(ctx: WalkContext, dev: Device, skb: Skb): void {
  const at = atDev(dev, 'out');
  if (!ctx.hop(skb, at)) return;
  if (!dev.up) {
    // a down device's queue is the noop qdisc (dev_deactivate): noop_enqueue drops everything
    ctx.drop(skb, at, 'QDISC_DROP', '__dev_queue_xmit', { code: 'dev-down', dev: dev.name });
    return;
  }
  const lower = lowerDevice(dev);
  if (lower && !hasCarrier(dev)) {
    // no carrier (its lower device is down): the device's queue is the noop qdisc
    ctx.drop(skb, at, 'QDISC_DROP', '__dev_queue_xmit', { code: 'no-carrier', dev: dev.name, lower: lower.name });
    return;
  }
  switch (dev.kind) {
    case 'veth':
      return vethXmit(ctx, dev, skb);
    case 'macvlan':
      return macvlanQueueXmit(ctx, dev, skb);
    case 'ipvlan':
      return ipvlanQueueXmit(ctx, dev, skb);
    case 'bridge':
      ctx.rec.emit(skb, at, 'br_dev_xmit', 'br.xmit', { bridge: dev.name });
      return brDevXmit(ctx, dev, skb);
    case 'nic':
      ctx.rec.emit(skb, at, 'dev_queue_xmit', 'dev.xmit', { dev: dev.name, network: dev.network! });
      return ctx.lab.networkKind(dev.network!) === 'vpc' ? vpcForward(ctx, dev, skb) : switchForward(ctx, dev, skb);
    case 'vxlan':
      return vxlanXmit(ctx, dev, skb);
    case 'ipip':
      return ipipXmit(ctx, dev, skb);
    case 'loopback':
      ctx.rec.emit(skb, at, 'loopback_xmit', 'lo.xmit', {});
      return netifReceiveSkb(ctx, dev, skb);
    case 'dummy':
      ctx.rec.emit(skb, at, 'dummy_xmit', 'dummy.xmit', { dev: dev.name });
      return;
  }
}

function vethXmit(ctx: WalkContext, dev: Device, skb: Skb): void {
  const peer = dev.peer;
  const at = atDev(dev, 'out');
  if (!peer || !peer.up) {
    ctx.drop(skb, at, 'NOT_SPECIFIED', 'veth_xmit', { code: 'peer-down', dev: dev.name });
    return;
  }
  const crosses = peer.ns !== dev.ns;
  const mark = skb.mark;
  scrub(skb, crosses);
  ctx.rec.emit(skb, at, 'veth_xmit', 'veth.xmit', { dev: dev.name, peer: placeOf(peer), ...(crosses && mark !== 0 ? { markCleared: mark } : {}) });
  netifReceiveSkb(ctx, peer, skb);
}
