// What a command parser returns: the op and the namespace it runs in (which differs from the
// calling context for `ip netns exec NS …` and `ip -n NS …`).
import type { OpBody } from '../../engine/config/ops';
import type { Args } from './args';
import type { CommandContext } from './shell';

export interface ParsedOp {
  readonly body: OpBody;
  readonly netns: string;
}

export type CommandParser = (args: Args, ctx: CommandContext) => ParsedOp[];

export function inContext(ctx: CommandContext, ...bodies: OpBody[]): ParsedOp[] {
  return bodies.map((body) => ({ body, netns: ctx.netns }));
}
