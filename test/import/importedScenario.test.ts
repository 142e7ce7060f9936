// scenarios/imported-forward-drop.yaml is the importer's work: importing its committed snapshots
// again (scenarios/imported/forward-drop/) gives its networks and machines, each script
// followed only by the listeners added by hand (processes are not in a snapshot).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importSnapshots, parseSnapshot } from '../../src/scenario/import';

const DIR = 'scenarios/imported/forward-drop';

interface Machine {
  name: string;
  role: string;
  nics: unknown[];
  script: string;
}

describe('scenarios/imported-forward-drop.yaml', () => {
  const inputs = ['node1', 'node2'].map((n) => {
    const file = `${DIR}/${n}.json`;
    const parsed = parseSnapshot(readFileSync(file, 'utf8'), file);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    return { snapshot: parsed.snapshot, file };
  });
  const imported = parse(importSnapshots(inputs, { id: 'imported-forward-drop' }).yaml) as { networks: unknown[]; machines: Machine[]; source: string };
  const shipped = parse(readFileSync('scenarios/imported-forward-drop.yaml', 'utf8')) as typeof imported;

  it('has the networks, machines and notes the import writes', () => {
    expect(shipped.networks).toEqual(imported.networks);
    expect(shipped.source).toEqual(imported.source);
    expect(shipped.machines.map(({ name, role, nics }) => ({ name, role, nics }))).toEqual(imported.machines.map(({ name, role, nics }) => ({ name, role, nics })));
  });

  it('adds nothing to the scripts but listeners', () => {
    for (const [i, machine] of shipped.machines.entries()) {
      const own = imported.machines[i].script;
      expect(machine.script.startsWith(own), machine.name).toBe(true);
      const added = machine.script.slice(own.length).split('\n').filter((l) => l.trim());
      for (const line of added) expect(line).toMatch(/^ip netns exec \S+ socat TCP-LISTEN:\d+,fork EXEC:cat &$/);
    }
  });
});
