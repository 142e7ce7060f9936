// `podpath pcap FILE --flow ID -o out.pcap`: not written yet; says so rather than pretend.
import { parseCommandArgs } from '../args';
import { EXIT_BAD_INPUT } from '../exitCodes';
import type { Command } from './command';

export const NOT_IMPLEMENTED = 'not implemented yet (issue: later)';

export const pcap: Command = {
  name: 'pcap',
  summary: `write a flow's packets as a pcap file — ${NOT_IMPLEMENTED}`,
  help: `usage: podpath pcap FILE --flow ID [--variant ID] -o OUT.pcap

Writes every packet of the flow's conversation, as each device saw it, to a pcap file for
Wireshark or tcpdump -r. ${NOT_IMPLEMENTED}.

exit: 2 (not implemented yet)`,
  async run(argv, { io }) {
    parseCommandArgs(argv, { flow: { type: 'string' }, variant: { type: 'string' }, output: { type: 'string', short: 'o' } });
    io.err(`podpath pcap: ${NOT_IMPLEMENTED}`);
    return EXIT_BAD_INPUT;
  },
};
