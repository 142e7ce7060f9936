// `podpath` command dispatch: picks the sub-command, prints help and usage errors, and
// turns anything thrown into an exit code. Takes its IO and dependencies as arguments so
// tests drive it with fakes; main.ts wires the real ones.
import { TraceLimitError } from '../engine/trace/limits';
import { UsageError } from './args';
import type { Command } from './commands/command';
import { collectScript } from './commands/collect';
import { exportScriptCommand } from './commands/export';
import { importCommand } from './commands/import';
import { matrix } from './commands/matrix';
import { pcap } from './commands/pcap';
import { trace } from './commands/trace';
import { validate } from './commands/validate';
import type { CliDeps } from './deps';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK } from './exitCodes';
import { safeIo, type CliIo } from './io';

export const COMMANDS: readonly Command[] = [validate, trace, matrix, exportScriptCommand, pcap, collectScript, importCommand];

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'usage: podpath COMMAND [options]',
    '',
    'Trace packets through a scenario\'s simulated Linux network stack.',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `podpath COMMAND --help` for its options.',
    'exit codes: 0 success, 1 an expectation failed, 2 bad input, 3 internal error (a podpath bug)',
    '',
    'Documentation, in the podpath repository: docs/README.md (start with docs/tutorial.md);',
    'the commands and options: docs/cli.md; the scenario format: docs/scenario-format.md.',
  ].join('\n');
}

export async function runCli(argv: readonly string[], rawIo: CliIo, deps: CliDeps): Promise<number> {
  // every message may echo user input (a file name, a script line, a flow id): none reaches
  // the terminal with a control character still able to act
  const io = safeIo(rawIo);
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(usage());
    return EXIT_BAD_INPUT;
  }
  if (name === '--help' || name === '-h') {
    io.out(usage());
    return EXIT_OK;
  }
  if (name === '--version') {
    io.out(deps.version ?? 'unknown');
    return EXIT_OK;
  }
  if (name === 'help') {
    const topic = rest[0] === undefined ? undefined : COMMANDS.find((c) => c.name === rest[0]);
    if (rest[0] !== undefined && !topic) {
      io.err(`podpath: unknown command "${rest[0]}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
      return EXIT_BAD_INPUT;
    }
    io.out(topic ? topic.help : usage());
    return EXIT_OK;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`podpath: unknown command "${name}"; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
    io.err('Run `podpath --help` for usage.');
    return EXIT_BAD_INPUT;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, { io, deps });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`podpath ${command.name}: ${error.message}`);
      io.err(command.help.split('\n')[0]);
      return EXIT_BAD_INPUT;
    }
    if (error instanceof TraceLimitError) {
      // the lab makes a trace run away (a loop the engine bounds): the input's doing, not a bug
      io.err(`podpath ${command.name}: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.err(`podpath ${command.name}: internal error (a bug in podpath, please report it):\n${detail}`);
    return EXIT_INTERNAL;
  }
}
