// The matches podpath reads, by the name `-m NAME` loads (iptables finds extensions/libxt_NAME.so
// the same way), and the match each protocol loads by itself.
import type { MatchFactory } from '../extension';
import { PROTO_ICMP, PROTO_TCP, PROTO_UDP } from '../values';
import { addrtypeMatch } from './addrtype';
import { commentMatch } from './comment';
import { ctstateMatch } from './conntrack';
import { icmpMatch } from './icmp';
import { markMatch } from './mark';
import { multiportMatch } from './multiport';
import { physdevMatch } from './physdev';
import { setMatch } from './set';
import { statisticMatch } from './statistic';
import { tcpMatch } from './tcp';
import { ttlMatch } from './ttl';
import { udpMatch } from './udp';

export const MATCHES: Record<string, MatchFactory> = {
  tcp: tcpMatch,
  udp: udpMatch,
  icmp: icmpMatch,
  multiport: multiportMatch,
  addrtype: addrtypeMatch,
  conntrack: ctstateMatch('conntrack'),
  state: ctstateMatch('state'),
  mark: markMatch('mark'),
  connmark: markMatch('connmark'),
  set: setMatch,
  comment: commentMatch,
  statistic: statisticMatch,
  physdev: physdevMatch,
  ttl: ttlMatch,
};

export const MATCH_NAMES = Object.keys(MATCHES).join(', ');

/** The protocol's own match, loaded when an option nothing loaded knows follows `-p`. */
export const PROTOCOL_MATCHES: Readonly<Record<number, string>> = { [PROTO_TCP]: 'tcp', [PROTO_UDP]: 'udp', [PROTO_ICMP]: 'icmp' };
