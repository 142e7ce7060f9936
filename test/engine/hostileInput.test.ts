// Hostile input (issue 15): names that are JavaScript built-ins, files that are not files,
// huge or deeply nested YAML. Each is refused with file:line:col, or works, never crashes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { MAX_ALIAS_COUNT, MAX_FILE_BYTES, MAX_LINE_CHARS, MAX_YAML_DEPTH } from '../../src/scenario/inputLimits';
import { recordingIo } from '../testing/fakes';

async function run(...args: string[]) {
  const io = recordingIo();
  const code = await main(args, io);
  // validate prints its errors on stdout; trace and matrix on stderr
  return { code, out: io.stdout.join('\n'), err: [...io.stdout, ...io.stderr].join('\n') };
}

describe('names that are JavaScript built-ins (constructor, __proto__, toString, valueOf, hasOwnProperty)', () => {
  const F = 'test/fixtures/names/builtin-names.yaml';

  it('validates', async () => {
    expect(await run('validate', F)).toMatchObject({ code: 0, out: `${F}: ok (3 machines, 3 flows, 2 variants)` });
  });

  it('traces every flow; a flow named constructor without an expectation has none', async () => {
    const plain = await run('trace', F, '--flow', 'constructor');
    expect(plain.code).toBe(0);
    expect(plain.out).not.toMatch(/expected:/);
    const json = await run('trace', F, '--flow', 'tostring', '--json', '--variant', 'constructor');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toMatchObject({ verdict: 'dropped' });
    expect(json.out).toContain('NETFILTER_DROP');
  });

  it('matrix --all-variants meets every expectation, and shows none where there is none', async () => {
    const m = await run('matrix', F, '--all-variants', '--json');
    expect(m.code).toBe(0);
    expect(m.out).not.toMatch(/function|\[native code\]/);
  });
});

describe('input limits, checked before parsing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'podpath-hostile-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('refuses what is not a regular file, unread', async () => {
    for (const [path, kind] of [['/dev/zero', 'a character device'], [dir, 'a directory']]) {
      expect(await run('validate', path)).toMatchObject({ code: 2, err: `${path}:1:1: not a regular file (${kind}): a scenario is a YAML file; podpath does not read devices, pipes or directories` });
    }
  });

  it('refuses a file over the size limit by its size', async () => {
    const path = file('big.yaml', `a: "${'x'.repeat(MAX_FILE_BYTES)}"\n`);
    expect((await run('validate', path)).err).toBe(`${path}:1:1: the file is ${MAX_FILE_BYTES + 6} bytes; a scenario may have at most ${MAX_FILE_BYTES} (32 MiB)`);
  });

  it('refuses a line over the length limit at its place', async () => {
    const path = file('long.yaml', `id: x\nsummary: ${'y'.repeat(MAX_LINE_CHARS)}\n`);
    expect((await run('validate', path)).err).toBe(`${path}:2:${MAX_LINE_CHARS + 1}: line 2 is ${MAX_LINE_CHARS + 9} characters long; a line may have at most ${MAX_LINE_CHARS}`);
  });

  it('refuses YAML nested 20,000 deep without a stack overflow, at the level that is too deep', async () => {
    const lines = ['a:', ...Array.from({ length: 20_000 }, () => ' ['), ...Array.from({ length: 20_000 }, () => ' ]')];
    const path = file('deep.yaml', lines.join('\n'));
    const r = await run('validate', path);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`${path}:${MAX_YAML_DEPTH + 1}:2: the YAML nests collections more than ${MAX_YAML_DEPTH} deep here; a scenario needs far fewer levels`);
  });

  it('refuses an alias bomb', async () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 11; i++) lines.push(`b${i}: &b${i} [${Array(9).fill(i === 1 ? '*a' : `*b${i - 1}`).join(', ')}]`);
    const path = file('bomb.yaml', lines.join('\n'));
    expect(MAX_ALIAS_COUNT).toBe(1000);
    expect((await run('validate', path)).err).toBe(`${path}:1:1: the YAML cannot be expanded: Excessive alias count indicates a resource exhaustion attack`);
  });

  it('reports the first 20 syntax errors of a broken file and counts the rest', async () => {
    const path = file('broken.yaml', Array.from({ length: 200 }, () => ']').join('\n'));
    const lines = (await run('validate', path)).err.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toMatch(/^.*:21:1: … and 180 more YAML syntax errors after this point$/);
  });
});
