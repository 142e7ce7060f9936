// `podpath pcap FILE --flow ID [--variant ID] [--dev DEV …] [-o OUT]`: the flow's conversation as
// a pcapng capture, one interface per device, with the bytes of each packet as the trace shows
// it there (src/engine/pcap, src/engine/wire; docs/pcap.md).
import { oneFile, parseCommandArgs, stringOpt } from '../args';
import { EXIT_BAD_INPUT, EXIT_OK } from '../exitCodes';
import { captureFileName, traceCapture } from '../../engine/pcap/capture';
import { deviceHops, deviceName, parseDeviceSelector, type DeviceSelector } from '../../engine/pcap/hops';
import { listIds, openScenario, pickFlow } from '../open';
import type { Command } from './command';

export const pcap: Command = {
  name: 'pcap',
  summary: "write a flow's packets, as each device saw them, to a pcapng file",
  help: `usage: podpath pcap FILE --flow ID [--variant ID] [--dev MACHINE[/NETNS]:DEV ...] [-o OUT.pcapng]

Writes every packet of the flow's conversation (ARP included), as each device it crossed sent
or received it, to a pcapng file for Wireshark, tshark or tcpdump -r: one interface per device
(named MACHINE:DEV, or MACHINE/NETNS:DEV in a named namespace), one packet per step where the
trace shows the packet on a device, 1 ms apart in step order, each with the step as its
comment. Headers are real bytes with valid checksums; what the trace does not say (IP ids, TCP
windows, payload bytes) is chosen deterministically: see docs/pcap.md.

  --flow ID        the flow to capture (its id in the scenario's flows:)
  --variant ID     apply this variant's edits first
  --dev DEV        only this device (repeatable): MACHINE:DEV in the machine's root
                   namespace, MACHINE/NETNS:DEV in a named one
  -o, --output OUT the file to write (default: FLOW.pcapng, or FLOW-VARIANT.pcapng)

Tunnel devices without a link header (ipip) are raw-IP interfaces (link type 101), as tcpdump
shows them; every other device is Ethernet (link type 1). Wireshark reads UDP port 4789 as
VXLAN; for another port (flannel's 8472) decode it as VXLAN: tshark -d udp.port==8472,vxlan.

exit: 0 written, 2 bad input (scenario errors, unknown flow, variant or device, a file that
      cannot be written)`,
  async run(argv, { io, deps }) {
    const args = parseCommandArgs(argv, {
      flow: { type: 'string' },
      variant: { type: 'string' },
      dev: { type: 'string', multiple: true },
      output: { type: 'string', short: 'o' },
    });
    const file = oneFile(args);
    const flowId = stringOpt(args, 'flow');
    const variant = stringOpt(args, 'variant');
    const devTexts = (args.values.dev as unknown as string[] | undefined) ?? [];
    const devices: DeviceSelector[] = [];
    for (const text of devTexts) {
      const selector = parseDeviceSelector(text);
      if (!selector) {
        io.err(`podpath pcap: --dev takes MACHINE:DEV or MACHINE/NETNS:DEV, not "${text}"`);
        return EXIT_BAD_INPUT;
      }
      devices.push(selector);
    }
    const opened = await openScenario(file, variant, deps, io.err);
    if (typeof opened === 'number') return opened;

    const flow = pickFlow('pcap', file, opened, flowId, io.err);
    if (typeof flow === 'number') return flow;

    const trace = opened.world.trace(flow);
    const crossed = [...new Set(deviceHops(trace).map(deviceName))];
    const unknown = devTexts.filter((_, i) => !crossed.includes(deviceName(devices[i])));
    if (unknown.length) {
      io.err(`${file}: flow "${flow.id}" does not cross ${unknown.join(', ')}; it crosses: ${listIds(crossed)}`);
      return EXIT_BAD_INPUT;
    }
    const capture = traceCapture(trace, devices);
    const out = stringOpt(args, 'output') ?? captureFileName(flow.id, variant);
    try {
      await deps.writeFile(out, capture.bytes);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException | undefined)?.code;
      if (typeof code === 'string' && code.startsWith('E')) {
        io.err(`podpath pcap: cannot write ${out}: ${(error as Error).message}`);
        return EXIT_BAD_INPUT;
      }
      throw error;
    }
    io.out(`${out}: ${capture.packets.length} packets on ${capture.interfaces.length} devices`);
    return EXIT_OK;
  },
};
