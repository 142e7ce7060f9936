// `podpath export-script`: a bash script that builds a scenario (and one of its variants) in
// real network namespaces, so the same lab the engine simulates runs on a Linux box
// (DESIGN §1.2, §8). The kernel-parity suite (test/parity/) builds its labs with it.
//
// Layout of the generated lab:
//   - one namespace per machine            `${prefix}${machine}`
//   - one per namespace a script creates   `${prefix}${machine}-${netns}`
//   - one per `switch` network             `${prefix}sw-${network}` holding bridge `br0`
//     (stp off, up) with one veth port `p0`, `p1`, … per NIC; the other end of each port is
//     the machine's NIC, named as the NIC, in the machine's namespace.
// A `vpc` network is refused (ExportRefused): a cloud SDN answers ARP for every address,
// routes by its own table and filters by security groups and source/dest check, and a bridge
// would silently build a different lab (the fabric's rules are covered by unit tests instead).
// Every op is printed back as the real command (src/scenario/commands/render.ts), run in the
// right namespace (`ip -n NS …`, `ip netns exec NS sysctl …`, `bridge -n NS fdb …`), and every
// device the lab creates gets the MAC the engine gave it so headers compare exactly.
import { deterministicMac, type Mac } from '../engine/addr/mac';
import type { DeviceInfo, World } from '../engine/api';
import type { Op } from '../engine/config/ops';
import type { BuildError } from '../engine/config/world';
import { fallbackCommand, listenerCommand, renderOp, shq, type LinkMacs, type RenderContext } from '../scenario/commands/render';
import type { MachineModel, Scenario } from '../scenario/model';
import { opsOf, worldSpecFor } from '../scenario/variant';
import { own } from '../scenario/own';
import { visibleLine } from './visible';

export interface ExportOptions {
  /** Prefix of every namespace the script creates (default `pp-`). */
  readonly prefix?: string;
  /**
   * Listeners: `original` runs the scenario's own command when it is a socat/python server
   * that can run in the background, else an equivalent socat; `echo` always runs a socat
   * echo server (the parity suite needs every UDP request answered, as the engine assumes).
   */
  readonly listeners?: 'original' | 'echo';
  /**
   * Lower ARP timers on every device once the lab is built (`net.ipv4.neigh.DEV.retrans_time_ms`;
   * a namespace other than the host's has no `neigh/default`), so an unanswered ARP fails in
   * 3 × this instead of 3 s, and let proxy ARP answer without its random delay (`proxy_delay`
   * 0; the default 3 s of retries always outwait it, shortened ones would not). Same outcome,
   * sooner; parity uses it.
   */
  readonly neighRetransMs?: number;
  /**
   * Create the scenario's bridges with `mcast_snooping 0`: a snooping bridge joins the IGMP
   * all-snoopers group when it comes up and sends IGMP reports to every port for a second or
   * two, traffic the engine does not model. Unicast and broadcast forwarding are the same.
   */
  readonly quietBridges?: boolean;
  /** Seconds to wait for every listener to be bound before the script ends (default 5). */
  readonly listenTimeout?: number;
}

/** The machine-readable lines the script prints for commands the engine expected Linux to refuse. */
export const REFUSED_TAG = 'podpath-refused';
export const UNEXPECTED_TAG = 'podpath-unexpected-success';
export const FAILED_TAG = 'podpath-failed';

/** Sysctls a new namespace may inherit from the host (net.core.devconf_inherit_init_net=0 copies
 * init_net's all/default values): pinned to the kernel's compiled defaults, which the engine models. */
const NS_DEFAULTS: readonly (readonly [string, string])[] = [
  ['net.ipv6.conf.all.disable_ipv6', '1'],
  ['net.ipv6.conf.default.disable_ipv6', '1'],
  ['net.ipv4.ip_forward', '0'],
  ['net.ipv4.conf.all.forwarding', '0'],
  ['net.ipv4.conf.default.forwarding', '0'],
  ['net.ipv4.conf.all.rp_filter', '0'],
  ['net.ipv4.conf.default.rp_filter', '0'],
  ['net.ipv4.conf.all.accept_local', '0'],
  ['net.ipv4.conf.default.accept_local', '0'],
  ['net.ipv4.conf.all.src_valid_mark', '0'],
  ['net.ipv4.conf.all.proxy_arp', '0'],
  ['net.ipv4.conf.default.proxy_arp', '0'],
  ['net.ipv4.conf.all.arp_ignore', '0'],
  ['net.ipv4.conf.default.arp_ignore', '0'],
  ['net.ipv4.conf.all.arp_announce', '0'],
  ['net.ipv4.conf.default.arp_announce', '0'],
  ['net.ipv4.conf.all.route_localnet', '0'],
  ['net.ipv4.conf.default.route_localnet', '0'],
];

/** Namespace names of a lab, shared by the script and the parity suite. */
export function labNamespace(prefix: string, machine: string, netns = ''): string {
  return netns === '' ? `${prefix}${machine}` : `${prefix}${machine}-${netns}`;
}
export function switchNamespace(prefix: string, network: string): string {
  return `${prefix}sw-${network}`;
}

/** One namespace of the lab: where it comes from. */
export interface LabNamespace {
  readonly name: string;
  readonly kind: 'machine' | 'netns' | 'switch';
  readonly machine?: string;
  readonly netns?: string; // '' for the machine's root
  readonly network?: string;
}

/** The scenario cannot be built in network namespaces (it has a vpc network): says why. */
export class ExportRefused extends Error {}

/** Refuses a scenario (and variant) whose networks Linux cannot stand in for. */
export function checkExportable(scenario: Scenario, variantId: string | undefined): void {
  for (const net of worldSpecFor(scenario, variantId).networks) {
    if (net.kind === 'vpc') {
      throw new ExportRefused(
        `network ${net.name} is a vpc network${variantId ? ` (variant ${variantId})` : ''}: a cloud SDN (fabric ARP, VPC route table, security groups, ` +
          'source/dest check) that no Linux namespace reproduces, so there is no script to export; trace it in podpath instead',
      );
    }
  }
}

/** Every namespace the script for (scenario, variant) creates, switches first. */
export function labNamespaces(scenario: Scenario, variantId: string | undefined, prefix: string): LabNamespace[] {
  const out: LabNamespace[] = [];
  for (const net of worldSpecFor(scenario, variantId).networks) {
    if (net.kind === 'switch') out.push({ name: switchNamespace(prefix, net.name), kind: 'switch', network: net.name });
  }
  for (const m of scenario.machines) out.push({ name: labNamespace(prefix, m.name), kind: 'machine', machine: m.name, netns: '' });
  for (const m of scenario.machines) {
    const seen = new Set<string>();
    for (const op of opsOf(scenario, m, variantId)) {
      if (op.op === 'netns-add' && !seen.has(op.name)) {
        seen.add(op.name);
        out.push({ name: labNamespace(prefix, m.name, op.name), kind: 'netns', machine: m.name, netns: op.name });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Device identities: which device does a `link add` create in the end (after renames and
// moves), so its MAC can be pinned to the one world.devices() reports.

interface Handle {
  netns: string;
  name: string;
  peer?: Handle;
  dead?: boolean;
}

interface MacPlan {
  readonly nic: Map<string, Mac>; // nic name → mac
  readonly nicUp: Set<string>; // NICs the engine has up although no op brings them up
  readonly link: Map<Op, LinkMacs>;
}

function planMacs(machine: MachineModel, ops: readonly Op[], devices: readonly DeviceInfo[]): MacPlan {
  const final = new Map<string, DeviceInfo>();
  for (const d of devices) if (d.machine === machine.name) final.set(`${d.netns}\0${d.name}`, d);
  const live: Handle[] = [];
  const find = (netns: string, name: string) => live.find((h) => !h.dead && h.netns === netns && h.name === name);
  const nicHandles = new Map<string, Handle>();
  for (const nic of machine.nics) {
    const h: Handle = { netns: '', name: nic.name };
    live.push(h);
    nicHandles.set(nic.name, h);
  }
  const created: { op: Op; h: Handle; peer?: Handle }[] = [];
  const nicTouchedUp = new Set<Handle>();
  for (const op of ops) {
    if (op.op === 'link-add') {
      const h: Handle = { netns: op.netns, name: op.name };
      live.push(h);
      if (op.kind === 'veth') {
        const p: Handle = { netns: op.peer.netns ?? op.netns, name: op.peer.name, peer: h };
        h.peer = p;
        live.push(p);
        created.push({ op, h, peer: p });
      } else created.push({ op, h });
    } else if (op.op === 'link-set') {
      const h = find(op.netns, op.dev);
      if (!h) continue;
      if (op.up !== undefined) nicTouchedUp.add(h);
      if (op.toNetns !== undefined) h.netns = op.toNetns;
      if (op.name !== undefined) h.name = op.name;
    } else if (op.op === 'link-del') {
      const h = find(op.netns, op.dev);
      if (h) {
        h.dead = true;
        if (h.peer) h.peer.dead = true;
      }
    }
  }
  const macOf = (h: Handle): Mac | undefined => (h.dead ? undefined : final.get(`${h.netns}\0${h.name}`)?.mac);
  const link = new Map<Op, LinkMacs>();
  for (const { op, h, peer } of created) {
    if (op.op !== 'link-add') continue;
    const mac = macOf(h) ?? op.attrs.address ?? deterministicMac(machine.name, op.netns, op.name);
    let peerMac: Mac | undefined;
    if (peer && op.kind === 'veth') {
      peerMac = macOf(peer) ?? op.peer.address ?? deterministicMac(machine.name, op.peer.netns ?? op.netns, op.peer.name);
    }
    link.set(op, { mac, peerMac });
  }
  const nic = new Map<string, Mac>();
  const nicUp = new Set<string>();
  for (const n of machine.nics) {
    const h = nicHandles.get(n.name)!;
    const info = h.dead ? undefined : final.get(`${h.netns}\0${h.name}`);
    nic.set(n.name, info?.mac ?? n.address ?? deterministicMac(machine.name, '', n.name));
    if (info?.up && !nicTouchedUp.has(h)) nicUp.add(n.name);
  }
  return { nic, nicUp, link };
}

function errorKey(machine: string, loc: { file: string; line: number; col: number }): string {
  return `${machine}\0${loc.file}\0${loc.line}\0${loc.col}`;
}

/**
 * Text from the scenario (a path, a title, a command, an error message) as it may appear in
 * the script: a comment or a quoted word, on one line, with no control character. A newline in
 * a file name must never end a comment and start a live command.
 */
function oneLine(text: string): string {
  return visibleLine(text);
}

/**
 * The bash script that builds `scenario` (with `variantId`'s appended commands) in real network
 * namespaces. `world` is the engine's world for the same scenario and variant: it supplies the
 * MAC of every device and the commands the engine expects Linux to refuse (world.errors).
 */
export function exportScript(scenario: Scenario, variantId: string | undefined, world: World, opts: ExportOptions = {}): string {
  const prefix = opts.prefix ?? 'pp-';
  if (!/^[A-Za-z0-9_.-]*$/.test(prefix)) throw new Error(`namespace prefix "${prefix}" must be letters, digits, '.', '_' or '-'`);
  const listeners = opts.listeners ?? 'original';
  const variant = variantId === undefined ? undefined : scenario.variants.find((v) => v.id === variantId);
  if (variantId !== undefined && !variant) throw new Error(`scenario ${scenario.id} has no variant "${variantId}"`);
  checkExportable(scenario, variantId);
  const nicsOf = new Map(worldSpecFor(scenario, variantId).machines.map((m) => [m.name, m.nics]));
  const namespaces = labNamespaces(scenario, variantId, prefix);
  const devices = world.devices();
  const errors = new Map<string, BuildError>();
  for (const e of world.errors) errors.set(errorKey(e.machine, e.loc), e);

  const L: string[] = [];
  // A namespace as the script names it: the prefix variable, then the rest quoted. The words
  // renderOp returns are quoted with shq except these exact strings, which this function built
  // (a device name that merely starts with `"${P}` is quoted like any other word).
  const nsRefs = new Set<string>();
  const nsRef = (name: string) => {
    // names are letters, digits, '.', '_', '-' (the schema's and `ip netns add`'s rule);
    // anything else would still be quoted rather than spliced into the double quotes
    const rest = name.slice(prefix.length);
    const ref = /^[A-Za-z0-9_.-]*$/.test(rest) ? `"\${P}${rest}"` : `"\${P}"${shq(rest)}`;
    nsRefs.add(ref);
    return ref;
  };
  L.push('#!/usr/bin/env bash');
  L.push(`# podpath export-script — ${oneLine(scenario.id)}${variant ? ` (variant ${oneLine(variant.id)})` : ''}`);
  L.push(`# from ${oneLine(scenario.file)}: ${oneLine(scenario.title.en)}`);
  L.push('#');
  L.push('# Builds the lab in real network namespaces (run as root):');
  L.push('#   bash lab.sh          build it (removes a previous copy first)');
  L.push('#   bash lab.sh down     remove it (namespaces and the servers started in them)');
  L.push('# Then look around, e.g.  ip netns exec <namespace> ip route');
  L.push('# Namespaces:');
  for (const n of namespaces) {
    const what =
      n.kind === 'switch' ? `switch network ${n.network} (bridge br0)` : n.kind === 'machine' ? `machine ${n.machine}` : `${n.machine}/${n.netns}`;
    L.push(`#   ${oneLine(`${n.name.padEnd(28)} ${what}`)}`);
  }
  if (world.errors.length > 0) {
    L.push('#');
    L.push('# The engine expects Linux to refuse these commands (the script checks that it does):');
    for (const e of world.errors) L.push(`#   ${oneLine(`${e.loc.file}:${e.loc.line} ${e.machine}: ${e.command} → ${e.message}`)}`);
  }
  L.push('set -euo pipefail');
  L.push('');
  L.push(`P="\${PODPATH_PREFIX:-${prefix}}"`);
  L.push(`PP_NAMESPACES=(${namespaces.map((n) => nsRef(n.name)).join(' ')})`);
  L.push('');
  L.push('pp_cleanup() {');
  L.push('  local ns pids');
  L.push('  for ns in "${PP_NAMESPACES[@]}"; do');
  L.push('    [ -e "/run/netns/$ns" ] || continue');
  L.push('    pids=$(ip netns pids "$ns" 2>/dev/null || true)');
  L.push('    if [ -n "$pids" ]; then kill $pids 2>/dev/null || true; fi');
  L.push('    ip netns del "$ns" 2>/dev/null || true');
  L.push('  done');
  L.push('}');
  L.push('');
  L.push('# Runs one command; on failure says which scenario line it came from and stops.');
  L.push('pp_run() {');
  L.push('  local at=$1; shift');
  L.push('  if ! "$@"; then');
  L.push(`    printf '${FAILED_TAG}\\t%s\\t%s\\n' "$at" "$*" >&2`);
  L.push('    exit 1');
  L.push('  fi');
  L.push('}');
  L.push('');
  L.push('# A command the engine expects Linux to refuse: it must fail (and the build goes on, as the');
  L.push('# engine\'s does); if it succeeds the engine and the kernel disagree.');
  L.push('pp_refuse() {');
  L.push('  local at=$1 expected=$2 out; shift 2');
  L.push('  if out=$("$@" 2>&1); then');
  L.push(`    printf '${UNEXPECTED_TAG}\\t%s\\t%s\\t%s\\n' "$at" "$expected" "$*" >&2`);
  L.push('    exit 1');
  L.push('  fi');
  L.push(`  printf '${REFUSED_TAG}\\t%s\\t%s\\t%s\\n' "$at" "$expected" "$(printf '%s' "$out" | tr '\\n' ' ')" >&2`);
  L.push('}');
  L.push('');
  L.push('# A new namespace: no IPv6 (no background traffic), and the kernel\'s default IPv4 settings');
  L.push('# whatever the host has (a new namespace copies the host\'s conf/all and conf/default).');
  L.push('pp_ns_init() {');
  const defaults = NS_DEFAULTS.map(([k, v]) => `${k}=${v}`);
  L.push(`  ip netns exec "$1" sysctl -qw ${defaults.join(' \\\n    ')}`);
  L.push('}');
  L.push('');
  if (opts.neighRetransMs !== undefined) {
    L.push('# Faster ARP failure, per device (a namespace other than the host\'s has no neigh/default).');
    L.push('# Proxy ARP answers at once instead of after a random delay of up to 0.8 s, which the');
    L.push('# default 3 s of ARP retries always wait for but the shortened ones would not.');
    L.push('pp_fast_neigh() {');
    L.push(
      `  ip netns exec "$1" sh -c 'for d in /proc/sys/net/ipv4/neigh/*/; do echo ${Math.round(opts.neighRetransMs)} > "$d"retrans_time_ms; echo 0 > "$d"proxy_delay; done'`,
    );
    L.push('}');
    L.push('');
  }
  L.push('pp_wait_listen() { # namespace proto port');
  L.push(`  local i flag=-Hltn; [ "$2" = udp ] && flag=-Hlun`);
  L.push(`  for ((i = 0; i < ${Math.max(1, Math.round((opts.listenTimeout ?? 5) * 20))}; i++)); do`);
  L.push('    if [ -n "$(ip netns exec "$1" ss $flag "sport = :$3" 2>/dev/null)" ]; then return 0; fi');
  L.push('    sleep 0.05');
  L.push('  done');
  L.push(`  printf '${FAILED_TAG}\\t%s\\t%s\\n' "listener" "no $2 listener on port $3 in $1" >&2`);
  L.push('  exit 1');
  L.push('}');
  L.push('');
  L.push('if [ "${1:-}" = down ]; then pp_cleanup; exit 0; fi');
  L.push('pp_cleanup');
  L.push('trap \'rc=$?; if [ $rc -ne 0 ]; then echo "podpath: lab build failed; removing it" >&2; pp_cleanup; fi\' EXIT');
  L.push('');

  // --- switches
  const ports = new Map<string, number>();
  const switchNs = new Map<string, string>();
  for (const n of namespaces) {
    if (n.kind !== 'switch') continue;
    switchNs.set(n.network!, n.name);
    L.push(`# switch network ${oneLine(n.network!)}`);
    L.push(`ip netns add ${nsRef(n.name)}`);
    L.push(`pp_ns_init ${nsRef(n.name)}`);
    L.push(`ip netns exec ${nsRef(n.name)} sysctl -qw net.bridge.bridge-nf-call-iptables=0 2>/dev/null || true # a switch, not a firewall`);
    L.push(`ip -n ${nsRef(n.name)} link add br0 type bridge stp_state 0 mcast_snooping 0`);
    L.push(`ip -n ${nsRef(n.name)} link set br0 up`);
    ports.set(n.network!, 0);
  }
  if (switchNs.size > 0) L.push('');

  // --- machines
  const plans = new Map<string, { ops: readonly Op[]; plan: MacPlan }>();
  for (const m of scenario.machines) {
    const ops = opsOf(scenario, m, variantId);
    plans.set(m.name, { ops, plan: planMacs(m, ops, devices) });
  }
  for (const m of scenario.machines) {
    const { plan } = plans.get(m.name)!;
    const ns = nsRef(labNamespace(prefix, m.name));
    L.push(`# machine ${oneLine(m.name)}`);
    L.push(`ip netns add ${ns}`);
    L.push(`pp_ns_init ${ns}`);
    L.push(`ip -n ${ns} link set lo up # a machine boots with lo up`);
    for (const nic of nicsOf.get(m.name) ?? m.nics) {
      const sw = switchNs.get(nic.network);
      if (!sw) throw new Error(`machine ${m.name}: NIC ${nic.name} is on network "${nic.network}", which is not a switch network of the scenario`);
      const k = ports.get(nic.network)!;
      ports.set(nic.network, k + 1);
      const port = `p${k}`;
      const mac = plan.nic.get(nic.name)!;
      L.push(`# NIC ${oneLine(`${m.name}:${nic.name} on ${nic.network} (switch port ${port})`)}`);
      L.push(
        `ip -n ${nsRef(sw)} link add ${port} address ${shq(deterministicMac(`sw-${nic.network}`, '', port))} type veth peer name ${shq(nic.name)} address ${shq(mac)} netns ${ns}`,
      );
      L.push(`ip -n ${nsRef(sw)} link set ${port} master br0 up`);
      if (plan.nicUp.has(nic.name)) L.push(`ip -n ${ns} link set ${shq(nic.name)} up`);
    }
    L.push('');
  }

  // --- scripts
  const waits: string[] = [];
  for (const m of scenario.machines) {
    const { ops, plan } = plans.get(m.name)!;
    const nsVar = (netns: string) => nsRef(labNamespace(prefix, m.name, netns));
    const ctx: RenderContext = { nsVar, quietBridges: opts.quietBridges };
    L.push(`# ---- ${oneLine(`${m.name}: script${variant && (own(variant.append, m.name)?.length ?? 0) > 0 ? ` + variant ${variant.id}` : ''}`)}`);
    for (const op of ops) {
      const where = oneLine(`${op.loc.file}:${op.loc.line}`); // a quoted word, but on one line too
      L.push(`# ${oneLine(`${where} ${m.name}${op.netns ? `/${op.netns}` : ''}: ${op.text}`)}`);
      const err = errors.get(errorKey(m.name, op.loc));
      if (op.op === 'noop') {
        L.push(`#   (no effect on the lab: ${oneLine(op.command)})`);
        continue;
      }
      if (op.op === 'listen') {
        // listenerCommand gives words: the scenario's own server when it is one podpath models
        // in full (an echo server), else the equivalent socat built from the port and address
        const cmd = listenerCommand(op, listeners).map(shq).join(' ');
        L.push(`ip netns exec ${nsVar(op.netns)} ${cmd} </dev/null >/dev/null 2>&1 &`);
        waits.push(`pp_wait_listen ${nsVar(op.netns)} ${op.proto} ${op.port}`);
        continue;
      }
      const words = renderOp(op, ctx, op.op === 'link-add' ? plan.link.get(op) : undefined);
      if (!words) L.push(`#   (printed from its original text: export-script has no translation for "${(op as { op: string }).op}" ops)`);
      const cmd = words ? words.map((w) => (nsRefs.has(w) ? w : shq(w))).join(' ') : fallbackCommand(op, ctx);
      if (err) {
        L.push(`#   the engine expects Linux to refuse this: ${oneLine(err.message)}`);
        L.push(`pp_refuse ${shq(where)} ${shq(oneLine(err.message))} ${cmd}`);
      } else {
        L.push(`pp_run ${shq(where)} ${cmd}`);
      }
      if (op.op === 'netns-add') L.push(`pp_ns_init ${nsVar(op.name)}`);
      // (an ipip tunnel has no link layer: Linux refuses an address for it)
      if (!words && op.op === 'link-add' && op.kind !== 'ipip' && !err) {
        const mac = plan.link.get(op)?.mac;
        if (mac) L.push(`pp_run ${shq(where)} ip -n ${nsVar(op.netns)} link set dev ${shq(op.name)} address ${shq(mac)}`);
      }
    }
    L.push('');
  }
  if (opts.neighRetransMs !== undefined) {
    L.push(`# ARP gives up after 3 × ${Math.round(opts.neighRetransMs)} ms instead of 3 × 1 s, proxy ARP answers at once (same outcome, sooner)`);
    for (const n of namespaces) if (n.kind !== 'switch') L.push(`pp_fast_neigh ${nsRef(n.name)}`);
    L.push('');
  }
  if (waits.length > 0) {
    L.push('# wait until every server is listening');
    for (const w of [...new Set(waits)]) L.push(w);
    L.push('');
  }
  L.push('trap - EXIT');
  L.push(`printf 'podpath: lab %s is up (namespaces %s*); remove it with: bash %s down\\n' ${shq(oneLine(`${scenario.id}${variant ? `/${variant.id}` : ''}`))} "$P" "$0" >&2`);
  return L.join('\n') + '\n';
}
