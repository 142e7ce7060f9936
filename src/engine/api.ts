// The engine's public surface (DESIGN §1.5: one pure engine for browser, CLI and tests).
import type { Ipv4 } from './addr/ipv4';
import type { Mac } from './addr/mac';
import type { BuildError, BuildWarning } from './config/world';
import type { Matrix, MatrixOptions, MatrixTarget, Reach } from './matrix';
import type { ShowWhat } from './show';
import type { ShownLine } from './trace/state';
import type { Endpoint, Flow, Trace } from './trace/types';

/** One device as the world holds it, for export-script, the canvas and parity. */
export interface DeviceInfo {
  readonly machine: string;
  readonly netns: string; // '' = machine root
  readonly name: string;
  readonly kind: 'loopback' | 'veth' | 'bridge' | 'dummy' | 'nic' | 'vxlan' | 'ipip' | 'macvlan' | 'ipvlan';
  readonly mac: Mac;
  readonly up: boolean;
  readonly mtu: number;
  readonly master?: string;
  readonly addresses: readonly string[]; // "10.0.0.1/24"
  /** veth: the peer as machine/netns/name; nic: the network it plugs into. */
  readonly peer?: { readonly machine: string; readonly netns: string; readonly name: string };
  readonly network?: string;
  /**
   * vxlan/ipip: the tunnel devices at the far ends, as the canvas draws them (dashed): a vxlan's
   * FDB remotes, an ipip's routes' gateways, resolved to the machine that owns the address.
   */
  readonly tunnelPeers?: readonly { readonly machine: string; readonly netns: string; readonly name: string }[];
  /**
   * macvlan/ipvlan: the lower device it sits on (its parent, which may live in another
   * namespace: a macvlan moved into a pod keeps the host's NIC as its parent).
   */
  readonly parent?: { readonly machine: string; readonly netns: string; readonly name: string };
  /** vxlan: VNI and UDP port; ipip: outer TTL; macvlan/ipvlan: the mode (for the device's tooltip) */
  readonly detail?: string;
}

/** The answer of `ip route get` (fib lookup through rules) for the routing fuzz and the UI. */
export type RouteGetResult =
  | {
      readonly ok: true;
      readonly type: 'unicast' | 'local' | 'broadcast';
      readonly dev: string;
      readonly via?: Ipv4;
      readonly src?: Ipv4;
      readonly table: number;
    }
  | { readonly ok: false; readonly error: 'unreachable' | 'prohibit' | 'blackhole' | 'invalid'; readonly message: string };

export interface RouteQuery {
  readonly to: Ipv4;
  readonly from?: Ipv4;
  readonly iif?: string;
  readonly oif?: string;
  readonly mark?: number;
}

export type { ShowWhat };

/** A listening socket a script started (`nc -l`, `socat …-LISTEN`), for the reachability matrix. */
export interface ListenerInfo {
  readonly machine: string;
  readonly netns: string; // '' = machine root
  readonly proto: 'tcp' | 'udp';
  readonly port: number;
  /** the bound address; absent = every address of the namespace (INADDR_ANY) */
  readonly addr?: string;
  /** the command that started it */
  readonly command: string;
}

export interface World {
  readonly errors: readonly BuildError[];
  /** What the scripts set that podpath accepted without modelling it (every trace carries these too). */
  readonly warnings: readonly BuildWarning[];
  devices(): readonly DeviceInfo[];
  /** Traces one conversation in a fresh copy of the world's state (neighbour caches etc. as built). */
  trace(flow: Flow): Trace;
  /** The same conversation kept down to its verdict, outcome and drop (no events): much cheaper. */
  reach(flow: Flow): Reach;
  /** Every source against every target (matrix.ts), each cell a reach(). */
  matrix(sources: readonly Endpoint[], targets: readonly MatrixTarget[], opts?: MatrixOptions): Matrix;
  /** The listening sockets of every namespace, in namespace order. */
  listeners(): readonly ListenerInfo[];
  routeGet(machine: string, netns: string, query: RouteQuery): RouteGetResult;
  /**
   * `ip addr`, `ip route show table all`, `ip rule`, `ip neigh`, `bridge fdb`, `iptables-save`,
   * `ipvsadm -Ln`, `conntrack -L` of the lab as built, line by line, each line keyed by the
   * object it prints (what trace events' refs and state deltas name).
   */
  lines(machine: string, netns: string, what: ShowWhat): readonly ShownLine[];
  /** The same as the tool prints it. */
  show(machine: string, netns: string, what: ShowWhat): string;
  namespaces(): readonly { readonly machine: string; readonly netns: string }[];
}
