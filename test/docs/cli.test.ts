// docs/cli.md against the CLI (src/cli/): a section for every command, every option its
// --help names described in that section, and every exit code of src/cli/exitCodes.ts in
// the exit-code table.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/cli';
import * as exitCodes from '../../src/cli/exitCodes';
import { markedTables, readDoc } from './markdown';

const DOC = 'docs/cli.md';
const text = readDoc(DOC);

/** The section whose heading starts with `` ## `podpath NAME ``. */
function section(name: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## \`podpath ${name} `) || l === `## \`podpath ${name}\``);
  if (start < 0) return '';
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

describe(DOC, () => {
  for (const command of COMMANDS) {
    it(`describes podpath ${command.name} and every option its --help names`, () => {
      const body = section(command.name);
      expect(body, `no "## \`podpath ${command.name} …\`" section`).not.toBe('');
      // the options of the usage line and of the option list ("  --variant ID    apply …")
      const [usageLine, ...rest] = command.help.split('\n');
      const optionText = [usageLine, ...rest.filter((l) => /^ {2}-/.test(l))].join('\n');
      const options = [...new Set([...optionText.matchAll(/(?<![\w-])(--[a-z][a-z-]*|-[a-z])\b/g)].map((m) => m[1]))];
      if (command.name !== 'validate') expect(options.length).toBeGreaterThan(0); // validate takes only files
      expect(options.filter((option) => !body.includes(`\`${option}`))).toEqual([]);
    });
  }

  it('lists every exit code the CLI returns', () => {
    const [table] = markedTables(text, 'exit-codes');
    const documented = table.body.map((cells) => Number(/^`(\d+)`$/.exec(cells[0])?.[1]));
    expect(documented).toEqual(Object.values(exitCodes).sort());
  });
});
