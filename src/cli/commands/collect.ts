// `podpath collect-script`: prints scripts/podpath-collect.sh, the POSIX sh collector to run
// as root on a node (docs/debug-your-node.md); `podpath import` reads what it writes.
import { readFile } from 'node:fs/promises';
import { parseCommandArgs, UsageError } from '../args';
import { EXIT_OK } from '../exitCodes';
import type { Command } from './command';

const SCRIPT = new URL('../../../scripts/podpath-collect.sh', import.meta.url);

export const collectScript: Command = {
  name: 'collect-script',
  summary: 'print the collector to run on a node: its network configuration as a snapshot',
  help: `usage: podpath collect-script

Prints scripts/podpath-collect.sh, a POSIX sh script to run as root on a Linux node. It
changes nothing: it reads the network configuration of every namespace it can enter (ip,
bridge, iptables-save, ipset, ipvsadm, sysctls) and prints one JSON snapshot that
\`podpath import\` turns into a lab. Its options (sh podpath-collect.sh --help):
--name NAME, --root NETNS, --netns NETNS[=LABEL], --conntrack, --redact, -o FILE.
docs/debug-your-node.md says exactly what it reads.

exit: 0 printed`,
  async run(argv, { io }) {
    const args = parseCommandArgs(argv, {});
    if (args.positionals.length) throw new UsageError(`unexpected operand ${args.positionals[0]}`);
    io.out((await readFile(SCRIPT, 'utf8')).trimEnd());
    return EXIT_OK;
  },
};
