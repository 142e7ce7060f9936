// `iptables` (also `iptables-legacy`, `iptables-nft`) as a script command. The rule language it
// shares with iptables-restore lives in iptables/, laid out as iptables' own sources are:
//   options.ts     the command line (iptables/xshared.c do_parse)
//   values.ts      addresses, ports, marks, protocols, interface and chain names (libxtables)
//   extension.ts   what a match or target adds to the command line (xtables.h)
//   matches/*.ts   one file per match extension (extensions/libxt_tcp.c, libxt_multiport.c …)
//   targets/*.ts   one file per target extension (extensions/libipt_REJECT.c, libxt_NAT.c …)
import { Args, fail } from './args';
import { parseIptablesLine } from './iptables/options';
import type { ParsedOp } from './parsed';
import type { CommandContext } from './shell';

export { parseIptablesLine, type IptablesOptions, type IptablesResult } from './iptables/options';
export { readChain } from './iptables/values';

/** `iptables …` as a script command (also iptables-legacy / iptables-nft). */
export function parseIptables(args: Args, ctx: CommandContext): ParsedOp[] {
  const program = args.take()!;
  if (args.done) fail(program, 'expected an iptables command (-A, -I, -D, -N, -X, -F, -Z or -P)');
  const result = parseIptablesLine(args, args.lastPos(), {});
  return [{ body: { op: 'iptables', table: result.table, command: result.command }, netns: ctx.netns }];
}
