// Why things happened, as data: the reasons behind a source-validation verdict, a martian, an
// INVALID conntrack classification, a security-group verdict, a VPC route, and a drop. Each is
// a closed union keyed by `code`; src/i18n/trace renders every member in every language.
import type { DottedIpv4 } from '../addr/ipv4';
import type { FibErrno } from '../kernel/fib/route';

/** An IPv4 address as a dotted string. */
export type Addr = DottedIpv4;

/** fib_validate_source's finding (net/ipv4/fib_frontend.c), whether or not it rejects. */
export type ValidateCheck =
  | { readonly code: 'accept-local' }
  /** the source is one of the namespace's own addresses (EINVAL) */
  | { readonly code: 'local-source' }
  /** rp_filter=0 and nothing else to check */
  | { readonly code: 'not-checked' }
  | { readonly code: 'no-route-back' }
  | { readonly code: 'route-type'; readonly type: string }
  | { readonly code: 'same-dev'; readonly dev: string }
  | { readonly code: 'no-address'; readonly dev: string }
  /** strict mode: the route back leaves by `via`, the packet came in on `dev` */
  | { readonly code: 'strict'; readonly via: string; readonly dev: string }
  | { readonly code: 'loose' };

/** Why ip_route_input_slow calls a packet martian. */
export type MartianWhy =
  | { readonly code: 'multicast-source' }
  | { readonly code: 'zeronet-source' }
  | { readonly code: 'zeronet-dest' }
  | { readonly code: 'loopback-dest' }
  | { readonly code: 'loopback-source' }
  | { readonly code: 'dest-route-type'; readonly type: string }
  | { readonly code: 'validate'; readonly rpFilter: number; readonly check: ValidateCheck };

/** Why nf_conntrack_in classified a packet INVALID. */
export type CtInvalidWhy =
  /** the TCP state machine refuses these flags in this state (tcp_conntracks) */
  | { readonly code: 'tcp-state'; readonly flags: readonly string[]; readonly state: string; readonly dir: 'original' | 'reply' }
  /** these flags cannot open a connection (a mid-stream packet with nf_conntrack_tcp_loose=0, a lone FIN …) */
  | { readonly code: 'tcp-start'; readonly flags: readonly string[]; readonly loose: boolean }
  | { readonly code: 'icmp-no-quote' }
  | { readonly code: 'icmp-unknown' }
  | { readonly code: 'echo-reply-untracked' };

/** A VPC security group's verdict on one ENI in one direction. */
export type SgWhy =
  | { readonly code: 'no-groups' }
  /** part of a connection a stateful group allowed earlier (`flow` as the fabric writes it) */
  | { readonly code: 'tracked'; readonly group: string; readonly flow: string }
  | { readonly code: 'related'; readonly group: string; readonly flow: string }
  | { readonly code: 'allowed'; readonly group: string; readonly stateful: boolean }
  | { readonly code: 'denied'; readonly groups: readonly string[]; readonly proto: string; readonly port?: number; readonly peer: Addr };

/** How the VPC forwards a destination. */
export type VpcRouteWhy =
  | { readonly code: 'eni'; readonly eni: string }
  | { readonly code: 'route'; readonly eni: string }
  | { readonly code: 'local-unheld'; readonly cidr: string }
  | { readonly code: 'none' }
  | { readonly code: 'blackhole'; readonly via: string };

/**
 * A route lookup that ended on a route or rule of a rejecting type: the `blackhole`,
 * `unreachable` or `prohibit` route that matched (`table`, and `line` as `ip route show table
 * all` prints it), or the `ip rule` whose action it is (`priority`, and `line` as `ip rule`
 * prints it).
 */
export type RouteDecision =
  | { readonly by: 'route'; readonly type: 'blackhole' | 'unreachable' | 'prohibit'; readonly table: number; readonly line: string }
  | { readonly by: 'rule'; readonly type: 'blackhole' | 'unreachable' | 'prohibit'; readonly priority: number; readonly line: string };

export type NfHookName = 'PREROUTING' | 'INPUT' | 'FORWARD' | 'OUTPUT' | 'POSTROUTING';

/** What killed a packet, beyond the kernel's reason: the facts a reader needs to find the fix. */
export type DropCause =
  /** podpath's hop budget ran out (a layer-2 loop) */
  | { readonly code: 'hop-limit'; readonly limit: number }
  /** a frame came back to a bridge or switch that had already forwarded it: a layer-2 loop, where the kernel would storm */
  | { readonly code: 'l2-loop'; readonly kind: 'bridge' | 'switch'; readonly name: string }
  /** the sender may not fragment and the packet does not fit the route's device (EMSGSIZE) */
  | { readonly code: 'sender-too-big'; readonly length: number; readonly dev: string; readonly mtu: number }
  /** the client's connect()/sendto() finds no route */
  | { readonly code: 'sender-no-route'; readonly dst: Addr; readonly decided?: RouteDecision }
  /** a reply or kernel response cannot be routed back: it is never sent */
  | { readonly code: 'reply-no-route'; readonly dst: Addr; readonly packet: string; readonly decided?: RouteDecision }
  | { readonly code: 'otherhost'; readonly dst: string; readonly dev: string; readonly mac: string }
  | { readonly code: 'martian'; readonly what: 'source' | 'destination'; readonly why: MartianWhy }
  /** ip_error: no usable route (forwarding on) or forwarding off; `icmp`: the code sent back */
  | { readonly code: 'no-route'; readonly forwarding: boolean; readonly errno: FibErrno; readonly icmp?: number; readonly decided?: RouteDecision }
  | { readonly code: 'nf-jump-depth'; readonly hook: NfHookName; readonly table: string }
  | { readonly code: 'nf-policy'; readonly hook: NfHookName; readonly table: string; readonly chain: string }
  /** a DROP rule: `index` counts from 1 in `chain`, `rule` is the rule as iptables-save prints it */
  | { readonly code: 'nf-rule'; readonly hook: NfHookName; readonly table: string; readonly chain: string; readonly index: number; readonly rule: string }
  /** a REJECT rule, which also sends `with` back */
  | { readonly code: 'nf-reject'; readonly hook: NfHookName; readonly table: string; readonly chain: string; readonly index: number; readonly rule: string; readonly with: string }
  | { readonly code: 'reroute-no-route'; readonly dst: Addr }
  /** nf_nat_icmp_reply_translation: a redirect about a connection whose NAT is not finished, or that is NATed, is dropped */
  | { readonly code: 'nat-redirect'; readonly hook: NfHookName; readonly natted: boolean }
  | { readonly code: 'dev-down'; readonly dev: string }
  | { readonly code: 'peer-down'; readonly dev: string }
  | { readonly code: 'neigh-failed'; readonly nexthop: Addr; readonly dev: string }
  /**
   * a DF packet bigger than the next device's MTU: ICMP fragmentation needed goes back; for an
   * ipip tunnel with DF on its outer header the path MTU is the `underlay`'s minus 20 bytes
   */
  | { readonly code: 'frag-needed'; readonly length: number; readonly dev: string; readonly mtu: number; readonly underlay?: { readonly dev: string; readonly mtu: number } }
  | { readonly code: 'bridge-down'; readonly bridge: string; readonly port: string }
  /** br_forward: the destination MAC lives behind the port the frame came in on, which is not in hairpin mode */
  | { readonly code: 'bridge-same-port'; readonly bridge: string; readonly port: string; readonly mac: string }
  /** a macvlan or ipvlan whose lower device is down or has no carrier: its queue drops what it is given */
  | { readonly code: 'no-carrier'; readonly dev: string; readonly lower: string }
  /** a passthru port's macvlan is down: macvlan_handle_frame frees the frame */
  | { readonly code: 'macvlan-down'; readonly dev: string; readonly lower: string }
  /** a private ipvlan port: a packet for another ipvlan of the port is consumed, never delivered */
  | { readonly code: 'ipvlan-private'; readonly dev: string; readonly addr: Addr; readonly owner: string }
  /** l3/l3s: ipvlan_process_outbound frees group frames */
  | { readonly code: 'ipvlan-l3-group'; readonly dev: string }
  /** l3/l3s: no unicast or local route in the master's namespace (ipvlan_process_v4_outbound) */
  | { readonly code: 'ipvlan-no-route'; readonly dev: string; readonly dst: Addr; readonly errno?: FibErrno | 'ENODEV'; readonly type?: string }
  | { readonly code: 'vxlan-no-fdb'; readonly dev: string; readonly mac: string }
  | { readonly code: 'vxlan-no-route'; readonly remote: Addr; readonly errno: FibErrno | 'ENODEV' }
  | { readonly code: 'vxlan-circular'; readonly remote: Addr; readonly dev: string }
  | { readonly code: 'vxlan-remote-type'; readonly remote: Addr; readonly type: string }
  | { readonly code: 'vxlan-bad-header'; readonly port: number }
  | { readonly code: 'vxlan-vni'; readonly vni: number; readonly from: Addr; readonly port: number; readonly devices: readonly { readonly dev: string; readonly vni: number }[] }
  | { readonly code: 'vxlan-own-mac'; readonly dev: string }
  | { readonly code: 'vxlan-entry-exists'; readonly mac: string; readonly from: Addr; readonly owner: Addr }
  | { readonly code: 'vxlan-bad-source'; readonly mac: string }
  | { readonly code: 'ipip-no-route'; readonly dst: Addr; readonly dev: string }
  | { readonly code: 'ipip-loop'; readonly dst: Addr; readonly dev: string }
  | { readonly code: 'ipip-not-loaded'; readonly from: Addr }
  | { readonly code: 'ipip-no-tunnel'; readonly src: Addr; readonly dst: Addr }
  /** an ICMP error about an outer IP-in-IP packet (ipip_err): `tunnel` absent when none sent it */
  | { readonly code: 'ipip-error'; readonly dst: Addr; readonly tunnel?: string; readonly nbma: boolean }
  | { readonly code: 'ipvs-no-dest'; readonly service: string }
  | { readonly code: 'ipvs-no-route'; readonly dst: Addr }
  | { readonly code: 'no-socket'; readonly proto: 'tcp' | 'udp'; readonly dst: Addr; readonly dport: number; readonly src: Addr; readonly sport: number }
  /** tcp_check_req: a RST for a connection still in SYN_RECV drops the request socket, and tcp_v4_rcv frees the RST */
  | { readonly code: 'reset-request'; readonly local: Addr; readonly lport: number; readonly remote: Addr; readonly rport: number }
  | { readonly code: 'no-socket-icmp'; readonly type: number; readonly src: Addr }
  | { readonly code: 'vpc-no-route'; readonly dst: Addr }
  | { readonly code: 'vpc-security-group'; readonly eni: string; readonly dir: 'ingress' | 'egress' }
  | { readonly code: 'vpc-source-dest'; readonly eni: string; readonly which: 'source' | 'destination' }
  | { readonly code: 'vpc-eni-down'; readonly eni: string }
  /** a forwarded packet whose TTL ran out (ICMP time exceeded goes back) */
  | { readonly code: 'ttl-exceeded'; readonly ttl: number }
  /** a packet for this host whose IP protocol nothing here handles */
  | { readonly code: 'no-protocol'; readonly protocol: number }
  /** a frame whose ethertype nothing on the device handles */
  | { readonly code: 'unhandled-proto'; readonly dev: string; readonly ethertype: number }
  /** l3/l3s: ipvlan_process_outbound frees what is neither IPv4 nor IPv6 */
  | { readonly code: 'ipvlan-l3-proto'; readonly dev: string; readonly ethertype: number }
  /** no stage dropped the packet and nobody took it */
  | { readonly code: 'vanished' };

export type DropCauseCode = DropCause['code'];

export type { FibErrno };
