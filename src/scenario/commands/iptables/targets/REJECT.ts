// -j REJECT (extensions/libipt_REJECT.c): --reject-with TYPE, a name or alias of an ICMP error
// or tcp-reset (which the kernel allows only for -p tcp); filter table, INPUT/FORWARD/OUTPUT.
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { placeTarget, type RuleState, type TargetExtension, type TargetPlace } from '../extension';
import { ICMP_UNREACH_CODES } from '../../../../engine/packet/names';
import { PROTO_TCP } from '../values';

const PLACE: TargetPlace = { table: 'filter', chains: ['INPUT', 'FORWARD', 'OUTPUT'] };

/**
 * libipt_REJECT's names and aliases, in its table order (a prefix of either is enough): the
 * ICMP errors from the name table, and tcp-reset where iptables lists it.
 */
const ICMP_REJECTS = ICMP_UNREACH_CODES.flatMap((c) => (c.reject ? [c.reject] : []));
const REJECT_TYPES: readonly (readonly [string, string])[] = [...ICMP_REJECTS.slice(0, -1), ['tcp-reset', 'tcp-rst'], ...ICMP_REJECTS.slice(-1)];

export function rejectTarget(token: Token, rule: RuleState): TargetExtension {
  let withType = 'icmp-port-unreachable';
  let withToken: Token | undefined;
  return {
    kind: 'target',
    name: 'REJECT',
    token,
    options: [
      {
        names: ['reject-with'],
        args: 1,
        invert: false,
        parse: ([v]) => {
          const word = v.value.toLowerCase();
          const hit = REJECT_TYPES.find(([name, alias]) => word.length > 0 && (name.startsWith(word) || alias.startsWith(word)));
          if (!hit) fail(v, `unknown reject type "${v.value}"; expected ${REJECT_TYPES.map(([n]) => n).join(' | ')}`);
          withType = hit[0];
          withToken = v;
        },
      },
    ],
    used: new Set(),
    finish: () => {
      placeTarget('REJECT', PLACE, token, rule);
      if (withType === 'tcp-reset' && (rule.proto?.value !== PROTO_TCP || rule.proto.not)) {
        fail(withToken!, '--reject-with tcp-reset needs -p tcp (the kernel refuses it for other protocols)');
      }
    },
    build: () => ({ kind: 'REJECT', with: withType }),
  };
}
