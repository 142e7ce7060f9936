// The real CLI (real loader and engine) on the repository's own files: every malformed
// fixture is refused with its place and exit code 2; every shipped scenario validates and
// meets every expectation of every variant.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../scenario/node';
import { main } from './main';
import { recordingIo } from '../../test/testing/fakes';

const bad = readdirSync('test/fixtures/bad').filter((f) => f.endsWith('.yaml'));
const scenarios = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

describe('podpath validate on malformed scenario files', () => {
  it.each(bad)('refuses %s with file:line:col and exit code 2', async (file) => {
    const io = recordingIo();
    const code = await main(['validate', `test/fixtures/bad/${file}`], io);
    expect(code).toBe(2);
    expect(io.stderr.join('') + io.stdout.join('')).toMatch(new RegExp(`test/fixtures/bad/${file.replace('.', '\\.')}:\\d+:\\d+: `));
  });
});

describe('podpath on a lab that sets what podpath does not model', () => {
  const FILE = 'test/fixtures/warn/sysctl-unmodelled.yaml';
  const said = 'Linux has this kernel parameter, podpath does not model it (kept, changes nothing in the trace)';

  it('validate accepts it, warning at each command, exit 0', async () => {
    const io = recordingIo();
    expect(await main(['validate', FILE], io)).toBe(0);
    expect(io.stdout.join('\n').split('\n')).toEqual([
      `${FILE}:14:7: warning: a: sysctl -w net.ipv4.tcp_keepalive_time=600: ${said}`,
      `${FILE}:15:7: warning: a: echo 1 > /proc/sys/net/ipv4/conf/eth0/arp_filter: ${said}`,
      `${FILE}: ok (2 machines, 1 flow, 0 variants, 2 warnings)`,
    ]);
  });

  it('trace says it before the steps, and --json carries it', async () => {
    const io = recordingIo();
    expect(await main(['trace', FILE, '--flow', 'ping'], io)).toBe(0);
    const lines = io.stdout.join('\n').split('\n');
    expect(lines.slice(1, 3)).toEqual([
      `warning: ${FILE}:14:7: a: net.ipv4.tcp_keepalive_time=600: ${said}`,
      `warning: ${FILE}:15:7: a: net.ipv4.conf.eth0.arp_filter=1: ${said}`,
    ]);
    const json = recordingIo();
    expect(await main(['trace', FILE, '--flow', 'ping', '--json'], json)).toBe(0);
    expect(JSON.parse(json.stdout.join('')).warnings).toEqual([
      { code: 'sysctl-unmodelled', machine: 'a', netns: '', key: 'net.ipv4.tcp_keepalive_time', value: '600', loc: { file: FILE, line: 14, col: 7 } },
      { code: 'sysctl-unmodelled', machine: 'a', netns: '', key: 'net.ipv4.conf.eth0.arp_filter', value: '1', loc: { file: FILE, line: 15, col: 7 } },
    ]);
  });

  it('validate refuses a key Linux does not have with sysctl\'s words, exit 2', async () => {
    const io = recordingIo();
    expect(await main(['validate', 'test/fixtures/bad/sysctl-typo.yaml'], io)).toBe(2);
    expect(io.stdout.join('\n')).toBe('test/fixtures/bad/sysctl-typo.yaml:13:17: sysctl: cannot stat /proc/sys/net/ipv4/ip_forwrad: No such file or directory');
  });
});

describe('the shipped scenarios', () => {
  it.each(scenarios)('%s validates', async (file) => {
    const io = recordingIo();
    expect(await main(['validate', `scenarios/${file}`], io)).toBe(0);
  });

  const labs = scenarios.flatMap((file) => {
    const loaded = loadScenarioFile(`scenarios/${file}`);
    const variants = loaded.ok ? loaded.scenario.variants.map((v) => v.id) : [];
    return [[file, undefined], ...variants.map((v) => [file, v])] as [string, string | undefined][];
  });

  it.each(labs)('%s (variant %s) meets every flow expectation', async (file, variant) => {
    const io = recordingIo();
    const code = await main(['matrix', `scenarios/${file}`, ...(variant ? ['--variant', variant] : [])], io);
    expect(code, io.stdout.join('')).toBe(0);
  });
});

describe('podpath matrix on a shipped scenario', () => {
  it('--all-variants prints the article\'s table per variant, the cell that differs, and what each variant changes', async () => {
    const io = recordingIo();
    expect(await main(['matrix', 'scenarios/services-iptables.yaml', '--all-variants'], io)).toBe(0);
    const out = io.stdout.join('\n');
    expect(out).toMatch(/\npod-a\s+ok\s+ok\s+ok\s+IP_INNOROUTES@gateway \[1\]\n/);
    expect(out).toContain('[1] pod-a-ping-clusterip: the article says delivered; computed dropped IP_INNOROUTES at gateway');
    expect(out).toContain('host-to-clusterip (the host → ClusterIP (TCP 80)): dropped IP_INNOROUTES at gateway → delivered');
  });

  it('--pairs --json gives every pair its verdict, reason and place', async () => {
    const io = recordingIo();
    expect(await main(['matrix', 'scenarios/services-kube-proxy.yaml', '--pairs', '--json'], io)).toBe(0);
    const [m] = JSON.parse(io.stdout.join('')).matrices;
    expect(m.mode).toBe('pairs');
    expect(m.cells).toHaveLength(m.rows.length * m.columns.length);
    for (const cell of m.cells) {
      expect(['delivered', 'dropped']).toContain(cell.verdict);
      if (cell.verdict === 'dropped') expect(cell.reason && cell.where && cell.fn).toBeTruthy();
    }
  });
});

describe('podpath help', () => {
  it('names only files that are in the repository', async () => {
    const { existsSync } = await import('node:fs');
    const { COMMANDS, usage } = await import('./cli');
    const texts = [usage(), ...COMMANDS.map((c) => c.help)].join('\n');
    const paths = [...texts.matchAll(/(?:^|[\s(`])((?:[\w.-]+\/)+[\w.-]+\.(?:md|ts|json|yaml|mjs))/g)].map((m) => m[1]);
    expect(paths).toContain('docs/matrix.md');
    expect(paths.filter((p) => !existsSync(p))).toEqual([]);
  });
});
