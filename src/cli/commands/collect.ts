// `podpath collect-script`: prints scripts/podpath-collect.sh, the POSIX sh collector to run
// as root on a node (docs/debug-your-node.md); `podpath import` reads what it writes.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { parseCommandArgs, stringOpt, UsageError } from '../args';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exitCodes';
import type { Command } from './command';

const SCRIPT = new URL('../../../scripts/podpath-collect.sh', import.meta.url);

export const collectScript: Command = {
  name: 'collect-script',
  summary: 'print the collector to run on a node: its network configuration as a snapshot',
  help: `usage: podpath collect-script [-o FILE]

Prints scripts/podpath-collect.sh, a POSIX sh script to run as root on a Linux node. It
changes nothing: it reads the network configuration of every namespace it can enter (ip,
bridge, iptables-save, ipset, ipvsadm, sysctls) and prints one JSON snapshot that
\`podpath import\` turns into a lab. Its options (sh podpath-collect.sh --help):
--name NAME, --root NETNS, --netns NETNS[=LABEL], --conntrack, --redact, -o FILE.
docs/debug-your-node.md says exactly what it reads.

  -o FILE (--output FILE)  write it to FILE (made executable) instead of standard output

exit: 0 printed or written, 2 the file cannot be written`,
  async run(argv, { io }) {
    const args = parseCommandArgs(argv, { output: { type: 'string', short: 'o' } });
    if (args.positionals.length) throw new UsageError(`unexpected operand ${args.positionals[0]}`);
    const script = await readFile(SCRIPT, 'utf8');
    const output = stringOpt(args, 'output');
    if (output === undefined) {
      io.out(script.trimEnd());
      return EXIT_OK;
    }
    try {
      await writeFile(output, script);
      await chmod(output, 0o755);
    } catch (error) {
      io.err(`${output}: cannot write: ${(error as Error).message}`);
      return EXIT_BAD_INPUT;
    }
    return EXIT_OK;
  },
};
