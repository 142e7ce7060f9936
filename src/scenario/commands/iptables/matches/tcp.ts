// -m tcp (extensions/libxt_tcp.c): the ports of -m udp (udp.ts), and --tcp-flags MASK COMP or
// --syn (= FIN,SYN,RST,ACK SYN), one of the two; loaded by itself when an option nothing loaded
// knows follows -p tcp.
import { TCP_FLAG_NAMES } from '../../../../engine/kernel/netfilter/save';
import { fail } from '../../args';
import type { Token } from '../../tokenize';
import { unsupportedOptions, type MatchExtension, type RuleState } from '../extension';
import { portMatch } from './udp';

/** libxt_tcp parse_tcp_flags: names, ALL or NONE, printed back in the kernel's bit order. */
function readTcpFlags(token: Token): string[] {
  const flags = new Set<string>();
  for (const word of token.value.split(',')) {
    const name = word.toUpperCase();
    if (name === 'ALL') TCP_FLAG_NAMES.forEach((f) => flags.add(f));
    else if (name === 'NONE') continue;
    else if ((TCP_FLAG_NAMES as readonly string[]).includes(name)) flags.add(name);
    else fail(token, `Unknown TCP flag \`${word}'; expected FIN,SYN,RST,PSH,ACK,URG, ALL or NONE`);
  }
  return TCP_FLAG_NAMES.filter((f) => flags.has(f));
}

export function tcpMatch(token: Token, rule: RuleState): MatchExtension {
  let tcpFlags: { not: boolean; mask: readonly string[]; comp: readonly string[] } | undefined;
  const flagsTaken = (option: Token) => {
    if (tcpFlags) fail(option, "Only one of `--syn' or `--tcp-flags'  allowed");
  };
  return portMatch('tcp', token, rule, {
    options: [
      {
        names: ['tcp-flags'],
        args: 2,
        invert: true,
        parse: ([mask, comp], not, option) => {
          flagsTaken(option);
          tcpFlags = { not, mask: readTcpFlags(mask), comp: readTcpFlags(comp) };
        },
      },
      {
        names: ['syn'],
        args: 0,
        invert: true,
        parse: (_v, not, option) => {
          flagsTaken(option);
          tcpFlags = { not, mask: ['FIN', 'SYN', 'RST', 'ACK'], comp: ['SYN'] };
        },
      },
      ...unsupportedOptions('tcp-option'),
    ],
    build: () => (tcpFlags ? { tcpFlags } : {}),
  });
}
