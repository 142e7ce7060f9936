// The netfilter hook seam (include/uapi/linux/netfilter_ipv4.h). Every stage calls nfHook at
// the place the kernel runs NF_HOOK; until tables and conntrack exist every hook accepts
// without an event, so traces stay free of empty steps.
import type { Device } from '../kernel/dev/device';
import type { Netns } from '../kernel/netns';
import type { WalkContext } from './context';
import type { Skb } from './skb';

export type NfHook = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

export type NfVerdict = { readonly verdict: 'accept' } | { readonly verdict: 'drop' };

export function nfHook(
  _ctx: WalkContext,
  _hook: NfHook,
  _ns: Netns,
  _skb: Skb,
  _in?: Device,
  _out?: Device,
): NfVerdict {
  return { verdict: 'accept' };
}
