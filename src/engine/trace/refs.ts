// References from a trace event to the state objects it used: the exact route, ip rule,
// neighbour, FDB entry, iptables rule or policy, conntrack entry, IPVS service, socket or
// tunnel — relative to the event's namespace (`at`), or to its network for fabric objects.
// Each carries `line`, the object as its tool prints it (`ip route`, `iptables-save` …): tool
// output, not prose. `refKey` gives the identity the state panels key their lines by, so a
// page finds the line an event used without reading any text.
import type { NfTableName } from '../config/netfilter';

export type StateRef =
  /** `index`: position in the table as `ip route show table all` lists it */
  | { readonly type: 'route'; readonly table: number; readonly index: number; readonly line: string }
  /** `index`: position in `ip rule` */
  | { readonly type: 'rule'; readonly index: number; readonly priority: number; readonly line: string }
  | { readonly type: 'neigh'; readonly dev: string; readonly addr: string; readonly line: string }
  /** a bridge's FDB (`dev` the bridge) or a vxlan device's (`dev` the vxlan, `dst` the remote) */
  | { readonly type: 'fdb'; readonly dev: string; readonly mac: string; readonly dst?: string; readonly line: string }
  /** `index`: 1-based, as `iptables -L --line-numbers` counts */
  | { readonly type: 'nf-rule'; readonly table: NfTableName; readonly chain: string; readonly index: number; readonly line: string }
  | { readonly type: 'nf-policy'; readonly table: NfTableName; readonly chain: string; readonly policy: string; readonly line: string }
  | { readonly type: 'conntrack'; readonly id: number; readonly line: string }
  | { readonly type: 'ipvs-service'; readonly line: string }
  | { readonly type: 'ipvs-dest'; readonly service: string; readonly line: string }
  | { readonly type: 'listener'; readonly proto: 'tcp' | 'udp'; readonly port: number; readonly line: string }
  | { readonly type: 'tunnel'; readonly dev: string; readonly line: string }
  /** fabric objects of the event's network */
  | { readonly type: 'eni'; readonly eni: string; readonly line: string }
  | { readonly type: 'vpc-route'; readonly line: string }
  | { readonly type: 'security-group'; readonly line: string };

export type StateRefType = StateRef['type'];

/** The identity of the object a ref names, the same string the state panels key its line by. */
export function refKey(ref: StateRef): string {
  switch (ref.type) {
    case 'route':
      return `route|${ref.table}|${ref.index}`;
    case 'rule':
      return `rule|${ref.index}`;
    case 'neigh':
      return `neigh|${ref.dev}|${ref.addr}`;
    case 'fdb':
      return `fdb|${ref.dev}|${ref.mac}|${ref.dst ?? ''}`;
    case 'nf-rule':
      return `nf|${ref.table}|${ref.chain}|${ref.index}`;
    case 'nf-policy':
      return `nfp|${ref.table}|${ref.chain}`;
    case 'conntrack':
      return `ct|${ref.id}`;
    case 'ipvs-service':
      return `ipvs|${ref.line}`;
    case 'ipvs-dest':
      return `ipvsd|${ref.service}|${ref.line}`;
    case 'listener':
      return `listen|${ref.proto}|${ref.port}`;
    case 'tunnel':
      return `tunnel|${ref.dev}`;
    case 'eni':
      return `eni|${ref.eni}`;
    case 'vpc-route':
    case 'security-group':
      return `${ref.type}|${ref.line}`;
  }
}
