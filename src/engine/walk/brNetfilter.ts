// br_netfilter (net/bridge/br_netfilter_hooks.c): with net.bridge.bridge-nf-call-iptables=1
// (the default once the module is loaded, as on Kubernetes nodes) IPv4 frames the bridge
// forwards between its ports also cross the iptables hooks: PREROUTING at ingress, FORWARD and
// POSTROUTING towards each output port, with -m physdev seeing the ports. If PREROUTING's DNAT
// changed the destination, the frame is handed to the IP stack to be routed instead.
import type { Device } from '../kernel/dev/device';
import { ETH_P_IP } from '../packet/headers';
import { atDev, type WalkContext } from './context';
import { nfHook } from './netfilter';
import { eth, ip, type Skb } from './skb';

export function bridgeNfEnabled(bridge: Device): boolean {
  return bridge.ns.sysctl.other.get('net.bridge.bridge-nf-call-iptables') !== '0';
}

function applies(bridge: Device, skb: Skb): boolean {
  const frame = eth(skb);
  return frame?.type === ETH_P_IP && bridgeNfEnabled(bridge) && !(bridge.ns.nf.isEmpty() && !bridge.ns.nf.conntrackEnabled());
}

/** br_nf_pre_routing: 'bridge' to keep bridging, 'route' when DNAT sent it elsewhere, 'drop'. */
export function brNfPreRouting(ctx: WalkContext, bridge: Device, port: Device, skb: Skb): 'bridge' | 'route' | 'drop' {
  if (!applies(bridge, skb)) return 'bridge';
  const dstBefore = ip(skb).dst;
  skb.physIn = port;
  ctx.rec.emit(skb, atDev(bridge), 'br_nf_pre_routing', 'br.nf', { bridge: bridge.name, port: port.name });
  if (nfHook(ctx, 'PREROUTING', bridge.ns, skb, bridge).verdict === 'drop') return 'drop';
  skb.preroutingDone = true;
  return ip(skb).dst !== dstBefore ? 'route' : 'bridge';
}

/** br_nf_forward_ip + br_nf_post_routing towards one output port. */
export function brNfForward(ctx: WalkContext, bridge: Device, out: Device, skb: Skb): boolean {
  if (!applies(bridge, skb)) return true;
  skb.physOut = out;
  if (nfHook(ctx, 'FORWARD', bridge.ns, skb, bridge, bridge).verdict === 'drop') return false;
  return nfHook(ctx, 'POSTROUTING', bridge.ns, skb, undefined, bridge).verdict !== 'drop';
}
