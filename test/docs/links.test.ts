// The README, the docs and every `--help` text point only at files inside the repository: every
// relative link and every repository path they name exists, and none of them sends the reader
// to the team's internal notes (a DESIGN document or ../shared, which users do not have).
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, usage } from '../../src/cli/cli';
import { readDoc, relativeLinks, REPO } from './markdown';

/** docs/pcap.md is being written on another branch (the pcap command's own page); cli.md links it already. */
const PENDING = new Set(['docs/pcap.md']);

const DOCS = ['README.md', ...readdirSync(`${REPO}docs`).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const HELP_TEXTS = [{ name: 'podpath --help', text: usage() }, ...COMMANDS.map((c) => ({ name: `podpath ${c.name} --help`, text: `${c.summary}\n${c.help}` }))];

/** Repository paths a text names in `code` or plain words: `src/engine/walk/`, `docs/trace.md` … */
function repoPaths(text: string): string[] {
  const found = text.matchAll(/(?<![\w./-])((?:src|test|docs|scripts|bin|e2e|scenarios|bench)\/[\w./-]*[\w/])/g);
  return [...new Set([...found].map((m) => m[1]))];
}

const exists = (path: string) => PENDING.has(path) || existsSync(join(REPO, path));

describe('docs and help point only at files in the repository', () => {
  it('lists the pages it checks', () => {
    expect(DOCS).toEqual(expect.arrayContaining(['README.md', 'docs/README.md', 'docs/scenario-format.md', 'docs/commands.md', 'docs/cli.md', 'docs/trace.md', 'docs/architecture.md', 'docs/tutorial.md']));
  });

  for (const doc of DOCS) {
    const text = readDoc(doc);
    it(`${doc}: every relative link resolves to a file or directory in the repo`, () => {
      const missing = relativeLinks(text)
        .map((target) => relative(REPO, join(REPO, dirname(doc), decodeURIComponent(target))))
        .filter((path) => path.startsWith('..') || !exists(path));
      expect(missing).toEqual([]);
    });

    it(`${doc}: every repository path it names exists`, () => {
      expect(repoPaths(text).filter((path) => !exists(path))).toEqual([]);
    });

    it(`${doc}: names no internal document`, () => {
      expect(text).not.toMatch(/DESIGN|\.\.\/shared|\/work\/shared|SCENARIOS\.md|STYLE\.md/);
    });
  }

  for (const { name, text } of HELP_TEXTS) {
    it(`${name}: names only files in the repo, and no internal document`, () => {
      expect(text).not.toMatch(/DESIGN|\.\.\/shared|\/work\/shared/);
      expect(repoPaths(text).filter((path) => !exists(path))).toEqual([]);
    });
  }

  it('the link check would catch a broken link', () => {
    expect(relativeLinks('see [x](docs/nope.md#part) and [web](https://example.org) and [here](#top)')).toEqual(['docs/nope.md']);
    expect(repoPaths('read `src/engine/walk/` and docs/trace.md.')).toEqual(['src/engine/walk/', 'docs/trace.md']);
  });
});
