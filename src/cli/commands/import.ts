// `podpath import SNAPSHOT… [-o FILE] [--name NAME…] [--id ID]`: node snapshots (from
// podpath-collect.sh) to a scenario file; the work is src/scenario/import (pure, shared with
// the page). What cannot be represented is printed as notes and written in the file.
import { readFile, writeFile } from 'node:fs/promises';
import { ImportError, importSnapshots, parseSnapshot, type ImportInput } from '../../scenario/import';
import { parseCommandArgs, stringOpt, UsageError } from '../args';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exitCodes';
import type { Command } from './command';

export const importCommand: Command = {
  name: 'import',
  summary: 'turn node snapshots (podpath collect-script) into a scenario file',
  help: `usage: podpath import SNAPSHOT... [-o FILE] [--name NAME]... [--id ID]

Reads one or more snapshots written by the collector (podpath collect-script) and writes a
scenario: one machine per snapshot, its namespaces, devices, addresses, routes, rules,
neighbours, FDB entries, sysctls, ipsets, iptables and IPVS services as the commands that
recreate them; NICs whose IPv4 networks overlap share one switch network. What cannot be
represented is printed as a note and listed in the file. Add flows (and the listeners, which
a snapshot does not hold) to trace.

  -o FILE (--output FILE)  write the scenario here (default: standard output)
  --name NAME              the machine's name, once per SNAPSHOT in order (default: its hostname)
  --id ID                  the scenario's id (default: imported-MACHINE)

exit: 0 written, 2 bad input (a file that is not a snapshot, names that clash)`,
  async run(argv, { io }) {
    const args = parseCommandArgs(argv, {
      output: { type: 'string', short: 'o' },
      name: { type: 'string', multiple: true },
      id: { type: 'string' },
    });
    const files = args.positionals;
    if (!files.length) throw new UsageError('missing SNAPSHOT (a JSON file from podpath-collect.sh)');
    const names = (args.values.name as unknown as string[] | undefined) ?? [];
    if (names.length > files.length) throw new UsageError(`${names.length} --name for ${files.length} snapshot(s)`);
    const id = stringOpt(args, 'id');
    if (id !== undefined && !/^[a-z0-9][a-z0-9._-]*$/.test(id)) throw new UsageError(`--id "${id}": expected lower-case letters, digits, ".", "_" and "-"`);
    const inputs: ImportInput[] = [];
    let bad = false;
    for (const [i, file] of files.entries()) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        io.err(`${file}: cannot read: ${(error as Error).message}`);
        bad = true;
        continue;
      }
      const parsed = parseSnapshot(text, file);
      if (!parsed.ok) {
        for (const e of parsed.errors) io.err(e);
        bad = true;
        continue;
      }
      inputs.push({ snapshot: parsed.snapshot, file, ...(names[i] !== undefined ? { name: names[i] } : {}) });
    }
    if (bad) return EXIT_BAD_INPUT;
    let result;
    try {
      result = importSnapshots(inputs, id ? { id } : {});
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      io.err(`podpath import: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    for (const n of result.notes) io.err(`note: ${n}`);
    const output = stringOpt(args, 'output');
    if (output === undefined) io.out(result.yaml.trimEnd());
    else {
      try {
        await writeFile(output, result.yaml);
      } catch (error) {
        io.err(`${output}: cannot write: ${(error as Error).message}`);
        return EXIT_BAD_INPUT;
      }
      io.err(`${output}: ${inputs.length} machine(s), ${result.notes.length} note(s)`);
    }
    return EXIT_OK;
  },
};
