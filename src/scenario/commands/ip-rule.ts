// `ip rule add | del` (iproute2 ip/iprule.c, iprule_modify): policy-routing rules with
// selectors (not, from, to, fwmark/mask, iif, oif), a priority and an action (lookup TABLE,
// blackhole, unreachable, prohibit).
import type { Prefix } from '../../engine/addr/ipv4';
import { TABLE_MAIN, type OpBody, type RuleSpec } from '../../engine/config/ops';
import { abbreviates, Args, fail, readIfname, readPrefix, readTable, readUnsigned, resolveKeyword } from './args';
import { inContext, type CommandParser } from './parsed';
import type { Token } from './tokenize';

const RULE_VERBS = [
  ['list', null],
  ['lst', null],
  ['show', null],
  ['flush', null],
  ['save', null],
  ['restore', null],
  ['add', 'rule-add'],
  ['delete', 'rule-del'],
] as const;

const UNSUPPORTED_RULE_OPTIONS = new Set([
  'tos', 'dsfield', 'realms', 'protocol', 'suppress_prefixlength', 'sup_pl', 'suppress_ifgroup', 'sup_group',
  'l3mdev', 'uidrange', 'sport', 'dport', 'ipproto', 'nat', 'map-to', 'goto', 'nop', 'flowlabel', 'dscp',
]);

const ACTIONS = ['blackhole', 'unreachable', 'prohibit'] as const;

function readFwmark(token: Token): { value: number; mask: number } {
  const [value, mask, extra] = token.value.split('/');
  if (extra !== undefined) fail(token, `fwmark value is invalid: "${token.value}"; expected VALUE or VALUE/MASK`);
  const part = (text: string, what: string) => readUnsigned({ ...token, value: text }, what);
  return { value: part(value, 'fwmark'), mask: mask === undefined ? 0xffffffff : part(mask, 'fwmask') };
}

function isPriorityWord(word: string): boolean {
  return abbreviates(word, 'preference') || abbreviates(word, 'order') || abbreviates(word, 'priority');
}

function parseRuleChange(args: Args, op: 'rule-add' | 'rule-del'): OpBody {
  let not = false;
  let from: Prefix | undefined;
  let to: Prefix | undefined;
  let fwmark: { value: number; mask: number } | undefined;
  let iif: string | undefined;
  let oif: string | undefined;
  let priority: number | undefined;
  let action: RuleSpec['action'] | undefined;

  while (!args.done) {
    const token = args.take()!;
    const word = token.value;
    if (word === 'not') not = true;
    else if (word === 'from') from = readPrefix(args.need('a source prefix'), { strict: false, what: 'a source prefix (A.B.C.D/N) or all' });
    else if (word === 'to') to = readPrefix(args.need('a destination prefix'), { strict: false, what: 'a destination prefix (A.B.C.D/N) or all' });
    else if (UNSUPPORTED_RULE_OPTIONS.has(word)) fail(token, `\`${word}\` is not supported by podpath's \`ip rule\``);
    else if (isPriorityWord(word)) priority = readUnsigned(args.need('a priority'), 'preference');
    else if (word === 'fwmark') fwmark = readFwmark(args.need('a mark (VALUE or VALUE/MASK)'));
    else if (word === 'lookup' || abbreviates(word, 'table')) {
      const table = args.need('a table id');
      action = { type: 'lookup', table: readTable(table) };
    } else if (word === 'dev' || word === 'iif') iif = readIfname(args.need('a device name'));
    else if (word === 'oif') oif = readIfname(args.need('a device name'));
    else {
      const typeWord = word === 'type' ? args.need('a rule type') : token;
      const type = ACTIONS.find((name) => name === typeWord.value);
      if (!type) {
        fail(typeWord, `unexpected "${typeWord.value}"; expected not | from P | to P | fwmark V[/M] | iif DEV | oif DEV | priority N | lookup TABLE | blackhole | unreachable | prohibit`);
      }
      action = { type };
    }
  }

  // iproute2: a rule added without an action looks up table main. A rule deleted without one
  // matches any action; table 0 (RT_TABLE_UNSPEC) is how the kernel spells "any table".
  const rule: RuleSpec = {
    ...(priority !== undefined ? { priority } : {}),
    ...(not ? { not } : {}),
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(fwmark !== undefined ? { fwmark } : {}),
    ...(iif !== undefined ? { iif } : {}),
    ...(oif !== undefined ? { oif } : {}),
    action: action ?? { type: 'lookup', table: op === 'rule-add' ? TABLE_MAIN : 0 },
  };
  return { op, rule };
}

export const parseIpRule: CommandParser = (args, ctx) => {
  const verb = args.need('add | del');
  const meaning = resolveKeyword(verb.value, RULE_VERBS)?.meaning;
  if (!meaning) fail(verb, `\`ip rule ${verb.value}\` is not supported; expected add | del | delete`);
  return inContext(ctx, parseRuleChange(args, meaning));
};
