// References from trace events to the kernel objects a step used (trace/refs.ts), built from
// those objects: the route and ip rule of a lookup, a neighbour, an FDB entry, an iptables
// rule or policy, a conntrack entry, a tunnel.
import { formatIpv4 } from '../addr/ipv4';
import type { CtEntry } from '../kernel/conntrack/table';
import type { Device, VxlanRemote } from '../kernel/dev/device';
import { ipipTunnelLine, type IpipDevice } from '../kernel/dev/ipipTunnel';
import { formatVxlanFdb } from '../kernel/dev/vxlanFdb';
import type { FibResult } from '../kernel/fib/lookup';
import { formatRoute, type Route } from '../kernel/fib/route';
import { formatRule, type Rule } from '../kernel/fib/rules';
import { formatNeigh, type NeighEntry } from '../kernel/neigh/neighbour';
import { ruleLine } from '../kernel/netfilter/ruleLine';
import type { RuleHit } from '../kernel/netfilter/traverse';
import type { Netns } from '../kernel/netns';
import { formatCtEntry } from '../kernel/conntrack/table';
import type { NfTableName } from '../config/netfilter';
import type { RouteDecision } from '../trace/causes';
import type { StateRef } from '../trace/refs';

// Routes, rules and iptables rules never change while a lab is traced: print each once.
const printed = new WeakMap<object, string>();

function once<T extends object>(obj: T, print: (o: T) => string): string {
  let line = printed.get(obj);
  if (line === undefined) printed.set(obj, (line = print(obj)));
  return line;
}

export function routeRef(ns: Netns, route: Route): StateRef {
  return { type: 'route', table: route.table, index: ns.tables.get(route.table)?.indexOf(route) ?? -1, line: once(route, formatRoute) };
}

// `ip rule` prints a tab after the priority; the ref's line reads as one line
const ruleText = (rule: Rule) => formatRule(rule).replace('\t', ' ');

export function ruleRef(ns: Netns, rule: Rule): StateRef {
  return { type: 'rule', index: ns.rules.indexOf(rule), priority: rule.priority, line: once(rule, ruleText) };
}

/** The rule, then the route, of a lookup: how `ip rule` and `ip route show table all` would show the decision. */
export function fibRefs(ns: Netns, fib: FibResult | undefined): StateRef[] {
  if (!fib) return [];
  return [...(fib.rule ? [ruleRef(ns, fib.rule)] : []), ...(fib.route ? [routeRef(ns, fib.route)] : [])];
}

/** The rejecting route or rule a failed lookup ended on (blackhole, unreachable, prohibit), as a drop's cause names it. */
export function routeDecision(ns: Netns, fib: FibResult | undefined): RouteDecision | undefined {
  if (!fib || fib.ok) return undefined;
  const route = fib.route;
  if (route && (route.type === 'blackhole' || route.type === 'unreachable' || route.type === 'prohibit')) {
    return { by: 'route', type: route.type, table: route.table, line: routeRef(ns, route).line };
  }
  const rule = fib.rule;
  if (rule && rule.action.type !== 'lookup') return { by: 'rule', type: rule.action.type, priority: rule.priority, line: ruleRef(ns, rule).line };
  return undefined;
}

export function neighRef(e: NeighEntry): StateRef {
  return { type: 'neigh', dev: e.dev.name, addr: formatIpv4(e.ip), line: formatNeigh(e) };
}

export function bridgeFdbRef(bridge: Device, mac: string, port: Device): StateRef {
  return { type: 'fdb', dev: bridge.name, mac, line: `${mac} dev ${port.name} master ${bridge.name}` };
}

export function vxlanFdbRef(dev: Device, mac: string, remote: VxlanRemote): StateRef {
  return { type: 'fdb', dev: dev.name, mac, dst: formatIpv4(remote.dst), line: formatVxlanFdb(dev, mac, remote) };
}

// a rule's line names its chain; the same spec in two chains prints twice
const nfLines = new WeakMap<object, { readonly chain: string; readonly line: string }>();

export function nfRuleRef(hit: RuleHit): StateRef {
  let known = nfLines.get(hit.spec);
  if (known?.chain !== hit.chain) nfLines.set(hit.spec, (known = { chain: hit.chain, line: ruleLine(hit.chain, hit.spec) }));
  return { type: 'nf-rule', table: hit.table, chain: hit.chain, index: hit.index, line: known.line };
}

export function nfPolicyRef(table: NfTableName, chain: string, policy: string): StateRef {
  return { type: 'nf-policy', table, chain, policy, line: `:${chain} ${policy}` };
}

export function ctRef(entry: CtEntry): StateRef {
  return { type: 'conntrack', id: entry.id, line: formatCtEntry(entry) };
}

export function tunnelRef(dev: IpipDevice): StateRef {
  return { type: 'tunnel', dev: dev.name, line: ipipTunnelLine(dev) };
}
