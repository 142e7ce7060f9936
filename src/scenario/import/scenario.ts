// Snapshots to a scenario file: one machine per snapshot, NICs whose IPv4 networks overlap put
// on one switch network, and every command checked by the scenario loader and a build of the
// lab. A command podpath refuses (while reading or building) is taken out and listed in the
// scenario's notes with podpath's message, so what cannot be represented is said, never
// silently dropped. Pure: the page can call it too.
import { buildWorld } from '../../engine';
import { loadScenario } from '../load';
import { worldSpecFor } from '../variant';
import { networkOf } from './commands';
import { machineImport, type MachineImport, type ScriptCommand } from './script';
import type { Snapshot } from './snapshot';

export interface ImportInput {
  readonly snapshot: Snapshot;
  /** the machine's name (default: the snapshot's hostname) */
  readonly name?: string;
  /** where it came from, for the notes */
  readonly file: string;
}

export interface ImportExtras {
  /** the scenario's id (default: imported-FIRST-MACHINE) */
  readonly id?: string;
  /** flows, as a scenario file writes them (`podpath-parity --roundtrip` carries the original's) */
  readonly flows?: readonly Record<string, unknown>[];
  /** lines appended to a machine's script (listeners: processes are not in a snapshot) */
  readonly append?: Readonly<Record<string, readonly string[]>>;
}

export interface ImportResult {
  readonly yaml: string;
  /** what could not be represented, also written in the file */
  readonly notes: readonly string[];
}

export class ImportError extends Error {}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function cleanMachineName(raw: string): string {
  const s = raw.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return s === '' ? 'node' : s;
}

/**
 * NICs whose IPv4 networks are the same share a switch, and so do NICs that are veths into the
 * same uncollected namespace (their wire); a NIC with neither gets a network of its own.
 */
function groupNetworks(machines: readonly MachineImport[]): { names: string[]; of: Map<string, string> } {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const r = find(p);
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  const bySubnet = new Map<string, string>();
  for (const m of machines) {
    for (const nic of m.nics) {
      const key = `${m.name}/${nic.name}`;
      parent.set(key, key);
      if (nic.wire) {
        const wire = `wire:${nic.wire}`;
        if (!parent.has(wire)) parent.set(wire, wire);
        union(key, wire);
      }
      for (const cidr of nic.networks) {
        const [addr, len] = cidr.split('/');
        const net = networkOf(addr, Number(len));
        const other = bySubnet.get(net);
        if (other) union(key, other);
        else bySubnet.set(net, key);
      }
    }
  }
  const names: string[] = [];
  const byRoot = new Map<string, string>();
  const of = new Map<string, string>();
  for (const m of machines) {
    for (const nic of m.nics) {
      const key = `${m.name}/${nic.name}`;
      const root = find(key);
      let name = byRoot.get(root);
      if (!name) {
        const first = nic.networks[0];
        const base = first ? `net-${networkOf(first.split('/')[0], Number(first.split('/')[1])).replace('/', '-')}` : `wire-${m.name}-${nic.name}`;
        name = base;
        for (let i = 2; names.includes(name); i++) name = `${base}-${i}`;
        names.push(name);
        byRoot.set(root, name);
      }
      of.set(key, name);
    }
  }
  return { names, of };
}

const q = (s: string) => JSON.stringify(s);

interface Owner {
  machine: number;
  command: number;
  body?: number;
}

function render(id: string, inputs: readonly ImportInput[], machines: readonly MachineImport[], notes: readonly string[], extras: ImportExtras) {
  const lines: string[] = [];
  const owners = new Map<number, Owner>();
  const nets = groupNetworks(machines);
  lines.push('# Imported by `podpath import` from node snapshots (scripts/podpath-collect.sh).');
  if (notes.length) {
    lines.push(`# Not represented (${notes.length}), also in \`source\`:`);
    for (const n of notes) lines.push(`#   - ${n.replace(/\n/g, ' ')}`);
  }
  lines.push(`id: ${id}`);
  lines.push(`title: ${q(`Imported: ${machines.map((m) => m.name).join(', ')}`)}`);
  lines.push(`summary: ${q(`A lab imported from ${inputs.length} node snapshot(s) (${inputs.map((i) => i.file).join(', ')}). ${notes.length ? `${notes.length} thing(s) could not be represented: they are listed in this file's notes.` : 'Everything read was represented.'}`)}`);
  lines.push('tags: [imported]');
  lines.push(`source: ${q(['podpath import', ...notes.map((n) => `not represented: ${n}`)].join('\n'))}`);
  lines.push(`networks:${nets.names.length ? '' : ' []'}`);
  for (const n of nets.names) lines.push(`  - { name: ${n}, kind: switch }`);
  lines.push('machines:');
  machines.forEach((m, mi) => {
    lines.push(`  - name: ${m.name}`);
    lines.push(`    role: ${m.role}`);
    if (m.nics.length) {
      lines.push('    nics:');
      for (const nic of m.nics) lines.push(`      - { name: ${q(nic.name)}, network: ${nets.of.get(`${m.name}/${nic.name}`)}${nic.address ? `, address: ${q(nic.address)}` : ''} }`);
    }
    lines.push('    script: |');
    m.commands.forEach((c, ci) => {
      if (typeof c === 'string') {
        owners.set(lines.length + 1, { machine: mi, command: ci });
        lines.push(`      ${c}`);
      } else {
        owners.set(lines.length + 1, { machine: mi, command: ci });
        lines.push(`      ${c.head}`);
        c.body.forEach((b, bi) => {
          owners.set(lines.length + 1, { machine: mi, command: ci, body: bi });
          lines.push(`      ${b}`);
        });
        lines.push(`      ${c.tail}`);
      }
    });
    for (const extra of extras.append?.[m.name] ?? []) lines.push(`      ${extra}`);
  });
  if (extras.flows?.length) {
    lines.push('flows:');
    for (const f of extras.flows) lines.push(`  - ${JSON.stringify(f)}`);
  }
  return { text: `${lines.join('\n')}\n`, owners };
}

const commandText = (c: ScriptCommand) => (typeof c === 'string' ? c : c.head);

/**
 * Turns snapshots into a scenario. Throws ImportError when two snapshots give one machine
 * name or the result cannot be made to load (a podpath bug: the message has the errors).
 */
export function importSnapshots(inputs: readonly ImportInput[], extras: ImportExtras = {}): ImportResult {
  if (!inputs.length) throw new ImportError('no snapshot to import');
  const machines: MachineImport[] = [];
  const notes: string[] = [];
  for (const input of inputs) {
    const name = cleanMachineName(input.name ?? input.snapshot.hostname);
    if (input.name !== undefined && !NAME.test(input.name)) throw new ImportError(`${input.file}: machine name "${input.name}": expected letters, digits, ".", "_" and "-", starting with a letter or digit`);
    if (machines.some((m) => m.name === name)) throw new ImportError(`${input.file}: a second machine named "${name}"; give each snapshot its own with --name`);
    const m = machineImport(input.snapshot, name);
    machines.push(m);
    notes.push(...m.notes.map((n) => `${name}: ${n}`));
    if (input.snapshot.redacted) notes.push(`${name}: the snapshot was redacted: addresses, MACs and names are stand-ins`);
  }
  const id = extras.id ?? `imported-${machines[0].name.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}`;
  const file = `${id}.yaml`;
  // take out what podpath refuses, each with its message, until the lab loads and builds
  for (let pass = 0; pass < 100; pass++) {
    const { text, owners } = render(id, inputs, machines, notes, extras);
    const loaded = loadScenario(text, file);
    const errors = loaded.ok
      ? buildWorld(worldSpecFor(loaded.scenario, undefined)).errors.map((e) => ({ line: e.loc.line, message: e.message }))
      : loaded.errors.map((e) => ({ line: e.line, message: e.message }));
    if (!errors.length) return { yaml: text, notes };
    const removals: { owner: Owner; message: string }[] = [];
    for (const e of errors) {
      const owner = owners.get(e.line);
      if (!owner) throw new ImportError(`the imported scenario does not load (a podpath bug, please report it):\n${errors.map((x) => `${file}:${x.line}: ${x.message}`).join('\n')}`);
      removals.push({ owner, message: e.message });
    }
    // bodies first, from the end, so the indexes of the others stay right
    removals.sort((a, b) => b.owner.machine - a.owner.machine || b.owner.command - a.owner.command || (b.owner.body ?? -1) - (a.owner.body ?? -1));
    const done = new Set<string>();
    for (const { owner, message } of removals) {
      const key = `${owner.machine}/${owner.command}/${owner.body ?? ''}`;
      if (done.has(key)) continue;
      done.add(key);
      const m = machines[owner.machine];
      const c = m.commands[owner.command];
      // A route left from an earlier configuration (the node's address changed under it) cannot
      // be added again as it is; `onlink` makes the same next hop without that check.
      if (typeof c === 'string' && / route add .* via /.test(` ${c} `) && !/ onlink\b/.test(c) && message.includes('Nexthop has invalid gateway')) {
        m.commands[owner.command] = `${c} onlink`;
        notes.push(`${m.name}: \`${c}\` written with onlink: its gateway is in no connected subnet (the route outlived the address that made it reachable), which Linux refuses to add again without onlink`);
        continue;
      }
      if (owner.body !== undefined && typeof c !== 'string') {
        notes.push(`${m.name}: left out of \`${c.head}\`: \`${c.body[owner.body]}\`: ${message}`);
        c.body.splice(owner.body, 1);
      } else {
        notes.push(`${m.name}: left out \`${commandText(c)}\`: ${message}`);
        m.commands.splice(owner.command, 1);
      }
    }
  }
  throw new ImportError('the imported scenario still does not load after taking out 100 rounds of refused commands (a podpath bug, please report it)');
}
