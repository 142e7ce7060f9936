// `podpath validate FILE…`: schema and command errors, then the errors Linux would print
// while building the lab (world.errors), for the base scenario and every variant; then what
// the lab sets that podpath accepts without modelling (world.warnings), which does not fail it.
import type { BuildError, BuildWarning } from '../../engine/config/world';
import { oneOrMoreFiles, parseCommandArgs } from '../args';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exitCodes';
import { formatBuildError, formatBuildWarning, loadFile } from '../open';
import type { Command } from './command';

export const validate: Command = {
  name: 'validate',
  summary: 'check scenario files: schema, commands, and building the lab',
  help: `usage: podpath validate FILE…

Checks each scenario file: the YAML schema, every command of every machine script, and
that the lab builds (for the base scenario and each variant) without an error Linux would
print. Prints every error as file:line:col: message. A kernel parameter Linux has but
podpath does not model is accepted with a warning (file:line:col: warning: …): the file is
still valid, but the trace will not show what the setting changes.

The keys of a scenario file are described in docs/scenario-format.md, the commands a machine
script may use (and what is refused) in docs/commands.md.

exit: 0 all files valid, 2 any error`,
  async run(argv, { io, deps }) {
    const files = oneOrMoreFiles(parseCommandArgs(argv, {}));
    let failed = false;
    for (const file of files) {
      const loaded = await loadFile(file, deps);
      if (!loaded.ok) {
        loaded.lines.forEach((line) => io.out(line));
        failed = true;
        continue;
      }
      const { scenario } = loaded;
      // The same base-script error shows in every variant's build: print it once, and name
      // the variants only for errors that come from a variant's own commands.
      const seen = new Map<string, { error: BuildError; variants: string[]; base: boolean }>();
      const warned = new Map<string, { warning: BuildWarning; variants: string[]; base: boolean }>();
      for (const variant of [undefined, ...scenario.variants.map((v) => v.id)]) {
        const world = deps.buildWorld(deps.worldSpecFor(scenario, variant));
        for (const error of world.errors) {
          const key = `${error.loc.file}:${error.loc.line}:${error.loc.col}:${error.message}`;
          const entry = seen.get(key) ?? { error, variants: [], base: false };
          if (variant === undefined) entry.base = true;
          else entry.variants.push(variant);
          seen.set(key, entry);
        }
        for (const warning of world.warnings) {
          const key = `${warning.loc.file}:${warning.loc.line}:${warning.loc.col}:${warning.machine}:${warning.netns}:${warning.key}`;
          const entry = warned.get(key) ?? { warning, variants: [], base: false };
          if (variant === undefined) entry.base = true;
          else entry.variants.push(variant);
          warned.set(key, entry);
        }
      }
      for (const { error, variants, base } of seen.values()) io.out(formatBuildError(error, base ? [] : variants));
      for (const { warning, variants, base } of warned.values()) io.out(formatBuildWarning(warning, base ? [] : variants));
      if (seen.size) {
        failed = true;
        continue;
      }
      const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
      io.out(
        `${file}: ok (${n(scenario.machines.length, 'machine')}, ${n(scenario.flows.length, 'flow')}, ${n(scenario.variants.length, 'variant')}${warned.size ? `, ${n(warned.size, 'warning')}` : ''})`,
      );
    }
    return failed ? EXIT_BAD_INPUT : EXIT_OK;
  },
};
