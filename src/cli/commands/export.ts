// `podpath export-script FILE [--variant ID] [--prefix P]`: the bash script that builds the
// lab in real network namespaces (the script itself comes from src/cli/exportScript.ts).
import { oneFile, parseCommandArgs, stringOpt } from '../args';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exitCodes';
import { ExportRefused } from '../exportScript';
import { openScenario } from '../open';
import type { Command } from './command';

export const exportScriptCommand: Command = {
  name: 'export-script',
  summary: 'print a bash script that builds the lab in real network namespaces',
  help: `usage: podpath export-script FILE [--variant ID] [--prefix P]

Prints a bash script that builds FILE's lab (with VARIANT's edits, if given) on a real
Linux machine: one network namespace per machine, a bridge namespace per switch network,
the scenario's own commands, and every MAC pinned to the engine's value. Run it as root.
A scenario (or variant) with a vpc network is refused: no namespace reproduces a cloud SDN.

  --variant ID    apply this variant's edits
  --prefix P      prefix for the namespace names, so several labs never collide

exit: 0 printed, 2 bad input (or a vpc network)`,
  async run(argv, { io, deps }) {
    const args = parseCommandArgs(argv, { variant: { type: 'string' }, prefix: { type: 'string' } });
    const file = oneFile(args);
    const opened = await openScenario(file, stringOpt(args, 'variant'), deps, io.err);
    if (typeof opened === 'number') return opened;
    const prefix = stringOpt(args, 'prefix');
    let script: string;
    try {
      script = deps.exportScript(opened.scenario, opened.variant, opened.world, prefix === undefined ? {} : { prefix });
    } catch (error) {
      if (!(error instanceof ExportRefused)) throw error;
      io.err(`${file}: cannot export: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    io.out(script);
    return EXIT_OK;
  },
};
