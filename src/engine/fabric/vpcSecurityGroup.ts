// Security groups of a `vpc` network (DESIGN §3), AWS style: each ENI has groups; a packet
// leaving an ENI needs an egress rule of one of them, a packet arriving needs an ingress rule
// (protocol, destination port range, peer CIDR). Stateful groups track the connections they
// allowed, per ENI: later packets of a tracked connection, in either direction, pass whatever
// the rules say, and so do ICMP errors about it (like Linux conntrack's RELATED). Groups with
// `stateful: false` track nothing: replies need rules of their own. An ENI with no group is
// not filtered.
import { formatIpv4, inPrefix, type Ipv4 } from '../addr/ipv4';
import type { SgRule } from '../config/world';
import { IPPROTO_IPIP, type Header, type Headers } from '../packet/headers';
import { ICMP_ERROR_TYPES, ipProtoName, ipProtoNumber } from '../packet/names';
import type { SgWhy } from '../trace/causes';
import type { WalkContext } from '../walk/context';
import type { Eni } from './vpcEni';

export type SgDirection = 'ingress' | 'egress';

/**
 * `tcp`, `udp`, `icmp`, or the protocol's number: a cloud console names 4 `4 (ipip)`, the
 * IP-in-IP of an ipip tunnel (netbase calls it ipencap).
 */
export function protoName(proto: number): string {
  if (proto === IPPROTO_IPIP) return `${proto} (ipip)`;
  return proto === 1 || proto === 6 || proto === 17 ? ipProtoName(proto) : String(proto);
}

/** What a security group looks at in a packet: its outer IPv4 header and what follows it. */
export interface SgPacket {
  readonly proto: number;
  readonly src: Ipv4;
  readonly dst: Ipv4;
  readonly sport?: number;
  readonly dport?: number;
  /** ICMP echo id (the "port" of a ping) */
  readonly icmpId?: number;
  /** an ICMP error's quoted packet */
  readonly quoted?: SgPacket;
}

export function sgPacket(headers: Headers): SgPacket | undefined {
  const i = headers.findIndex((h) => h.layer === 'ipv4');
  const iph = headers[i];
  if (!iph || iph.layer !== 'ipv4') return undefined;
  const next: Header | undefined = headers[i + 1];
  const base = { proto: iph.protocol, src: iph.src, dst: iph.dst };
  if (next?.layer === 'tcp' || next?.layer === 'udp') return { ...base, sport: next.sport, dport: next.dport };
  if (next?.layer === 'icmp') {
    if (ICMP_ERROR_TYPES.has(next.type) && next.quoted) return { ...base, quoted: sgPacket(next.quoted) };
    return { ...base, icmpId: next.id };
  }
  return base;
}

/** A connection's key in one direction: `tcp 10.0.0.5:40000 > 10.0.0.6:80`. */
export function flowKey(p: SgPacket): string {
  const name = protoName(p.proto);
  if (p.sport !== undefined) return `${name} ${formatIpv4(p.src)}:${p.sport} > ${formatIpv4(p.dst)}:${p.dport}`;
  if (p.icmpId !== undefined) return `${name} ${formatIpv4(p.src)} > ${formatIpv4(p.dst)} id ${p.icmpId}`;
  return `${name} ${formatIpv4(p.src)} > ${formatIpv4(p.dst)}`;
}

function reversed(p: SgPacket): SgPacket {
  return { ...p, src: p.dst, dst: p.src, sport: p.dport, dport: p.sport };
}

function ruleProto(rule: SgRule): number | 'all' {
  return typeof rule.proto === 'number' || rule.proto === 'all' ? rule.proto : (ipProtoNumber(rule.proto) ?? -1);
}

function cidrText(rule: SgRule): string {
  return `${formatIpv4(rule.cidr.addr)}/${rule.cidr.len}`;
}

/** `sg nodes ingress tcp 30000-32767 from 0.0.0.0/0`, as the inspector shows the rule that decided. */
export function formatSgRule(group: string, dir: SgDirection, rule: SgRule): string {
  const proto = typeof rule.proto === 'number' ? String(rule.proto) : rule.proto;
  const ports = rule.ports ? ` ${rule.ports.from === rule.ports.to ? rule.ports.from : `${rule.ports.from}-${rule.ports.to}`}` : '';
  return `sg ${group} ${dir} ${proto}${ports} ${dir === 'ingress' ? 'from' : 'to'} ${cidrText(rule)}`;
}

/** Does `rule` allow `p` in direction `dir`? The peer is the source on ingress, the destination on egress. */
export function ruleAllows(rule: SgRule, dir: SgDirection, p: SgPacket): boolean {
  const proto = ruleProto(rule);
  if (proto !== 'all' && proto !== p.proto) return false;
  if (rule.ports && (p.dport === undefined || p.dport < rule.ports.from || p.dport > rule.ports.to)) return false;
  return inPrefix(dir === 'ingress' ? p.src : p.dst, rule.cidr);
}

export interface SgVerdict {
  readonly allow: boolean;
  /** the rule or tracked connection that decided, as the inspector shows it */
  readonly matched?: string;
  readonly why: SgWhy;
}

/** The security-group check of one ENI in one direction; records the connection when a stateful group allows it. */
export function sgCheck(ctx: WalkContext, eni: Eni, dir: SgDirection, p: SgPacket): SgVerdict {
  if (eni.groups.length === 0) return { allow: true, why: { code: 'no-groups' } };
  let tracked = ctx.vpcConntrack.get(eni.dev);
  if (!tracked) ctx.vpcConntrack.set(eni.dev, (tracked = new Map()));
  const key = flowKey(p);
  for (const k of [key, flowKey(reversed(p))]) {
    const group = tracked.get(k);
    if (group !== undefined) return { allow: true, matched: `sg ${group} tracked ${k} on ${eni.id}`, why: { code: 'tracked', group, flow: k } };
  }
  if (p.quoted) {
    for (const k of [flowKey(p.quoted), flowKey(reversed(p.quoted))]) {
      const group = tracked.get(k);
      if (group !== undefined) return { allow: true, matched: `sg ${group} tracked ${k} on ${eni.id} (related ICMP error)`, why: { code: 'related', group, flow: k } };
    }
  }
  for (const group of eni.groups) {
    const rule = (dir === 'ingress' ? group.ingress : group.egress).find((r) => ruleAllows(r, dir, p));
    if (!rule) continue;
    if (group.stateful) tracked.set(key, group.name);
    return { allow: true, matched: formatSgRule(group.name, dir, rule), why: { code: 'allowed', group: group.name, stateful: group.stateful } };
  }
  const names = eni.groups.map((g) => g.name);
  const proto = protoName(p.proto);
  const peer = formatIpv4(dir === 'ingress' ? p.src : p.dst);
  const what = p.dport !== undefined ? `${proto} port ${p.dport}` : proto;
  return {
    allow: false,
    matched: `sg ${names.join(', ')} ${dir}: no rule allows ${what} ${dir === 'ingress' ? 'from' : 'to'} ${peer}`,
    why: { code: 'denied', groups: names, proto, ...(p.dport !== undefined ? { port: p.dport } : {}), peer },
  };
}
