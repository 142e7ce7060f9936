// Argument parsing for every command, on node's util.parseArgs. A bad option or a missing
// operand is a UsageError: the dispatcher prints it with the command's usage and exits 2.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/** Parses argv for one command; `--help`/`-h` is always accepted. */
export function parseCommandArgs(argv: readonly string[], options: Options): Parsed {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Parsed['values'], positionals };
  } catch (error) {
    // parseArgs throws TypeError with code ERR_PARSE_ARGS_*: the message is already clear.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function stringOpt(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Exactly one FILE operand. */
export function oneFile(parsed: Parsed): string {
  if (parsed.positionals.length === 0) throw new UsageError('missing FILE (a scenario .yaml)');
  if (parsed.positionals.length > 1) {
    throw new UsageError(`expected one FILE, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);
  }
  return parsed.positionals[0];
}

/** One or more FILE operands. */
export function oneOrMoreFiles(parsed: Parsed): string[] {
  if (parsed.positionals.length === 0) throw new UsageError('missing FILE (one or more scenario .yaml files)');
  return parsed.positionals;
}
