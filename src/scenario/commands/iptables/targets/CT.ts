// -j CT and -j NOTRACK (extensions/libxt_CT.c, which also holds NOTRACK): raw table only;
// podpath reads CT --notrack and refuses CT's other options (helpers, zones, timeouts, events).
import type { Token } from '../../tokenize';
import { flagOption, placeTarget, unsupportedOptions, type RuleState, type TargetExtension, type TargetPlace } from '../extension';
import { simpleTarget } from './standard';

const RAW_ONLY: TargetPlace = { table: 'raw' };

export function ctTarget(token: Token, rule: RuleState): TargetExtension {
  let notrack = false;
  return {
    kind: 'target',
    name: 'CT',
    token,
    options: [
      flagOption('notrack', () => (notrack = true)),
      ...unsupportedOptions('helper', 'ctevents', 'expevents', 'zone', 'zone-orig', 'zone-reply', 'timeout'),
    ],
    used: new Set(),
    finish: () => placeTarget('CT', RAW_ONLY, token, rule),
    build: () => ({ kind: 'CT', notrack }),
  };
}

export const notrackTarget = simpleTarget('NOTRACK', RAW_ONLY);
