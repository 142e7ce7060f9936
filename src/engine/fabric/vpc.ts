// A `vpc` network (DESIGN §3): a cloud SDN between ENIs: being written.
import type { Device } from '../kernel/dev/device';
import { t } from '../trace/recorder';
import type { WalkContext } from '../walk/context';
import type { Skb } from '../walk/skb';

export function vpcForward(ctx: WalkContext, from: Device, skb: Skb): void {
  ctx.drop(skb, { machine: from.network!, netns: '' }, 'NOT_SPECIFIED', 'vpc', t('the vpc fabric is not modelled yet', '尚未实现 vpc'));
}
