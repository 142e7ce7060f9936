// `podpath pcap` with the real loader and engine: the file it writes, --dev and --variant,
// and its errors (exit 2, a message that says what was expected).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPcapng } from '../../test/testing/pcapngFile';
import { recordingIo } from '../../test/testing/fakes';
import { runCli } from './cli';
import { main, realDeps } from './main';

const FILE = 'scenarios/calico-ipip.yaml';
const FLOW = 'pod-a-ping-pod-b';
const IF_NAME = 2;
const dir = mkdtempSync(join(tmpdir(), 'podpath-pcap-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  const io = recordingIo();
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('podpath pcap', () => {
  it('writes the flow as pcapng to -o and says how much, exit 0', async () => {
    const out = join(dir, 'flow.pcapng');
    const r = await run(['pcap', FILE, '--flow', FLOW, '-o', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const file = readPcapng(new Uint8Array(readFileSync(out)));
    expect(r.out).toBe(`${out}: ${file.packets.length} packets on ${file.interfaces.length} devices`);
    expect(file.packets.length).toBeGreaterThan(10);
    expect(file.interfaces.map((i) => i.options[IF_NAME])).toContain('node2:tunl0');
  });
  it('keeps only the --dev devices', async () => {
    const out = join(dir, 'dev.pcapng');
    const r = await run(['pcap', FILE, '--flow', FLOW, '--dev', 'node1:eth0', '--dev', 'node2/pod-b:eth0', '-o', out]);
    expect(r.code).toBe(0);
    const names = readPcapng(new Uint8Array(readFileSync(out))).interfaces.map((i) => i.options[IF_NAME]);
    expect(names.sort()).toEqual(['node1:eth0', 'node2/pod-b:eth0']);
  });
  it('writes FLOW-VARIANT.pcapng (in the working directory) without -o', async () => {
    const written = new Map<string, Uint8Array>();
    const io = recordingIo();
    const code = await runCli(['pcap', FILE, '--flow', FLOW, '--variant', 'tunl0-down'], io, { ...realDeps, writeFile: (path, data) => void written.set(path, data) });
    expect(code).toBe(0);
    expect([...written.keys()]).toEqual([`${FLOW}-tunl0-down.pcapng`]);
  });
  it('refuses a --dev that is not MACHINE[/NETNS]:DEV, exit 2', async () => {
    const r = await run(['pcap', FILE, '--flow', FLOW, '--dev', 'eth0', '-o', join(dir, 'x.pcapng')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe('podpath pcap: --dev takes MACHINE:DEV or MACHINE/NETNS:DEV, not "eth0"');
  });
  it('refuses a device the flow does not cross and lists those it does, exit 2', async () => {
    const r = await run(['pcap', FILE, '--flow', FLOW, '--dev', 'node9:eth0', '-o', join(dir, 'x.pcapng')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^${FILE}: flow "${FLOW}" does not cross node9:eth0; it crosses: node1/pod-a:eth0, .*node2:tunl0`));
  });
  it('refuses an unknown flow, a missing --flow and an unknown variant, exit 2', async () => {
    const unknown = await run(['pcap', FILE, '--flow', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(new RegExp(`^${FILE}: unknown flow "nope"; flows: .*${FLOW}`));
    const missing = await run(['pcap', FILE]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^podpath pcap: missing --flow ID; flows in /);
    const variant = await run(['pcap', FILE, '--flow', FLOW, '--variant', 'nope']);
    expect(variant.code).toBe(2);
    expect(variant.err).toMatch(/unknown variant "nope"; variants: /);
  });
  it('says so when the file cannot be written, exit 2', async () => {
    const r = await run(['pcap', FILE, '--flow', FLOW, '-o', join(dir, 'no/such/dir/x.pcapng')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^podpath pcap: cannot write .*x\.pcapng: ENOENT/);
  });
});
