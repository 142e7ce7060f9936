// Netfilter configuration as the engine accepts it: iptables rules as structured data, one
// variant per match and target the kernel modules implement (xt_*.c, ipt_*.c). src/scenario
// parses `iptables …`, `iptables-restore` input and `ipset …` into these; the engine prints
// them back with iptables-save (kernel/netfilter/save.ts).
import type { Ipv4, Prefix } from '../addr/ipv4';

export type NfTableName = 'raw' | 'mangle' | 'nat' | 'filter';
export const BUILTIN_CHAINS: Readonly<Record<NfTableName, readonly string[]>> = {
  raw: ['PREROUTING', 'OUTPUT'],
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
};

export type CtState = 'NEW' | 'ESTABLISHED' | 'RELATED' | 'INVALID' | 'UNTRACKED' | 'SNAT' | 'DNAT';
export type AddrType =
  | 'UNSPEC' | 'UNICAST' | 'LOCAL' | 'BROADCAST' | 'ANYCAST' | 'MULTICAST' | 'BLACKHOLE' | 'UNREACHABLE' | 'PROHIBIT';

/** A port or an inclusive range (`80`, `30000:32767`). */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Every match carries `not` when written with `!`. Order in a rule is the order written. */
export type NfMatch =
  | { readonly kind: 'src'; readonly not: boolean; readonly prefix: Prefix } // -s
  | { readonly kind: 'dst'; readonly not: boolean; readonly prefix: Prefix } // -d
  | { readonly kind: 'proto'; readonly not: boolean; readonly proto: number } // -p (0 = all)
  | { readonly kind: 'in'; readonly not: boolean; readonly iface: string } // -i (a trailing + is a wildcard)
  | { readonly kind: 'out'; readonly not: boolean; readonly iface: string } // -o
  /** -m tcp/-m udp (or implied by -p): --sport/--dport, and --tcp-flags / --syn for tcp */
  | {
      readonly kind: 'l4';
      readonly proto: 'tcp' | 'udp';
      readonly sport?: { readonly not: boolean; readonly range: PortRange };
      readonly dport?: { readonly not: boolean; readonly range: PortRange };
      readonly tcpFlags?: { readonly not: boolean; readonly mask: readonly string[]; readonly comp: readonly string[] };
    }
  | { readonly kind: 'icmp'; readonly not: boolean; readonly type: number; readonly code?: number } // --icmp-type
  | { readonly kind: 'multiport'; readonly not: boolean; readonly dir: 'sports' | 'dports' | 'ports'; readonly ports: readonly PortRange[] }
  | {
      readonly kind: 'addrtype';
      readonly src?: { readonly not: boolean; readonly types: readonly AddrType[] };
      readonly dst?: { readonly not: boolean; readonly types: readonly AddrType[] };
      readonly limitIfaceIn?: boolean;
      readonly limitIfaceOut?: boolean;
    }
  /** -m conntrack --ctstate X,Y and -m state --state X,Y (`module` says which was written) */
  | { readonly kind: 'ctstate'; readonly module: 'conntrack' | 'state'; readonly not: boolean; readonly states: readonly CtState[] }
  | { readonly kind: 'mark'; readonly not: boolean; readonly value: number; readonly mask: number } // -m mark --mark v[/m]
  | { readonly kind: 'connmark'; readonly not: boolean; readonly value: number; readonly mask: number }
  | { readonly kind: 'set'; readonly not: boolean; readonly name: string; readonly flags: readonly ('src' | 'dst')[] }
  | { readonly kind: 'comment'; readonly text: string }
  /** -m ttl --ttl-eq N (`! --ttl-eq`: ne) | --ttl-lt N | --ttl-gt N */
  | { readonly kind: 'ttl'; readonly mode: 'eq' | 'ne' | 'lt' | 'gt'; readonly ttl: number }
  | { readonly kind: 'statistic'; readonly not: boolean; readonly mode: 'random'; readonly probability: number }
  | { readonly kind: 'statistic'; readonly not: boolean; readonly mode: 'nth'; readonly every: number; readonly packet: number }
  | {
      readonly kind: 'physdev';
      readonly in?: { readonly not: boolean; readonly iface: string };
      readonly out?: { readonly not: boolean; readonly iface: string };
      readonly isIn?: boolean;
      readonly isOut?: boolean;
      readonly isBridged?: { readonly not: boolean };
    };

/** A NAT range: `--to-destination 10.0.0.1[-10.0.0.2][:80[-81]]`. */
export interface NatRange {
  readonly addr?: Ipv4;
  readonly addrTo?: Ipv4;
  readonly port?: number;
  readonly portTo?: number;
}

export type NfTarget =
  | { readonly kind: 'ACCEPT' | 'DROP' | 'RETURN' | 'NOTRACK' }
  | { readonly kind: 'REJECT'; readonly with: string } // default icmp-port-unreachable
  | { readonly kind: 'jump' | 'goto'; readonly chain: string }
  | { readonly kind: 'DNAT' | 'SNAT'; readonly to: NatRange; readonly random?: boolean; readonly randomFully?: boolean; readonly persistent?: boolean }
  | { readonly kind: 'MASQUERADE'; readonly toPorts?: PortRange; readonly random?: boolean; readonly randomFully?: boolean }
  | { readonly kind: 'REDIRECT'; readonly toPorts?: PortRange }
  /** MARK --set-xmark v/m (and --set-mark/--or-mark/--and-mark/--xor-mark, normalised as iptables does) */
  | { readonly kind: 'MARK'; readonly value: number; readonly mask: number; readonly written: string }
  | { readonly kind: 'CONNMARK'; readonly op: 'set-xmark' | 'save-mark' | 'restore-mark'; readonly value: number; readonly mask: number; readonly nfmask?: number; readonly ctmask?: number }
  | { readonly kind: 'LOG'; readonly prefix?: string; readonly level?: string }
  | { readonly kind: 'CT'; readonly notrack: boolean };

export interface NfRuleSpec {
  readonly matches: readonly NfMatch[];
  readonly target?: NfTarget;
}

export type IpsetType = 'hash:ip' | 'hash:ip,port' | 'hash:net' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port';

/** One ipset member, parsed according to its set's type (`10.0.0.1,tcp:80`, `10.0.0.0/24`, `30080`). */
export interface IpsetEntry {
  readonly ip?: Prefix; // hash:ip → /32; hash:net → the prefix
  readonly proto?: number;
  readonly port?: number;
  readonly ip2?: Prefix; // the third component of hash:ip,port,ip|net
  readonly text: string;
}

/** One table of an iptables-restore input: `*nat` … `COMMIT`. */
export interface RestoreTable {
  readonly table: NfTableName;
  /** `:CHAIN POLICY [p:b]` lines; user chains have policy '-' */
  readonly chains: readonly { readonly name: string; readonly policy: 'ACCEPT' | 'DROP' | '-' }[];
  /** `-A CHAIN …` lines in order (iptables-restore also accepts -I, -D, -N, -X, -F, -P) */
  readonly commands: readonly NfCommand[];
  /** the COMMIT line, counted from the first line of iptables-restore's input (its error messages count so) */
  readonly commitLine?: number;
  /** the line of each command, counted the same way */
  readonly commandLines?: readonly number[];
}

export type NfCommand =
  | { readonly action: 'append'; readonly chain: string; readonly rule: NfRuleSpec }
  | { readonly action: 'insert'; readonly chain: string; readonly index: number; readonly rule: NfRuleSpec } // 1-based
  | { readonly action: 'delete'; readonly chain: string; readonly rule: NfRuleSpec }
  | { readonly action: 'delete-index'; readonly chain: string; readonly index: number }
  | { readonly action: 'new-chain'; readonly chain: string }
  | { readonly action: 'delete-chain'; readonly chain?: string } // -X without a name: every empty user chain
  | { readonly action: 'flush'; readonly chain?: string }
  | { readonly action: 'zero'; readonly chain?: string }
  | { readonly action: 'policy'; readonly chain: string; readonly policy: 'ACCEPT' | 'DROP' };
