// Builds a Lab from a WorldSpec: machines with their NICs, then every op of every script
// in order. A command Linux would refuse becomes a BuildError (with the tool's message)
// and the build goes on, as a shell script without `set -e` would.
import type { Op } from '../../config/ops';
import type { BuildError, BuildWarning, WorldSpec } from '../../config/world';
import { createDevice, Lab } from '../lab';
import { applyAddrAdd, applyAddrDel, applyAddrFlush } from './addr';
import { CommandError, findNetns, type ApplyContext } from './context';
import { applyBrlinkSet, applyBrportSysfs } from './brport';
import { applyLinkAdd, applyLinkDel, applyLinkSet, setUp } from './link';
import { applyFdb, applyListen, applyNeigh, applyRuleAdd, applyRuleDel, applySysctl } from './misc';
import { applyIpvs } from './ipvs';
import { applyIpset, applyIptables, applyRestore } from './netfilter';
import { applyRouteAdd, applyRouteDel, applyRouteFlush } from './route';
import { ipipChangelink, ipipDellinkCheck, ipipInitNet, ipipLoaded, ipipModuleLoad } from '../dev/ipipTunnel';

function applyOp(ctx: ApplyContext, op: Op): void {
  switch (op.op) {
    case 'netns-add':
      if (ctx.lab.netns(ctx.machine, op.name)) {
        throw new CommandError(`Cannot create namespace file "/run/netns/${op.name}": File exists`);
      }
      // a loaded ipip module gives every new namespace its tunl0 (pernet init)
      if (ipipLoaded(ctx.lab, ctx.machine)) ipipInitNet(ctx.lab.addNetns(ctx.machine, op.name));
      else ctx.lab.addNetns(ctx.machine, op.name);
      return;
    case 'link-add': return applyLinkAdd(ctx, op);
    case 'link-set': return applyLinkSet(ctx, op);
    case 'link-del': return applyLinkDel(ctx, op);
    case 'brlink-set': return applyBrlinkSet(ctx, op);
    case 'brport-sysfs': return applyBrportSysfs(ctx, op);
    case 'tunnel-change': return ipipChangelink(ctx.ns, op.dev, op.tunnel);
    case 'tunnel-del':
      ipipDellinkCheck(ctx.ns, op.dev);
      return applyLinkDel(ctx, { ...op, op: 'link-del' });
    case 'module-load': return ipipModuleLoad(ctx.lab, ctx.machine);
    case 'addr-add': return applyAddrAdd(ctx, op.dev, op.addr, op.len, op.scope);
    case 'addr-del': return applyAddrDel(ctx, op.dev, op.addr, op.len);
    case 'addr-flush': return applyAddrFlush(ctx, op.dev);
    case 'route-add': return applyRouteAdd(ctx, op.route, 'add');
    case 'route-replace': return applyRouteAdd(ctx, op.route, 'replace');
    case 'route-append': return applyRouteAdd(ctx, op.route, 'append');
    case 'route-del': return applyRouteDel(ctx, op.route);
    case 'route-flush': return applyRouteFlush(ctx, op.table);
    case 'rule-add': return applyRuleAdd(ctx, op.rule);
    case 'rule-del': return applyRuleDel(ctx, op.rule);
    case 'neigh-add':
    case 'neigh-replace':
    case 'neigh-del':
      return applyNeigh(ctx, op);
    case 'fdb-add':
    case 'fdb-append':
    case 'fdb-del':
      return applyFdb(ctx, op);
    case 'sysctl': return applySysctl(ctx, op.key, op.value, op.ignoreMissing);
    case 'listen': return applyListen(ctx, op.proto, op.port, op.addr, op.command);
    case 'iptables': return applyIptables(ctx, op.table, op.command);
    case 'iptables-restore': return applyRestore(ctx, op.noflush, op.tables);
    case 'ipset-create':
    case 'ipset-add':
    case 'ipset-del':
    case 'ipset-flush':
    case 'ipset-destroy':
      return applyIpset(ctx, op);
    case 'ipvs-service':
    case 'ipvs-dest':
    case 'ipvs-clear':
      return applyIpvs(ctx, op);
    case 'noop': return;
    default: {
      const never: never = op;
      throw new Error(`unhandled op ${(never as Op).op}`);
    }
  }
}

export function buildLab(spec: WorldSpec): { lab: Lab; errors: BuildError[]; warnings: BuildWarning[] } {
  const lab = new Lab();
  const errors: BuildError[] = [];
  const warnings: BuildWarning[] = [];
  for (const net of spec.networks) lab.networks.set(net.name, net);
  for (const m of spec.machines) {
    const root = lab.addMachine(m.name);
    // a machine's loopback is up (its init system did that); `ip netns add` ones start down
    setUp(root.loopback(), true);
    for (const nic of m.nics) {
      const dev = createDevice(root, nic.name, 'nic', { mac: nic.address });
      dev.network = nic.network;
      lab.nics.set(dev, nic);
    }
  }
  for (const m of spec.machines) {
    for (const op of m.ops) {
      try {
        const ns = op.netns ? findNetns({ lab, machine: m.name } as ApplyContext, op.netns) : lab.netns(m.name, '')!;
        const warn: ApplyContext['warn'] = (w) => warnings.push({ ...w, machine: m.name, netns: op.netns, loc: op.loc, command: op.text });
        applyOp({ lab, machine: m.name, ns, op, warn }, op);
      } catch (e) {
        if (!(e instanceof CommandError)) throw e;
        // (the engine also runs in a browser worker, where there is no `process`)
        if (typeof process !== 'undefined' && process.env?.PODPATH_DEBUG) console.error(e.stack);
        errors.push({ loc: op.loc, machine: m.name, command: op.text, message: e.message });
      }
    }
  }
  return { lab, errors, warnings };
}
