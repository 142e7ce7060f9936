// The trace's events as data (trace contract v2): a closed set of codes, each with its typed
// parameters. An event says what happened — the kernel function it models, where, which
// values, which state objects it used (refs.ts) — and never how to say it: src/i18n/trace
// has one renderer per code and language. Addresses are dotted strings, MACs `aa:bb:…`.
import type { IpvlanFlag, IpvlanMode, MacvlanMode } from '../config/ops';
import type { Addr, CtInvalidWhy, FibErrno, MartianWhy, NfHookName, SgWhy, ValidateCheck, VpcRouteWhy } from './causes';
import type { DropCause } from './causes';
import type { DropReason } from './dropReasons';

/** A device somewhere else in the lab (a veth's peer, a switch port). */
export interface DevPlace {
  readonly machine: string;
  readonly netns: string;
  readonly dev: string;
}

export interface NatParams {
  readonly hook: NfHookName;
  readonly field: 'src' | 'dst';
  readonly from: Addr;
  readonly to: Addr;
  readonly fromPort?: number;
  readonly toPort?: number;
  /** an ICMP error (nf_nat_icmp_reply_translation): the same translation, undone, on the packet it quotes */
  readonly quoted?: QuotedNat;
}

/** What NAT did to the packet an ICMP error quotes (the opposite address of the outer header's). */
export interface QuotedNat {
  readonly field: 'src' | 'dst';
  readonly from: Addr;
  readonly to: Addr;
  readonly fromPort?: number;
  readonly toPort?: number;
}

export interface EndpointChange {
  readonly hook: NfHookName;
  readonly from: Addr;
  readonly fromPort: number;
  readonly to: Addr;
  readonly toPort: number;
}

/**
 * Why a host ignores a redirect: no socket owns the quoted packet; the TCP socket is held by
 * the call that sent it (connect, send) or is a request socket (a SYN-ACK's); its route to the destination
 * does not go via the redirect's sender; accept_redirects says no; the new gateway is no
 * unicast address of another host; (shared_media off) it is not on the link, or
 * (secure_redirects) not a default gateway.
 */
export type RedirectIgnored = 'no-socket' | 'socket-busy' | 'request-socket' | 'other-gateway' | 'not-accepted' | 'bad-gateway' | 'not-onlink' | 'not-default';

export interface EventParams {
  // ── routing (net/ipv4/route.c, fib_frontend.c, ip_forward.c, ip_output.c)
  /**
   * An output route lookup: the sender's, a tunnel's outer packet (`purpose` vxlan/ipip, with
   * ipip's choice of outer destination), or IPVS sending to a real server.
   */
  readonly 'route.output': {
    readonly dst: Addr;
    readonly result: 'unicast' | 'local' | 'broadcast' | 'error';
    readonly dev?: string;
    readonly gateway?: Addr;
    readonly src?: Addr;
    readonly errno?: FibErrno | 'ENODEV';
    /** vxlan/ipip: a tunnel's outer packet; ipvs: to a real server; ipvlan: an l3 ipvlan's packet, routed in its master's namespace */
    readonly purpose?: 'vxlan' | 'ipip' | 'ipvs' | 'ipvlan';
    /** ipip: where the outer destination came from (the tunnel's remote, the route's gateway, the inner destination) */
    readonly tunnelDst?: 'remote' | 'gateway' | 'inner';
    readonly tunnel?: string;
  };
  /** ip_route_me_harder: OUTPUT changed the destination or the mark, so the packet is routed again */
  readonly 'route.reroute': { readonly changed: 'dst' | 'mark'; readonly dev: string; readonly gateway?: Addr };
  readonly 'route.input': {
    readonly dst: Addr;
    readonly result: 'local' | 'broadcast' | 'forward' | 'martian' | 'error';
    readonly inDev: string;
    readonly dev?: string;
    readonly gateway?: Addr;
    readonly errno?: FibErrno;
    readonly forwarding: boolean;
  };
  readonly 'route.validate': {
    readonly rpFilter: number;
    readonly ok: boolean;
    readonly check: ValidateCheck;
    /** the packet's mark, and whether the reverse lookup used it (src_valid_mark) */
    readonly mark?: { readonly value: number; readonly used: boolean };
  };
  readonly 'ip.forward': { readonly inDev: string; readonly outDev: string; readonly nexthop: Addr; readonly ttl: number; readonly newTtl: number };
  /**
   * ip_rt_send_redirect: the packet leaves by `dev`, the device it came in on, and its source
   * `to` is on that link: an ICMP redirect (host) tells it to reach `dst` via `gateway`.
   * `limited`: not sent, this source had one moments ago (the rate limit: 20 ms << n).
   */
  readonly 'ip.redirect': { readonly to: Addr; readonly dst: Addr; readonly gateway: Addr; readonly dev: string; readonly limited?: boolean };
  readonly 'ip.fragment': { readonly length: number; readonly dev: string; readonly mtu: number; readonly count: number };

  // ── neighbours and ARP (net/core/neighbour.c, net/ipv4/arp.c)
  readonly 'neigh.output': { readonly nexthop: Addr; readonly lladdr: string; readonly state: string };
  readonly 'neigh.noarp': { readonly dev: string };
  readonly 'neigh.solicit': { readonly nexthop: Addr; readonly dev: string };
  readonly 'neigh.resolved': { readonly nexthop: Addr; readonly lladdr: string };
  /** an ARP reply completed the entry */
  readonly 'neigh.update': { readonly addr: Addr; readonly lladdr: string; readonly state: string };
  readonly 'arp.request': { readonly target: Addr; readonly sender: Addr; readonly dev: string };
  readonly 'arp.otherhost': Record<string, never>;
  /** arp_rcv on an IFF_NOARP device (an l3 ipvlan): consumed unanswered */
  readonly 'arp.noarp': { readonly dev: string };
  readonly 'arp.local': { readonly target: Addr; readonly sender: Addr; readonly senderMac: string };
  readonly 'arp.ignore': { readonly target: Addr; readonly dev: string };
  readonly 'arp.proxy': { readonly target: Addr; readonly dev: string; readonly outDev: string };
  readonly 'arp.martian': { readonly sender: Addr; readonly why: MartianWhy };
  /** not ours and not proxied; `proxy`: why proxy_arp, which is on, did not answer */
  readonly 'arp.decline': { readonly target: Addr; readonly dev: string; readonly proxy?: 'no-route' | 'same-dev' | 'no-forwarding' };
  readonly 'arp.unsolicited': Record<string, never>;
  readonly 'arp.reply': { readonly target: Addr; readonly lladdr: string };

  // ── devices (net/core/dev.c and the drivers)
  /** a NIC hands the frame to its network */
  readonly 'dev.xmit': { readonly dev: string; readonly network: string };
  /** `markCleared`: the mark the packet lost by crossing into another namespace (skb_scrub_packet) */
  readonly 'veth.xmit': { readonly dev: string; readonly peer: DevPlace; readonly markCleared?: number };
  readonly 'br.xmit': { readonly bridge: string };
  /**
   * br_dev_xmit → br_nf_pre_routing_finish_bridge_slow: a bridged-DNAT frame whose neighbour had
   * no cached header went out the bridge device after its neighbour output; the bridge takes it
   * back to forward it. Taps on the bridge see it, its counters do not.
   */
  readonly 'br.nf.xmit': { readonly bridge: string };
  readonly 'lo.xmit': Record<string, never>;
  readonly 'dummy.xmit': { readonly dev: string };
  readonly 'ipip.xmit': { readonly dev: string };
  readonly 'dev.recv': { readonly dev: string; readonly pktType: 'host' | 'broadcast' | 'otherhost' };
  /**
   * dev_forward_skb: another device of the host hands the frame into this one's receive path
   * (a bridge-mode macvlan to its lower device, "for its network taps"): tcpdump on the device
   * sees it arrive, its driver counts nothing
   */
  readonly 'dev.forward': { readonly dev: string };

  // ── macvlan (drivers/net/macvlan.c)
  /**
   * macvlan_queue_xmit: a bridge-mode macvlan hands a unicast frame for a bridge-mode sibling
   * straight to it (`sibling`), copies a group frame to its bridge-mode siblings and sends it out
   * the lower device (`flood`); anything else leaves by the lower device (`lower`). `sibling`
   * with `lower`: the destination is a sibling, but the modes do not let them talk directly.
   */
  readonly 'macvlan.xmit': {
    readonly dev: string;
    readonly mode: MacvlanMode;
    readonly lower: DevPlace;
    readonly to: 'sibling' | 'flood' | 'lower';
    readonly sibling?: DevPlace;
    readonly siblingMode?: MacvlanMode;
    readonly siblings?: readonly DevPlace[];
  };
  /** macvlan_handle_frame: the macvlan whose MAC is the destination takes the frame (passthru: the port's only macvlan takes every unicast) */
  readonly 'macvlan.rx': { readonly lower: string; readonly mac: string; readonly dev: DevPlace; readonly passthru: boolean };
  /** macvlan_handle_frame: no open macvlan has the destination MAC, so the lower device's own stack takes the frame */
  readonly 'macvlan.pass': { readonly lower: string; readonly mac: string };
  /**
   * macvlan_handle_frame → macvlan_broadcast: a group frame from the wire is copied to the
   * macvlans its source allows (`wire`: every one; `hairpin`: it came back from one of them) and
   * the lower device's stack takes it too; `own`: a private or passthru macvlan's frame came back
   * to it alone.
   */
  readonly 'macvlan.broadcast': { readonly lower: string; readonly mac: string; readonly source: 'wire' | 'hairpin' | 'own'; readonly to: readonly DevPlace[] };

  // ── ipvlan (drivers/net/ipvlan/)
  /**
   * ipvlan_queue_xmit: where an ipvlan's packet goes. `slave`: another ipvlan of the port holds
   * the destination (`addr`); `master`: l2, the frame is for the port's MAC and no ipvlan holds
   * the address, so the master's own stack takes it; `flood`: a group frame to the other
   * ipvlans and out the master; `lower`: out the master to the wire; `route`: l3/l3s, routed in
   * the master's namespace.
   */
  readonly 'ipvlan.xmit': {
    readonly dev: string;
    readonly lower: DevPlace;
    readonly mode: IpvlanMode;
    readonly flag: IpvlanFlag;
    readonly to: 'slave' | 'master' | 'flood' | 'lower' | 'route';
    readonly addr?: Addr;
    readonly slave?: DevPlace;
    readonly slaves?: readonly DevPlace[];
  };
  /** ipvlan_handle_mode_l3 (l2 unicast too): the ipvlan that holds the destination address takes the packet */
  readonly 'ipvlan.rx': { readonly lower: string; readonly mode: IpvlanMode; readonly addr: Addr; readonly dev: DevPlace };
  /** ipvlan_handle_frame: no ipvlan holds the destination (l3s: always), so the master's own stack takes it */
  readonly 'ipvlan.pass': { readonly lower: string; readonly mode: IpvlanMode; readonly addr?: Addr };
  /** ipvlan_handle_mode_l2 → ipvlan_process_multicast: a group frame from the wire, copied to every open ipvlan; the master takes it too */
  readonly 'ipvlan.flood': { readonly lower: string; readonly to: readonly DevPlace[] };
  /** l3s, ipvlan_l3_rcv: the packet for an ipvlan's address is routed as arriving on that ipvlan, in its namespace; INPUT runs in the master's */
  readonly 'ipvlan.l3s': { readonly lower: string; readonly addr: Addr; readonly dev: DevPlace };
  /** l3s, ipvlan_nf_input (the last function at INPUT): the packet now belongs to the ipvlan, counted as received there */
  readonly 'ipvlan.l3s-input': { readonly dev: string };

  // ── the bridge (net/bridge/)
  readonly 'br.fdb.learn': { readonly bridge: string; readonly mac: string; readonly port: string };
  /** `hairpin`: back out of the port it came in on, which is in hairpin mode */
  readonly 'br.forward': { readonly bridge: string; readonly mac: string; readonly port: string; readonly hairpin?: boolean };
  /** the destination lives behind the port the frame came in on: not forwarded */
  readonly 'br.forward.inport': { readonly mac: string; readonly port: string };
  readonly 'br.flood': { readonly bridge: string; readonly mac: string; readonly broadcast: boolean; readonly ports: readonly string[] };
  readonly 'br.nf': { readonly bridge: string; readonly port: string };
  /** br_nf_pre_routing_finish: PREROUTING changed the destination; reached through the bridge itself it is bridged to (`bridge`), else routed by the IP stack (`stack`) */
  readonly 'br.nf.dnat': { readonly bridge: string; readonly dst: Addr; readonly to: 'bridge' | 'stack' };

  // ── netfilter, conntrack, NAT (net/ipv4/netfilter/ip_tables.c, net/netfilter/)
  readonly 'nf.rule': {
    readonly hook: NfHookName;
    readonly table: string;
    readonly chain: string;
    readonly index: number;
    readonly target?: { readonly kind: string; readonly chain?: string };
  };
  /** a built-in chain's policy decided (shown when it drops) */
  readonly 'nf.policy': { readonly hook: NfHookName; readonly table: string; readonly chain: string; readonly policy: string };
  readonly 'ct.new': { readonly hook: NfHookName };
  readonly 'ct.known': { readonly hook: NfHookName; readonly state: 'NEW' | 'ESTABLISHED' | 'RELATED'; readonly dir: 'original' | 'reply'; readonly tcp?: string };
  readonly 'ct.invalid': { readonly hook: NfHookName; readonly why: CtInvalidWhy };
  readonly 'ct.confirm': { readonly hook: NfHookName };
  /**
   * nf_ct_attach: a RST or ICMP error the kernel built in answer to a packet takes that packet's
   * connection (confirmed or not), RELATED in the other direction (`dir`); conntrack leaves it
   * alone at OUTPUT, NAT translates it like the connection's own packets
   */
  readonly 'ct.attach': { readonly dir: 'original' | 'reply' };
  readonly 'nat.dnat': NatParams;
  readonly 'nat.snat': NatParams;
  /** a reply undoes the connection's DNAT (source rewrite) or SNAT (destination rewrite) */
  readonly 'nat.undo': NatParams & { readonly undone: 'DNAT' | 'SNAT' };

  // ── IPVS (net/netfilter/ipvs/)
  readonly 'ipvs.schedule': { readonly hook: 'INPUT' | 'OUTPUT'; readonly scheduler: string; readonly index: number; readonly count: number; readonly dest: Addr; readonly port: number };
  readonly 'ipvs.dnat': EndpointChange;
  readonly 'ipvs.reply': EndpointChange;

  // ── tunnels (drivers/net/vxlan/, net/ipv4/ipip.c, ip_tunnel.c)
  /** `default`: no entry for the MAC, the all-zeros entry floods to `remotes` */
  readonly 'vxlan.fdb': { readonly dev: string; readonly mac: string; readonly remotes: readonly Addr[]; readonly default: boolean };
  readonly 'vxlan.encap': { readonly dev: string; readonly port: number; readonly vni: number; readonly src: Addr; readonly dst: Addr };
  readonly 'vxlan.decap': { readonly dev: string; readonly port: number; readonly vni: number; readonly from: Addr };
  readonly 'vxlan.learn': { readonly dev: string; readonly mac: string; readonly vtep: Addr; readonly movedFrom?: Addr };
  readonly 'ipip.encap': {
    readonly dev: string;
    readonly src: Addr;
    readonly dst: Addr;
    readonly ttl: number;
    /** TTL 0 in the tunnel: the outer header copies the inner TTL */
    readonly inherited: boolean;
    readonly df: boolean;
    readonly innerSrc: Addr;
    readonly innerDst: Addr;
  };
  readonly 'ipip.decap': { readonly dev: string; readonly from: Addr };

  // ── local delivery (tcp_ipv4.c, udp.c, icmp.c)
  readonly 'sock.deliver': { readonly proto: 'tcp' | 'udp'; readonly local: Addr; readonly lport: number; readonly remote: Addr; readonly rport: number };
  readonly 'sock.listen': { readonly proto: 'tcp' | 'udp'; readonly port: number; readonly command: string };
  readonly 'icmp.echo': Record<string, never>;
  readonly 'icmp.deliver': { readonly type: number; readonly code: number };
  /**
   * __ip_do_redirect: what the host does with a redirect from `from` to reach `dst` via
   * `gateway`: `applied` (a next-hop exception: later packets go via `gateway`), `resolving`
   * (the new gateway's MAC is unknown: ARP asks for it, no exception yet) or `ignored`, `why`.
   */
  readonly 'icmp.redirect': {
    readonly from: Addr;
    readonly gateway: Addr;
    readonly dst: Addr;
    readonly result: 'applied' | 'resolving' | 'ignored';
    readonly why?: RedirectIgnored;
    /** other-gateway: the gateway the route to `dst` does use (none: `dst` is on-link) */
    readonly via?: Addr;
    /** not-accepted: the device forwards, so accept_redirects must be on in `all` and on it */
    readonly forwarding?: boolean;
  };
  /**
   * icmp_unreach: an ICMP error whose quoted packet (`quoted`, the sender's side first) is no
   * socket's here: consumed, and no application hears of it
   */
  readonly 'icmp.unmatched': {
    readonly type: number;
    readonly code: number;
    readonly quoted?: { readonly proto: 'tcp' | 'udp' | 'icmp'; readonly src: Addr; readonly sport: number; readonly dst: Addr; readonly dport: number };
  };

  // ── packets the kernel builds in answer (tcp_ipv4.c, nf_reject_ipv4.c, icmp.c)
  /**
   * A TCP reset: tcp_v4_send_reset for a segment no socket takes, nf_send_reset for one REJECT
   * --reject-with tcp-reset refused; to `dst`:`dport`, the sender of that segment
   */
  readonly 'tcp.reset': { readonly dst: Addr; readonly dport: number };
  /** icmp_send: an ICMP error (`type`, `code`) to `dst`, the sender of the packet it quotes */
  readonly 'icmp.send': { readonly type: number; readonly code: number; readonly dst: Addr };

  // ── the fabric between machines (src/engine/fabric): no kernel involved
  readonly 'switch.forward': { readonly network: string; readonly mac: string; readonly to: DevPlace };
  readonly 'switch.flood': { readonly network: string; readonly mac: string; readonly broadcast: boolean; readonly to: readonly DevPlace[] };
  readonly 'vpc.unsupported': Record<string, never>;
  readonly 'vpc.security-group': { readonly eni: string; readonly dir: 'ingress' | 'egress'; readonly allow: boolean; readonly why: SgWhy };
  /** `prefix`: the ENI's prefix that holds the address, when it is not a /32 */
  readonly 'vpc.source-dest-check': { readonly eni: string; readonly which: 'source' | 'destination'; readonly addr: Addr; readonly result: 'off' | 'own' | 'foreign'; readonly prefix?: string };
  readonly 'vpc.route': { readonly dst: Addr; readonly ok: boolean; readonly why: VpcRouteWhy };
  readonly 'vpc.deliver': { readonly eni: string; readonly mac: string };
  /** the fabric handles ARP itself: ignores replies, answers requests as a proxy or leaves them unanswered */
  readonly 'vpc.arp': {
    readonly from: string;
    readonly target: Addr;
    readonly result: 'ignored' | 'unanswered' | 'answered';
    readonly who?: 'eni' | 'router' | 'route';
    readonly eni?: string;
    readonly mac?: string;
  };
  readonly 'vpc.arp-reply': { readonly eni: string; readonly target: Addr; readonly mac: string };

  // ── the end of a packet
  readonly drop: { readonly reason: DropReason; readonly cause?: DropCause };
}

export type EventCode = keyof EventParams;

/** `{ code, params }` for every code: switch on `code` and `params` narrows. */
export type EventBody = { readonly [C in EventCode]: { readonly code: C; readonly params: EventParams[C] } }[EventCode];

/** The coarse kind of an event, for icons, colours and which state panel to open. */
export type EventKind =
  | 'xmit' | 'recv' | 'route' | 'nf-rule' | 'conntrack' | 'nat' | 'neigh'
  | 'arp' | 'fdb' | 'encap' | 'decap' | 'fabric' | 'deliver' | 'drop';

const KIND: { readonly [C in EventCode]: EventKind } = {
  'route.output': 'route',
  'route.reroute': 'route',
  'route.input': 'route',
  'route.validate': 'route',
  'ip.forward': 'route',
  'ip.redirect': 'route',
  'ip.fragment': 'route',
  'neigh.output': 'neigh',
  'neigh.noarp': 'neigh',
  'neigh.solicit': 'neigh',
  'neigh.resolved': 'neigh',
  'neigh.update': 'neigh',
  'arp.request': 'arp',
  'arp.otherhost': 'arp',
  'arp.noarp': 'arp',
  'arp.local': 'arp',
  'arp.ignore': 'arp',
  'arp.proxy': 'arp',
  'arp.martian': 'arp',
  'arp.decline': 'arp',
  'arp.unsolicited': 'arp',
  'arp.reply': 'arp',
  'dev.xmit': 'xmit',
  'veth.xmit': 'xmit',
  'br.xmit': 'xmit',
  'br.nf.xmit': 'xmit',
  'lo.xmit': 'xmit',
  'dummy.xmit': 'xmit',
  'ipip.xmit': 'xmit',
  'dev.recv': 'recv',
  'dev.forward': 'recv',
  'macvlan.xmit': 'xmit',
  'macvlan.rx': 'fdb',
  'macvlan.pass': 'fdb',
  'macvlan.broadcast': 'fdb',
  'ipvlan.xmit': 'xmit',
  'ipvlan.rx': 'fdb',
  'ipvlan.pass': 'fdb',
  'ipvlan.flood': 'fdb',
  'ipvlan.l3s': 'route',
  'ipvlan.l3s-input': 'recv',
  'br.fdb.learn': 'fdb',
  'br.forward': 'fdb',
  'br.forward.inport': 'fdb',
  'br.flood': 'fdb',
  'br.nf': 'route',
  'br.nf.dnat': 'route',
  'nf.rule': 'nf-rule',
  'nf.policy': 'nf-rule',
  'ct.new': 'conntrack',
  'ct.known': 'conntrack',
  'ct.invalid': 'conntrack',
  'ct.confirm': 'conntrack',
  'ct.attach': 'conntrack',
  'nat.dnat': 'nat',
  'nat.snat': 'nat',
  'nat.undo': 'nat',
  'ipvs.schedule': 'nat',
  'ipvs.dnat': 'nat',
  'ipvs.reply': 'nat',
  'vxlan.fdb': 'fdb',
  'vxlan.encap': 'encap',
  'vxlan.decap': 'decap',
  'vxlan.learn': 'fdb',
  'ipip.encap': 'encap',
  'ipip.decap': 'decap',
  'sock.deliver': 'deliver',
  'sock.listen': 'deliver',
  'icmp.echo': 'deliver',
  'icmp.deliver': 'deliver',
  'icmp.redirect': 'route',
  'icmp.unmatched': 'deliver',
  'tcp.reset': 'route',
  'icmp.send': 'route',
  'switch.forward': 'fabric',
  'switch.flood': 'fabric',
  'vpc.unsupported': 'fabric',
  'vpc.security-group': 'fabric',
  'vpc.source-dest-check': 'fabric',
  'vpc.route': 'fabric',
  'vpc.deliver': 'fabric',
  'vpc.arp': 'fabric',
  'vpc.arp-reply': 'arp',
  drop: 'drop',
};

export const EVENT_CODES = Object.keys(KIND) as readonly EventCode[];

export function eventKind(code: EventCode): EventKind {
  return KIND[code];
}
