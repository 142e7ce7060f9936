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
