// The drop reasons podpath reports: the kernel's enum skb_drop_reason names
// (include/net/dropreason-core.h, as the skb:kfree_skb tracepoint prints them) plus the
// fabric's own where no kernel is involved. Names only: what each means, its usual fix and what
// the application sees are words, and live in src/i18n/trace/*/reasons.ts.
//
// CAUSE_REASONS is the engine's whole drop vocabulary: every drop names its cause (causes.ts),
// and WalkContext.drop accepts a reason only if this table pairs it with that cause. So the
// reasons the engine can emit are exactly the table's, and the union below must hold them all
// and nothing else (src/i18n/trace/catalogue.test.ts checks both, and that every reason, and
// every cause the kernel frees without naming a reason, has words in every language).
import type { DropCauseCode } from './causes';

export const KERNEL_DROP_REASONS = [
  'NOT_SPECIFIED',
  'NO_SOCKET',
  'OTHERHOST',
  'IP_RPFILTER',
  'IP_LOCAL_SOURCE',
  'IP_INVALID_SOURCE',
  'IP_INVALID_DEST',
  'IP_INNOROUTES',
  'IP_INADDRERRORS',
  'IP_OUTNOROUTES',
  'IP_INHDR',
  'IP_NOPROTO',
  'NEIGH_FAILED',
  'NETFILTER_DROP',
  'UNHANDLED_PROTO',
  'PKT_TOO_BIG',
  'NO_TX_TARGET',
  'VXLAN_VNI_NOT_FOUND',
  'VXLAN_INVALID_HDR',
  'VXLAN_ENTRY_EXISTS',
  'LOCAL_MAC',
  'MAC_INVALID_SOURCE',
  'BRIDGE_INGRESS_STP_STATE',
  'QDISC_DROP',
] as const;

/**
 * podpath's own, documented as not the kernel's: the hop budget (a layer-2 loop), and the vpc
 * fabric's rules (src/engine/fabric/vpc.ts), where a cloud network and no kernel drops.
 */
export const FABRIC_DROP_REASONS = ['LOOP_LIMIT', 'SECURITY_GROUP_DENY', 'SOURCE_DEST_CHECK', 'VPC_NO_ROUTE'] as const;

export type KernelDropReason = (typeof KERNEL_DROP_REASONS)[number];
export type FabricDropReason = (typeof FABRIC_DROP_REASONS)[number];
export type DropReason = KernelDropReason | FabricDropReason;

export const DROP_REASONS: readonly DropReason[] = [...KERNEL_DROP_REASONS, ...FABRIC_DROP_REASONS];

export function isDropReason(name: string): name is DropReason {
  return (DROP_REASONS as readonly string[]).includes(name);
}

/** The reasons each cause is reported with, as the kernel function that frees the packet names them. */
export const CAUSE_REASONS = {
  'hop-limit': ['LOOP_LIMIT'],
  'l2-loop': ['LOOP_LIMIT'],
  'sender-too-big': ['PKT_TOO_BIG'],
  'sender-no-route': ['IP_OUTNOROUTES'],
  'reply-no-route': ['IP_OUTNOROUTES'],
  otherhost: ['OTHERHOST'],
  // ip_route_input_slow's reasons; br_netfilter frees what its own input route refuses unnamed
  martian: ['IP_RPFILTER', 'IP_LOCAL_SOURCE', 'IP_INVALID_SOURCE', 'IP_INVALID_DEST', 'NOT_SPECIFIED'],
  // ip_error: EHOSTUNREACH/ENETUNREACH are named, a blackhole (EINVAL) or prohibit (EACCES) is not
  'no-route': ['IP_INADDRERRORS', 'IP_INNOROUTES', 'NOT_SPECIFIED'],
  'nf-jump-depth': ['NETFILTER_DROP'],
  'nf-policy': ['NETFILTER_DROP'],
  'nf-rule': ['NETFILTER_DROP'],
  'nf-reject': ['NETFILTER_DROP'],
  'reroute-no-route': ['NETFILTER_DROP'],
  'nat-redirect': ['NETFILTER_DROP'],
  'dev-down': ['QDISC_DROP'],
  'peer-down': ['NOT_SPECIFIED'],
  // br_forward: should_deliver refused the input port, kfree_skb without a reason
  'bridge-same-port': ['NOT_SPECIFIED'],
  'neigh-failed': ['NEIGH_FAILED'],
  // ip_forward names it; an ipip tunnel's tnl_update_pmtu frees it unnamed
  'frag-needed': ['PKT_TOO_BIG', 'NOT_SPECIFIED'],
  'bridge-down': ['BRIDGE_INGRESS_STP_STATE'],
  'no-carrier': ['QDISC_DROP'],
  'macvlan-down': ['NOT_SPECIFIED'],
  'ipvlan-private': ['NOT_SPECIFIED'],
  'ipvlan-l3-group': ['NOT_SPECIFIED'],
  'ipvlan-l3-proto': ['NOT_SPECIFIED'],
  'ipvlan-no-route': ['NOT_SPECIFIED'],
  'vxlan-no-fdb': ['NO_TX_TARGET'],
  'vxlan-no-route': ['IP_OUTNOROUTES'],
  'vxlan-circular': ['IP_OUTNOROUTES'],
  'vxlan-remote-type': ['NOT_SPECIFIED'],
  'vxlan-bad-header': ['VXLAN_INVALID_HDR'],
  'vxlan-vni': ['VXLAN_VNI_NOT_FOUND'],
  'vxlan-own-mac': ['LOCAL_MAC'],
  'vxlan-entry-exists': ['VXLAN_ENTRY_EXISTS'],
  'vxlan-bad-source': ['MAC_INVALID_SOURCE'],
  'ipip-no-route': ['NOT_SPECIFIED'],
  'ipip-loop': ['NOT_SPECIFIED'],
  'ipip-not-loaded': ['IP_NOPROTO'],
  'ipip-no-tunnel': ['NOT_SPECIFIED'],
  'ipip-error': ['NOT_SPECIFIED'],
  'ipvs-no-dest': ['NOT_SPECIFIED'],
  'ipvs-no-route': ['NOT_SPECIFIED'],
  'no-socket': ['NO_SOCKET'],
  // tcp_v4_rcv's discard after tcp_check_req took the reset: no reason given
  'reset-request': ['NOT_SPECIFIED'],
  'no-socket-icmp': ['NO_SOCKET'],
  'ttl-exceeded': ['IP_INHDR'],
  'no-protocol': ['IP_NOPROTO'],
  'unhandled-proto': ['UNHANDLED_PROTO'],
  'vpc-no-route': ['VPC_NO_ROUTE'],
  'vpc-security-group': ['SECURITY_GROUP_DENY'],
  'vpc-source-dest': ['SOURCE_DEST_CHECK'],
  'vpc-eni-down': ['NOT_SPECIFIED'],
  vanished: ['NOT_SPECIFIED'],
} as const satisfies { readonly [K in DropCauseCode]: readonly [DropReason, ...DropReason[]] };

/** The reasons a drop with this cause may carry. */
export type ReasonFor<K extends DropCauseCode> = (typeof CAUSE_REASONS)[K][number];

/**
 * The causes the kernel frees without naming a reason (NOT_SPECIFIED): for these the reason says
 * nothing, so the words explain the cause itself.
 */
export type UnnamedCause = { readonly [K in DropCauseCode]: 'NOT_SPECIFIED' extends ReasonFor<K> ? K : never }[DropCauseCode];

export const UNNAMED_CAUSES = (Object.keys(CAUSE_REASONS) as DropCauseCode[]).filter((k) =>
  (CAUSE_REASONS[k] as readonly DropReason[]).includes('NOT_SPECIFIED'),
) as readonly UnnamedCause[];
