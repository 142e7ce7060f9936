// `podpath trace FILE --flow ID [--variant ID] [--json]`: one conversation, hop by hop.
import { oneFile, parseCommandArgs, stringOpt } from '../args';
import { EXIT_BAD_INPUT, EXIT_EXPECTATION_FAILED, EXIT_OK } from '../exitCodes';
import { expectationMet } from '../../engine/trace/expectation';
import { formatTrace } from '../formatTrace';
import { paint } from '../io';
import { openScenario, pickFlow } from '../open';
import type { Command } from './command';
import { own } from '../../scenario/own';

export const trace: Command = {
  name: 'trace',
  summary: 'trace one flow through the lab, hop by hop',
  help: `usage: podpath trace FILE --flow ID [--variant ID] [--json] [--lang en|zh-CN]

Traces the flow's whole conversation (TCP handshake and data, UDP request and reply, ICMP
echo and reply) through the lab built from FILE (and VARIANT's edits, if given). Prints one
section per packet with one line per kernel step, the route/rule that decided it, and the
drop reason with its explanation and fix.

  --flow ID       the flow to trace (its id in the scenario's flows:)
  --variant ID    apply this variant's edits first
  --json          print the trace as JSON on stdout (the trace contract:
                  docs/trace.md, schema docs/trace.schema.json)
  --lang LANG     the language of the text output: en (default) or zh-CN

exit: 0 the flow's expectation is met (or it has none), 1 it is not met,
      2 bad input (scenario errors, unknown flow or variant)`,
  async run(argv, { io, deps }) {
    const args = parseCommandArgs(argv, {
      flow: { type: 'string' },
      variant: { type: 'string' },
      json: { type: 'boolean' },
      lang: { type: 'string' },
    });
    const file = oneFile(args);
    const flowId = stringOpt(args, 'flow');
    const lang = stringOpt(args, 'lang') ?? 'en';
    if (lang !== 'en' && lang !== 'zh-CN') {
      io.err(`podpath trace: --lang takes en or zh-CN, not "${lang}"`);
      return EXIT_BAD_INPUT;
    }
    const opened = await openScenario(file, stringOpt(args, 'variant'), deps, io.err);
    if (typeof opened === 'number') return opened;

    const flow = pickFlow('trace', file, opened, flowId, io.err);
    if (typeof flow === 'number') return flow;

    const result = opened.world.trace(flow);
    const expect = own(opened.expectations, flow.id);
    if (args.values.json) io.out(JSON.stringify(result, null, 2));
    else io.out(formatTrace(result, expect, paint(io.color), opened.variant, lang));
    return expect === undefined || expectationMet(result, expect) ? EXIT_OK : EXIT_EXPECTATION_FAILED;
  },
};
