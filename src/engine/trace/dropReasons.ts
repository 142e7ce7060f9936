// The drop reasons podpath reports: the kernel's enum skb_drop_reason names
// (include/net/dropreason-core.h, as the skb:kfree_skb tracepoint prints them) plus the
// fabric's own where no kernel is involved. Names only: what each means and its usual fix are
// words, and live in src/i18n/trace/dropReasons.ts.

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

/** podpath's own: the hop budget, and the vpc fabric's rules (src/engine/fabric/vpc.ts). */
export const FABRIC_DROP_REASONS = ['LOOP_LIMIT', 'SECURITY_GROUP_DENY', 'SOURCE_DEST_CHECK', 'VPC_NO_ROUTE'] as const;

export type KernelDropReason = (typeof KERNEL_DROP_REASONS)[number];
export type FabricDropReason = (typeof FABRIC_DROP_REASONS)[number];
export type DropReason = KernelDropReason | FabricDropReason;

export const DROP_REASONS: readonly DropReason[] = [...KERNEL_DROP_REASONS, ...FABRIC_DROP_REASONS];

export function isDropReason(name: string): name is DropReason {
  return (DROP_REASONS as readonly string[]).includes(name);
}
