// Shared test helpers: build a world from plain scripts, and read traces fluently.
//   const w = lab({ networks: ['lan'], machines: { host1: { nics: ['eth0@lan'], script: '...' } } });
//   expectTrace(w.trace(flow)).toVisit('ip_forward').toDrop('IP_RPFILTER', 'host1');
import { expect } from 'vitest';
import { buildWorld, eventKind, type EventKind, type Flow, type Trace, type TraceEvent, type World } from '../../src/engine';
import { stepLabel } from '../../src/engine/trace/label';
import { eventText, outcomeText } from '../../src/i18n/trace';
import type { Op, OpBody } from '../../src/engine/config/ops';
import type { MachineSpec, NetworkSpec, NicSpec } from '../../src/engine/config/world';
import { parseScript, scriptLines } from '../../src/scenario/commands/dispatch';

export interface LabSpec {
  /** a name is a switch network; a spec gives any kind (a vpc with its routes and groups) */
  readonly networks?: readonly (string | NetworkSpec)[];
  /** `eth0@lan`, or a full NIC spec (a vpc ENI's addresses, groups, source/dest check) */
  readonly machines: Readonly<Record<string, { readonly nics?: readonly (string | NicSpec)[]; readonly script: string; readonly ops?: readonly OpBody[] }>>;
}

/** An op built in code (for engine tests of features whose command parser is elsewhere). */
function placed(body: OpBody, machine: string, i: number): Op {
  return { ...body, loc: { file: `${machine}.ops`, line: i + 1, col: 1 }, netns: (body as { netns?: string }).netns ?? '', text: `(op ${body.op})` } as Op;
}

export function lab(spec: LabSpec): World {
  const machines: MachineSpec[] = Object.entries(spec.machines).map(([name, m]) => {
    const parsed = parseScript(scriptLines(m.script), `${name}.sh`);
    if (parsed.errors.length) throw new Error(parsed.errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.message}`).join('\n'));
    return {
      name,
      role: 'host',
      nics: (m.nics ?? []).map((n) => {
        if (typeof n !== 'string') return n;
        const [dev, network] = n.split('@');
        return { name: dev, network };
      }),
      ops: [...parsed.ops, ...(m.ops ?? []).map((o, i) => placed(o, name, i))],
    };
  });
  const networks = (spec.networks ?? []).map((n): NetworkSpec => (typeof n === 'string' ? { name: n, kind: 'switch' } : n));
  const world = buildWorld({ networks, machines });
  if (world.errors.length) throw new Error(world.errors.map((e) => `${e.loc.file}:${e.loc.line}: ${e.command}: ${e.message}`).join('\n'));
  return world;
}

/**
 * One machine `m` without NICs built from a script, keeping what Linux would refuse as
 * `line: message` (configuration tests: the kernel's answers to each command).
 */
export function buildMachine(script: string): { world: World; errors: string[] } {
  const { ops, errors } = parseScript(scriptLines(script), 'm.sh');
  if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
  const world = buildWorld({ networks: [], machines: [{ name: 'm', role: 'host', nics: [], ops }] });
  return { world, errors: world.errors.map((e) => `${e.loc.line}: ${e.message}`) };
}

/** A flow from "machine" or "machine/netns" to "addr[:port]". */
export function flow(from: string, to: string, protocol: Flow['protocol'] = 'tcp'): Flow {
  const [machine, netns = ''] = from.split('/');
  const [addr, port] = to.split(':');
  return { id: `${from}->${to}/${protocol}`, from: { machine, netns }, to: { addr, ...(port ? { port: Number(port) } : {}) }, protocol };
}

function isStep(e: TraceEvent, step: string): boolean {
  return e.fn === step || stepLabel(e) === step;
}

export function expectTrace(trace: Trace) {
  const events = trace.legs.flatMap((l) => l.events);
  const api = {
    trace,
    /** every leg of the conversation delivered (a redirect's own leg is no part of it) */
    toBeDelivered() {
      expect(trace.legs.filter((l) => l.packet !== 'redirect').map((l) => `${l.packet}:${l.verdict}${l.drop ? `(${l.drop.reason}@${l.drop.at.machine})` : ''}`).join(' ')).not.toContain('dropped');
      expect(trace.verdict).toBe('delivered');
      return api;
    },
    toDrop(reason: string, machine?: string) {
      expect(trace.verdict).toBe('dropped');
      const drop = trace.legs.find((l) => l.drop && l.packet !== 'redirect')?.drop;
      expect(drop?.reason).toBe(reason);
      if (machine !== undefined) expect(drop?.at.machine).toBe(machine);
      return api;
    },
    /** a step by kernel function (`ip_forward`) or full label (`ipt_do_table PREROUTING/nat`) */
    toVisit(step: string, machine?: string) {
      expect(events.some((e) => isStep(e, step) && (machine === undefined || e.at.machine === machine)), `a ${step} step${machine ? ` on ${machine}` : ''}`).toBe(true);
      return api;
    },
    notToVisit(step: string, machine?: string) {
      expect(events.some((e) => isStep(e, step) && (machine === undefined || e.at.machine === machine))).toBe(false);
      return api;
    },
    toHaveLegs(...names: string[]) {
      expect(trace.legs.map((l) => l.packet)).toEqual(names);
      return api;
    },
    /** the (machine/netns:dev) devices that transmitted, in order of first transmission */
    xmitDevices(): string[] {
      return [...new Set(events.filter((e) => eventKind(e.code) === 'xmit').map((e) => `${e.at.machine}${e.at.netns ? `/${e.at.netns}` : ''}:${e.at.dev}`))];
    },
  };
  return api;
}

/**
 * A pod namespace on a routed veth, Calico/host-gw style: the host side answers ARP for the
 * pod's gateway 169.254.10.24 by proxy, a /32 route points back at the pod, and the pod
 * listens on TCP 8080. Script lines for the host machine.
 */
export function routedPod(name: string, ip: string): string {
  return `
ip netns add ${name}
ip link add veth-${name} type veth peer name eth0 netns ${name}
ip link set veth-${name} up
sysctl -w net.ipv4.conf.veth-${name}.proxy_arp=1
ip route add ${ip} dev veth-${name}
ip -n ${name} addr add ${ip}/24 dev eth0
ip -n ${name} link set eth0 up
ip -n ${name} route add default via 169.254.10.24 dev eth0 onlink
ip netns exec ${name} nc -lk 8080 &
`;
}

/**
 * A host at `me` on eth0 (a /24 with the router 10.57.4.1 as default), forwarding, and one
 * routed pod `pod` at `podIp` (see routedPod): the base of the host-gw and ipip labs.
 */
export function routedHost(me: string, podIp: string): string {
  return `
ip addr add ${me}/24 dev eth0
ip link set eth0 up
ip route add default via 10.57.4.1 dev eth0
sysctl -w net.ipv4.ip_forward=1
${routedPod('pod', podIp)}`;
}

/**
 * Two pod namespaces a (10.244.1.2) and b (10.244.1.3) on veth ports of a bridge cni0 that
 * holds their gateway 10.244.1.1; b listens on `port`. Script lines for the host machine.
 */
export function bridgedPods(port: number): string {
  return `
ip link add cni0 type bridge
ip addr add 10.244.1.1/24 dev cni0
ip link set cni0 up
ip netns add a
ip netns add b
ip link add veth-a type veth peer name eth0 netns a
ip link add veth-b type veth peer name eth0 netns b
ip link set veth-a master cni0
ip link set veth-b master cni0
ip link set veth-a up
ip link set veth-b up
ip -n a addr add 10.244.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n a route add default via 10.244.1.1
ip -n b addr add 10.244.1.3/24 dev eth0
ip -n b link set eth0 up
ip -n b route add default via 10.244.1.1
ip netns exec b nc -lk ${port} &
`;
}

/** How a reader sees an event: its English sentence. */
export function text(e: TraceEvent | undefined): string | undefined {
  return e && eventText(e, 'en');
}

/** The state objects an event used, one line each as their tools print them (undefined when none). */
export function matched(e: TraceEvent | undefined): string | undefined {
  const lines = (e?.refs ?? []).map((r) => r.line);
  return lines.length ? lines.join('\n') : undefined;
}

export function kindOf(e: TraceEvent): EventKind {
  return eventKind(e.code);
}

/** The conversation's end as the English page and CLI say it (`connected`, `Connection refused` …). */
export function outcome(trace: Trace): string {
  return outcomeText(trace.outcome, 'en');
}
