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
