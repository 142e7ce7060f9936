import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIpv4, parseIpv4 } from '../../engine/addr/ipv4';
import type { Op, OpBody } from '../../engine/config/ops';
import type { Scenario } from '../model';
import { loadFile } from '../testing';
import { parseScript, scriptLines } from './dispatch';
import { fallbackCommand, listenerCommand, ownCommandText, renderOp, shq, type RenderContext } from './render';
import { parse } from './testing';

describe('renderOp', () => {
  const ctx = { nsVar: (ns: string) => (ns ? `p-m-${ns}` : 'p-m') };
  const op = (body: object, netns = '') => ({ ...body, netns, text: '', loc: { file: 'f', line: 1, col: 1 } }) as Op;
  const ip = (s: string) => parseIpv4(s)!;

  it('prints routes with every attribute, deletes with what they match on, and the table of local routes', () => {
    const route = { type: 'unicast', dst: { addr: ip('10.1.0.0'), len: 16 }, table: 100, via: ip('10.0.0.1'), dev: 'eth0', onlink: true, scope: 'link', src: ip('10.0.0.2'), metric: 10 };
    expect(renderOp(op({ op: 'route-add', route }), ctx)!.join(' ')).toBe(
      'ip -n p-m route add 10.1.0.0/16 via 10.0.0.1 dev eth0 onlink scope link src 10.0.0.2 table 100 metric 10',
    );
    expect(renderOp(op({ op: 'route-add', route: { type: 'blackhole', dst: { addr: 0, len: 0 }, table: 254 } }), ctx)!.join(' ')).toBe(
      'ip -n p-m route add blackhole default',
    );
    expect(renderOp(op({ op: 'route-del', route: { type: 'unicast', dst: { addr: ip('10.1.0.0'), len: 16 }, table: 254, metric: 0, proto: 'static' } }), ctx)!.join(' ')).toBe(
      'ip -n p-m route del 10.1.0.0/16 metric 0 proto static',
    );
    expect(renderOp(op({ op: 'route-add', route: { type: 'local', dst: { addr: ip('10.5.0.1'), len: 32 }, table: 254, dev: 'lo' } }), ctx)!.join(' ')).toBe(
      'ip -n p-m route add local 10.5.0.1 dev lo table main',
    );
  });

  it('prints rules', () => {
    const rule = { priority: 100, not: true, from: { addr: ip('10.0.0.0'), len: 8 }, fwmark: { value: 0x10, mask: 0xff }, iif: 'eth0', action: { type: 'lookup', table: 100 } };
    expect(renderOp(op({ op: 'rule-add', rule }), ctx)!.join(' ')).toBe('ip -n p-m rule add priority 100 not from 10.0.0.0/8 fwmark 0x10/0xff iif eth0 lookup 100');
    expect(renderOp(op({ op: 'rule-add', rule: { action: { type: 'prohibit' }, fwmark: { value: 1, mask: 0xffffffff } } }), ctx)!.join(' ')).toBe(
      'ip -n p-m rule add fwmark 0x1 prohibit',
    );
    // a delete without an action matches any (table 0, which `lookup` does not take)
    expect(renderOp(op({ op: 'rule-del', rule: { priority: 100, action: { type: 'lookup', table: 0 } } }), ctx)!.join(' ')).toBe('ip -n p-m rule del priority 100');
  });

  it('prints link set with a move to another namespace of the machine', () => {
    expect(renderOp(op({ op: 'link-set', dev: 'veth1', toNetns: 'pod1', up: true }), ctx)!.join(' ')).toBe('ip -n p-m link set dev veth1 netns p-m-pod1 up');
    expect(renderOp(op({ op: 'link-set', dev: 'veth1', master: null }, 'pod1'), ctx)!.join(' ')).toBe('ip -n p-m-pod1 link set dev veth1 nomaster');
  });

  it('creates devices up and enslaved when the op says so', () => {
    expect(renderOp(op({ op: 'link-add', name: 'br1', kind: 'bridge', attrs: { master: 'br0', up: true } }), ctx)!.join(' ')).toBe(
      'ip -n p-m link add br1 master br0 up type bridge',
    );
    expect(renderOp(op({ op: 'link-add', name: 'v0', kind: 'veth', attrs: { up: true }, peer: { name: 'v1', netns: 'pod1' } }, 'pod1'), ctx)!.join(' ')).toBe(
      'ip -n p-m-pod1 link add v0 up type veth peer name v1 netns p-m-pod1',
    );
  });

  it('prints neighbours and fdb entries', () => {
    expect(renderOp(op({ op: 'neigh-add', ip: ip('10.0.0.9'), dev: 'eth0', lladdr: '02:00:00:00:00:09', nud: 'permanent' }), ctx)!.join(' ')).toBe(
      'ip -n p-m neigh add 10.0.0.9 dev eth0 lladdr 02:00:00:00:00:09 nud permanent',
    );
    expect(renderOp(op({ op: 'fdb-append', mac: '00:00:00:00:00:00', dev: 'vxlan0', dst: ip('192.168.1.2'), self: true, permanent: true }), ctx)!.join(' ')).toBe(
      'bridge -n p-m fdb append 00:00:00:00:00:00 dev vxlan0 dst 192.168.1.2 self permanent',
    );
  });

  it('runs ops it cannot translate from their original text, in the right namespace', () => {
    const o = op({ op: 'iptables' }, 'pod1');
    expect(fallbackCommand({ ...o, text: "ip netns exec pod1 iptables -A INPUT -m comment --comment 'x y' -j DROP" } as Op, ctx)).toBe(
      `ip netns exec p-m-pod1 sh -c 'iptables -A INPUT -m comment --comment '\\''x y'\\'' -j DROP'`,
    );
    const t = op({ op: 'tunnel-del' }, 'pod1');
    for (const text of ['ip -n pod1 tunnel del t0', 'ip -netns pod1 tunnel del t0', 'ip --netns pod1 tunnel del t0', 'ip -ne pod1 tunnel del t0']) {
      expect(fallbackCommand({ ...t, text } as Op, ctx), text).toBe("ip netns exec p-m-pod1 sh -c 'ip tunnel del t0'");
    }
    expect(fallbackCommand({ ...t, text: 'ip -4 -n pod1 tunnel del t0' } as Op, ctx)).toBe("ip netns exec p-m-pod1 sh -c 'ip -4 tunnel del t0'");
  });

  it('prints a vxlan with every parameter explicit and the MAC it is given', () => {
    const op = {
      op: 'link-add', name: 'flannel.1', kind: 'vxlan', attrs: { mtu: 1400 }, netns: '', loc: { file: 'f', line: 1, col: 1 }, text: '',
      vxlan: { vni: 1, local: parseIpv4('192.168.3.11')!, dev: 'eth0', dstport: 8472, learning: false },
    } as Op;
    const ctx = { nsVar: () => 'NS' };
    expect(renderOp(op, ctx, { mac: '02:3f:39:67:7d:01' })?.join(' ')).toBe(
      'ip -n NS link add flannel.1 address 02:3f:39:67:7d:01 mtu 1400 type vxlan id 1 local 192.168.3.11 dev eth0 dstport 8472 nolearning',
    );
  });

  it('prints a macvlan with its parent, mode and pinned MAC, an ipvlan with its mode and flag but no MAC', () => {
    const at = { netns: '', loc: { file: 'f', line: 1, col: 1 }, text: '' };
    const ctx = { nsVar: () => 'NS' };
    const mv = { ...at, op: 'link-add', name: 'mv0', kind: 'macvlan', attrs: {}, link: 'eth0', mode: 'vepa' } as Op;
    expect(renderOp(mv, ctx, { mac: '02:00:00:00:00:aa' })?.join(' ')).toBe('ip -n NS link add link eth0 mv0 address 02:00:00:00:00:aa type macvlan mode vepa');
    const iv = { ...at, op: 'link-add', name: 'ipv0', kind: 'ipvlan', attrs: { mtu: 1400 }, link: 'eth0', flag: 'bridge' } as Op;
    expect(renderOp(iv, ctx, { mac: '02:00:00:00:00:bb' })?.join(' ')).toBe('ip -n NS link add link eth0 ipv0 mtu 1400 type ipvlan bridge');
  });
});

describe('listenerCommand', () => {
  const l = (command: string, proto: 'tcp' | 'udp' = 'tcp', port = 80) =>
    ({ op: 'listen', proto, port, command, netns: '', text: command, loc: { file: 'f', line: 1, col: 1 } }) as Extract<Op, { op: 'listen' }>;
  const line = (op: Extract<Op, { op: 'listen' }>, mode: 'original' | 'echo') => listenerCommand(op, mode).join(' ');
  it('keeps socat servers and python http.server, replaces the rest with socat', () => {
    expect(line(l('nohup socat TCP-LISTEN:80,fork EXEC:cat &'), 'original')).toBe('socat TCP-LISTEN:80,fork EXEC:cat');
    expect(line(l('python3 -m http.server 8000', 'tcp', 8000), 'original')).toBe('python3 -m http.server 8000');
    expect(line(l('nc -l -k -p 80 &'), 'original')).toBe('socat TCP4-LISTEN:80,fork,reuseaddr PIPE');
    expect(line(l('iperf3 -s', 'tcp', 5201), 'original')).toBe('socat TCP4-LISTEN:5201,fork,reuseaddr PIPE');
    expect(line(l('socat UDP-LISTEN:53,fork EXEC:cat', 'udp', 53), 'echo')).toBe('socat -T 2 UDP4-RECVFROM:53,fork PIPE');
  });
  it('never copies a server written with quotes or shell characters: the equivalent socat instead', () => {
    // (the parser refuses these; export-script must not rely on that alone)
    expect(listenerCommand(l('socat TCP-LISTEN:81,fork EXEC:"touch x"', 'tcp', 81), 'original')).toEqual(['socat', 'TCP4-LISTEN:81,fork,reuseaddr', 'PIPE']);
    expect(listenerCommand(l('socat TCP-LISTEN:81 EXEC:$(id)', 'tcp', 81), 'original')).toEqual(['socat', 'TCP4-LISTEN:81,fork,reuseaddr', 'PIPE']);
  });
});

describe('shq', () => {
  it('quotes only what needs it', () => {
    expect(shq('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(shq('a b')).toBe("'a b'");
    expect(shq("it's")).toBe(`'it'\\''s'`);
  });
});

// ---------------------------------------------------------------------------------------------
// Round trip: an op rendered back to a command and parsed again is the same op (its body and
// namespace; not its file position or original text). Checked for every op of every shipped
// scenario (the machines' scripts with what the `kubernetes:` block generates, and every
// variant's appended commands), and for a corpus spelling every option of the kinds renderOp
// prints.

/** Kinds renderOp prints no command for, and why: export-script runs each from its original text (fallbackCommand). */
const FROM_TEXT: Readonly<Record<string, string>> = {
  iptables: 'an iptables rule is replayed as written: its parsed form keeps what the rule matches and does, not every spelling iptables accepts (module loads, option order, comments)',
  'iptables-restore': 'the rules file is replayed as written (a here-document), for the same reason as iptables',
  'ipset-create': 'ipsets are replayed as written: the set types and options are checked against the model, not re-spelled',
  'ipset-add': 'as ipset-create',
  'ipset-del': 'as ipset-create',
  'ipset-flush': 'as ipset-create',
  'ipset-destroy': 'as ipset-create',
  'ipvs-service': 'ipvsadm commands are replayed as written (scheduler and flags as the scenario spells them)',
  'ipvs-dest': 'as ipvs-service',
  'ipvs-clear': 'as ipvs-service',
  'link-add:ipip': 'an ipip tunnel comes from `ip tunnel add` (SIOCADDTUNNEL) or `ip link add … type ipip`, whose errors differ: the lab replays the tool the scenario used',
  'tunnel-change': '`ip tunnel change` is replayed as written, like `ip tunnel add`',
  'tunnel-del': 'as tunnel-change',
  'module-load': '`modprobe ipip` is replayed as written',
  'brport-sysfs': "a write to a bridge port's sysfs file is replayed as written, inside `ip netns exec` (which mounts the namespace's own /sys): the shell, not a netlink tool, reports its failures",
};

/** Kinds that are no command renderOp prints, and why. */
const NOT_RENDERED: Readonly<Record<string, string>> = {
  listen: 'a server is started in the background by export-script with listenerCommand (checked here too), not renderOp',
  noop: 'no effect on the lab (`modprobe br_netfilter` …): export-script prints it as a comment, so there is nothing to parse back',
};

/**
 * Listener commands the parser does not read back, and why. A listener whose command is exactly
 * an entry's form (built from the op's protocol, port and bind address) is not parsed again.
 */
const LISTENERS_NOT_REPARSED: readonly { readonly name: string; readonly form: (op: Extract<Op, { op: 'listen' }>) => string | undefined; readonly reason: string }[] = [
  {
    name: 'UDP echo server',
    form: (op) => (op.proto === 'udp' ? `socat -T 2 UDP4-RECVFROM:${op.port},fork${op.addr !== undefined ? `,bind=${formatIpv4(op.addr)}` : ''} PIPE` : undefined),
    reason:
      "the socat that stands in for a UDP server (echo mode, or an nc/iperf3 one) receives with UDP4-RECVFROM so that every datagram is answered, and podpath's socat parser reads the *-LISTEN addresses scenarios start servers with, not RECVFROM",
  },
];

/** Scenario scripts name a machine's own namespaces; its root namespace is where commands run by default. */
const scenarioCtx: RenderContext = { nsVar: (netns) => (netns === '' ? undefined : netns) };

type Semantic = OpBody & { readonly netns: string };
/** An op without where it was written: its location, its text, and the line numbers inside an iptables-restore input. */
const semantic = ({ loc: _loc, text: _text, ...rest }: Op): Semantic => {
  if (rest.op !== 'iptables-restore') return rest as Semantic;
  return { ...rest, tables: rest.tables.map(({ commitLine: _c, commandLines: _l, ...table }) => table) } as Semantic;
};
const kindOf = (op: Op) => (op.op === 'link-add' ? `${op.op}:${op.kind}` : op.op);

interface Line {
  readonly op: Op;
  readonly command: string;
  /** What parsing the command must give. */
  readonly expected: Semantic;
}

/** Parses the lines as one script (later commands see the ipsets earlier ones made) and pairs each line with its ops. */
function reparse(lines: readonly Line[]): { line: Line; ops: Semantic[] }[] {
  let at = 1;
  const starts = lines.map((l) => {
    const start = at;
    at += l.command.split('\n').length;
    return start;
  });
  const { ops, errors } = parseScript(scriptLines(lines.map((l) => l.command).join('\n')), 'rerendered.sh');
  const lineAt = (n: number) => lines[starts.findLastIndex((s) => s <= n)];
  expect.soft(errors.map((e) => `\`${lineAt(e.line)?.op.text}\` → \`${lineAt(e.line)?.command}\`: ${e.message}`)).toEqual([]);
  return lines.map((line, i) => ({ line, ops: ops.filter((o) => o.loc.line === starts[i]).map(semantic) }));
}

/**
 * How one script's ops come back as commands, in scripts to parse:
 *  - renderOp's commands, parsed as the scenario's script is, in the same namespaces;
 *  - an op left to its text is run by export-script inside its namespace (`ip netns exec NS
 *    sh -c TEXT`): its text without the prefix naming that namespace (ownCommandText), parsed
 *    on its own in the root namespace (one script per namespace), must give the op there, so
 *    nothing in the text still names the scenario's namespace (the lab's are prefixed);
 *  - a listener likewise (listenerCommand runs inside the namespace): the same socket, and
 *    the same command unless an nc/iperf3 server became an equivalent socat.
 */
interface Plan {
  readonly rendered: Line[];
  readonly text: Line[][]; // one script per namespace
  readonly listeners: Line[];
  noops: number;
}

function planOf(ops: readonly Op[]): Plan {
  const plan: Plan = { rendered: [], text: [], listeners: [], noops: 0 };
  const byNetns = new Map<string, Line[]>();
  for (const op of ops) {
    const words = renderOp(op, scenarioCtx);
    if (words) plan.rendered.push({ op, command: words.map(shq).join(' '), expected: semantic(op) });
    else if (op.op === 'listen') {
      const command = listenerCommand(op, 'original').join(' ');
      plan.listeners.push({ op, command, expected: { ...semantic(op), netns: '', command } as Semantic });
    } else if (op.op === 'noop') plan.noops++;
    else {
      if (!byNetns.has(op.netns)) byNetns.set(op.netns, []);
      byNetns.get(op.netns)!.push({ op, command: ownCommandText(op), expected: { ...semantic(op), netns: '' } });
    }
  }
  plan.text.push(...byNetns.values());
  return plan;
}

/** The entry of LISTENERS_NOT_REPARSED a listener's command is, if any. */
function notReparsed(op: Op, command: string) {
  return op.op === 'listen' ? LISTENERS_NOT_REPARSED.find((l) => l.form(op) === command) : undefined;
}

/** One script's ops rendered back and parsed again, as soft expectations naming each op. */
function checkRoundTrip(name: string, ops: readonly Op[]): void {
  const plan = planOf(ops);
  const listeners = plan.listeners.filter((l) => !notReparsed(l.op, l.command));
  for (const { line, ops: again } of [plan.rendered, ...plan.text, ...listeners.map((l) => [l])].flatMap(reparse)) {
    const where = `${name}: ${line.op.loc.file}:${line.op.loc.line} \`${line.op.text}\` → \`${line.command}\``;
    expect.soft(again, where).toEqual([line.expected]);
  }
}

/** Every script of a scenario: each machine's, then each variant's appended commands per machine (parsed apart, as the loader does). */
function scriptsOf(scenario: Scenario): { name: string; ops: readonly Op[] }[] {
  const out = scenario.machines.map((m) => ({ name: `${scenario.id} ${m.name}`, ops: m.ops }));
  for (const v of scenario.variants) {
    for (const [machine, ops] of Object.entries(v.append)) out.push({ name: `${scenario.id} variant ${v.id} ${machine}`, ops });
  }
  return out;
}

const shipped = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();
const loaded = new Map<string, Scenario>();
const shippedScripts = (file: string) => {
  if (!loaded.has(file)) loaded.set(file, loadFile(`scenarios/${file}`));
  return scriptsOf(loaded.get(file)!);
};

describe('round trip over the shipped scenarios: parse → render → parse gives the same ops', () => {
  it.each(shipped)('%s', (file) => {
    for (const script of shippedScripts(file)) checkRoundTrip(script.name, script.ops);
  });

  it('checks ops each way (renderOp, original text, listeners)', () => {
    const plans = shipped.flatMap((file) => shippedScripts(file).map((script) => planOf(script.ops)));
    const total = (f: (p: Plan) => number) => plans.reduce((n, p) => n + f(p), 0);
    // floors, not counts: new scenarios raise them
    expect(total((p) => p.rendered.length)).toBeGreaterThan(400);
    expect(total((p) => p.text.flat().length)).toBeGreaterThan(150);
    expect(total((p) => p.listeners.length)).toBeGreaterThan(20);
  });

  it('renderOp renders every kind but those listed with a reason, and every listed kind is really left out', () => {
    const unrendered = new Set<string>();
    const renderedKinds = new Set<string>();
    for (const file of shipped) {
      for (const script of shippedScripts(file)) {
        for (const op of script.ops) (renderOp(op, scenarioCtx) ? renderedKinds : unrendered).add(kindOf(op));
      }
    }
    expect([...unrendered].filter((k) => !(k in FROM_TEXT) && !(k in NOT_RENDERED))).toEqual([]);
    expect([...renderedKinds].filter((k) => k in FROM_TEXT || k in NOT_RENDERED)).toEqual([]);
  });

  it("starts every listener in echo mode on the op's socket", () => {
    for (const file of shipped) {
      for (const script of shippedScripts(file)) {
        for (const op of script.ops) {
          if (op.op !== 'listen') continue;
          const command = listenerCommand(op, 'echo').join(' ');
          if (notReparsed(op, command)) continue;
          expect.soft(parse(command).ops.map(semantic), `${file}: ${op.text} → ${command}`).toEqual([{ ...semantic(op), netns: '', command }]);
        }
      }
    }
  });
});

/** Every option of the kinds renderOp prints, and the namespace prefixes of text-rendered ops, spelled as a scenario may. */
const CORPUS = [
  'ip netns add pod1',
  'ip link add br0 type bridge',
  'ip link add br1 address 02:00:00:00:00:01 mtu 1400 master br0 up type bridge',
  'ip link add d0 up type dummy',
  'ip link add veth0 type veth peer name eth0',
  'ip link add veth1 address 02:00:00:00:00:02 mtu 1450 type veth peer name eth1 address 02:00:00:00:00:03 mtu 1450 netns pod1',
  'ip link add name veth2 master br0 type veth peer veth3',
  'ip -n pod1 link add v4 type veth peer name v5 netns pod1',
  'ip netns exec pod1 ip link add v6 type veth peer name v7',
  'ip link add vx0 type vxlan id 42',
  'ip link add vx1 address 02:00:00:00:00:04 mtu 1400 master br0 up type vxlan id 1 local 10.0.0.1 remote 10.0.0.2 dev eth0 dstport 4789 nolearning',
  'ip link add link eth0 name mv0 type macvlan mode bridge',
  'ip link add mv1 link eth0 address 02:00:00:00:00:10 mtu 1400 up type macvlan',
  'ip link add link eth0 mv2 type macvlan mod private mode passthru',
  'ip -n pod1 link add link eth9 name mv3 type macvlan mode vepa',
  'ip link add link eth0 name ipv0 type ipvlan',
  'ip link add link eth0 name ipv1 mtu 1400 type ipvlan mode l2 private',
  'ip netns exec pod1 ip link add link eth9 name ipv2 type ipvlan mode l3s vepa',
  'ip link add ipv3 link eth0 type ipvlan m l3 b',
  'ip link set mv0 up type macvlan mode vepa',
  'ip link set dev mv1 type macvlan',
  'ip -n pod1 link set ipv2 type ipvlan mode l2 private',
  'ip link set ipv0 type ipvlan',
  'ip link set eth0 up',
  'ip link set dev eth0 down',
  'ip link set eth0 netns pod1 name eth9 address 02:00:00:00:00:05 mtu 1300 master br0 promisc on up',
  'ip link set eth0 nomaster promisc off',
  'ip -n pod1 link set eth9 netns pod1',
  'ip link del veth0',
  'ip link delete dev veth1',
  'ip addr add 10.0.0.1/24 dev eth0',
  'ip addr add 10.0.0.2/24 brd + dev eth0 scope link',
  'ip addr add 127.0.0.2 dev lo scope host',
  'ip addr del 10.0.0.1/24 dev eth0',
  'ip addr flush dev eth0',
  'ip -n pod1 addr add 10.0.1.2/24 dev eth9',
  'ip route add default via 10.0.0.254',
  'ip route add 10.1.0.0/16 via 10.0.0.1 dev eth0 onlink scope link src 10.0.0.2 table 100 metric 10 proto static',
  'ip route add 10.9.0.0/16 dev eth0 table main metric 0',
  'ip route add blackhole 10.2.0.0/16',
  'ip route add unreachable 10.3.0.0/16 metric 5',
  'ip route add prohibit 10.4.0.0/16 table 7',
  'ip route add local 10.5.0.1 dev lo',
  'ip route add local 10.5.0.2 dev lo table main',
  'ip route add broadcast 10.5.0.255 dev eth0',
  'ip route add broadcast 10.5.1.255 dev eth0 table 100',
  'ip route add unicast 10.6.0.0/16 dev eth0 table local',
  'ip route replace 10.1.0.0/16 via 10.0.0.3',
  'ip route append 10.1.0.0/16 via 10.0.0.4 metric 100',
  'ip route del 10.1.0.0/16',
  'ip route del 10.1.0.0/16 via 10.0.0.1 dev eth0 metric 0 proto static table 100',
  'ip route del local 10.5.0.1 dev lo',
  'ip route del local 10.5.0.2 dev lo table main',
  'ip route flush table main',
  'ip route flush table 100',
  'ip route flush table local',
  'ip -n pod1 route add default via 10.0.1.1',
  'ip rule add lookup 100',
  'ip rule add from all lookup main',
  'ip rule add priority 100 not from 10.0.0.0/8 to 10.1.0.0/16 fwmark 0x10/0xff iif eth0 oif eth1 lookup 100',
  'ip rule add fwmark 1 prohibit',
  'ip rule add from 10.0.0.0/8 blackhole',
  'ip rule add to 10.9.0.0/16 unreachable',
  'ip rule add pref 5 table local',
  'ip rule add priority 6 to all lookup default',
  'ip rule del priority 100',
  'ip rule del from 10.0.0.0/8 lookup 100',
  'ip neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev eth0',
  'ip neigh add 10.0.0.10 lladdr 02:00:00:00:00:0a dev eth0 nud noarp',
  'ip neigh replace 10.0.0.9 lladdr 02:00:00:00:00:0b dev eth0 nud reachable',
  'ip neigh replace 10.0.0.11 dev eth0 nud stale',
  'ip neigh del 10.0.0.9 dev eth0',
  'ip -n pod1 neigh add 169.254.1.1 lladdr ee:ee:ee:ee:ee:ee dev eth9 nud permanent',
  'bridge fdb add 02:00:00:00:00:0c dev veth2 master',
  'bridge fdb append 00:00:00:00:00:00 dev vx0 dst 10.0.0.2 self permanent',
  'bridge fdb del 02:00:00:00:00:0d dev vx0 dst 10.0.0.2 self',
  'bridge -n pod1 fdb add 02:00:00:00:00:0e dev v5 master permanent',
  'bridge link set dev veth2 hairpin on',
  'bridge -n pod1 link set dev v5 hairpin off',
  'ip link set veth2 type bridge_slave hairpin on',
  'ip -n pod1 link set v5 type bridge_slave',
  'echo 1 > /sys/class/net/veth2/brport/hairpin_mode',
  'echo 0 > /sys/devices/virtual/net/veth2/brport/hairpin_mode',
  'sysctl -w net.ipv4.ip_forward=1',
  'sysctl -qw net.ipv4.conf.eth0.rp_filter=2 net.ipv4.conf.all.rp_filter=0',
  "sysctl -w 'net.ipv4.ip_local_port_range=1024 65000'",
  'echo 1 > /proc/sys/net/ipv4/conf/all/proxy_arp',
  'ip netns exec pod1 sysctl -w net.ipv4.conf.eth9.proxy_arp=1',
  'ip tunnel add tun0 mode ipip remote 10.0.0.2 local 10.0.0.1',
  'ip -n pod1 tunnel add tun1 mode ipip remote 10.0.0.3',
  'ip -netns pod1 tunnel change tun1 ttl 64',
  'ip -4 -n pod1 tunnel del tun1',
  'ip --netns pod1 link add tun2 type ipip remote 10.0.0.4',
  'ip netns exec pod1 iptables -t nat -A POSTROUTING -s 10.0.1.0/24 -j MASQUERADE',
  "ip netns exec pod1 iptables-restore --noflush <<'RULES'",
  '*filter',
  '-A INPUT -p tcp --dport 22 -j ACCEPT',
  'COMMIT',
  'RULES',
  'ip netns exec pod1 socat TCP-LISTEN:80,fork EXEC:cat &',
  'ip netns exec pod1 nc -l -u -p 53 &',
  'iperf3 -s -B 10.0.0.1 &',
  'modprobe br_netfilter',
].join('\n');

/** The kinds the corpus is there to cover. */
const CORPUS_KINDS = [
  'netns-add', 'link-add:veth', 'link-add:bridge', 'link-add:dummy', 'link-add:vxlan', 'link-add:macvlan', 'link-add:ipvlan', 'link-set', 'link-del', 'addr-add', 'addr-del', 'addr-flush',
  'route-add', 'route-replace', 'route-append', 'route-del', 'route-flush', 'rule-add', 'rule-del', 'neigh-add', 'neigh-replace', 'neigh-del',
  'fdb-add', 'fdb-append', 'fdb-del', 'brlink-set', 'brport-sysfs', 'sysctl', 'link-add:ipip', 'tunnel-change', 'tunnel-del', 'iptables', 'iptables-restore', 'listen', 'noop',
];

describe('round trip over a corpus spelling every option', () => {
  it('parse → render → parse gives the same ops', () => {
    const { ops, errors } = parse(CORPUS);
    expect(errors).toEqual([]);
    expect(new Set(ops.map(kindOf))).toEqual(new Set(CORPUS_KINDS));
    const plan = planOf(ops);
    expect(plan.rendered.length + plan.text.flat().length + plan.listeners.length + plan.noops).toBe(ops.length);
    expect(plan.listeners.filter((l) => notReparsed(l.op, l.command)).map((l) => l.op.text)).toEqual(['ip netns exec pod1 nc -l -u -p 53 &']);
    checkRoundTrip('corpus', ops);
  });
});
