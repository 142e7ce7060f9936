// The iptables command line (iptables/xshared.c do_parse, iptables/iptables.c): the commands
// -A -I -D -N -X -F -Z -P, their chain, and for -A/-I/-D the rule: -s -d -p -i -o (each
// invertible with `!`), -m NAME loading a match, -j/-g the target, -t the table. Options are
// read the way iptables' getopt_long reads them — in any order, long options abbreviated to
// any unambiguous prefix, `--opt=value`, `!` before the option it inverts, an option going to
// the most recently loaded extension that knows it (matches/, targets/), and `--sport/--dport`
// right after `-p tcp|udp` loading the protocol's match implicitly. Checks iptables makes
// before touching the kernel (and the kernel's own checks for built-in chains: -i/-o per
// chain, and each extension's) are errors here too, with the message iptables prints.
import { BUILTIN_CHAINS, type NfCommand, type NfMatch, type NfRuleSpec, type NfTableName } from '../../../engine/config/netfilter';
import type { Position } from '../../errors';
import { Args, fail } from '../args';
import type { Token } from '../tokenize';
import type { Extension, MatchExtension, OptionDef, RuleState, TargetExtension } from './extension';
import { MATCH_NAMES, MATCHES, PROTOCOL_MATCHES } from './matches';
import { TARGETS } from './targets';
import { jumpTarget } from './targets/standard';
import { part, readAddress, readChain, readIface, readNewChain, readProtocol, RESERVED_CHAIN_NAMES, TABLES } from './values';

type BaseOption =
  | 'append' | 'delete' | 'insert' | 'new-chain' | 'delete-chain' | 'flush' | 'zero' | 'policy'
  | 'check' | 'replace' | 'list' | 'list-rules' | 'rename-chain'
  | 'source' | 'destination' | 'protocol' | 'in-interface' | 'out-interface' | 'jump' | 'goto' | 'match'
  | 'table' | 'wait' | 'wait-interval' | 'numeric' | 'verbose' | 'exact' | 'line-numbers' | 'fragments'
  | 'set-counters' | 'ipv4' | 'ipv6' | 'version' | 'help' | 'modprobe';

/** iptables' long options in its table order, with their short letters. */
const BASE_OPTIONS: readonly (readonly [string, BaseOption, string?])[] = [
  ['append', 'append', 'A'],
  ['delete', 'delete', 'D'],
  ['check', 'check', 'C'],
  ['insert', 'insert', 'I'],
  ['replace', 'replace', 'R'],
  ['list', 'list', 'L'],
  ['list-rules', 'list-rules', 'S'],
  ['flush', 'flush', 'F'],
  ['zero', 'zero', 'Z'],
  ['new-chain', 'new-chain', 'N'],
  ['delete-chain', 'delete-chain', 'X'],
  ['rename-chain', 'rename-chain', 'E'],
  ['policy', 'policy', 'P'],
  ['source', 'source', 's'],
  ['destination', 'destination', 'd'],
  ['src', 'source'],
  ['dst', 'destination'],
  ['protocol', 'protocol', 'p'],
  ['in-interface', 'in-interface', 'i'],
  ['jump', 'jump', 'j'],
  ['table', 'table', 't'],
  ['match', 'match', 'm'],
  ['numeric', 'numeric', 'n'],
  ['out-interface', 'out-interface', 'o'],
  ['verbose', 'verbose', 'v'],
  ['wait', 'wait', 'w'],
  ['wait-interval', 'wait-interval', 'W'],
  ['exact', 'exact', 'x'],
  ['fragments', 'fragments', 'f'],
  ['version', 'version', 'V'],
  ['help', 'help', 'h'],
  ['line-numbers', 'line-numbers'],
  ['modprobe', 'modprobe', 'M'],
  ['set-counters', 'set-counters', 'c'],
  ['goto', 'goto', 'g'],
  ['ipv4', 'ipv4', '4'],
  ['ipv6', 'ipv6', '6'],
];

type Resolved =
  | { readonly kind: 'base'; readonly option: BaseOption; readonly value?: Token }
  | { readonly kind: 'ext'; readonly ext: Extension; readonly def: OptionDef; readonly value?: Token };

const COMMAND_OPTIONS: readonly BaseOption[] = ['append', 'delete', 'insert', 'new-chain', 'delete-chain', 'flush', 'zero', 'policy'];
const SHORT: Record<string, string> = { 'new-chain': 'N', 'delete-chain': 'X', append: 'A', delete: 'D', insert: 'I', flush: 'F', zero: 'Z', policy: 'P' };

export interface IptablesOptions {
  /** iptables-restore input: the table comes from `*table`, and -t / -w are refused. */
  readonly restore?: { readonly table: NfTableName };
}

export interface IptablesResult {
  readonly table: NfTableName;
  readonly command: NfCommand;
}

/**
 * Reads one iptables command line (without the program name): the command, its chain and, for
 * -A/-I/-D, the rule. Throws CommandError at the first problem.
 */
export function parseIptablesLine(args: Args, endPos: Position, options: IptablesOptions = {}): IptablesResult {
  let table: NfTableName = options.restore?.table ?? 'filter';
  const rule: RuleState = {
    get table() {
      return table;
    },
    end: endPos,
  };
  let command: { option: BaseOption; token: Token; chain?: Token; index?: number; policy?: 'ACCEPT' | 'DROP'; policyToken?: Token } | undefined;
  const matches: (NfMatch | MatchExtension)[] = [];
  const extensions: Extension[] = []; // load order
  let target: TargetExtension | undefined;
  let invert: Token | undefined;
  let firstRuleOption: Token | undefined;
  const seen = new Map<BaseOption, Token>();

  const isOptionWord = (t: Token | undefined) => t !== undefined && (t.value.startsWith('-') || t.value === '!') && t.value !== '-';
  const optionalWord = (): Token | undefined => (args.peek() && !isOptionWord(args.peek()) ? args.take() : undefined);

  /** getopt_long: exact name first, then a unique prefix; newest extension first. */
  const resolveLong = (name: string, token: Token): { kind: 'base'; option: BaseOption } | { kind: 'ext'; ext: Extension; def: OptionDef } | undefined => {
    // exact names first, in getopt's order (base options, then extensions newest first),
    // without building the candidate list: the common case on every kube-proxy rule
    for (const [n, option] of BASE_OPTIONS) if (n === name) return { kind: 'base', option };
    for (let k = extensions.length - 1; k >= 0; k--) {
      for (const def of extensions[k].options) if (def.names.includes(name)) return { kind: 'ext', ext: extensions[k], def };
    }
    type Cand = { id: string; hit: { kind: 'base'; option: BaseOption } | { kind: 'ext'; ext: Extension; def: OptionDef }; name: string };
    const candidates: Cand[] = BASE_OPTIONS.map(([n, option]) => ({ id: `base:${option}`, hit: { kind: 'base' as const, option }, name: n }));
    for (let k = extensions.length - 1; k >= 0; k--) {
      const ext = extensions[k];
      for (const def of ext.options) for (const n of def.names) candidates.push({ id: `${k}:${def.names[0]}`, hit: { kind: 'ext', ext, def }, name: n });
    }
    const exact = candidates.find((c) => c.name === name);
    if (exact) return exact.hit;
    const prefixed = candidates.filter((c) => name.length > 0 && c.name.startsWith(name));
    if (prefixed.length === 0) return undefined;
    if (new Set(prefixed.map((c) => c.id)).size > 1) {
      fail(token, `option '--${name}' is ambiguous; possibilities: ${[...new Set(prefixed.map((c) => `'--${c.name}'`))].join(' ')}`);
    }
    return prefixed[0].hit;
  };

  const resolve = (token: Token): Resolved => {
    const text = token.value;
    if (text.startsWith('--')) {
      const eq = text.indexOf('=');
      const name = eq < 0 ? text.slice(2) : text.slice(2, eq);
      const value = eq < 0 ? undefined : part(token, eq + 1, text.slice(eq + 1));
      let hit = resolveLong(name, token);
      if (!hit) {
        // The protocol's own match, loaded when an option nothing loaded knows follows -p.
        const implicit = rule.proto ? PROTOCOL_MATCHES[rule.proto.value] : undefined;
        if (implicit && !extensions.some((e) => e.name === implicit)) {
          const ext = MATCHES[implicit](token, rule);
          if (ext.options.some((d) => d.names.some((n) => n === name || n.startsWith(name)))) {
            extensions.push(ext);
            matches.push(ext);
            hit = resolveLong(name, token);
          }
        }
      }
      if (!hit) fail(token, unknownOptionMessage(text, eq < 0 ? text : text.slice(0, eq)));
      return { ...hit, ...(value ? { value } : {}) };
    }
    const letter = text.slice(1);
    const entry = letter.length === 1 ? BASE_OPTIONS.find(([, , short]) => short === letter) : undefined;
    if (!entry) {
      if (/^-[A-Za-z0-9]{2,}$/.test(text)) fail(token, `unknown option "${text}": write one option per word (iptables options are -A, -s, -p …)`);
      fail(token, `unknown option "${text}"`);
    }
    return { kind: 'base', option: entry[1] };
  };

  const unknownOptionMessage = (text: string, name: string): string => {
    const bare = name.replace(/^--/, '');
    if (['sport', 'dport', 'source-port', 'destination-port', 'tcp-flags', 'syn'].includes(bare)) {
      return `unknown option "${text}": ${bare.includes('port') ? 'ports' : 'TCP flags'} need -p tcp${bare.includes('port') ? '|udp' : ''} (or -m tcp|udp) before them`;
    }
    if (bare === 'icmp-type') return `unknown option "${text}": --icmp-type needs -p icmp before it`;
    const owner = Object.entries(MODULE_OPTIONS).find(([, names]) => names.includes(bare));
    if (owner) return `unknown option "${text}": it belongs to ${owner[0]}, load it first`;
    return `unknown option "${text}"`;
  };

  const takeValue = (resolved: Resolved, what: string): Token => resolved.value ?? args.need(what);

  const setCommand = (option: BaseOption, token: Token) => {
    if (invert) fail(invert, `cannot have ! before -${SHORT[option]}`);
    if (command) fail(token, `Cannot use -${SHORT[option]} with -${SHORT[command.option]}: one command per line`);
    command = { option, token };
  };

  const baseOnce = (option: BaseOption, token: Token, flag: string) => {
    if (seen.has(option)) fail(token, `multiple ${flag} flags not allowed`);
    seen.set(option, token);
    firstRuleOption ??= token;
  };

  while (!args.done) {
    const token = args.take()!;
    if (token.value === '!') {
      if (invert) fail(token, 'multiple consecutive ! not allowed');
      invert = token;
      if (args.done) fail(token, 'nothing appropriate following !');
      continue;
    }
    if (!isOptionWord(token)) fail(token, `Bad argument \`${token.value}'`);
    const resolved = resolve(token);
    const not = invert !== undefined;
    const invertToken = invert;
    invert = undefined;

    if (resolved.kind === 'ext') {
      const { ext, def } = resolved;
      const optName = def.names[0];
      if (def.unsupported) fail(token, `${ext.kind === 'match' ? `-m ${ext.name}` : `-j ${ext.name}`} option --${optName} is not supported by podpath`);
      if (not && !def.invert) fail(invertToken!, `${ext.name}: option "--${optName}" cannot be inverted.`);
      if (ext.used.has(optName)) {
        const iptablesName = ext.name === 'tcp' || ext.name === 'udp' ? `Only one \`--${optName}' allowed` : `${ext.name}: option "--${optName}" can only be used once.`;
        fail(token, iptablesName);
      }
      if (def.args === 0 && resolved.value) fail(resolved.value, `option --${optName} takes no value`);
      const values: Token[] = [];
      if (def.args >= 1) values.push(takeValue(resolved, `a value for --${optName}`));
      if (def.args === 2) values.push(args.need(`a second value for --${optName}`));
      def.parse?.(values, not, token);
      ext.used.add(optName);
      continue;
    }

    const option = resolved.option;
    if (not && !['source', 'destination', 'protocol', 'in-interface', 'out-interface', 'match', 'jump', 'goto', ...COMMAND_OPTIONS].includes(option)) {
      fail(invertToken!, `cannot have ! before ${token.value}`);
    }
    switch (option) {
      case 'append':
      case 'insert':
      case 'delete':
      case 'new-chain':
      case 'policy': {
        setCommand(option, token);
        const chain = takeValue(resolved, 'a chain name');
        command!.chain = chain;
        if (option === 'new-chain') readNewChain(chain);
        else readChain(chain);
        if (option === 'insert' || option === 'delete') {
          const index = optionalWord();
          if (index) {
            const n = /^\d+$/.test(index.value) ? Number(index.value) : NaN;
            if (!(n >= 1)) fail(index, `Invalid rule number \`${index.value}'; rule numbers start at 1`);
            command!.index = n;
          }
        }
        if (option === 'policy') {
          const policy = args.need('a policy (ACCEPT | DROP)');
          if (policy.value !== 'ACCEPT' && policy.value !== 'DROP') fail(policy, `Bad policy name "${policy.value}"; expected ACCEPT | DROP`);
          command!.policy = policy.value;
          command!.policyToken = policy;
        }
        break;
      }
      case 'delete-chain':
      case 'flush':
      case 'zero': {
        setCommand(option, token);
        const chain = resolved.value ?? optionalWord();
        if (chain) {
          command!.chain = chain;
          readChain(chain);
          if (option === 'zero' && optionalWord()) fail(args.previous()!, '`-Z CHAIN N` (zeroing one rule) is not supported by podpath');
        }
        break;
      }
      case 'check':
      case 'replace':
      case 'list':
      case 'list-rules':
      case 'rename-chain':
        fail(token, `\`iptables ${token.value}\` is not supported: a podpath script configures rules with -A, -I, -D, -N, -X, -F, -Z and -P; the lab shows them`);
        break;
      case 'source':
      case 'destination': {
        baseOnce(option, token, option === 'source' ? '-s' : '-d');
        const prefix = readAddress(takeValue(resolved, 'an address'));
        matches.push({ kind: option === 'source' ? 'src' : 'dst', not, prefix });
        break;
      }
      case 'protocol': {
        baseOnce(option, token, '-p');
        const value = takeValue(resolved, 'a protocol');
        const proto = readProtocol(value);
        if (not && proto === 0) fail(value, 'rule would never match protocol');
        rule.proto = { value: proto, not, token: value };
        matches.push({ kind: 'proto', not, proto });
        break;
      }
      case 'in-interface':
      case 'out-interface': {
        baseOnce(option, token, option === 'in-interface' ? '-i' : '-o');
        const iface = readIface(takeValue(resolved, 'an interface name'));
        matches.push({ kind: option === 'in-interface' ? 'in' : 'out', not, iface });
        break;
      }
      case 'match': {
        if (not) fail(invertToken!, 'unexpected ! flag before --match');
        firstRuleOption ??= token;
        const nameToken = takeValue(resolved, 'a match name');
        const name = nameToken.value;
        const factory = Object.hasOwn(MATCHES, name) ? MATCHES[name] : undefined;
        if (!factory) fail(nameToken, `match \`${name}' is not supported by podpath; it understands -m ${MATCH_NAMES}`);
        // nf_tables keeps one tcp/udp payload match per rule: a second -m tcp adds to the first.
        const existing = (name === 'tcp' || name === 'udp') && extensions.find((e) => e.name === name);
        if (existing) break;
        const ext = factory(nameToken, rule);
        extensions.push(ext);
        matches.push(ext);
        break;
      }
      case 'jump':
      case 'goto': {
        if (not) fail(invertToken!, `cannot have ! before ${option === 'jump' ? '-j' : '-g'}`);
        if (target) fail(token, 'multiple -j flags not allowed');
        firstRuleOption ??= token;
        const nameToken = takeValue(resolved, option === 'jump' ? 'a target or chain name' : 'a chain name');
        const name = nameToken.value;
        if (option === 'jump' && Object.hasOwn(TARGETS, name)) {
          target = TARGETS[name](nameToken, rule);
        } else if (option === 'jump' && RESERVED_CHAIN_NAMES.has(name)) {
          fail(nameToken, `target ${name} is not supported by podpath; it understands ${Object.keys(TARGETS).join(', ')} and jumps to chains`);
        } else {
          if (option === 'goto' && Object.hasOwn(TARGETS, name)) fail(nameToken, `-g goes to a user chain; use -j ${name}`);
          target = jumpTarget(option === 'jump' ? 'jump' : 'goto', readChain(nameToken), nameToken);
        }
        extensions.push(target);
        break;
      }
      case 'table': {
        if (options.restore) fail(token, 'The -t option cannot be used in iptables-restore: the table comes from the *table line');
        const value = takeValue(resolved, 'a table name (raw | mangle | nat | filter)');
        if (!(TABLES as readonly string[]).includes(value.value)) {
          const known = value.value === 'security' ? 'the security table is not supported by podpath' : `table '${value.value}' does not exist`;
          fail(value, `${known}; expected raw | mangle | nat | filter`);
        }
        table = value.value as NfTableName;
        break;
      }
      case 'wait':
      case 'wait-interval': {
        if (options.restore) fail(token, `You cannot use \`${token.value}' from iptables-restore`);
        if (option === 'wait-interval') takeValue(resolved, 'a wait interval in microseconds');
        else if (!resolved.value && args.peek() && /^\d+$/.test(args.peek()!.value)) args.take();
        break;
      }
      case 'ipv4':
        break;
      default:
        fail(token, `iptables option \`${token.value}\` is not supported by podpath`);
    }
  }

  if (!command) fail(args.lastPos(), 'no command specified; expected -A, -I, -D, -N, -X, -F, -Z or -P');
  const cmd = command;
  const chain = cmd.chain?.value;
  rule.chain = chain;
  const takesRule = (cmd.option === 'append' || cmd.option === 'insert' || (cmd.option === 'delete' && cmd.index === undefined));
  if (!takesRule && firstRuleOption) fail(firstRuleOption, `Illegal option \`${firstRuleOption.value}' with this command (-${SHORT[cmd.option]} takes no rule)`);

  const builtins = BUILTIN_CHAINS[table];
  if (cmd.option === 'policy') {
    if (!builtins.includes(chain!)) fail(cmd.chain!, `Bad built-in chain name "${chain}": the ${table} table's built-in chains are ${builtins.join(', ')}`);
    if (table === 'nat' && cmd.policy === 'DROP') fail(cmd.policyToken!, 'The "nat" table is not intended for filtering, the use of DROP is therefore inhibited.');
    return { table, command: { action: 'policy', chain: chain!, policy: cmd.policy! } };
  }
  if (!takesRule) {
    switch (cmd.option) {
      case 'new-chain':
        return { table, command: { action: 'new-chain', chain: chain! } };
      case 'delete-chain':
        return { table, command: chain !== undefined ? { action: 'delete-chain', chain } : { action: 'delete-chain' } };
      case 'flush':
        return { table, command: chain !== undefined ? { action: 'flush', chain } : { action: 'flush' } };
      case 'zero':
        return { table, command: chain !== undefined ? { action: 'zero', chain } : { action: 'zero' } };
      case 'delete':
        return { table, command: { action: 'delete-index', chain: chain!, index: cmd.index! } };
      default:
        // every other command takes a rule, or was refused while the line was read
        break;
    }
  }

  // The rule: checks iptables (and the kernel, for built-in chains) make once it is read.
  const iif = matches.find((m): m is Extract<NfMatch, { kind: 'in' }> => 'kind' in m && m.kind === 'in');
  const oif = matches.find((m): m is Extract<NfMatch, { kind: 'out' }> => 'kind' in m && m.kind === 'out');
  if (oif && (chain === 'PREROUTING' || chain === 'INPUT')) fail(seen.get('out-interface')!, `Can't use -o with ${chain}`);
  if (iif && (chain === 'POSTROUTING' || chain === 'OUTPUT')) fail(seen.get('in-interface')!, `Can't use -i with ${chain}`);
  for (const ext of extensions) ext.finish(rule);
  const spec: NfRuleSpec = {
    matches: matches.map((m) => ('build' in m ? m.build() : m)),
    ...(target ? { target: target.build() } : {}),
  };
  switch (cmd.option) {
    case 'append':
      return { table, command: { action: 'append', chain: chain!, rule: spec } };
    case 'insert':
      return { table, command: { action: 'insert', chain: chain!, index: cmd.index ?? 1, rule: spec } };
    default:
      return { table, command: { action: 'delete', chain: chain!, rule: spec } };
  }
}

/** Options of each supported module, for "load it first" hints. */
const MODULE_OPTIONS: Record<string, readonly string[]> = {
  '-m multiport': ['dports', 'sports', 'ports', 'destination-ports', 'source-ports'],
  '-m addrtype': ['src-type', 'dst-type', 'limit-iface-in', 'limit-iface-out'],
  '-m conntrack': ['ctstate'],
  '-m state': ['state'],
  '-m mark or -m connmark': ['mark'],
  '-m set': ['match-set'],
  '-m comment': ['comment'],
  '-m statistic': ['mode', 'probability', 'every', 'packet'],
  '-m physdev': ['physdev-in', 'physdev-out', 'physdev-is-in', 'physdev-is-out', 'physdev-is-bridged'],
  '-j REJECT': ['reject-with'],
  '-j DNAT': ['to-destination'],
  '-j SNAT': ['to-source'],
  '-j MASQUERADE or -j REDIRECT': ['to-ports'],
  '-j MARK or -j CONNMARK': ['set-mark', 'set-xmark', 'or-mark', 'and-mark', 'xor-mark'],
  '-j CONNMARK': ['save-mark', 'restore-mark', 'nfmask', 'ctmask'],
  '-j LOG': ['log-prefix', 'log-level'],
  '-j CT': ['notrack'],
};
