// The World (api.ts) over a built Lab. Each trace starts from the lab as built and puts back
// what the conversation changed, so one conversation's ARP entries, learned MACs and
// connections never leak into the next.
import type { DeviceInfo, ListenerInfo, RouteGetResult, RouteQuery, World } from './api';
import { formatIpv4 } from './addr/ipv4';
import type { WorldSpec } from './config/world';
import { buildLab } from './kernel/apply';
import { ipipDetail, ipipTunnelPeers, isIpip } from './kernel/dev/ipipTunnel';
import type { Lab } from './kernel/lab';
import { lowerDevice, type Device } from './kernel/dev/device';
import { compileChains } from './kernel/netfilter/dispatch';
import { snapshotLab } from './kernel/snapshot';
import { ipRouteInput } from './kernel/fib/routeInput';
import { ipRouteOutput } from './kernel/fib/routeOutput';
import { vxlanDetail, vxlanTunnelPeers } from './kernel/dev/vxlanPeers';
import { computeMatrix, reachOf, type Reach } from './matrix';
import { SHOW } from './show';
import { shownText } from './trace/state';
import type { Flow, LabWarning, Trace } from './trace/types';
import { traceConversation } from './walk/conversation';

export function buildWorld(spec: WorldSpec): World {
  const { lab, errors, warnings } = buildLab(spec);
  // the trace carries them as data, without the command's text
  const traceWarnings: LabWarning[] = warnings.map(({ command: _command, ...w }) => w);
  for (const ns of lab.allNamespaces()) for (const t of ns.nf.loadedTables()) compileChains(t.chains.values());
  const restore = snapshotLab(lab);
  const reach = (flow: Flow): Reach => {
    try {
      return reachOf(traceConversation(lab, flow, { verdictOnly: true }));
    } finally {
      restore();
    }
  };
  return {
    errors,
    warnings,
    devices: () => deviceInfos(lab),
    trace: (flow: Flow): Trace => {
      try {
        const trace = traceConversation(lab, flow);
        return traceWarnings.length ? { ...trace, warnings: traceWarnings } : trace;
      } finally {
        restore();
      }
    },
    reach,
    matrix: (sources, targets, opts) => computeMatrix(reach, sources, targets, opts),
    listeners: () => listenerInfos(lab),
    routeGet: (machine, netns, q) => routeGet(lab, machine, netns, q),
    lines: (machine, netns, what) => {
      const ns = lab.netns(machine, netns);
      return ns ? SHOW[what](ns) : [];
    },
    show: (machine, netns, what) => {
      const ns = lab.netns(machine, netns);
      if (!ns) return '';
      const lines = SHOW[what](ns).map((l) => shownText(l));
      // iptables-save ends its output with a newline; the other tools' last line is the end
      return what === 'iptables' && lines.length ? `${lines.join('\n')}\n` : lines.join('\n');
    },
    namespaces: () => lab.allNamespaces().map((ns) => ({ machine: ns.machine, netns: ns.name })),
  };
}

function deviceInfos(lab: Lab): DeviceInfo[] {
  return lab.allNamespaces().flatMap((ns) =>
    ns.orderedDevices().map((d) => ({
      machine: ns.machine,
      netns: ns.name,
      name: d.name,
      kind: d.kind,
      mac: d.mac,
      up: d.up,
      mtu: d.mtu,
      ...(d.master ? { master: d.master.name } : {}),
      addresses: d.addrs.map((a) => `${formatIpv4(a.local)}/${a.len}`),
      ...(d.peer ? { peer: { machine: d.peer.ns.machine, netns: d.peer.ns.name, name: d.peer.name } } : {}),
      ...(d.network ? { network: d.network } : {}),
      ...(d.vxlan ? { tunnelPeers: vxlanTunnelPeers(lab, d), detail: vxlanDetail(d) } : {}),
      ...(isIpip(d) ? { tunnelPeers: ipipTunnelPeers(lab, d).map((p) => ({ machine: p.ns.machine, netns: p.ns.name, name: p.name })), detail: ipipDetail(d) } : {}),
      ...stackedInfo(d),
    })),
  );
}

function listenerInfos(lab: Lab): ListenerInfo[] {
  return lab.allNamespaces().flatMap((ns) =>
    ns.listeners.map((l) => ({
      machine: ns.machine,
      netns: ns.name,
      proto: l.proto,
      port: l.port,
      ...(l.addr !== undefined ? { addr: formatIpv4(l.addr) } : {}),
      command: l.command,
    })),
  );
}

/** A macvlan's or ipvlan's parent and mode, as `ip -d link` names them. */
function stackedInfo(d: Device): Pick<DeviceInfo, 'parent' | 'detail'> {
  const lower = lowerDevice(d);
  if (!lower) return {};
  const parent = { machine: lower.ns.machine, netns: lower.ns.name, name: lower.name };
  if (d.macvlan) return { parent, detail: `macvlan mode ${d.macvlan.mode}` };
  const port = lower.ipvlanPort!;
  return { parent, detail: `ipvlan mode ${port.mode} ${port.flag}` };
}

const ERROR_MESSAGES = {
  ENETUNREACH: 'Network is unreachable',
  EHOSTUNREACH: 'No route to host',
  EACCES: 'Permission denied',
  EINVAL: 'Invalid argument',
  ENODEV: 'No such device',
  EXDEV: 'Invalid cross-device link',
} as const;

function routeGet(lab: Lab, machine: string, netns: string, q: RouteQuery): RouteGetResult {
  const ns = lab.netns(machine, netns);
  if (!ns) return { ok: false, error: 'invalid', message: `no namespace ${machine}/${netns}` };
  if (q.iif !== undefined) {
    const dev = ns.devices.get(q.iif);
    if (!dev) return { ok: false, error: 'invalid', message: `Cannot find device "${q.iif}"` };
    const rt = ipRouteInput(ns, { saddr: q.from ?? 0, daddr: q.to, dev, mark: q.mark ?? 0 });
    switch (rt.kind) {
      case 'local':
        return { ok: true, type: 'local', dev: ns.loopback().name, table: rt.fib?.ok ? rt.fib.table : 255 };
      case 'broadcast':
        return { ok: true, type: 'broadcast', dev: ns.loopback().name, table: rt.fib?.ok ? rt.fib.table : 255 };
      case 'forward':
        return { ok: true, type: 'unicast', dev: rt.dev.name, via: rt.gateway, table: rt.fib.ok ? rt.fib.table : 254 };
      case 'martian':
        // ip_route_input_slow answers every martian, rp_filter included, with -EINVAL
        return { ok: false, error: 'invalid', message: ERROR_MESSAGES.EINVAL };
      case 'error':
        return { ok: false, error: errorKind(rt.errno), message: ERROR_MESSAGES[rt.errno] };
    }
  }
  const oif = q.oif !== undefined ? ns.devices.get(q.oif) : undefined;
  if (q.oif !== undefined && !oif) return { ok: false, error: 'invalid', message: `Cannot find device "${q.oif}"` };
  const rt = ipRouteOutput(ns, { daddr: q.to, saddr: q.from, oif, mark: q.mark });
  if (!rt.ok) return { ok: false, error: errorKind(rt.errno), message: ERROR_MESSAGES[rt.errno] };
  return { ok: true, type: rt.type, dev: rt.dev.name, via: rt.gateway, src: rt.saddr || undefined, table: rt.table ?? 254 };
}

function errorKind(errno: string): 'unreachable' | 'prohibit' | 'blackhole' | 'invalid' {
  if (errno === 'ENETUNREACH' || errno === 'EHOSTUNREACH') return 'unreachable';
  if (errno === 'EACCES') return 'prohibit';
  if (errno === 'EINVAL') return 'blackhole';
  return 'invalid';
}
