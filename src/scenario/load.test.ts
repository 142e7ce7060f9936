import { describe, expect, it } from 'vitest';
import { parseIpv4 } from '../engine/addr/ipv4';
import { formatScenarioError } from './errors';
import { loadScenario } from './load';
import type { Scenario, ScenarioError } from './model';
import { loadErrors, loadOk } from './testing';

const FILE = 'scenarios/x.yaml';

/** A small valid scenario; tests splice their own lines in. */
const BASE = `id: x
title: { en: "X", zh-CN: "X" }
summary: Both languages from one string
networks:
  - { name: lan, kind: switch }
machines:
  - name: node1
    role: node
    nics:
      - { name: eth0, network: lan }
    script: |
      ip addr add 10.0.0.1/24 dev eth0
      ip link set eth0 up
      ip netns add pod1
      ip link add veth1 type veth peer name eth0 netns pod1

      ip netns exec pod1 ip addr add 10.1.0.2/24 dev eth0
      ip netns exec pod1 socat TCP-LISTEN:8080,fork EXEC:cat &
flows:
  - id: to-pod
    from: node1
    to: 10.1.0.2:8080
    protocol: tcp
    expect: delivered
  - id: ping
    title: Ping
    from: node1/pod1
    to: 10.0.0.1
    protocol: icmp
    expect: { dropped: NEIGH_FAILED, at: node1 }
variants:
  - id: fixed
    title: { en: "Fixed", zh-CN: "修好" }
    append:
      node1: |
        ip route add 10.1.0.0/24 dev veth1
    expect: { ping: delivered }
`;

const ok = (text: string): Scenario => loadOk(text, FILE);
const errors = (text: string): readonly ScenarioError[] => loadErrors(text, FILE);

describe('loadScenario: a valid file', () => {
  const scenario = ok(BASE);

  it('keeps the scenario fields and fills defaults', () => {
    expect(scenario).toMatchObject({ file: FILE, id: 'x', tags: [], source: '', tour: [], layout: {} });
    expect(scenario.networks).toEqual([{ name: 'lan', kind: 'switch' }]);
  });

  it('uses a plain string for both languages', () => {
    expect(scenario.summary).toEqual({ en: 'Both languages from one string', 'zh-CN': 'Both languages from one string' });
    expect(scenario.flows[1].title).toEqual({ en: 'Ping', 'zh-CN': 'Ping' });
  });

  it('parses flow endpoints, targets and expectations', () => {
    expect(scenario.flows).toEqual([
      { id: 'to-pod', from: { machine: 'node1', netns: '' }, to: { addr: '10.1.0.2', port: 8080 }, protocol: 'tcp', expect: 'delivered' },
      {
        id: 'ping',
        title: { en: 'Ping', 'zh-CN': 'Ping' },
        from: { machine: 'node1', netns: 'pod1' },
        to: { addr: '10.0.0.1' },
        protocol: 'icmp',
        expect: { dropped: 'NEIGH_FAILED', at: 'node1' },
      },
    ]);
  });

  it('places each script command at its line and column in the file', () => {
    const machine = scenario.machines[0];
    expect(machine.ops.map((op) => [op.op, op.loc.line, op.loc.col, op.netns])).toEqual([
      ['addr-add', 12, 7, ''],
      ['link-set', 13, 7, ''],
      ['netns-add', 14, 7, ''],
      ['link-add', 15, 7, ''],
      ['addr-add', 17, 7, 'pod1'],
      ['listen', 18, 7, 'pod1'],
    ]);
    expect(machine.ops[0].loc.file).toBe(FILE);
    expect(machine.script).toContain('ip addr add 10.0.0.1/24 dev eth0\n');
  });

  it('parses variant append blocks with their own positions and keeps their text', () => {
    const [variant] = scenario.variants;
    expect(variant.append.node1.map((op) => [op.op, op.loc.line, op.loc.col])).toEqual([['route-add', 36, 9]]);
    expect(variant.appendText).toEqual({ node1: 'ip route add 10.1.0.0/24 dev veth1\n' });
    expect(variant.expect).toEqual({ ping: 'delivered' });
  });

  it('reads the learning path and the articles', () => {
    const text = BASE.replace('networks:\n', 'track: overlays\nlevel: 2\narticles:\n  - { file: 002_x.txt, title: { en: "Networking", zh-CN: "网络原理" }, part: "vxlan" }\nnetworks:\n');
    expect(ok(text)).toMatchObject({ track: 'overlays', level: 2, articles: [{ file: '002_x.txt', title: { en: 'Networking', 'zh-CN': '网络原理' }, part: { en: 'vxlan', 'zh-CN': 'vxlan' } }] });
    expect(scenario.track).toBeUndefined();
  });

  it('accepts a one-line script string and an empty script', () => {
    const text = BASE.replace(/ {4}script: \|\n(?: {6}.*\n|\n)+/, '    script: "ip link set eth0 up"\n').replace('from: node1/pod1', 'from: node1');
    const machine = ok(text).machines[0];
    expect(machine.ops.map((op) => [op.op, op.loc.line, op.loc.col])).toEqual([['link-set', 11, 14]]);
    expect(ok(text.replace('script: "ip link set eth0 up"', 'script:')).machines[0].ops).toEqual([]);
  });

  it('reads pinned NIC MACs in lower case', () => {
    const text = BASE.replace('{ name: eth0, network: lan }', '{ name: eth0, network: lan, address: "02:AA:00:00:00:01" }');
    expect(ok(text).machines[0].nics).toEqual([{ name: 'eth0', network: 'lan', address: '02:aa:00:00:00:01' }]);
  });

  it('addresses ops with the engine address type', () => {
    const op = scenario.machines[0].ops[0];
    expect(op).toMatchObject({ op: 'addr-add', addr: parseIpv4('10.0.0.1'), len: 24 });
  });
});

describe('loadScenario: errors carry file, line, column, code and what was expected', () => {
  const cases: { name: string; edit: (text: string) => string; line: number; col: number; code: string; message: string }[] = [
    {
      name: 'a protocol outside the enum',
      edit: (t) => t.replace('protocol: tcp', 'protocol: tcpp'),
      line: 23,
      col: 15,
      code: 'schema',
      message: 'flows[0].protocol: expected one of tcp | udp | icmp, got "tcpp"',
    },
    { name: 'a missing id', edit: (t) => t.replace('id: x\n', ''), line: 1, col: 1, code: 'schema', message: 'missing required key `id` (expected a string)' },
    { name: 'a missing flow id', edit: (t) => t.replace('  - id: to-pod\n    from', '  - from'), line: 20, col: 5, code: 'schema', message: 'flows[0]: missing required key `id`' },
    { name: 'an unknown key', edit: (t) => t.replace('    role: node\n', '    role: node\n    rol: node\n'), line: 9, col: 5, code: 'schema', message: 'machines[0]: unknown key `rol`; expected one of name | role | nics | script' },
    { name: 'an unknown top-level key', edit: (t) => `${t}extra: 1\n`, line: 38, col: 1, code: 'schema', message: 'unknown key `extra`' },
    { name: 'a wrong type', edit: (t) => t.replace('tags', 'x').replace('summary:', 'tags: 5\nsummary:'), line: 3, col: 7, code: 'schema', message: 'tags: expected a list, got 5' },
    { name: 'a text with a missing language', edit: (t) => t.replace('{ en: "Fixed", zh-CN: "修好" }', '{ en: "Fixed" }'), line: 33, col: 12, code: 'schema', message: 'variants[0].title: missing required key `zh-CN`' },
    { name: 'a text of the wrong type', edit: (t) => t.replace('title: { en: "X", zh-CN: "X" }', 'title: 7'), line: 2, col: 8, code: 'schema', message: 'title: expected a text: a string, or { en: …, zh-CN: … }, got 7' },
    { name: 'a network kind that is not supported yet', edit: (t) => t.replace('kind: switch', 'kind: internet'), line: 5, col: 24, code: 'not-supported', message: 'networks[0].kind: network kind internet is not supported yet' },
    { name: 'an unknown network kind', edit: (t) => t.replace('kind: switch', 'kind: hub'), line: 5, col: 24, code: 'schema', message: 'expected one of switch | vpc | internet, got "hub"' },
    { name: 'an extra key on a switch', edit: (t) => t.replace('kind: switch', 'kind: switch, cidr: 10.0.0.0/8'), line: 5, col: 32, code: 'schema', message: 'networks[0]: unknown key `cidr`; expected one of name | kind' },
    { name: 'a kubernetes block without a clusterCIDR', edit: (t) => `${t}kubernetes:\n  kubeProxy: { mode: iptables }\n`, line: 39, col: 14, code: 'schema', message: 'kubernetes.kubeProxy: missing required key `clusterCIDR`' },
    { name: 'a port on an icmp flow', edit: (t) => t.replace('to: 10.0.0.1\n', 'to: 10.0.0.1:80\n'), line: 28, col: 9, code: 'schema', message: 'flows[1].to: icmp has no ports' },
    { name: 'a tcp flow without a port', edit: (t) => t.replace('to: 10.1.0.2:8080', 'to: 10.1.0.2'), line: 22, col: 9, code: 'schema', message: 'flows[0].to: tcp needs a port' },
    { name: 'a bad target address', edit: (t) => t.replace('to: 10.1.0.2:8080', 'to: 10.1.0.300:8080'), line: 22, col: 9, code: 'schema', message: 'expected ADDRESS or ADDRESS:PORT' },
    { name: 'a malformed from', edit: (t) => t.replace('from: node1\n', 'from: node1/a/b\n'), line: 21, col: 11, code: 'schema', message: 'flows[0].from: expected MACHINE or MACHINE/NAMESPACE, got "node1/a/b"' },
    { name: 'a misspelled expectation', edit: (t) => t.replace('expect: delivered', 'expect: deliverd'), line: 24, col: 13, code: 'schema', message: 'flows[0].expect: expected delivered or { dropped: REASON, at: MACHINE }, got "deliverd"' },
    { name: 'a drop reason in the wrong spelling', edit: (t) => t.replace('dropped: NEIGH_FAILED', 'dropped: neigh failed'), line: 30, col: 24, code: 'schema', message: 'flows[1].expect.dropped: expected a drop reason' },
    { name: 'a NIC on an unknown network', edit: (t) => t.replace('network: lan }', 'network: lann }'), line: 10, col: 32, code: 'unknown-reference', message: 'machines[0].nics[0].network: unknown network "lann"; networks: lan' },
    { name: 'a flow from an unknown machine', edit: (t) => t.replace('from: node1\n', 'from: node9\n'), line: 21, col: 11, code: 'unknown-reference', message: 'flows[0].from: unknown machine "node9"; machines: node1' },
    { name: 'a flow from an unknown namespace', edit: (t) => t.replace('from: node1/pod1', 'from: node1/pod2'), line: 27, col: 11, code: 'unknown-reference', message: 'flows[1].from: machine node1 has no namespace "pod2"; its script creates: pod1' },
    { name: 'an expectation at an unknown machine', edit: (t) => t.replace('at: node1 }', 'at: nodeX }'), line: 30, col: 42, code: 'unknown-reference', message: 'flows[1].expect.at: unknown machine "nodeX"' },
    { name: 'a variant appending to an unknown machine', edit: (t) => t.replace('      node1: |', '      node2: |'), line: 35, col: 7, code: 'unknown-reference', message: 'variants[0].append: unknown machine "node2"' },
    { name: 'a variant expecting an unknown flow', edit: (t) => t.replace('expect: { ping: delivered }', 'expect: { pong: delivered }'), line: 37, col: 15, code: 'unknown-reference', message: 'variants[0].expect: unknown flow "pong"; flows: to-pod, ping' },
    { name: 'a duplicate flow id', edit: (t) => t.replace('id: ping', 'id: to-pod'), line: 25, col: 9, code: 'duplicate', message: 'flows[1].id: duplicate flow id "to-pod" (first at line 20)' },
    { name: 'a duplicate machine name', edit: (t) => t.replace('flows:\n', '  - { name: node1 }\nflows:\n'), line: 19, col: 13, code: 'duplicate', message: 'machines[1].name: duplicate machine name "node1"' },
    { name: 'an unknown command in a script', edit: (t) => t.replace('      ip link set eth0 up\n', '      tc qdisc add dev eth0 root netem\n'), line: 13, col: 7, code: 'unknown-command', message: 'unsupported command `tc qdisc …`' },
    { name: 'a bad IP in a script', edit: (t) => t.replace('ip addr add 10.0.0.1/24', 'ip addr add 10.0.0.999/24'), line: 12, col: 19, code: 'bad-argument', message: 'got "10.0.0.999/24"' },
    { name: 'a route with host bits in a variant', edit: (t) => t.replace('ip route add 10.1.0.0/24 dev veth1', 'ip route add 10.1.0.1/24 dev veth1'), line: 36, col: 22, code: 'bad-argument', message: 'Invalid prefix for given prefix length' },
    { name: 'a command in a namespace not created yet', edit: (t) => t.replace('ip netns exec pod1 ip addr', 'ip netns exec pod9 ip addr'), line: 17, col: 7, code: 'unknown-netns', message: 'Cannot open network namespace "pod9"' },
    { name: 'a veth peer sent to a namespace created later', edit: (t) => t.replace('      ip netns add pod1\n      ip link add veth1 type veth peer name eth0 netns pod1\n', '      ip link add veth1 type veth peer name eth0 netns pod1\n      ip netns add pod1\n'), line: 14, col: 7, code: 'unknown-netns', message: 'peer namespace "pod1"' },
    { name: 'a folded script', edit: (t) => t.replace('    script: |', '    script: >'), line: 11, col: 13, code: 'schema', message: 'machines[0].script: expected a literal block' },
    { name: 'no machines', edit: (t) => t.replace(/machines:\n[\s\S]*?flows:\n/, 'machines: []\nflows:\n'), line: 6, col: 11, code: 'schema', message: 'machines: expected at least one machine' },
    { name: 'a tour step naming an unknown flow', edit: (t) => `${t}tour:\n  - { flow: nope, at: ip_rcv, text: "x" }\n`, line: 39, col: 13, code: 'unknown-reference', message: 'tour[0].flow: unknown flow "nope"' },
    { name: 'a layout hint for an unknown machine', edit: (t) => `${t}layout: { node9: [0, 0] }\n`, line: 38, col: 11, code: 'unknown-reference', message: 'layout: unknown machine or network "node9"' },
    { name: 'a track outside the closed list', edit: (t) => t.replace('networks:\n', 'track: overlay\nnetworks:\n'), line: 4, col: 8, code: 'schema', message: 'track: expected one of basics | routing | services | overlays | cloud | multi-cni, got "overlay"' },
    { name: 'a level out of range', edit: (t) => t.replace('networks:\n', 'level: 4\nnetworks:\n'), line: 4, col: 8, code: 'schema', message: 'level: expected a level from 1 (beginner) to 3 (advanced)' },
    { name: 'an article without a title', edit: (t) => t.replace('networks:\n', 'articles:\n  - { file: 002_x.txt }\nnetworks:\n'), line: 5, col: 5, code: 'schema', message: 'articles[0]: missing required key `title`' },
    { name: 'a YAML syntax error', edit: (t) => t.replace('tags', 'x').replace('summary:', 'tags: [a, b\nsummary:'), line: 4, col: 1, code: 'yaml-syntax', message: 'Flow sequence in block collection must be sufficiently indented and end with a ]' },
    { name: 'a duplicate YAML key', edit: (t) => t.replace('summary:', 'id: y\nsummary:'), line: 3, col: 1, code: 'yaml-syntax', message: 'Map keys must be unique' },
  ];
  it.each(cases)('reports $name', ({ edit, line, col, code, message }) => {
    const found = errors(edit(BASE));
    const error = found.find((e) => e.message.includes(message));
    expect(error, `no error containing "${message}" in:\n${found.map(formatScenarioError).join('\n')}`).toBeDefined();
    expect(error).toMatchObject({ file: FILE, line, col, code });
  });

  it('reports every problem, not just the first, sorted by position', () => {
    const text = BASE.replace('protocol: tcp', 'protocol: tcpp').replace('network: lan }', 'network: lann }').replace('ip link set eth0 up', 'ip link set eth0 sideways');
    const found = errors(text);
    expect(found.map((e) => [e.line, e.code])).toEqual([
      [10, 'unknown-reference'],
      [13, 'bad-argument'],
      [23, 'schema'],
    ]);
  });

  it('formats an error as file:line:col: message', () => {
    const [error] = errors(BASE.replace('protocol: tcp', 'protocol: tcpp'));
    expect(formatScenarioError(error)).toBe('scenarios/x.yaml:23:15: flows[0].protocol: expected one of tcp | udp | icmp, got "tcpp"');
  });
});

describe('loadScenario never throws', () => {
  const inputs: { name: string; text: string }[] = [
    { name: 'an empty file', text: '' },
    { name: 'a scalar', text: 'hello' },
    { name: 'a list', text: '- a\n- b\n' },
    { name: 'binary noise', text: '\u0000\u0001\u00ff{{[[' },
    { name: 'two documents', text: 'id: a\n---\nid: b\n' },
    { name: 'machines that are not mappings', text: 'id: a\ntitle: A\nsummary: A\nmachines: [1, "x", null]\nflows: [7]\nvariants: ["v"]\n' },
    { name: 'an alias bomb', text: 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n' },
    { name: 'a script that is a number', text: BASE.replace(/ {4}script: \|\n(?: {6}.*\n|\n)+/, '    script: 42\n') },
    { name: 'an append block that is a list', text: BASE.replace('      node1: |\n        ip route add 10.1.0.0/24 dev veth1\n', '      node1: [a]\n') },
  ];
  it.each(inputs)('returns errors for $name', ({ text }) => {
    const result = loadScenario(text, FILE);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.length).toBeGreaterThan(0);
      for (const error of result.errors) {
        expect(error.file).toBe(FILE);
        expect(error.line).toBeGreaterThanOrEqual(1);
        expect(error.col).toBeGreaterThanOrEqual(1);
        expect(error.message.length).toBeGreaterThan(0);
      }
    }
  });

  it('reports aliases that expand without bound as a YAML error', () => {
    const bomb = inputs.find((i) => i.name === 'an alias bomb')!.text;
    expect(errors(bomb)[0]).toMatchObject({ line: 1, col: 1, code: 'yaml-syntax' });
  });

  it('says an empty file is empty', () => {
    expect(errors('')[0].message).toContain('the file is empty');
  });
});

describe('flow seeds', () => {
  const base = (seed: string) => `id: s
title: t
summary: s
tags: []
source: x
networks: []
machines:
  - name: m
    role: node
    nics: []
    script: |
      ip link set lo up
flows:
  - id: f
    from: m
    to: 127.0.0.1
    protocol: icmp
${seed}`;

  it("carries a flow's seed, which pins random branches (-m statistic, IPVS)", () => {
    const r = loadScenario(base('    seed: 3'), 's.yaml');
    expect(r.ok && r.scenario.flows[0].seed).toBe(3);
  });

  it('refuses a seed that is not a whole number, at its line', () => {
    const r = loadScenario(base('    seed: 1.5'), 's.yaml');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatchObject({ line: 18, col: 11 });
  });
});

describe('loadScenario: fixes:', () => {
  const withFixes = (line: string, id = 'fixed') => BASE.replace('  - id: fixed\n', `  - id: ${id}\n    fixes: ${line}\n`);
  it('keeps a declaration of what a variant fixes (base: the scenario as written)', () => {
    expect(ok(withFixes('base')).variants[0].fixes).toBe('base');
  });
  it('refuses a variant that names no variant, itself, or is called base, at its line', () => {
    const unknown = errors(withFixes('nonesuch'));
    expect(unknown.map((e) => e.message)).toEqual([expect.stringMatching(/variants\[0\]\.fixes: unknown variant "nonesuch"; expected base \(the scenario as written\) or one of: fixed/)]);
    expect(unknown[0].line).toBe(BASE.split('\n').findIndex((l) => l === '  - id: fixed') + 2);
    expect(errors(withFixes('fixed')).map((e) => e.message)).toEqual([expect.stringMatching(/cannot be the fix for itself/)]);
    expect(errors(BASE.replace('  - id: fixed\n', '  - id: base\n')).map((e) => e.message)).toEqual([expect.stringMatching(/"base" names the scenario as written/)]);
  });
});
