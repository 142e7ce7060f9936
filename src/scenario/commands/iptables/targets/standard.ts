// The standard target (extensions/libxt_standard.c): -j ACCEPT, DROP or RETURN, a jump (-j) or
// goto (-g) to a user chain; none takes an option.
import type { Token } from '../../tokenize';
import { placeTarget, type TargetExtension, type TargetFactory, type TargetPlace } from '../extension';

/** A target without options, allowed anywhere or only at `place`. */
export const simpleTarget = (name: 'ACCEPT' | 'DROP' | 'RETURN' | 'NOTRACK', place?: TargetPlace): TargetFactory => (token, rule) => ({
  kind: 'target',
  name,
  token,
  options: [],
  used: new Set(),
  finish: () => {
    if (place) placeTarget(name, place, token, rule);
  },
  build: () => ({ kind: name }),
});

export function jumpTarget(kind: 'jump' | 'goto', chain: string, token: Token): TargetExtension {
  return { kind: 'target', name: chain, token, options: [], used: new Set(), finish: () => {}, build: () => ({ kind, chain }) };
}
