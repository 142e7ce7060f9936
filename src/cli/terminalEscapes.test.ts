// A scenario file, a script line or an argument may hold terminal escapes (ESC [ 2 J clears the
// screen, ESC ] 0 ; … BEL retitles the window, a C1 CSI does the same in one byte). Every CLI
// message that echoes them must show them as text: the real CLI (loader, engine, formatters)
// runs here on such input, and no control character other than newline and tab may come out,
// except podpath's own colours when colour is on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { recordingIo } from '../../test/testing/fakes';
import { terminalSafe } from './io';
import { main } from './main';
import { visible } from './visible';

const dir = mkdtempSync(join(tmpdir(), 'podpath-escapes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ESC = '\x1b';
const CLEAR = `${ESC}[2J`;
/** Any control character but newline and tab (C0, DEL, C1). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

// a NIC named with a clear-screen sequence (YAML "\e"), used by the script and traced through
const lab = join(dir, 'lab.yaml');
writeFileSync(
  lab,
  `id: esc
title: { en: "T\\e]0;retitled\\a", zh-CN: "标题" }
summary: s
networks:
  - { name: lan, kind: switch }
machines:
  - name: node1
    nics: [{ name: "e\\e[2J", network: lan }]
    script: |
      ip addr add 10.0.0.1/24 dev "e${CLEAR}"
      ip link set "e${CLEAR}" up
  - name: node2
    nics: [{ name: eth0, network: lan }]
    script: |
      ip addr add 10.0.0.2/24 dev eth0
      ip link set eth0 up
      ip link set "n${ESC}]0;x${'\x07'}" up
flows:
  - { id: ping, from: node1, to: 10.0.0.2, protocol: icmp }
`,
);
// the same lab without the broken line, so it builds and traces
const good = join(dir, 'good.yaml');
writeFileSync(good, `id: esc\ntitle: t\nsummary: s\nnetworks:\n  - { name: lan, kind: switch }\nmachines:\n  - name: node1\n    nics: [{ name: "e\\e[2J", network: lan }]\n    script: |\n      ip addr add 10.0.0.1/24 dev "e${CLEAR}"\n      ip link set "e${CLEAR}" up\n  - name: node2\n    nics: [{ name: eth0, network: lan }]\n    script: |\n      ip addr add 10.0.0.2/24 dev eth0\n      ip link set eth0 up\nflows:\n  - { id: ping, from: node1, to: 10.0.0.2, protocol: icmp }\n`);

async function run(argv: string[], color = false) {
  const io = recordingIo(color);
  const code = await main(argv, io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('terminal escapes in CLI messages', () => {
  it('validate shows an escape in a script line as text', async () => {
    const r = await run(['validate', lab]);
    expect(r.code).toBe(2);
    expect(r.out).toContain('n\\u001b]0;x\\u0007'); // validate reports on stdout
    expect(r.out + r.err).not.toMatch(CONTROL);
  });

  it('validate shows an escape in a file name and an unknown-flow argument as text', async () => {
    const r = await run(['validate', join(dir, `missing${CLEAR}.yaml`)]);
    expect(r.code).toBe(2);
    expect(r.out + r.err).toContain('missing\\u001b[2J.yaml');
    expect(r.out + r.err).not.toMatch(CONTROL);
    const flow = await run(['trace', good, '--flow', `p${CLEAR}\u009b31m`]);
    expect(flow.err).toContain('unknown flow "p\\u001b[2J\\u009b31m"');
    expect(flow.err).not.toMatch(CONTROL);
  });

  it('trace text output names the device with its escape made visible', async () => {
    const r = await run(['trace', good, '--flow', 'ping']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('sent on e\\u001b[2J to network lan');
    expect(r.out + r.err).not.toMatch(CONTROL);
  });

  it("keeps podpath's own colours when colour is on, and still neutralises the scenario's", async () => {
    const r = await run(['trace', good, '--flow', 'ping'], true);
    expect(r.out).toMatch(/\x1b\[\d+m/); // podpath's colours
    expect(r.out).not.toContain(CLEAR);
    expect(r.out).toContain('e\\u001b[2J');
  });

  it('--json stays valid JSON and keeps the name exactly', async () => {
    const r = await run(['trace', good, '--flow', 'ping', '--json']);
    const trace = JSON.parse(r.out) as object;
    expect(JSON.stringify(trace)).toContain('e\\u001b[2J');
    // a C1 control or DEL, which JSON.stringify leaves raw, becomes an escape JSON reads back
    expect(JSON.parse(terminalSafe(JSON.stringify({ s: 'a\u009b\u007fb' }), false))).toEqual({ s: 'a\u009b\u007fb' });
  });

  it('visible() keeps newlines and tabs, escapes the rest', () => {
    expect(visible(`a\tb\nc${ESC}[31md\u009be\u2028`)).toBe('a\tb\nc\\u001b[31md\\u009be\\u2028');
  });
});
