// What a match (-m NAME, or the protocol's own) or a target (-j NAME) is to the command line —
// include/xtables.h's struct xtables_match / xtables_target with their xt_option_entry table,
// and libxtables' checks on it (xtables_option_parse, xtables_options_fcheck): the options an
// extension adds, each given at most once, the ones that exclude each other, the ones that must
// be there once the rule is read — and where the kernel lets a target be used.
import { BUILTIN_CHAINS, type NfMatch, type NfTableName, type NfTarget } from '../../../engine/config/netfilter';
import type { Position } from '../../errors';
import { fail } from '../args';
import type { Token } from '../tokenize';

export interface OptionDef {
  /** Long names; the first is the one iptables uses in messages. */
  readonly names: readonly string[];
  /** Number of argument words: 0 (`--syn`), 1, or 2 (`--match-set NAME FLAGS`, `--tcp-flags M C`). */
  readonly args: 0 | 1 | 2;
  readonly invert: boolean;
  readonly unsupported?: boolean;
  readonly parse?: (values: Token[], not: boolean, option: Token) => void;
}

export interface Extension {
  readonly kind: 'match' | 'target';
  readonly name: string;
  readonly token: Token;
  readonly options: readonly OptionDef[];
  /** Options already given (by first name): each may be given once. */
  readonly used: Set<string>;
  /** Checks done once the rule is read (required options, protocol). */
  finish(rule: RuleState): void;
}

export interface MatchExtension extends Extension {
  readonly kind: 'match';
  build(): NfMatch;
}

export interface TargetExtension extends Extension {
  readonly kind: 'target';
  build(): NfTarget;
}

/** What extensions may look at while the rule is read. */
export interface RuleState {
  readonly table: NfTableName;
  /** The chain of the command, when known (always at finish()). */
  chain?: string;
  proto?: { readonly value: number; readonly not: boolean; readonly token: Token };
  /** Where the rule ends, for "must be specified" errors. */
  readonly end: Position;
}

/** Loads a match for `-m NAME` (or the protocol's own match): `token` is the name's word. */
export type MatchFactory = (token: Token, rule: RuleState) => MatchExtension;

/** Loads a target for `-j NAME`: `token` is the name's word. */
export type TargetFactory = (token: Token, rule: RuleState) => TargetExtension;

/** An option without a value that cannot be inverted (`--random`): `set` records it. */
export function flagOption(name: string, set: () => void): OptionDef {
  return { names: [name], args: 0, invert: false, parse: set };
}

export function unsupportedOptions(...names: string[]): OptionDef[] {
  return names.map((name) => ({ names: [name], args: 0, invert: true, unsupported: true }));
}

export function requireOption(ext: Extension, name: string): void {
  if (!ext.used.has(name)) fail(ext.token, `${ext.name}: option "--${name}" must be specified`);
}

export function exclusive(ext: Extension, option: Token, name: string, others: readonly string[]): void {
  const other = others.find((o) => o !== name && ext.used.has(o));
  if (other) fail(option, `${ext.name}: option "--${name}" cannot be used together with "--${other}".`);
}

/** Where the kernel lets a target be used: its table and, in a built-in chain, its hooks. */
export interface TargetPlace {
  readonly table?: NfTableName;
  readonly chains?: readonly string[];
}

/** x_tables' check of a target's table and hook mask (xt_check_target), as iptables reports it. */
export function placeTarget(name: string, place: TargetPlace, token: Token, rule: RuleState): void {
  if (place.table && rule.table !== place.table) fail(token, `${name} can only be used in the ${place.table} table (this rule is in ${rule.table})`);
  const chain = rule.chain!;
  const builtin = BUILTIN_CHAINS[rule.table].includes(chain);
  if (place.chains && builtin && !place.chains.includes(chain)) fail(token, `${name} can only be used in the ${place.chains.join(', ')} chains, not ${chain}`);
}
