// export-script writes a script that runs as root, so nothing from a scenario may become shell
// code: every generated script must parse (`bash -n`), and a scenario full of shell syntax in
// its file name, title, device names, addresses' devices and rule comments must build a script
// that, run against stub commands, creates no file and passes each hostile name to `ip` as one
// argument, exactly as written. The stubs only log their arguments: the real lab build
// (namespaces, devices) is never run here, and PATH holds nothing but the stubs.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWorld } from '../engine/index';
import { loadScenario } from '../scenario/load';
import { loadScenarioFile } from '../scenario/node';
import { worldSpecFor } from '../scenario/index';
import type { Scenario } from '../scenario/model';
import { checkExportable, exportScript, ExportRefused } from './exportScript';

function scriptFor(scenario: Scenario, variant: string | undefined): string {
  return exportScript(scenario, variant, buildWorld(worldSpecFor(scenario, variant)), { prefix: 'pp-safety-' });
}

function bashSyntaxErrors(script: string): string {
  const r = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr || `bash -n exited ${r.status}`;
}

describe('export-script: every shipped scenario and variant gives a script bash can parse', () => {
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
  it.each(files)('%s', (file) => {
    const loaded = loadScenarioFile(`scenarios/${file}`);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const scenario = loaded.scenario;
    let checked = 0;
    for (const variant of [undefined, ...scenario.variants.map((v) => v.id)]) {
      try {
        checkExportable(scenario, variant);
      } catch (e) {
        if (e instanceof ExportRefused) continue; // a vpc network: no script at all
        throw e;
      }
      expect(bashSyntaxErrors(scriptFor(scenario, variant)), `${file} ${variant ?? '(as written)'}`).toBe('');
      checked++;
    }
    if (scenario.networks.every((n) => n.kind !== 'vpc')) expect(checked).toBeGreaterThan(0);
  });
});

// Each payload, if the shell ever ran it as code, creates a file named after it in the
// current directory (`>FILE` is a redirection bash and sh perform without any program).
const HOSTILE_FILE = 'labs/x\n>HIT_FILE_NL\n$(>HIT_FILE_SUBST)`>HIT_FILE_TICK`;>HIT_FILE_SEMI\'"\\*.yaml';
const HOSTILE_NIC = '$(>HIT_NIC)'; // a NIC from the YAML (no '/', ':' or spaces: the schema allows it)
const HOSTILE_DEV = '`>HIT_DEV`'; // a device the script creates
const SPOOFED_REF = '"${P}"$(>HIT_P)'; // looks like the script's own namespace word
const QUOTES_DEV = 'a\'b"c\\d'; // every quoting character
const GLOB_DEV = '*'; // would expand to the files of the current directory
const DASH_DEV = '-x;>HIT_DASH'; // leading dash and a list operator
const HOSTILE_COMMENT = '$(>HIT_COMMENT) `>HIT_C2` ; >HIT_C3 \\" \' *';

function yamlQuote(s: string): string {
  return JSON.stringify(s); // a JSON string is a YAML double-quoted scalar
}
/** A word for the machine script (single-quoted for the script's own tokenizer). */
function sq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const HOSTILE_YAML = `id: hostile
title: { en: ${yamlQuote('title\n>HIT_TITLE\n$(>HIT_TITLE2)')}, zh-CN: "标题" }
summary: names and values full of shell syntax
networks:
  - { name: lan, kind: switch }
machines:
  - name: node1
    nics: [{ name: ${yamlQuote(HOSTILE_NIC)}, network: lan }]
    script: |
      ip link set ${sq(HOSTILE_NIC)} up
      ip addr add 10.0.0.1/24 dev ${sq(HOSTILE_NIC)}
      ip link add ${sq(HOSTILE_DEV)} type dummy
      ip link set ${sq(HOSTILE_DEV)} up
      ip link add ${sq(SPOOFED_REF)} type dummy
      ip link add ${sq(QUOTES_DEV)} type dummy
      ip link add ${sq(GLOB_DEV)} type dummy
      ip link add ${sq(DASH_DEV)} type bridge
      ip link set ${sq(DASH_DEV)} up
      ip addr add 10.1.0.1/24 dev ${sq(DASH_DEV)}
      ip route add 10.9.0.0/16 dev ${sq(DASH_DEV)}
      iptables -A INPUT -m comment --comment ${sq(HOSTILE_COMMENT)} -j ACCEPT
      socat TCP-LISTEN:80,fork EXEC:cat &
  - name: node2
    nics: [{ name: eth0, network: lan }]
    script: |
      ip addr add 10.0.0.2/24 dev eth0
      ip link set eth0 up
flows:
  - id: ping
    from: node2
    to: 10.0.0.1
    protocol: icmp
`;

const STUB = `#!/bin/bash
# logs its name and arguments, NUL-separated, one record per call; runs nothing
{ printf '%s\\0' "\${0##*/}" "$@"; printf '\\n'; } >> "$(dirname "$0")/../calls.log"
# pp_wait_listen asks ss (through ip netns exec) whether the server is up: say it is
for a in "$@"; do [ "$a" = ss ] && echo "LISTEN 0 0 *:80 *:*"; done
exit 0
`;

describe('export-script: a scenario full of shell syntax executes nothing', () => {
  const loaded = loadScenario(HOSTILE_YAML, HOSTILE_FILE);
  if (!loaded.ok) throw new Error(`the hostile scenario must load: ${JSON.stringify(loaded.errors)}`);
  const scenario = loaded.scenario;
  const world = buildWorld(worldSpecFor(scenario, undefined));
  const script = exportScript(scenario, undefined, world, { prefix: 'pp-safety-' });
  const dir = mkdtempSync(join(tmpdir(), 'podpath-export-safety-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds in the engine without errors (so the script is the plain build, no expected refusals)', () => {
    expect(world.errors).toEqual([]);
  });

  it('is valid bash, and no payload starts a line of its own', () => {
    expect(bashSyntaxErrors(script)).toBe('');
    for (const line of script.split('\n')) expect(line).not.toMatch(/^\s*>HIT|^\s*\$\(>HIT/);
  });

  it('run against stub commands, creates no file and hands every hostile name to ip as one word', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    for (const name of ['ip', 'bridge', 'sysctl', 'tr', 'sleep', 'socat', 'iptables', 'dirname']) {
      writeFileSync(join(bin, name), name === 'dirname' ? '#!/bin/bash\necho "${1%/*}"\n' : STUB);
      chmodSync(join(bin, name), 0o755);
    }
    writeFileSync(join(dir, 'lab.sh'), script);
    // env -i: PATH names the stubs only, so no real ip (or anything else) can be reached
    const r = spawnSync('/usr/bin/env', ['-i', `PATH=${bin}`, 'PODPATH_PREFIX=pp-safety-', '/bin/bash', 'lab.sh'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toContain('podpath: lab hostile is up');
    expect(r.status).toBe(0);
    // nothing but what the test put there: no HIT_* file from a payload
    expect(readdirSync(dir).sort()).toEqual(['bin', 'calls.log', 'lab.sh']);
    const calls = readFileSync(join(dir, 'calls.log'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((rec) => rec.split('\0').slice(0, -1));
    const args = new Set(calls.flat());
    for (const name of [HOSTILE_NIC, HOSTILE_DEV, SPOOFED_REF, QUOTES_DEV, GLOB_DEV, DASH_DEV]) expect(args, name).toContain(name);
    // the iptables rule runs from its own text inside the namespace: one `sh -c` word, as written
    const shc = calls.find((c) => c.includes('sh') && c.some((a) => a.startsWith('iptables')));
    expect(shc?.at(-1)).toBe(`iptables -A INPUT -m comment --comment ${sq(HOSTILE_COMMENT)} -j ACCEPT`);
    // the listener is the modelled echo server, in the node's namespace
    expect(calls).toContainEqual(['ip', 'netns', 'exec', 'pp-safety-node1', 'socat', 'TCP-LISTEN:80,fork', 'EXEC:cat']);
  });
});
