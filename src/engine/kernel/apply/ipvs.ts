// `ipvsadm` applied to a namespace's IPVS state, with ipvsadm's refusals.
import type { OpBody } from '../../config/ops';
import { serviceKey } from '../ipvs/ipvs';
import { fail, type ApplyContext } from './context';

type IpvsOp = Extract<OpBody, { op: 'ipvs-service' | 'ipvs-dest' | 'ipvs-clear' }>;

export function applyIpvs(ctx: ApplyContext, op: IpvsOp): void {
  const ipvs = ctx.ns.ipvs;
  if (op.op === 'ipvs-clear') {
    ipvs.services.clear();
    return;
  }
  const key = serviceKey(op.proto, op.vip, op.port);
  const svc = ipvs.services.get(key);
  if (op.op === 'ipvs-service') {
    if (op.action === 'add') {
      if (svc) fail('Service already exists');
      ipvs.services.set(key, { proto: op.proto, vip: op.vip, port: op.port, scheduler: op.scheduler, dests: [] });
    } else if (!svc) fail('No such service');
    else if (op.action === 'edit') svc.scheduler = op.scheduler;
    else ipvs.services.delete(key);
    return;
  }
  if (!svc) fail('No such service');
  const i = svc.dests.findIndex((d) => d.rip === op.rip && d.rport === op.rport);
  if (op.action === 'add') {
    if (i >= 0) fail('Destination already exists');
    svc.dests.push({ rip: op.rip, rport: op.rport, method: op.method, weight: op.weight });
  } else if (i < 0) fail('No such destination');
  else if (op.action === 'edit') svc.dests[i] = { rip: op.rip, rport: op.rport, method: op.method, weight: op.weight };
  else svc.dests.splice(i, 1);
}
