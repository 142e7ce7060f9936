// docs/commands.md against the command parser (src/scenario/commands/): every accepted example
// parses, every refused example gives exactly the message shown, and every command, ip object,
// sub-command, link kind, iptables match and target and ipset type the parser accepts is named
// on the page. The lists come from the parser's own sources and exports, so a command added
// to the parser fails this test until the page mentions it.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScript, scriptLines } from '../../src/scenario/commands/dispatch';
import { MATCHES } from '../../src/scenario/commands/iptables/matches/index';
import { TARGETS } from '../../src/scenario/commands/iptables/targets/index';
import { IPSET_TYPES } from '../../src/scenario/commands/ipset';
import { LISTENER_COMMANDS } from '../../src/scenario/commands/listeners';
import { markedBlocks, readDoc, REPO } from './markdown';

const DOC = 'docs/commands.md';
const text = readDoc(DOC);
const COMMANDS_DIR = `${REPO}src/scenario/commands/`;
const source = (file: string) => readFileSync(`${COMMANDS_DIR}${file}`, 'utf8');

const errorsOf = (script: string) => parseScript(scriptLines(script), DOC).errors;

/** The text under the heading that names `` `title` ``, up to the next heading of its level or above. */
function section(title: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^#{2,3} /.test(l) && l.includes(`\`${title}\``));
  if (start < 0) throw new Error(`${DOC} has no heading naming \`${title}\``);
  const level = /^#+/.exec(lines[start])![0].length;
  const end = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}} `).test(l));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

/** A keyword is mentioned when the section holds it, or an abbreviation of it iproute2 accepts (`del` for `delete`). */
function mentions(body: string, keyword: string): boolean {
  const words = new Set(body.split(/[^A-Za-z0-9_-]+/));
  return [...words].some((w) => keyword.startsWith(w) && w.length >= Math.min(3, keyword.length));
}

/** `const NAME = [ ['word', 'meaning' | null], … ]` tables (iproute2-style keyword tables): the words with a meaning. */
function keywordTables(file: string): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  for (const m of source(file).matchAll(/^const (\w+)(?:: [^=]+)? = \[\n((?:\s*\['[^']+', (?:'[^']+'|null)\],?\n)+)\]/gm)) {
    const supported = [...m[2].matchAll(/\['([^']+)', '[^']+'\]/g)].map((e) => e[1]);
    tables.set(m[1], supported);
  }
  return tables;
}

/** Where each keyword table's words must be named: the section, and the words before them. */
const TABLE_SECTIONS: Record<string, string> = {
  'ip.ts IP_OBJECTS': 'ip',
  'ip.ts NETNS_VERBS': 'ip netns',
  'ip-addr.ts ADDR_VERBS': 'ip addr',
  'ip-link.ts LINK_VERBS': 'ip link',
  'ip-route.ts ROUTE_VERBS': 'ip route',
  'ip-rule.ts RULE_VERBS': 'ip rule',
  'ip-neigh.ts NEIGH_VERBS': 'ip neigh',
  'ip-tunnel.ts TUNNEL_VERBS': 'ip tunnel',
  'bridge.ts BRIDGE_OBJECTS': 'bridge',
  'bridge.ts FDB_VERBS': 'bridge',
  'bridge.ts LINK_VERBS': 'bridge',
};

describe(`${DOC}: examples`, () => {
  it('every accepted example parses without an error', () => {
    const blocks = markedBlocks(text, 'accepted');
    expect(blocks.length).toBeGreaterThan(10);
    for (const block of blocks) expect(errorsOf(block.body.code).map((e) => e.message), `example at line ${block.line}`).toEqual([]);
  });

  const refused = markedBlocks(text, 'refused').flatMap((block) => {
    const lines = block.body.code.split('\n');
    const pairs: { command: string; message: string }[] = [];
    for (let i = 0; i < lines.length; i += 2) {
      if (!lines[i].startsWith('$ ') || lines[i + 1] === undefined) throw new Error(`${DOC}:${block.line}: refused examples are "$ command" then the message`);
      pairs.push({ command: lines[i].slice(2), message: lines[i + 1] });
    }
    return pairs;
  });

  it('has refused examples', () => expect(refused.length).toBeGreaterThan(30));

  for (const { command, message } of refused) {
    it(`refuses \`${command}\` with the message shown`, () => {
      expect(errorsOf(command).map((e) => e.message)).toEqual([message]);
    });
  }
});

describe(`${DOC}: names everything the parser accepts`, () => {
  it('every command word the dispatcher routes, and every listener', () => {
    const cases = [...source('dispatch.ts').matchAll(/^\s+case '([^']+)':/gm)].map((m) => m[1]);
    expect(cases).toContain('ip');
    for (const word of [...cases, ...LISTENER_COMMANDS]) expect(text, word).toContain(`\`${word}`);
    // and nothing else gets through the dispatcher
    expect(errorsOf('frobnicate eth0')[0].code).toBe('unknown-command');
  });

  it('every keyword table of the parsers is known to this test', () => {
    const found = readdirSync(COMMANDS_DIR)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .flatMap((file) => [...keywordTables(file).keys()].map((name) => `${file} ${name}`));
    expect(found.sort()).toEqual(Object.keys(TABLE_SECTIONS).sort());
  });

  for (const [table, title] of Object.entries(TABLE_SECTIONS)) {
    it(`every supported word of ${table} in the \`${title}\` section`, () => {
      const [file, name] = table.split(' ');
      const words = keywordTables(file).get(name)!;
      expect(words.length).toBeGreaterThan(0);
      const body = section(title);
      for (const word of words) expect(mentions(body, word), `"${word}" under \`${title}\``).toBe(true);
    });
  }

  it('every ipset verb', () => {
    const block = /const VERBS[^{]*\{([\s\S]*?)\};/.exec(source('ipset.ts'))![1];
    const verbs = new Set([...block.matchAll(/: '(\w+)'/g)].map((m) => m[1]));
    expect(verbs.size).toBeGreaterThan(3);
    for (const verb of verbs) expect(section('ipset'), verb).toContain(verb);
  });

  it('every ip link kind (from the parser\'s own message)', () => {
    const message = errorsOf('ip link add x0')[0].message;
    const kinds = /`type ([^`]+)`/.exec(message)![1].split(' | ');
    expect(kinds).toContain('veth');
    const body = section('ip link');
    for (const kind of kinds) expect(body, kind).toContain(`| \`${kind}\` |`);
  });

  it('every iptables match and target, and every ipset type', () => {
    const iptables = section('iptables');
    for (const name of Object.keys(MATCHES)) expect(iptables, `-m ${name}`).toMatch(new RegExp(`\`${name}\``));
    for (const name of Object.keys(TARGETS)) expect(iptables, `-j ${name}`).toMatch(new RegExp(`\`${name}\``));
    for (const type of IPSET_TYPES) expect(section('ipset'), type).toContain(`\`${type}\``);
  });
});
