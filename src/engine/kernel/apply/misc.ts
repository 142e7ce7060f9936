// `ip rule`, `ip neigh`, `bridge fdb`, `sysctl` and listeners.
import { formatIpv4, type Ipv4 } from '../../addr/ipv4';
import type { Mac } from '../../addr/mac';
import type { NudState, OpBody, RuleSpec } from '../../config/ops';
import { defaultRulePriority, insertRule, type Rule } from '../fib/rules';
import { neighDelete, neighLookup, neighUpdate } from '../neigh/neighbour';
import { sysctlWrite } from '../sysctl';
import { fail, findDevice, type ApplyContext } from './context';
import { vxlanFdbApply } from './vxlan';

function toRule(ctx: ApplyContext, spec: RuleSpec): Rule {
  const fwmark = spec.fwmark && spec.fwmark.value === 0 && spec.fwmark.mask === 0xffffffff ? { value: 0, mask: 0 } : spec.fwmark;
  return {
    priority: spec.priority ?? defaultRulePriority(ctx.ns.rules),
    not: !!spec.not,
    from: spec.from && spec.from.len > 0 ? spec.from : undefined,
    to: spec.to && spec.to.len > 0 ? spec.to : undefined,
    fwmark: fwmark && fwmark.mask !== 0 ? fwmark : undefined,
    iif: spec.iif,
    oif: spec.oif,
    action: spec.action,
  };
}

/** rule_exists + fib4_rule_compare: from/to count only when the new rule gives them. */
function ruleExists(r: Rule, rule: Rule): boolean {
  const sameAction = r.action.type === rule.action.type &&
    (r.action.type !== 'lookup' || (rule.action.type === 'lookup' && r.action.table === rule.action.table));
  const samePrefix = (a?: Rule['from'], b?: Rule['from']) => !b || (a !== undefined && a.addr === b.addr && a.len === b.len);
  return sameAction && r.priority === rule.priority && r.iif === rule.iif && r.oif === rule.oif &&
    (r.fwmark?.value ?? 0) === (rule.fwmark?.value ?? 0) && (r.fwmark?.mask ?? 0) === (rule.fwmark?.mask ?? 0) &&
    samePrefix(r.from, rule.from) && samePrefix(r.to, rule.to);
}

export function applyRuleAdd(ctx: ApplyContext, spec: RuleSpec): void {
  const rule = toRule(ctx, spec);
  if (ctx.ns.rules.some((r) => ruleExists(r, rule))) fail('RTNETLINK answers: File exists');
  insertRule(ctx.ns.rules, rule);
  ctx.ns.customRules = true;
}

export function applyRuleDel(ctx: ApplyContext, spec: RuleSpec): void {
  const i = ctx.ns.rules.findIndex(
    (r) =>
      (spec.priority === undefined || r.priority === spec.priority) &&
      (spec.from === undefined || (r.from?.addr === spec.from.addr && r.from?.len === spec.from.len) || (!r.from && spec.from.len === 0)) &&
      (spec.to === undefined || (r.to?.addr === spec.to.addr && r.to?.len === spec.to.len)) &&
      (spec.iif === undefined || r.iif === spec.iif) &&
      (spec.oif === undefined || r.oif === spec.oif) &&
      (spec.fwmark === undefined || r.fwmark?.value === spec.fwmark.value) &&
      // `ip rule del` without an action sends table 0: any table (fib_nl_delrule)
      (spec.action.type !== 'lookup' || spec.action.table === 0 || (r.action.type === 'lookup' && r.action.table === spec.action.table)),
  );
  if (i < 0) fail('RTNETLINK answers: No such file or directory');
  ctx.ns.rules.splice(i, 1);
}

type NeighOp = Extract<OpBody, { op: 'neigh-add' | 'neigh-replace' | 'neigh-del' }>;

export function applyNeigh(ctx: ApplyContext, op: NeighOp): void {
  const dev = findDevice(ctx.ns, op.dev);
  if (op.op === 'neigh-del') {
    if (!neighDelete(ctx.ns, dev, op.ip)) fail('RTNETLINK answers: No such file or directory');
    return;
  }
  if (op.op === 'neigh-add' && neighLookup(ctx.ns, dev, op.ip)) fail('RTNETLINK answers: File exists');
  const nud: NudState = op.nud ?? 'permanent';
  if (!op.lladdr && nud !== 'noarp') fail(`Error: neighbour ${formatIpv4(op.ip)} needs an lladdr for nud ${nud}.`);
  // an administrator's entry replaces whatever was there, permanent or not
  neighDelete(ctx.ns, dev, op.ip);
  neighUpdate(ctx.ns, dev, op.ip, op.lladdr, nud);
}

type FdbOp = Extract<OpBody, { op: 'fdb-add' | 'fdb-append' | 'fdb-del' }>;

export function applyFdb(ctx: ApplyContext, op: FdbOp): void {
  const dev = findDevice(ctx.ns, op.dev);
  if (dev.vxlan) return vxlanFdbApply(dev, op);
  const bridge = dev.kind === 'bridge' ? dev : dev.master;
  if (!bridge?.fdb) fail(`RTNETLINK answers: Operation not supported (podpath models bridge FDB entries on bridge ports; ${dev.name} is not one)`);
  const port = dev === bridge ? undefined : dev;
  if (op.op === 'fdb-del') {
    if (!bridge.fdb.delete(op.mac)) fail('RTNETLINK answers: No such file or directory');
    return;
  }
  if (op.op === 'fdb-add' && bridge.fdb.has(op.mac)) fail('RTNETLINK answers: File exists');
  bridge.fdb.set(op.mac as Mac, { mac: op.mac, port, local: port === undefined, static: true });
}

export function applySysctl(ctx: ApplyContext, key: string, value: string, ignoreMissing = false): void {
  const res = sysctlWrite(ctx.ns.sysctl, key, value, [...ctx.ns.devices.keys()], ignoreMissing);
  if (!res.ok) fail(res.message);
  if ('ignored' in res) ctx.warn?.({ code: 'sysctl-ignored', key, value });
  else if (!res.modelled) ctx.warn?.({ code: 'sysctl-unmodelled', key, value, ...(res.fixed !== undefined ? { modelledValue: String(res.fixed) } : {}) });
}

export function applyListen(ctx: ApplyContext, proto: 'tcp' | 'udp', port: number, addr: Ipv4 | undefined, command: string): void {
  if (ctx.ns.listeners.some((l) => l.proto === proto && l.port === port && (l.addr === undefined || addr === undefined || l.addr === addr))) {
    fail(`${command.split(/\s+/)[0]}: bind: Address already in use`);
  }
  ctx.ns.listeners.push({ proto, port, addr, command });
}
