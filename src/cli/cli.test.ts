import { describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { ExportRefused } from './exportScript';
import { deliveredTrace, fakeDeps, fakeFlow, fakeScenario, fakeVariant, recordingIo, rpDrop } from '../../test/testing/fakes';

const FILE = 'scenarios/fake.yaml';
const text = (en: string) => ({ en, 'zh-CN': en });
const scenario = fakeScenario(
  FILE,
  [fakeFlow('ok-flow', 'delivered'), fakeFlow('rp-flow', { dropped: 'IP_RPFILTER', at: 'node1' }), fakeFlow('free-flow')],
  [fakeVariant('fixed', { 'rp-flow': 'delivered' }), fakeVariant('other')],
);
const badFile = {
  ok: false as const,
  errors: [
    { file: 'scenarios/bad.yaml', line: 3, col: 5, code: 'schema', message: 'expected a list of machines' },
    { file: 'scenarios/bad.yaml', line: 9, col: 7, code: 'unknown-command', message: 'unknown command "ip foo"' },
  ],
};
const buildError = (line: number, message: string) => ({
  loc: { file: FILE, line, col: 7 },
  machine: 'node1',
  command: 'ip route add 10.0.0.0/8 via 10.9.9.9',
  message,
});

/** The default lab: ok-flow delivered, rp-flow dropped by rp_filter unless `fixed`. */
function deps(extra: Partial<Parameters<typeof fakeDeps>[0]> = {}) {
  return fakeDeps({
    files: { [FILE]: scenario, 'scenarios/bad.yaml': badFile },
    outcomes: { 'rp-flow': rpDrop, 'fixed:rp-flow': 'delivered' },
    ...extra,
  });
}

async function run(argv: string[], d = deps()) {
  const io = recordingIo();
  const code = await runCli(argv, io, d);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

describe('podpath (top level)', () => {
  it('prints usage on stderr and exits 2 without a command', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('usage: podpath COMMAND');
  });
  it('prints usage naming every command for --help, exit 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const name of ['validate', 'trace', 'matrix', 'export-script', 'pcap']) expect(r.out).toContain(name);
  });
  it('names the commands that exist for an unknown one, exit 2', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "frobnicate".*validate, trace, matrix, export-script, pcap/);
  });
  it('gives each command its --help, exit 0, and `help CMD` does the same', async () => {
    for (const name of ['validate', 'trace', 'matrix', 'export-script', 'pcap']) {
      const r = await run([name, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.out, name).toContain(`usage: podpath ${name}`);
      expect((await run(['help', name])).out).toBe(r.out);
    }
  });
  it('prints the version', async () => {
    expect((await run(['--version'])).out).toBe('0.0.0-test');
  });
  it('turns an unknown option into a usage error, exit 2', async () => {
    const r = await run(['trace', FILE, '--flow', 'ok-flow', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Unknown option '--bogus'");
    expect(r.err).toContain('usage: podpath trace');
  });
  it('reports a crash in the engine as an internal error, exit 3, not as a verdict', async () => {
    const d = deps();
    d.buildWorld = () => {
      throw new Error('boom');
    };
    const r = await run(['matrix', FILE], d);
    expect(r.code).toBe(3);
    expect(r.err).toContain('internal error');
    expect(r.err).toContain('boom');
  });
});

describe('podpath validate', () => {
  it('says ok for a valid file, exit 0', async () => {
    const r = await run(['validate', FILE]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${FILE}: ok (1 machine, 3 flows, 2 variants)`);
  });
  it('prints every error as file:line:col: message, exit 2', async () => {
    const r = await run(['validate', 'scenarios/bad.yaml', FILE]);
    expect(r.code).toBe(2);
    expect(r.out.split('\n')).toEqual([
      'scenarios/bad.yaml:3:5: expected a list of machines',
      'scenarios/bad.yaml:9:7: unknown command "ip foo"',
      `${FILE}: ok (1 machine, 3 flows, 2 variants)`,
    ]);
  });
  it('reports a file that cannot be read, exit 2', async () => {
    const r = await run(['validate', 'nope.yaml']);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^nope\.yaml: cannot read: ENOENT/);
  });
  it('reports build errors once, naming the variants only for variant-only errors, exit 2', async () => {
    const base = buildError(12, 'Nexthop has invalid gateway');
    const onlyFixed = buildError(40, 'RTNETLINK answers: File exists');
    const d = deps({ buildErrors: { '': [base], fixed: [base, onlyFixed], other: [base] } });
    const r = await run(['validate', FILE], d);
    expect(r.code).toBe(2);
    expect(r.out.split('\n')).toEqual([
      `${FILE}:12:7: node1: ip route add 10.0.0.0/8 via 10.9.9.9: Nexthop has invalid gateway`,
      `${FILE}:40:7: node1: ip route add 10.0.0.0/8 via 10.9.9.9: RTNETLINK answers: File exists [variant fixed]`,
    ]);
  });
  it('prints what the lab sets without podpath modelling it as warnings, once, and stays valid, exit 0', async () => {
    const warning = (line: number, key: string, netns = '') => ({
      code: 'sysctl-unmodelled' as const,
      machine: 'node1',
      netns,
      key,
      value: '1',
      loc: { file: FILE, line, col: 7 },
      command: `sysctl -w ${key}=1`,
    });
    const base = warning(5, 'net.ipv4.tcp_syncookies');
    const onlyOther = warning(30, 'net.ipv4.conf.all.arp_filter', 'pod');
    const d = deps({ buildWarnings: { '': [base], fixed: [base], other: [base, onlyOther] } });
    const r = await run(['validate', FILE], d);
    expect(r.code).toBe(0);
    const said = 'Linux has this kernel parameter, podpath does not model it (kept, changes nothing in the trace)';
    expect(r.out.split('\n')).toEqual([
      `${FILE}:5:7: warning: node1: sysctl -w net.ipv4.tcp_syncookies=1: ${said}`,
      `${FILE}:30:7: warning: node1 (netns pod): sysctl -w net.ipv4.conf.all.arp_filter=1: ${said} [variant other]`,
      `${FILE}: ok (1 machine, 3 flows, 2 variants, 2 warnings)`,
    ]);
  });
  it('needs at least one FILE, exit 2', async () => {
    expect((await run(['validate'])).code).toBe(2);
  });
});

describe('podpath trace', () => {
  it('prints legs, events, matched lines and the verdict; exit 0 when the expectation is met', async () => {
    const r = await run(['trace', FILE, '--flow', 'ok-flow']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('flow ok-flow: tcp node1/pod1 → 10.244.2.3:8080');
    expect(r.out).toContain('── SYN · delivered');
    expect(r.out).toMatch(/1 {2}node1\/pod1 eth0 {2}ip_route_output {2}to 10\.244\.2\.3 via 10\.244\.1\.1 dev eth0, source 10\.244\.1\.3/);
    expect(r.out).toContain('matched: default via 10.244.1.1 dev eth0');
    expect(r.out).toContain('expected: delivered — met');
  });
  it('exits 0 for an expected drop and prints reason, explanation and fix', async () => {
    const r = await run(['trace', FILE, '--flow', 'rp-flow']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('drop:    IP_RPFILTER at node1 eth0 (fib_validate_source)');
    expect(r.out).toContain('what:  martian source: strict rp_filter: the route back to the source leaves by eth1, not eth0 where the packet came in');
    expect(r.out).toContain('why:   Reverse-path filtering:');
    expect(r.out).toContain('fix:   Add a route back to the source via the incoming device');
  });
  it('speaks 简体中文 with --lang zh-CN, and refuses a language it does not have (exit 2)', async () => {
    const zh = await run(['trace', FILE, '--flow', 'rp-flow', '--lang', 'zh-CN']);
    expect(zh.code).toBe(0);
    expect(zh.out).toContain('what:  火星源地址：严格 rp_filter：回到源地址的路由从 eth1 出去，而不是包进来的 eth0');
    expect(zh.out).toContain('why:   反向路径过滤');
    const bad = await run(['trace', FILE, '--flow', 'rp-flow', '--lang', 'fr']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--lang takes en or zh-CN');
  });
  it('exits 1 when the variant changes the outcome against its expectation', async () => {
    const d = deps({ outcomes: { 'rp-flow': rpDrop, 'fixed:rp-flow': rpDrop } });
    const r = await run(['trace', FILE, '--flow', 'rp-flow', '--variant', 'fixed'], d);
    expect(r.code).toBe(1);
    expect(r.out).toContain('expected: delivered — NOT MET');
    expect(r.out.split('\n')[0]).toBe('flow rp-flow: tcp node1/pod1 → 10.244.2.3:8080 (variant fixed)');
  });
  it('exits 0 for a flow without expectation', async () => {
    expect((await run(['trace', FILE, '--flow', 'free-flow'])).code).toBe(0);
  });
  it('prints the trace JSON with --json whatever the verdict, keeping the exit code', async () => {
    const d = deps({ outcomes: { 'ok-flow': rpDrop } });
    const r = await run(['trace', FILE, '--flow', 'ok-flow', '--json'], d);
    expect(r.code).toBe(1);
    const parsed = JSON.parse(r.out);
    expect(parsed.verdict).toBe('dropped');
    expect(parsed.legs[0].drop.reason).toBe('IP_RPFILTER');
    const ok = await run(['trace', FILE, '--flow', 'ok-flow', '--json']);
    expect(JSON.parse(ok.out)).toEqual(deliveredTrace(scenario.flows[0]));
  });
  it('names the flows that exist for an unknown flow, exit 2', async () => {
    const r = await run(['trace', FILE, '--flow', 'nope']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${FILE}: unknown flow "nope"; flows: ok-flow, rp-flow, free-flow`);
  });
  it('names the flows that exist when --flow is missing, exit 2', async () => {
    const r = await run(['trace', FILE]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('missing --flow ID; flows in scenarios/fake.yaml: ok-flow, rp-flow, free-flow');
  });
  it('names the variants that exist for an unknown variant, exit 2', async () => {
    const r = await run(['trace', FILE, '--flow', 'ok-flow', '--variant', 'nope']);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${FILE}: unknown variant "nope"; variants: fixed, other`);
  });
  it('prints scenario errors and exits 2 for an invalid file', async () => {
    const r = await run(['trace', 'scenarios/bad.yaml', '--flow', 'x']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('scenarios/bad.yaml:3:5: expected a list of machines');
  });
  it('prints build errors and exits 2 when the lab does not build', async () => {
    const r = await run(['trace', FILE, '--flow', 'ok-flow'], deps({ buildErrors: { '': [buildError(12, 'Nexthop has invalid gateway')] } }));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${FILE}:12:7: node1:`);
  });
  it('refuses two FILEs, exit 2', async () => {
    expect((await run(['trace', FILE, FILE, '--flow', 'ok-flow'])).code).toBe(2);
  });
  it('uses colour only when asked to (stdout is a TTY)', async () => {
    const plain = await run(['trace', FILE, '--flow', 'rp-flow']);
    expect(plain.out).not.toContain('\x1b[');
    const io = recordingIo(true);
    await runCli(['trace', FILE, '--flow', 'rp-flow'], io, deps());
    expect(io.stdout.join('\n')).toContain('\x1b[31m');
  });
});

describe('podpath matrix', () => {
  it('prints one row per flow and exits 0 when every expectation is met', async () => {
    const r = await run(['matrix', FILE]);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^FLOW\s+PROTO\s+TO\s+VERDICT\s+DROP\s+EXPECTED\s+RESULT$/);
    expect(lines[1]).toMatch(/^ok-flow\s+tcp\s+10\.244\.2\.3:8080\s+delivered\s+-\s+delivered\s+ok$/);
    expect(lines[2]).toMatch(/^rp-flow\s+tcp\s+\S+\s+dropped\s+IP_RPFILTER at node1\s+dropped IP_RPFILTER at node1\s+ok$/);
    expect(lines[3]).toMatch(/^free-flow\s.*\s-$/);
    expect(r.out).toContain('3 flows, 2 with an expectation: 2 met, 0 not met');
  });
  it('exits 1 when any expectation fails', async () => {
    const r = await run(['matrix', FILE, '--variant', 'other'], deps({ outcomes: { 'ok-flow': rpDrop, 'rp-flow': rpDrop } }));
    expect(r.code).toBe(1);
    expect(r.out).toContain('(variant other)');
    expect(r.out).toMatch(/ok-flow.*FAIL/);
    expect(r.out).toContain('1 not met');
  });
  it('uses the variant\'s expectations', async () => {
    const r = await run(['matrix', FILE, '--variant', 'fixed']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/rp-flow\s+tcp\s+\S+\s+delivered\s+-\s+delivered\s+ok/);
  });
  it('exits 2 for an unknown variant', async () => {
    expect((await run(['matrix', FILE, '--variant', 'x'])).code).toBe(2);
  });
  it('refuses --variant with --all-variants, and a language it does not speak, exit 2', async () => {
    expect((await run(['matrix', FILE, '--variant', 'fixed', '--all-variants'])).err).toContain('--variant and --all-variants exclude each other');
    expect((await run(['matrix', FILE, '--variant', 'fixed', '--all-variants'])).code).toBe(2);
    expect((await run(['matrix', FILE, '--lang', 'fr'])).code).toBe(2);
  });

  it('--all-variants: one matrix per variant, then the conversations each variant changes', async () => {
    const r = await run(['matrix', FILE, '--all-variants']);
    expect(r.code).toBe(0);
    const titles = r.out.split('\n').filter((l) => l.startsWith(FILE));
    expect(titles).toEqual([`${FILE} (as written)`, `${FILE} (variant fixed)`, `${FILE} (variant other)`]);
    expect(r.out).toContain('what each variant changes against the lab as written:');
    expect(r.out).toContain('  fixed: 1 conversation ends differently\n    rp-flow: dropped IP_RPFILTER at node1 → delivered');
    expect(r.out).toContain('  other: no conversation ends differently');
  });
  it('--all-variants exits 1 when any variant misses an expectation', async () => {
    const r = await run(['matrix', FILE, '--all-variants'], deps({ outcomes: { 'rp-flow': rpDrop, 'other:ok-flow': rpDrop } }));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/variant other\)\n.*\nok-flow.*FAIL/);
  });

  it('--json: every conversation with its verdict, drop reason, where and expectation', async () => {
    const r = await run(['matrix', FILE, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ file: FILE, mode: 'declared' });
    expect(json.matrices).toHaveLength(1);
    const cells = json.matrices[0].cells;
    expect(cells.map((c: { flow: string }) => c.flow)).toEqual(['ok-flow', 'rp-flow', 'free-flow']);
    expect(cells[1]).toMatchObject({
      flow: 'rp-flow',
      from: 'node1/pod1',
      protocol: 'tcp',
      to: '10.244.2.3:8080',
      verdict: 'dropped',
      reason: 'IP_RPFILTER',
      where: 'node1',
      at: { machine: 'node1', netns: '', dev: 'eth0', dir: 'in' },
      fn: 'fib_validate_source',
      expect: { dropped: 'IP_RPFILTER', at: 'node1' },
      met: true,
    });
    expect(cells[0]).toMatchObject({ verdict: 'delivered', outcome: { code: 'connected' } });
    expect(cells[0].reason).toBeUndefined();
  });
  it('--json --all-variants lists what each variant changes', async () => {
    const json = JSON.parse((await run(['matrix', FILE, '--json', '--all-variants'])).out);
    expect(json.matrices.map((m: { variant: string | null }) => m.variant)).toEqual([null, 'fixed', 'other']);
    expect(json.changes[0]).toEqual({
      variant: 'fixed',
      against: null,
      changes: [{ row: 'from:node1/pod1', column: 'to:tcp 10.244.2.3:8080', flow: 'rp-flow', before: { verdict: 'dropped', reason: 'IP_RPFILTER', where: 'node1' }, after: { verdict: 'delivered' } }],
      added: 0,
      removed: 0,
    });
  });

  it('lays flows out as the article\'s table and numbers the cells that differ from the article', async () => {
    const withTable = {
      ...scenario,
      flowCells: {
        'ok-flow': { row: text('Pod'), column: text('Service'), article: { says: 'delivered' as const, variants: {} } },
        'rp-flow': { row: text('Pod'), column: text('Remote pod'), article: { says: 'delivered' as const, variants: { fixed: 'delivered' as const }, note: { en: 'The article has no rp_filter.', 'zh-CN': '原文没有 rp_filter。' } } },
      },
    };
    const d = deps({ files: { [FILE]: withTable } });
    const r = await run(['matrix', FILE], d);
    expect(r.code).toBe(0);
    const table = r.out.split('\n').slice(r.out.split('\n').indexOf('') + 1);
    expect(table[0]).toMatch(/^\s+Service\s+Remote pod\s+tcp 10\.244\.2\.3:8080$/);
    expect(table[1]).toMatch(/^Pod\s+ok\s+IP_RPFILTER@node1 \[1\]\s+·$/);
    expect(table[2]).toMatch(/^node1\/pod1\s+·\s+·\s+ok$/);
    expect(r.out).toContain('[1] rp-flow: the article says delivered; computed dropped IP_RPFILTER at node1\n      The article has no rp_filter.');
    expect((await run(['matrix', FILE, '--lang', 'zh-CN'], d)).out).toContain('原文没有 rp_filter。');
    // fixed: rp-flow is delivered, as the article says once it has made that change
    expect((await run(['matrix', FILE, '--variant', 'fixed'], d)).out).not.toContain('[1]');
  });

  it('--pairs: every namespace with an address against every address, listener and Service port', async () => {
    const dev = (machine: string, netns: string, name: string, addresses: string[]) => ({ machine, netns, name, kind: name === 'lo' ? ('loopback' as const) : ('veth' as const), mac: '02:00:00:00:00:01', up: true, mtu: 1500, addresses });
    const d = deps({
      files: {
        [FILE]: { ...scenario, services: [{ service: 'default/web', kind: 'cluster-ip' as const, protocol: 'tcp' as const, addr: '10.96.0.1', port: 80 }] },
      },
      devices: [dev('node1', '', 'lo', ['127.0.0.1/8']), dev('node1', '', 'eth0', ['10.0.0.1/24']), dev('node1', 'pod1', 'lo', []), dev('node1', 'pod1', 'eth0', ['10.244.1.2/24']), dev('node1', 'empty', 'lo', ['127.0.0.1/8'])],
      listeners: [{ machine: 'node1', netns: 'pod1', proto: 'tcp', port: 8080, command: 'nc -lk 8080' }],
      outcomes: { 'node1/pod1 icmp 10.0.0.1': rpDrop, 'node1 tcp 10.96.0.1:80': rpDrop },
    });
    const r = await run(['matrix', FILE, '--pairs'], d);
    expect(r.code).toBe(0);
    expect(r.out).toContain('2 sources × 4 destinations');
    expect(r.out).toMatch(/ 1 +icmp 10\.0\.0\.1 +address node1\n +2 +icmp 10\.244\.1\.2 +address node1\/pod1\n +3 +tcp 10\.244\.1\.2:8080 +listener node1\/pod1\n +4 +tcp 10\.96\.0\.1:80 +cluster-ip default\/web/);
    expect(r.out).toMatch(/drops:\n +a +IP_RPFILTER at node1 eth0 +\(fib_validate_source\)/);
    expect(r.out).toMatch(/SOURCE +1 +2 +3 +4\nnode1 +ok +ok +ok +a\nnode1\/pod1 +a +ok +ok +ok$/);
    const json = JSON.parse((await run(['matrix', FILE, '--pairs', '--json'], d)).out);
    expect(json.matrices[0].cells).toHaveLength(8);
    expect(json.matrices[0].cells[3]).toMatchObject({ row: 0, column: 3, from: 'node1', to: '10.96.0.1:80', reason: 'IP_RPFILTER', where: 'node1' });
    expect(json.matrices[0].cells[6]).toMatchObject({ from: 'node1/pod1', to: '10.244.1.2:8080', self: true });
  });
});

describe('podpath export-script', () => {
  it('prints exportScript() for the scenario, variant and prefix', async () => {
    const d = deps();
    const r = await run(['export-script', FILE, '--variant', 'fixed', '--prefix', 'pp-'], d);
    expect(r.code).toBe(0);
    expect(r.out).toBe('#!/bin/bash\n# fake fixed pp-');
    expect(d.exported).toEqual([{ scenario: 'fake', variantId: 'fixed', opts: { prefix: 'pp-' } }]);
  });
  it('passes no prefix when none is given', async () => {
    const d = deps();
    await run(['export-script', FILE], d);
    expect(d.exported).toEqual([{ scenario: 'fake', variantId: undefined, opts: {} }]);
  });
  it('exits 2 with the reason when the lab cannot be exported (a vpc network)', async () => {
    const d = deps();
    d.exportScript = () => {
      throw new ExportRefused('network vpc is a vpc network');
    };
    const r = await run(['export-script', FILE], d);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${FILE}: cannot export: network vpc is a vpc network`);
  });
  it('exits 2 on a missing file', async () => {
    const r = await run(['export-script', 'missing.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('missing.yaml: cannot read');
  });
});

describe('trace text', () => {
  it('aligns every state object a decision used (the ip rule, then the route)', async () => {
    const { formatTrace } = await import('./formatTrace');
    const { paint } = await import('./io');
    const base = deliveredTrace(scenario.flows[0]);
    const event = {
      ...base.legs[0].events[0],
      refs: [
        { type: 'rule', index: 1, priority: 32766, line: '32766: from all lookup main' },
        { type: 'route', table: 254, index: 0, line: 'default via 10.244.1.1 dev eth0' },
      ] as const,
    };
    const text = formatTrace({ ...base, legs: [{ ...base.legs[0], events: [event] }] }, undefined, paint(false));
    expect(text).toContain('     matched: 32766: from all lookup main\n              default via 10.244.1.1 dev eth0');
  });
});
