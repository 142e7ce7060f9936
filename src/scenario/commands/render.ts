// Ops back to commands: the inverse of the parsers beside this file. `podpath export-script`
// prints every op as the real command that makes it (in the right namespace, with the MAC the
// engine gave the device), and render.test.ts checks that parsing a rendered command gives the
// op back, for every op of every shipped scenario.
//
// Ops with nothing to render from but their original text (iptables rules, ipsets, IPVS,
// ipip tunnels, `modprobe`, a sysfs write) are printed from that text (ownCommandText /
// fallbackCommand: inside `ip netns exec`, which mounts the namespace's own /sys);
// listeners are printed by listenerCommand.
import { formatIpv4, formatPrefix } from '../../engine/addr/ipv4';
import type { Mac } from '../../engine/addr/mac';
import { TABLE_DEFAULT, TABLE_LOCAL, TABLE_MAIN, type LinkAttrs, type Op, type RouteSpec, type RuleSpec } from '../../engine/config/ops';

/** How rendered commands name the namespaces of one machine. */
export interface RenderContext {
  /**
   * The name a command uses for namespace `netns` of the machine ('' is its root namespace),
   * or undefined for the namespace commands run in when none is named (no `ip -n`, no
   * `ip netns exec`). export-script names every namespace (a machine's root is a namespace of
   * the lab); a scenario script leaves the machine's root namespace implicit.
   */
  readonly nsVar: (netns: string) => string | undefined;
  /** Create bridges with `mcast_snooping 0` (export-script's quietBridges). */
  readonly quietBridges?: boolean;
}

/** MACs to pin on a device the op creates (export-script's plan), else the op's own. */
export interface LinkMacs {
  readonly mac: Mac;
  readonly peerMac?: Mac;
}

/** Shell-quotes one word when it needs it. */
export function shq(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Device kinds `ip link add` is rendered for from the op alone (vxlan has its own renderer). */
const PRINTABLE_KINDS = new Set<string>(['veth', 'bridge', 'dummy']);

export function tableName(id: number): string {
  if (id === TABLE_MAIN) return 'main';
  if (id === TABLE_LOCAL) return 'local';
  if (id === TABLE_DEFAULT) return 'default';
  return String(id);
}

export function prefixText(p: { addr: number; len: number }): string {
  return p.len === 0 ? 'all' : `${formatIpv4(p.addr)}/${p.len}`;
}

/**
 * A route's arguments: everything the op holds, for a delete too (it matches on what it names,
 * `proto` included). `table main` is left implicit, except for local and broadcast routes,
 * which iproute2 puts in table local unless told otherwise.
 */
export function routeArgs(r: RouteSpec): string[] {
  const a: string[] = [];
  if (r.type !== 'unicast') a.push(r.type);
  a.push(formatPrefix(r.dst));
  if (r.via !== undefined) a.push('via', formatIpv4(r.via));
  if (r.dev !== undefined) a.push('dev', r.dev);
  if (r.onlink) a.push('onlink');
  if (r.scope !== undefined) a.push('scope', r.scope);
  if (r.src !== undefined) a.push('src', formatIpv4(r.src));
  if (r.table !== TABLE_MAIN || r.type === 'local' || r.type === 'broadcast') a.push('table', tableName(r.table));
  if (r.metric !== undefined) a.push('metric', String(r.metric));
  if (r.proto !== undefined) a.push('proto', r.proto);
  return a;
}

/** A rule's selectors and action as given: `ip rule del` without an action (table 0, any) names none. */
export function ruleArgs(r: RuleSpec): string[] {
  const a: string[] = [];
  if (r.priority !== undefined) a.push('priority', String(r.priority));
  if (r.not) a.push('not');
  if (r.from) a.push('from', prefixText(r.from));
  if (r.to) a.push('to', prefixText(r.to));
  if (r.fwmark) {
    const v = `0x${r.fwmark.value.toString(16)}`;
    a.push('fwmark', r.fwmark.mask === 0xffffffff ? v : `${v}/0x${r.fwmark.mask.toString(16)}`);
  }
  if (r.iif !== undefined) a.push('iif', r.iif);
  if (r.oif !== undefined) a.push('oif', r.oif);
  if (r.action.type !== 'lookup') a.push(r.action.type);
  else if (r.action.table !== 0) a.push('lookup', tableName(r.action.table));
  return a;
}

/** A namespace the command must name (a veth peer's, a device's destination, a new one). */
function named(ctx: RenderContext, netns: string): string {
  const name = ctx.nsVar(netns);
  if (name === undefined) throw new Error(`namespace "${netns}" has no name a command can give here`);
  return name;
}

/**
 * The command for one op, as words (unquoted), or undefined for ops it has no translation for
 * (listeners, no-ops, and kinds printed from their original text: see fallbackCommand).
 */
export function renderOp(op: Op, ctx: RenderContext, macs?: LinkMacs): string[] | undefined {
  const ns = ctx.nsVar(op.netns);
  const ip = ns === undefined ? ['ip'] : ['ip', '-n', ns];
  switch (op.op) {
    case 'netns-add':
      return ['ip', 'netns', 'add', named(ctx, op.name)];
    case 'link-add': {
      // kinds with parameters of their own (ipip's tunnel, macvlan mode …) are printed from
      // their original text by the caller, which then pins the MAC
      if (op.kind === 'vxlan') return vxlanAddCommand(op, ip, macs?.mac);
      if (op.kind === 'macvlan' || op.kind === 'ipvlan') return stackedAddCommand(op, ip, macs?.mac);
      if (!PRINTABLE_KINDS.has(op.kind)) return undefined;
      const a = [...ip, 'link', 'add', ...linkAttrArgs(op.name, op.attrs, macs?.mac), 'type', op.kind];
      if (op.kind === 'bridge' && ctx.quietBridges) a.push('mcast_snooping', '0');
      if (op.kind === 'veth') {
        a.push('peer', 'name', op.peer.name);
        const pm = macs?.peerMac ?? op.peer.address;
        if (pm) a.push('address', pm);
        if (op.peer.mtu !== undefined) a.push('mtu', String(op.peer.mtu));
        if (op.peer.netns !== undefined) a.push('netns', named(ctx, op.peer.netns));
      }
      return a;
    }
    case 'link-set': {
      const a = [...ip, 'link', 'set', 'dev', op.dev];
      if (op.toNetns !== undefined) a.push('netns', named(ctx, op.toNetns));
      if (op.name !== undefined) a.push('name', op.name);
      if (op.address !== undefined) a.push('address', op.address);
      if (op.mtu !== undefined) a.push('mtu', String(op.mtu));
      if (op.master === null) a.push('nomaster');
      else if (op.master !== undefined) a.push('master', op.master);
      if (op.promisc !== undefined) a.push('promisc', op.promisc ? 'on' : 'off');
      if (op.up !== undefined) a.push(op.up ? 'up' : 'down');
      if (op.type) a.push(...typeChangeArgs(op.type));
      return a;
    }
    case 'link-del':
      return [...ip, 'link', 'del', 'dev', op.dev];
    case 'addr-add':
    case 'addr-del': {
      const a = [...ip, 'addr', op.op === 'addr-add' ? 'add' : 'del', `${formatIpv4(op.addr)}/${op.len}`, 'dev', op.dev];
      if (op.scope !== undefined) a.push('scope', op.scope);
      return a;
    }
    case 'addr-flush':
      return [...ip, 'addr', 'flush', 'dev', op.dev];
    case 'route-add':
    case 'route-replace':
    case 'route-del':
    case 'route-append':
      return [...ip, 'route', op.op.slice('route-'.length), ...routeArgs(op.route)];
    case 'route-flush':
      return [...ip, 'route', 'flush', 'table', tableName(op.table)];
    case 'rule-add':
    case 'rule-del':
      return [...ip, 'rule', op.op === 'rule-add' ? 'add' : 'del', ...ruleArgs(op.rule)];
    case 'neigh-add':
    case 'neigh-replace':
    case 'neigh-del': {
      const a = [...ip, 'neigh', op.op.slice('neigh-'.length), formatIpv4(op.ip), 'dev', op.dev];
      if (op.lladdr !== undefined) a.push('lladdr', op.lladdr);
      if (op.nud !== undefined) a.push('nud', op.nud);
      return a;
    }
    case 'fdb-add':
    case 'fdb-append':
    case 'fdb-del': {
      const a = [...(ns === undefined ? ['bridge'] : ['bridge', '-n', ns]), 'fdb', op.op.slice('fdb-'.length), op.mac, 'dev', op.dev];
      if (op.dst !== undefined) a.push('dst', formatIpv4(op.dst));
      if (op.master) a.push('master');
      if (op.self) a.push('self');
      if (op.permanent) a.push('permanent');
      return a;
    }
    case 'brlink-set':
      return [...(ns === undefined ? ['bridge'] : ['bridge', '-n', ns]), 'link', 'set', 'dev', op.dev, 'hairpin', op.hairpin ? 'on' : 'off'];
    case 'sysctl': {
      const sysctl = ['sysctl', op.ignoreMissing ? '-qew' : '-qw', `${op.key}=${op.value}`];
      return ns === undefined ? sysctl : ['ip', 'netns', 'exec', ns, ...sysctl];
    }
    default:
      return undefined;
  }
}

/** `NAME [address MAC] [mtu N] [master BR] [up]`: what `ip link add` takes before `type`. */
function linkAttrArgs(name: string, attrs: LinkAttrs, mac: Mac | undefined): string[] {
  const a = [name];
  const address = mac ?? attrs.address;
  if (address) a.push('address', address);
  if (attrs.mtu !== undefined) a.push('mtu', String(attrs.mtu));
  if (attrs.master !== undefined) a.push('master', attrs.master);
  if (attrs.up) a.push('up');
  return a;
}

/** `ip link add … type vxlan` with every parameter explicit (dstport too: iproute2 warns when it is omitted). */
export function vxlanAddCommand(op: Extract<Op, { op: 'link-add'; kind: 'vxlan' }>, ip: readonly string[], mac: Mac | undefined): string[] {
  const a = [...ip, 'link', 'add', ...linkAttrArgs(op.name, op.attrs, mac)];
  const v = op.vxlan;
  a.push('type', 'vxlan', 'id', String(v.vni));
  if (v.local !== undefined) a.push('local', formatIpv4(v.local));
  if (v.remote !== undefined) a.push('remote', formatIpv4(v.remote));
  if (v.dev !== undefined) a.push('dev', v.dev);
  a.push('dstport', String(v.dstport), v.learning ? 'learning' : 'nolearning');
  return a;
}

/** `type macvlan [mode M]` / `type ipvlan [mode M] FLAG`: last, as iproute2 wants it. */
function typeChangeArgs(t: NonNullable<Extract<Op, { op: 'link-set' }>['type']>): string[] {
  const a = ['type', t.kind];
  if (t.kind === 'bridge_slave') return t.hairpin === undefined ? a : [...a, 'hairpin', t.hairpin ? 'on' : 'off'];
  if (t.mode !== undefined) a.push('mode', t.mode);
  if (t.kind === 'ipvlan' && t.flag !== undefined) a.push(t.flag);
  return a;
}

/**
 * `ip link add link PARENT NAME … type macvlan mode M` / `type ipvlan [mode M] FLAG`, every
 * parameter explicit. A macvlan gets the MAC to pin; an ipvlan only the one its op gives (the
 * kernel gives every ipvlan its master's MAC whatever is asked).
 */
export function stackedAddCommand(op: Extract<Op, { op: 'link-add'; kind: 'macvlan' | 'ipvlan' }>, ip: readonly string[], mac: Mac | undefined): string[] {
  const type = op.kind === 'macvlan' ? { kind: op.kind, mode: op.mode } : { kind: op.kind, mode: op.mode, flag: op.flag };
  return [...ip, 'link', 'add', 'link', op.link, ...linkAttrArgs(op.name, op.attrs, op.kind === 'macvlan' ? mac : undefined), ...typeChangeArgs(type)];
}

/**
 * An op's original command as it runs inside the op's own namespace: an `ip netns exec NAME …`
 * prefix naming that namespace is dropped, and so is `ip`'s option naming it (`-n NAME`, and
 * the other spellings the parser reads: `-netns`, `--netns`, abbreviations, after `-4`), and a
 * trailing `&`.
 */
export function ownCommandText(op: Op): string {
  let text = op.text.trim().replace(/\s*&\s*$/, '');
  if (op.netns) {
    const n = op.netns.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text
      .replace(new RegExp(`^ip\\s+netns\\s+exec\\s+${n}\\s+`), '')
      .replace(new RegExp(`^ip((?:\\s+--?4)*)\\s+--?n(?:e(?:t(?:ns?)?)?)?\\s+${n}(?=\\s)`), 'ip$1');
  }
  return text;
}

/**
 * An op renderOp has no translation for, run from its original text in the op's namespace
 * (through `sh -c`, so a here-document or quoting in the text survives).
 */
export function fallbackCommand(op: Op, ctx: RenderContext): string {
  const text = ownCommandText(op);
  const ns = ctx.nsVar(op.netns);
  return ns === undefined ? text : `ip netns exec ${ns} sh -c ${shq(text)}`;
}

/**
 * The command that starts a listener, as words to quote (without a namespace wrapper or `&`).
 * `original` keeps the scenario's own socat or python3 server when it is written in plain words
 * (no quotes, no shell characters: the words split at spaces are the ones the parser checked, and
 * the parser accepts only servers podpath models, listeners.ts); anything else, and every nc or
 * iperf3, becomes the equivalent socat built from the op's port and address alone.
 */
export function listenerCommand(op: Extract<Op, { op: 'listen' }>, mode: 'original' | 'echo'): string[] {
  if (mode === 'original') {
    const cmd = op.command
      .trim()
      .replace(/\s*&\s*$/, '')
      .replace(/^nohup\s+/, '')
      .replace(/^ip\s+netns\s+exec\s+\S+\s+/, '');
    const words = cmd.split(/\s+/);
    const plain = words.every((w) => /^[A-Za-z0-9_.,:=/-]+$/.test(w));
    // socat servers and python's http.server run unattended in the background as written;
    // `nc -l` flavours differ between distributions (and exit after one client), iperf3 may be
    // missing: those get an equivalent socat.
    const socat = words[0] === 'socat' && /(LISTEN|RECVFROM|RECV):/i.test(cmd);
    const py = /^python3\s+-m\s+http\.server(\s+\d+)?(\s+--bind\s+[\d.]+)?\s*$/.test(cmd);
    if (plain && (socat || py)) return words;
  }
  const bind = op.addr !== undefined ? `,bind=${formatIpv4(op.addr)}` : '';
  return op.proto === 'tcp'
    ? ['socat', `TCP4-LISTEN:${op.port},fork,reuseaddr${bind}`, 'PIPE']
    : ['socat', '-T', '2', `UDP4-RECVFROM:${op.port},fork${bind}`, 'PIPE'];
}
