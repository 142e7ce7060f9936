// Sending an IP packet (net/ipv4/ip_output.c): ip_local_out with the OUTPUT hook,
// ip_output with POSTROUTING, then ip_finish_output2 for the neighbour.
import type { Ipv4 } from '../addr/ipv4';
import type { Device } from '../kernel/dev/device';
import type { Netns } from '../kernel/netns';
import { t } from '../trace/recorder';
import { atDev, type WalkContext } from './context';
import { ipFinishOutput2 } from './neighOutput';
import { nfHook } from './netfilter';
import type { Skb } from './skb';

/** ip_local_out: a locally generated packet with its route already chosen. */
export function ipLocalOut(ctx: WalkContext, ns: Netns, skb: Skb, dev: Device, nexthop: Ipv4): void {
  if (nfHook(ctx, 'OUTPUT', ns, skb, undefined, dev).verdict === 'drop') return;
  ipOutput(ctx, ns, skb, dev, nexthop);
}

/** ip_output: POSTROUTING, then the neighbour layer. */
export function ipOutput(ctx: WalkContext, ns: Netns, skb: Skb, dev: Device, nexthop: Ipv4): void {
  if (nfHook(ctx, 'POSTROUTING', ns, skb, undefined, dev).verdict === 'drop') return;
  if (!dev.up) {
    ctx.drop(skb, atDev(dev), 'NOT_SPECIFIED', 'ip_output', t(`${dev.name} is down`, `${dev.name} 处于关闭状态`));
    return;
  }
  ipFinishOutput2(ctx, dev, nexthop, skb);
}
