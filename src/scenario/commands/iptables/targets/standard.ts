// The standard target (extensions/libxt_standard.c): -j ACCEPT, DROP or RETURN, a jump (-j) or
// goto (-g) to a user chain; none takes an option.
import type { Token } from '../../tokenize';
import type { RuleState, TargetExtension } from '../extension';
import { placeTarget } from './place';

export function simpleTarget(name: 'ACCEPT' | 'DROP' | 'RETURN' | 'NOTRACK', token: Token, rule: RuleState): TargetExtension {
  return {
    kind: 'target',
    name,
    token,
    options: [],
    used: new Set(),
    finish: () => placeTarget(name, token, rule),
    build: () => ({ kind: name }),
  };
}

export function jumpTarget(kind: 'jump' | 'goto', chain: string, token: Token): TargetExtension {
  return { kind: 'target', name: chain, token, options: [], used: new Set(), finish: () => {}, build: () => ({ kind, chain }) };
}
