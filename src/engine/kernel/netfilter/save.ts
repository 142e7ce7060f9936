// iptables-save: prints rules and tables exactly as iptables v1.8.9 does (iptables-save.c and
// the save() hook of each extension, libxt_*.c / libipt_*.c). The nf_tables and legacy backends
// print rules the same way; table order and the set of chains follow the nf_tables backend,
// which is what this machine's `iptables` is. Checked line by line against the real tool in a
// scratch network namespace (see save.test.ts and test/fixtures/iptables/).
import { formatIpv4, type Prefix } from '../../addr/ipv4';
import {
  BUILTIN_CHAINS,
  type AddrType,
  type CtState,
  type NatRange,
  type NfMatch,
  type NfRuleSpec,
  type NfTableName,
  type NfTarget,
  type PortRange,
} from '../../config/netfilter';

/** libxt_tcp's flag names in the order it prints them (ALL is all six, NONE none). */
export const TCP_FLAG_NAMES = ['FIN', 'SYN', 'RST', 'PSH', 'ACK', 'URG'] as const;

/** libxt_conntrack / libxt_state print states in bit order. */
export const CT_STATE_ORDER: readonly CtState[] = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];

/** libxt_addrtype prints types in RTN_* order. */
export const ADDRTYPE_ORDER: readonly AddrType[] = [
  'UNSPEC', 'UNICAST', 'LOCAL', 'BROADCAST', 'ANYCAST', 'MULTICAST', 'BLACKHOLE', 'UNREACHABLE', 'PROHIBIT',
];

// Protocol names as iptables prints and takes them live in the one name table.
export { ipProtoName as protocolName, ipProtoNumber as protocolNumber } from '../../packet/names';
import { ipProtoName as protocolName } from '../../packet/names';

/** xtables_save_string: bare when only [A-Za-z0-9_-], else double-quoted with " \ ' escaped. */
export function saveString(value: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(value)) return value;
  return `"${value.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}

function prefix(p: Prefix): string {
  return `${formatIpv4(p.addr)}/${p.len}`;
}

function portRange(range: PortRange, separator = ':'): string {
  return range.from === range.to ? String(range.from) : `${range.from}${separator}${range.to}`;
}

/** The u32 the kernel keeps for `--probability P` (libxt_statistic: lround(0x80000000 * P)). */
export function probabilityToU32(probability: number): number {
  return Math.round(0x80000000 * probability);
}

/**
 * `--probability` as libxt_statistic prints it: printf("%.11f", u32 / 0x80000000), with glibc's
 * exact decimal rounding (ties to even), so 0.5 → 0.50000000000 and 1/3 → 0.33333333349.
 */
export function formatProbability(probability: number): string {
  const scaled = BigInt(probabilityToU32(probability)) * 10n ** 11n;
  const denominator = 0x80000000n;
  let quotient = scaled / denominator;
  const twice = (scaled % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) quotient += 1n;
  const digits = quotient.toString().padStart(12, '0');
  return `${digits.slice(0, -11)}.${digits.slice(-11)}`;
}

function flagList(flags: readonly string[]): string {
  const sorted = TCP_FLAG_NAMES.filter((f) => flags.includes(f));
  return sorted.length === 0 ? 'NONE' : sorted.join(',');
}

function not(negated: boolean): string {
  return negated ? ' !' : '';
}

function formatMatch(match: NfMatch): string {
  switch (match.kind) {
    case 'src':
    case 'dst':
    case 'proto':
    case 'in':
    case 'out':
      return ''; // printed in the rule's head
    case 'l4': {
      let text = ` -m ${match.proto}`;
      for (const [option, port] of [['--sport', match.sport], ['--dport', match.dport]] as const) {
        if (port && !(port.range.from === 0 && port.range.to === 0xffff)) {
          text += `${not(port.not)} ${option} ${portRange(port.range)}`;
        }
      }
      const flags = match.tcpFlags;
      if (flags && (flags.mask.length > 0 || flags.not)) {
        text += `${not(flags.not)} --tcp-flags ${flagList(flags.mask)} ${flagList(flags.comp)}`;
      }
      return text;
    }
    case 'icmp': {
      const type = match.type === 0xff ? 'any' : match.code === undefined ? String(match.type) : `${match.type}/${match.code}`;
      return ` -m icmp${not(match.not)} --icmp-type ${type}`;
    }
    case 'multiport':
      return ` -m multiport${not(match.not)} --${match.dir} ${match.ports.map((p) => portRange(p)).join(',')}`;
    case 'addrtype': {
      let text = ' -m addrtype';
      for (const [option, side] of [['--src-type', match.src], ['--dst-type', match.dst]] as const) {
        if (side && side.types.length > 0) {
          text += `${not(side.not)} ${option} ${ADDRTYPE_ORDER.filter((t) => side.types.includes(t)).join(',')}`;
        }
      }
      if (match.limitIfaceIn) text += ' --limit-iface-in';
      if (match.limitIfaceOut) text += ' --limit-iface-out';
      return text;
    }
    case 'ctstate': {
      const states = CT_STATE_ORDER.filter((s) => match.states.includes(s)).join(',');
      return match.module === 'conntrack' ? ` -m conntrack${not(match.not)} --ctstate ${states}` : ` -m state${not(match.not)} --state ${states}`;
    }
    case 'mark':
    case 'connmark': {
      const mask = match.mask >>> 0 === 0xffffffff ? '' : `/${hex(match.mask)}`;
      return ` -m ${match.kind}${not(match.not)} --mark ${hex(match.value)}${mask}`;
    }
    case 'set':
      return ` -m set${not(match.not)} --match-set ${match.name} ${match.flags.join(',')}`;
    case 'comment':
      return ` -m comment --comment ${saveString(match.text)}`;
    case 'ttl':
      return ` -m ttl${match.mode === 'ne' ? ' ! --ttl-eq' : ` --ttl-${match.mode}`} ${match.ttl}`;
    case 'statistic':
      return match.mode === 'random'
        ? ` -m statistic --mode random${not(match.not)} --probability ${formatProbability(match.probability)}`
        : ` -m statistic --mode nth${not(match.not)} --every ${match.every} --packet ${match.packet}`;
    case 'physdev': {
      let text = ' -m physdev';
      if (match.in) text += `${not(match.in.not)} --physdev-in ${match.in.iface}`;
      if (match.out) text += `${not(match.out.not)} --physdev-out ${match.out.iface}`;
      if (match.isIn) text += ' --physdev-is-in';
      if (match.isOut) text += ' --physdev-is-out';
      if (match.isBridged) text += `${not(match.isBridged.not)} --physdev-is-bridged`;
      return text;
    }
  }
}

function natRange(range: NatRange): string {
  let text = '';
  if (range.addr !== undefined) {
    text += formatIpv4(range.addr);
    if (range.addrTo !== undefined && range.addrTo !== range.addr) text += `-${formatIpv4(range.addrTo)}`;
  }
  if (range.port !== undefined) {
    text += `:${range.port}`;
    if (range.portTo !== undefined && range.portTo !== range.port) text += `-${range.portTo}`;
  }
  return text;
}

function formatTarget(target: NfTarget): string {
  switch (target.kind) {
    case 'ACCEPT':
    case 'DROP':
    case 'RETURN':
    case 'NOTRACK':
      return ` -j ${target.kind}`;
    case 'REJECT':
      return ` -j REJECT --reject-with ${target.with}`;
    case 'jump':
      return ` -j ${target.chain}`;
    case 'goto':
      return ` -g ${target.chain}`;
    case 'DNAT':
    case 'SNAT': {
      let text = ` -j ${target.kind} ${target.kind === 'DNAT' ? '--to-destination' : '--to-source'} ${natRange(target.to)}`;
      if (target.random) text += ' --random';
      if (target.randomFully) text += ' --random-fully';
      if (target.persistent) text += ' --persistent';
      return text;
    }
    case 'MASQUERADE': {
      let text = ' -j MASQUERADE';
      if (target.toPorts) text += ` --to-ports ${portRange(target.toPorts, '-')}`;
      if (target.random) text += ' --random';
      if (target.randomFully) text += ' --random-fully';
      return text;
    }
    case 'REDIRECT':
      return target.toPorts ? ` -j REDIRECT --to-ports ${portRange(target.toPorts, '-')}` : ' -j REDIRECT';
    case 'MARK':
      return ` -j MARK --set-xmark ${hex(target.value)}/${hex(target.mask)}`;
    case 'CONNMARK':
      return target.op === 'set-xmark'
        ? ` -j CONNMARK --set-xmark ${hex(target.value)}/${hex(target.mask)}`
        : ` -j CONNMARK --${target.op} --nfmask ${hex(target.nfmask ?? 0xffffffff)} --ctmask ${hex(target.ctmask ?? 0xffffffff)}`;
    case 'LOG': {
      let text = ' -j LOG';
      if (target.prefix) text += ` --log-prefix ${saveString(target.prefix)}`;
      if (target.level !== undefined && target.level !== '4') text += ` --log-level ${target.level}`;
      return text;
    }
    case 'CT':
      return target.notrack ? ' -j CT --notrack' : ' -j CT';
  }
}

/** The rule's head: iptables-save prints -s -d -i -o -p first, whatever order they were written in. */
function formatHead(matches: readonly NfMatch[]): string {
  let text = '';
  const src = matches.find((m) => m.kind === 'src');
  const dst = matches.find((m) => m.kind === 'dst');
  const iif = matches.find((m) => m.kind === 'in');
  const oif = matches.find((m) => m.kind === 'out');
  const proto = matches.find((m) => m.kind === 'proto');
  if (src && (src.not || src.prefix.len > 0)) text += `${not(src.not)} -s ${prefix(src.prefix)}`;
  if (dst && (dst.not || dst.prefix.len > 0)) text += `${not(dst.not)} -d ${prefix(dst.prefix)}`;
  if (iif && (iif.not || iif.iface !== '+')) text += `${not(iif.not)} -i ${iif.iface}`;
  if (oif && (oif.not || oif.iface !== '+')) text += `${not(oif.not)} -o ${oif.iface}`;
  if (proto && (proto.not || proto.proto !== 0)) text += `${not(proto.not)} -p ${protocolName(proto.proto)}`;
  return text;
}

/** One rule as `iptables-save` prints it: `-A CHAIN -s … -p tcp -m … -j TARGET …`. */
export function formatRuleSpec(chain: string, rule: NfRuleSpec): string {
  let text = `-A ${chain}${formatHead(rule.matches)}`;
  for (const match of rule.matches) text += formatMatch(match);
  if (rule.target) text += formatTarget(rule.target);
  return text;
}

/** The order iptables-nft-save walks tables in (enum nft_table_type: mangle, security, raw, filter, nat). */
const TABLE_ORDER: readonly NfTableName[] = ['mangle', 'raw', 'filter', 'nat'];

export interface SaveChain {
  readonly name: string;
  readonly policy: 'ACCEPT' | 'DROP' | '-';
  readonly packets?: number;
  readonly bytes?: number;
}

export interface SaveRule {
  readonly chain: string;
  readonly rule: NfRuleSpec;
  readonly packets?: number;
  readonly bytes?: number;
}

export interface SaveTable {
  readonly table: NfTableName;
  readonly chains: readonly SaveChain[];
  readonly rules: readonly SaveRule[];
}

function byStrcmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One line of `iptables-save`, with what it prints: a table header, a chain, a rule, COMMIT. */
export type SaveRow =
  | { readonly kind: 'table' | 'commit'; readonly table: NfTableName; readonly text: string }
  | { readonly kind: 'chain'; readonly table: NfTableName; readonly chain: string; readonly policy: string; readonly text: string; readonly packets: number; readonly bytes: number }
  /** `index`: the rule's 1-based position in its chain */
  | { readonly kind: 'rule'; readonly table: NfTableName; readonly chain: string; readonly index: number; readonly text: string; readonly packets: number; readonly bytes: number };

/**
 * Whole tables line by line as `iptables-save` prints them, without the `# Generated by …` and
 * `# Completed on …` lines (they carry a date). Tables come in the nf_tables backend's order;
 * each lists every built-in chain (ACCEPT unless given), then user chains in strcmp order, then
 * the rules grouped by chain in that same order. Counters are the rows' own; `text` leaves
 * them out.
 */
export function iptablesSaveRows(tables: readonly SaveTable[]): SaveRow[] {
  const rows: SaveRow[] = [];
  const sorted = [...tables].sort((a, b) => TABLE_ORDER.indexOf(a.table) - TABLE_ORDER.indexOf(b.table));
  for (const table of sorted) {
    const builtins = BUILTIN_CHAINS[table.table];
    const given = new Map(table.chains.map((c) => [c.name, c]));
    // Each chain's rules in one pass (a kube-proxy node has ~40,000 chains and ~110,000 rules:
    // looking the rules up chain by chain was quadratic, minutes for one save).
    const rulesOf = new Map<string, SaveRule[]>();
    for (const rule of table.rules) {
      const list = rulesOf.get(rule.chain);
      if (list) list.push(rule);
      else rulesOf.set(rule.chain, [rule]);
    }
    const userChains = new Set(table.chains.filter((c) => !builtins.includes(c.name)).map((c) => c.name));
    for (const chain of rulesOf.keys()) if (!builtins.includes(chain)) userChains.add(chain);
    const order = [...builtins, ...[...userChains].sort(byStrcmp)];
    rows.push({ kind: 'table', table: table.table, text: `*${table.table}` });
    for (const name of order) {
      const chain = given.get(name);
      const policy = builtins.includes(name) ? (chain?.policy === 'DROP' ? 'DROP' : 'ACCEPT') : '-';
      rows.push({ kind: 'chain', table: table.table, chain: name, policy, text: `:${name} ${policy}`, packets: chain?.packets ?? 0, bytes: chain?.bytes ?? 0 });
    }
    for (const name of order) {
      let index = 0;
      for (const rule of rulesOf.get(name) ?? []) {
        rows.push({ kind: 'rule', table: table.table, chain: name, index: ++index, text: formatRuleSpec(name, rule.rule), packets: rule.packets ?? 0, bytes: rule.bytes ?? 0 });
      }
    }
    rows.push({ kind: 'commit', table: table.table, text: 'COMMIT' });
  }
  return rows;
}

/** A row as `iptables-save [-c]` prints it: chains always carry their counters, rules only with -c. */
export function saveRowText(row: SaveRow, counters: { readonly packets: number; readonly bytes: number } | undefined, withRuleCounters: boolean): string {
  if (row.kind === 'chain') return `${row.text} [${counters?.packets ?? row.packets}:${counters?.bytes ?? row.bytes}]`;
  if (row.kind === 'rule' && withRuleCounters) return `[${counters?.packets ?? row.packets}:${counters?.bytes ?? row.bytes}] ${row.text}`;
  return row.text;
}

/** Whole tables as `iptables-save [-c]` prints them (see iptablesSaveRows). */
export function formatIptablesSave(tables: readonly SaveTable[], opts: { counters?: boolean } = {}): string {
  const lines = iptablesSaveRows(tables).map((row) => saveRowText(row, undefined, opts.counters === true));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
