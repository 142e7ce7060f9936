// `podpath export-script FILE [--variant ID] [--prefix P]`: the bash script that builds the
// lab in real network namespaces (the script itself comes from src/cli/exportScript.ts).
import { oneFile, parseCommandArgs, stringOpt } from '../args';
import { EXIT_OK } from '../exitCodes';
import { openScenario } from '../open';
import type { Command } from './command';

export const exportScriptCommand: Command = {
  name: 'export-script',
  summary: 'print a bash script that builds the lab in real network namespaces',
  help: `usage: podpath export-script FILE [--variant ID] [--prefix P]

Prints a bash script that builds FILE's lab (with VARIANT's edits, if given) on a real
Linux machine: one network namespace per machine, a bridge namespace per switch network,
the scenario's own commands, and every MAC pinned to the engine's value. Run it as root.

  --variant ID    apply this variant's edits
  --prefix P      prefix for the namespace names, so several labs never collide

exit: 0 printed, 2 bad input`,
  async run(argv, { io, deps }) {
    const args = parseCommandArgs(argv, { variant: { type: 'string' }, prefix: { type: 'string' } });
    const file = oneFile(args);
    const opened = await openScenario(file, stringOpt(args, 'variant'), deps, io.err);
    if (typeof opened === 'number') return opened;
    const prefix = stringOpt(args, 'prefix');
    io.out(deps.exportScript(opened.scenario, opened.variant, opened.world, prefix === undefined ? {} : { prefix }));
    return EXIT_OK;
  },
};
