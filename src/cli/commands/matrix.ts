// `podpath matrix FILE [--variant ID]`: every flow of the scenario, one row each.
import type { Trace } from '../../engine/trace/types';
import { oneFile, parseCommandArgs, stringOpt } from '../args';
import { EXIT_EXPECTATION_FAILED, EXIT_OK } from '../exitCodes';
import { describeExpectation, expectationMet, placeName, traceDrop } from '../../engine/trace/expectation';
import { paint } from '../io';
import { openScenario } from '../open';
import type { Command } from './command';

function dropColumn(trace: Trace): string {
  const drop = traceDrop(trace);
  return drop ? `${drop.reason} at ${placeName(drop.at)}` : '-';
}

export const matrix: Command = {
  name: 'matrix',
  summary: 'trace every flow and compare with its expectation',
  help: `usage: podpath matrix FILE [--variant ID]

Traces every flow of FILE (with VARIANT's edits, if given) and prints one row per flow:
its verdict, the drop reason and where, what the scenario expects, and whether it matched.

  --variant ID    apply this variant's edits first

exit: 0 every expectation is met, 1 any is not, 2 bad input`,
  async run(argv, { io, deps }) {
    const args = parseCommandArgs(argv, { variant: { type: 'string' } });
    const file = oneFile(args);
    const opened = await openScenario(file, stringOpt(args, 'variant'), deps, io.err);
    if (typeof opened === 'number') return opened;
    const p = paint(io.color);

    const header = ['FLOW', 'PROTO', 'TO', 'VERDICT', 'DROP', 'EXPECTED', 'RESULT'];
    const rows: { cells: string[]; ok: boolean | undefined }[] = [];
    for (const flow of opened.scenario.flows) {
      const result = opened.world.trace(flow);
      const expect = opened.expectations[flow.id];
      const ok = expect === undefined ? undefined : expectationMet(result, expect);
      const to = flow.to.port === undefined ? flow.to.addr : `${flow.to.addr}:${flow.to.port}`;
      rows.push({
        cells: [flow.id, flow.protocol, to, result.verdict, dropColumn(result), describeExpectation(expect), ok === undefined ? '-' : ok ? 'ok' : 'FAIL'],
        ok,
      });
    }

    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r.cells[i].length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
    if (opened.variant) io.out(`${file} (variant ${opened.variant})`);
    io.out(p.bold(line(header)));
    for (const row of rows) {
      const text = line(row.cells);
      io.out(row.ok === false ? p.red(text) : text);
    }
    const failed = rows.filter((r) => r.ok === false).length;
    const checked = rows.filter((r) => r.ok !== undefined).length;
    io.out(`\n${rows.length} flows, ${checked} with an expectation: ${checked - failed} met, ${failed} not met`);
    return failed ? EXIT_EXPECTATION_FAILED : EXIT_OK;
  },
};
