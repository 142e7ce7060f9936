// -m udp (extensions/libxt_udp.c): --sport/--dport, a port or a range, each invertible; loaded
// by itself when an option nothing loaded knows follows -p udp. libxt_tcp.c reads its ports the
// same way, so the tcp match (tcp.ts) is this match with TCP flags added.
import type { NfMatch, PortRange } from '../../../../engine/config/netfilter';
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import type { MatchExtension, MatchFactory, OptionDef, RuleState } from '../extension';
import { PROTO_TCP, PROTO_UDP, readPortRange } from '../values';

/** What a protocol's match adds to the ports: more options, and their part of the match. */
export interface PortMatchExtra {
  readonly options: readonly OptionDef[];
  build(): Pick<Extract<NfMatch, { kind: 'l4' }>, 'tcpFlags'>;
}

export function portMatch(proto: 'tcp' | 'udp', token: Token, rule: RuleState, extra?: PortMatchExtra): MatchExtension {
  const number = proto === 'tcp' ? PROTO_TCP : PROTO_UDP;
  let sport: { not: boolean; range: PortRange } | undefined;
  let dport: { not: boolean; range: PortRange } | undefined;
  const options: OptionDef[] = [
    { names: ['source-port', 'sport'], args: 1, invert: true, parse: ([v], not) => (sport = { not, range: readPortRange(v, number) }) },
    { names: ['destination-port', 'dport'], args: 1, invert: true, parse: ([v], not) => (dport = { not, range: readPortRange(v, number) }) },
    ...(extra?.options ?? []),
  ];
  return {
    kind: 'match',
    name: proto,
    token,
    options,
    used: new Set(),
    finish: () => {
      if (rule.proto?.value !== number) fail(token, `${proto.toUpperCase()} match requires '-p ${proto}'`);
    },
    build: () => ({
      kind: 'l4',
      proto,
      ...(sport ? { sport } : {}),
      ...(dport ? { dport } : {}),
      ...extra?.build(),
    }),
  };
}

export const udpMatch: MatchFactory = (token, rule) => portMatch('udp', token, rule);
