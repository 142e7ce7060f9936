// The configuration language the engine accepts: one typed operation per shell command
// of a machine's script. src/scenario parses `ip …`, `bridge …`, `sysctl …` text into these
// (with the source location of each); the engine applies them in order to its kernel
// objects (kernel/apply.ts), and export-script prints them back as real commands.
import type { Ipv4, Prefix } from '../addr/ipv4';
import type { Mac } from '../addr/mac';
import type { IpsetEntry, IpsetType, NfCommand, NfTableName, RestoreTable } from './netfilter';

/** Where a command came from, for errors that point at the scenario file. */
export interface Loc {
  readonly file: string;
  readonly line: number; // 1-based
  readonly col: number; // 1-based
}

/** Route scopes as in rtnetlink (RT_SCOPE_*). */
export type Scope = 'global' | 'site' | 'link' | 'host' | 'nowhere';
export const SCOPE_VALUE: Record<Scope, number> = { global: 0, site: 200, link: 253, host: 254, nowhere: 255 };

/** Route types (RTN_*) the engine models. */
export type RouteType = 'unicast' | 'local' | 'broadcast' | 'blackhole' | 'unreachable' | 'prohibit';

/** Well-known table ids (RT_TABLE_*). */
export const TABLE_LOCAL = 255;
export const TABLE_MAIN = 254;
export const TABLE_DEFAULT = 253;

export interface RouteSpec {
  readonly type: RouteType;
  readonly dst: Prefix;
  readonly table: number; // default main
  readonly via?: Ipv4;
  readonly dev?: string;
  readonly onlink?: boolean;
  readonly scope?: Scope; // omitted → kernel default for the type/gateway
  readonly src?: Ipv4;
  readonly metric?: number; // default 0
  readonly proto?: string; // 'boot' | 'static' | 'kernel' | … (display only)
}

export interface RuleSpec {
  readonly priority?: number; // omitted → kernel picks (one below the lowest non-zero existing)
  readonly not?: boolean;
  readonly from?: Prefix;
  readonly to?: Prefix;
  readonly fwmark?: { readonly value: number; readonly mask: number }; // mask 0xffffffff if omitted
  readonly iif?: string;
  readonly oif?: string;
  readonly action:
    | { readonly type: 'lookup'; readonly table: number }
    | { readonly type: 'blackhole' | 'unreachable' | 'prohibit' };
}

export type NudState = 'permanent' | 'noarp' | 'reachable' | 'stale';

/** Device kinds `ip link add … type KIND` can create. */
export type LinkKind = 'veth' | 'bridge' | 'dummy' | 'vxlan' | 'ipip' | 'macvlan' | 'ipvlan';

export interface LinkAttrs {
  readonly address?: Mac;
  readonly mtu?: number;
  readonly master?: string;
  readonly up?: boolean;
}

export interface VxlanAttrs {
  readonly vni: number;
  readonly local?: Ipv4;
  /** a single unicast remote (`remote IP`): the all-zeros FDB entry points at it */
  readonly remote?: Ipv4;
  /** the underlay device (`dev eth0`) */
  readonly dev?: string;
  /** `dstport N`; Linux's default when omitted is 8472 (the IANA port 4789 must be asked for) */
  readonly dstport: number;
  /** `nolearning` turns it off; default on */
  readonly learning: boolean;
}

export interface TunnelAttrs {
  readonly local?: Ipv4;
  /** undefined: one-to-many (`remote any`), the outer destination is the route's gateway */
  readonly remote?: Ipv4;
  /** 0 = inherit the inner TTL */
  readonly ttl: number;
  readonly dev?: string;
  /** `nopmtudisc` clears it; default on (iproute2 sets DF in the template): the outer header's DF */
  readonly pmtudisc?: boolean;
  /** made by `ip tunnel` (SIOCADDTUNNEL on tunl0), not `ip link add`: errors read as that tool's */
  readonly ioctl?: boolean;
}

/** macvlan modes (include/uapi/linux/if_link.h MACVLAN_MODE_*); `source` is not modelled. */
export type MacvlanMode = 'private' | 'vepa' | 'bridge' | 'passthru';
/** ipvlan modes (IPVLAN_MODE_*) and the port's flag word (IPVLAN_F_PRIVATE / _VEPA; none is bridge). */
export type IpvlanMode = 'l2' | 'l3' | 'l3s';
export type IpvlanFlag = 'bridge' | 'private' | 'vepa';

/**
 * `ip link set DEV type macvlan [mode M]` / `type ipvlan [mode M] [FLAG]` (macvlan_changelink,
 * ipvlan_nl_changelink). Without options iproute2 sends nothing for the kind (a no-op); with any,
 * an ipvlan's flag is always sent (bridge when none is named).
 */
export type LinkTypeChange =
  | { readonly kind: 'macvlan'; readonly mode?: MacvlanMode }
  | { readonly kind: 'ipvlan'; readonly mode?: IpvlanMode; readonly flag?: IpvlanFlag }
  /** `type bridge_slave [hairpin on|off]`: a bridge port's own settings (br_port_slave_changelink) */
  | { readonly kind: 'bridge_slave'; readonly hairpin?: boolean };

/** `ip tunnel change NAME …` with NAME first: only what is given changes; `any` is null. */
export interface TunnelChange {
  readonly local?: Ipv4 | null;
  readonly remote?: Ipv4 | null;
  readonly ttl?: number;
  readonly dev?: string | null;
  readonly pmtudisc?: boolean;
}

export type OpBody =
  | { readonly op: 'netns-add'; readonly name: string }
  | {
      readonly op: 'link-add';
      readonly name: string;
      readonly kind: 'veth';
      readonly attrs: LinkAttrs;
      /** The other end; `netns` names a namespace of the same machine ('' is the machine's root). */
      readonly peer: { readonly name: string; readonly netns?: string; readonly address?: Mac; readonly mtu?: number };
    }
  | { readonly op: 'link-add'; readonly name: string; readonly kind: 'bridge' | 'dummy'; readonly attrs: LinkAttrs }
  /** `ip link add NAME type vxlan id VNI [local IP] [remote IP] [dev DEV] [dstport N] [nolearning]` */
  | { readonly op: 'link-add'; readonly name: string; readonly kind: 'vxlan'; readonly attrs: LinkAttrs; readonly vxlan: VxlanAttrs }
  /** `ip tunnel add NAME mode ipip [local IP] [remote IP] [ttl N] [dev DEV]`, `ip link add NAME type ipip …` */
  | { readonly op: 'link-add'; readonly name: string; readonly kind: 'ipip'; readonly attrs: LinkAttrs; readonly tunnel: TunnelAttrs }
  /**
   * `ip link add link PARENT name NAME type macvlan [mode M]` (iproute2 ip/iplink_macvlan.c):
   * `mode` omitted is the kernel's default, vepa (macvlan_common_newlink).
   */
  | { readonly op: 'link-add'; readonly name: string; readonly kind: 'macvlan'; readonly attrs: LinkAttrs; readonly link: string; readonly mode: MacvlanMode }
  /**
   * `ip link add link PARENT name NAME type ipvlan [mode l2|l3|l3s] [bridge|private|vepa]`: the mode
   * and flag belong to the parent's port and the newest device sets them (ipvlan_link_new);
   * `mode` omitted is the kernel's l3 (absent here so the command prints back as written), the
   * flag iproute2 always sends, bridge when none is given.
   */
  | { readonly op: 'link-add'; readonly name: string; readonly kind: 'ipvlan'; readonly attrs: LinkAttrs; readonly link: string; readonly mode?: IpvlanMode; readonly flag: IpvlanFlag }
  | {
      readonly op: 'link-set';
      readonly dev: string;
      readonly up?: boolean;
      /** null: `nomaster` */
      readonly master?: string | null;
      /** `netns NS`: move the device (named toNetns so it never clashes with Op.netns) */
      readonly toNetns?: string;
      readonly address?: Mac;
      readonly mtu?: number;
      readonly name?: string;
      readonly promisc?: boolean;
      /** `type macvlan|ipvlan …` at the end: the device's own settings (changelink), a mode left out unchanged */
      readonly type?: LinkTypeChange;
    }
  | { readonly op: 'link-del'; readonly dev: string }
  /** `bridge link set dev PORT hairpin on|off` (iproute2 bridge/link.c: RTM_SETLINK, AF_BRIDGE protinfo) */
  | { readonly op: 'brlink-set'; readonly dev: string; readonly hairpin: boolean }
  /**
   * `echo N > /sys/class/net/PORT/brport/hairpin_mode` (also under /sys/devices/virtual/net/):
   * the bridge port's sysfs attribute (net/bridge/br_sysfs_if.c), `path` as written.
   */
  | { readonly op: 'brport-sysfs'; readonly dev: string; readonly path: string; readonly hairpin: boolean }
  /** `ip tunnel change NAME …` (SIOCCHGTUNNEL) and `ip tunnel del NAME` (SIOCDELTUNNEL) */
  | { readonly op: 'tunnel-change'; readonly dev: string; readonly tunnel: TunnelChange }
  | { readonly op: 'tunnel-del'; readonly dev: string }
  /** `modprobe M` for a module the model knows (ipip: the fallback tunl0 in every namespace) */
  | { readonly op: 'module-load'; readonly module: 'ipip' }
  | { readonly op: 'addr-add' | 'addr-del'; readonly dev: string; readonly addr: Ipv4; readonly len: number; readonly scope?: Scope }
  | { readonly op: 'addr-flush'; readonly dev: string }
  | { readonly op: 'route-add' | 'route-replace' | 'route-del' | 'route-append'; readonly route: RouteSpec }
  | { readonly op: 'route-flush'; readonly table: number }
  | { readonly op: 'rule-add' | 'rule-del'; readonly rule: RuleSpec }
  | {
      readonly op: 'neigh-add' | 'neigh-replace' | 'neigh-del';
      readonly ip: Ipv4;
      readonly dev: string;
      readonly lladdr?: Mac;
      readonly nud?: NudState; // default permanent for add/replace with lladdr
    }
  | {
      readonly op: 'fdb-add' | 'fdb-append' | 'fdb-del';
      readonly mac: Mac;
      readonly dev: string;
      readonly dst?: Ipv4; // vxlan remote
      readonly master?: boolean;
      readonly self?: boolean;
      readonly permanent?: boolean;
    }
  /**
   * `sysctl -w net.ipv4.ip_forward=1` and `echo 1 > /proc/sys/net/ipv4/ip_forward`: key in
   * dotted form; `ignoreMissing` is `sysctl -e` (a key Linux does not have is skipped).
   */
  | { readonly op: 'sysctl'; readonly key: string; readonly value: string; readonly ignoreMissing?: boolean }
  /** A server started by the script (`socat TCP-LISTEN:80`, `nc -l 80`, `iperf3 -s`, `python3 -m http.server`). */
  | { readonly op: 'listen'; readonly proto: 'tcp' | 'udp'; readonly port: number; readonly addr?: Ipv4; readonly command: string }
  /** `iptables [-t T] -A|-I|-D|-N|-X|-F|-Z|-P …` (also `iptables-legacy`, `iptables-nft`) */
  | { readonly op: 'iptables'; readonly table: NfTableName; readonly command: NfCommand }
  /** `iptables-restore [--noflush] <<EOF … EOF`: tables are replaced (flushed first) unless noflush */
  | { readonly op: 'iptables-restore'; readonly noflush: boolean; readonly tables: readonly RestoreTable[] }
  | { readonly op: 'ipset-create'; readonly name: string; readonly type: IpsetType; readonly exist: boolean }
  | { readonly op: 'ipset-add' | 'ipset-del'; readonly name: string; readonly entry: IpsetEntry; readonly exist: boolean }
  | { readonly op: 'ipset-flush' | 'ipset-destroy'; readonly name?: string }
  /** `ipvsadm -A|-E|-D -t|-u VIP:PORT [-s SCHED]`: an IPVS virtual service */
  | { readonly op: 'ipvs-service'; readonly action: 'add' | 'edit' | 'del'; readonly proto: 'tcp' | 'udp'; readonly vip: Ipv4; readonly port: number; readonly scheduler: string }
  /** `ipvsadm -a|-e|-d -t|-u VIP:PORT -r RIP[:PORT] [-m|-g|-i] [-w W]`: a real server */
  | {
      readonly op: 'ipvs-dest';
      readonly action: 'add' | 'edit' | 'del';
      readonly proto: 'tcp' | 'udp';
      readonly vip: Ipv4;
      readonly port: number;
      readonly rip: Ipv4;
      readonly rport: number;
      readonly method: 'masq' | 'route' | 'tunnel';
      readonly weight: number;
    }
  /** `ipvsadm -C` */
  | { readonly op: 'ipvs-clear' }
  /** Accepted and without effect on the model (`modprobe br_netfilter`). */
  | { readonly op: 'noop'; readonly command: string };

/**
 * One command of a machine's script. `netns` is the namespace it runs in: '' for the machine's
 * root namespace, or the name given to `ip netns add` when run under `ip netns exec NAME` / `ip -n NAME`.
 * `text` is the original command line (for display and export).
 */
export type Op = OpBody & { readonly loc: Loc; readonly netns: string; readonly text: string };

export type OpKind = OpBody['op'];
