// IPVS administration: `ipvsadm -A|-E|-D -t|-u VIP:PORT [-s SCHED]`,
// `ipvsadm -a|-e|-d -t|-u VIP:PORT -r RIP[:PORT] [-m|-g|-i] [-w WEIGHT]`, `ipvsadm -C`
// (long forms --add-service, --tcp-service … too), as kube-proxy's IPVS mode sets them up.
import { parseIpv4, type Ipv4 } from '../../engine/addr/ipv4';
import type { OpBody } from '../../engine/config/ops';
import { fail } from './args';
import { inContext, type CommandParser } from './parsed';
import type { Token } from './tokenize';

const SERVICE_ACTIONS: Record<string, 'add' | 'edit' | 'del'> = { '-A': 'add', '--add-service': 'add', '-E': 'edit', '--edit-service': 'edit', '-D': 'del', '--delete-service': 'del' };
const DEST_ACTIONS: Record<string, 'add' | 'edit' | 'del'> = { '-a': 'add', '--add-server': 'add', '-e': 'edit', '--edit-server': 'edit', '-d': 'del', '--delete-server': 'del' };
const METHODS: Record<string, 'masq' | 'route' | 'tunnel'> = { '-m': 'masq', '--masquerading': 'masq', '-g': 'route', '--gatewaying': 'route', '-i': 'tunnel', '--ipip': 'tunnel' };
const SCHEDULERS = new Set(['rr', 'wrr', 'lc', 'wlc', 'lblc', 'lblcr', 'dh', 'sh', 'sed', 'nq', 'mh', 'fo', 'ovf', 'twos']);

function endpoint(token: Token, portRequired: boolean): { addr: Ipv4; port?: number } {
  const m = /^(\d+\.\d+\.\d+\.\d+)(?::(\d+))?$/.exec(token.value);
  const addr = m ? parseIpv4(m[1]) : undefined;
  if (!m || addr === undefined) fail(token, `expected ADDRESS${portRequired ? ':PORT' : '[:PORT]'}, got "${token.value}"`);
  const port = m[2] !== undefined ? Number(m[2]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) fail(token, `port ${port} is out of range 1-65535`);
  if (portRequired && port === undefined) fail(token, `a virtual service needs a port: ${token.value}:PORT`);
  return { addr, port };
}

export const parseIpvsadm: CommandParser = (args, ctx) => {
  const cmd = args.take()!;
  let action: { kind: 'service' | 'dest'; verb: 'add' | 'edit' | 'del' } | undefined;
  let clear = false;
  let proto: 'tcp' | 'udp' | undefined;
  let vip: { addr: Ipv4; port?: number } | undefined;
  let rip: { addr: Ipv4; port?: number } | undefined;
  let scheduler = 'wlc';
  let method: 'masq' | 'route' | 'tunnel' = 'route';
  let weight = 1;
  while (!args.done) {
    const token = args.take()!;
    const w = token.value;
    if (w in SERVICE_ACTIONS) action = { kind: 'service', verb: SERVICE_ACTIONS[w] };
    else if (w in DEST_ACTIONS) action = { kind: 'dest', verb: DEST_ACTIONS[w] };
    else if (w === '-C' || w === '--clear') clear = true;
    else if (w === '-t' || w === '--tcp-service' || w === '-u' || w === '--udp-service') {
      proto = w === '-t' || w === '--tcp-service' ? 'tcp' : 'udp';
      vip = endpoint(args.need('a virtual service ADDRESS:PORT'), true);
    } else if (w === '-r' || w === '--real-server') rip = endpoint(args.need('a real server ADDRESS[:PORT]'), false);
    else if (w === '-s' || w === '--scheduler') {
      const s = args.need('a scheduler');
      if (!SCHEDULERS.has(s.value)) fail(s, `unknown scheduler "${s.value}"; expected one of ${[...SCHEDULERS].join(' ')}`);
      scheduler = s.value;
    } else if (w in METHODS) method = METHODS[w];
    else if (w === '-w' || w === '--weight') {
      const t = args.need('a weight');
      if (!/^\d+$/.test(t.value)) fail(t, `expected a weight (0-65535), got "${t.value}"`);
      weight = Number(t.value);
    } else fail(token, `unsupported ipvsadm option "${w}"; podpath understands -A/-E/-D, -a/-e/-d, -C, -t/-u, -r, -s, -m/-g/-i, -w`);
  }
  if (clear) return inContext(ctx, { op: 'ipvs-clear' });
  if (!action) fail(cmd, 'expected -A, -E, -D, -a, -e, -d or -C');
  if (!proto || !vip) fail(args.lastPos(), 'expected -t|-u VIP:PORT');
  let body: OpBody;
  if (action.kind === 'service') body = { op: 'ipvs-service', action: action.verb, proto, vip: vip.addr, port: vip.port!, scheduler };
  else {
    if (!rip) fail(args.lastPos(), 'expected -r REAL_SERVER[:PORT]');
    body = { op: 'ipvs-dest', action: action.verb, proto, vip: vip.addr, port: vip.port!, rip: rip.addr, rport: rip.port ?? vip.port!, method, weight };
  }
  return inContext(ctx, body);
};
