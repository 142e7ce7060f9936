// The shape of one `podpath` sub-command.
import type { CliDeps } from '../deps';
import type { CliIo } from '../io';

export interface CommandContext {
  readonly io: CliIo;
  readonly deps: CliDeps;
}

export interface Command {
  readonly name: string;
  /** One line for `podpath --help`. */
  readonly summary: string;
  /** The full `podpath NAME --help` text. */
  readonly help: string;
  /** Returns the exit code; throws UsageError for bad arguments. */
  run(argv: readonly string[], ctx: CommandContext): Promise<number>;
}
