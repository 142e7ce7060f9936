// The importer (src/scenario/import) on snapshots the collector took of namespace labs built
// from shipped scenarios (fixtures/README.md says how): each imported lab loads, builds, and
// traces every flow of the scenario it was collected from as that scenario does (the kernel-free
// half of the parity round trip); bad snapshots are refused with their place; what cannot be
// represented is listed.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/engine';
import { main } from '../../src/cli/main';
import { importSnapshots, parseSnapshot, type ImportInput, type Snapshot } from '../../src/scenario/import';
import { loadScenario } from '../../src/scenario/load';
import { loadFile } from '../../src/scenario/testing';
import { worldSpecFor } from '../../src/scenario/variant';
import { flowEntry, listenerLines, traceFacts } from '../parity/roundtrip';
import { recordingIo } from '../testing/fakes';

const FIXTURES = 'test/import/fixtures';

function snapshotsOf(dir: string): ImportInput[] {
  return readdirSync(`${FIXTURES}/${dir}`)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = `${FIXTURES}/${dir}/${f}`;
      const parsed = parseSnapshot(readFileSync(file, 'utf8'), file);
      if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
      return { snapshot: parsed.snapshot, file, name: f.replace(/\.json$/, '') };
    });
}

const labs = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe.each(labs)('importing the snapshots of %s', (dir) => {
  const scenario = loadFile(`scenarios/${dir}.yaml`);
  const original = buildWorld(worldSpecFor(scenario, undefined));
  const imported = importSnapshots(snapshotsOf(dir), { flows: scenario.flows.map(flowEntry), append: listenerLines(scenario, undefined) });
  const loaded = loadScenario(imported.yaml, `${dir}-imported.yaml`);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join('\n'));
  const world = buildWorld(worldSpecFor(loaded.scenario, undefined));
  const machines = new Set(scenario.machines.map((m) => m.name));

  it('builds without an error', () => {
    expect(world.errors).toEqual([]);
    expect(loaded.scenario.machines.map((m) => m.name)).toEqual(scenario.machines.map((m) => m.name));
  });

  it.each(scenario.flows.map((f) => f.id))('traces %s as the scenario does', (id) => {
    const flow = scenario.flows.find((f) => f.id === id)!;
    const copy = loaded.scenario.flows.find((f) => f.id === id)!;
    expect(traceFacts(world.trace(copy), machines)).toEqual(traceFacts(original.trace(flow), machines));
  });
});

describe('reading a snapshot', () => {
  const good = readFileSync(`${FIXTURES}/host-gw/host1.json`, 'utf8');

  it('refuses what is not JSON, not a snapshot, or another version', () => {
    expect(parseSnapshot('{', 'a.json')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^a\.json: not JSON .*expected the output of scripts\/podpath-collect\.sh$/)] });
    expect(parseSnapshot('[]', 'a.json')).toEqual({ ok: false, errors: ['a.json: not a podpath snapshot: expected a JSON object with "podpath_snapshot": 1 (the output of scripts/podpath-collect.sh)'] });
    expect(parseSnapshot('{"podpath_snapshot":2}', 'a.json')).toEqual({ ok: false, errors: ['a.json: podpath_snapshot: this podpath reads snapshot version 1, got 2'] });
  });

  it('names the place and what was expected', () => {
    const raw = JSON.parse(good) as { namespaces: { link: { ifindex: unknown }[] }[] };
    raw.namespaces[0].link[1].ifindex = 'two';
    const r = parseSnapshot(JSON.stringify(raw), 'n.json');
    expect(r).toEqual({ ok: false, errors: ['n.json: namespaces[0].link[1].ifindex: Invalid input: expected number, received string'] });
  });

  it('podpath import exits 2 on a bad snapshot, naming it', async () => {
    const io = recordingIo();
    expect(await main(['import', 'test/import/import.test.ts'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/^test\/import\/import\.test\.ts: not JSON/);
  });
});

describe('what cannot be represented', () => {
  it('is listed, with why, never dropped silently', () => {
    const [input] = snapshotsOf('host-gw');
    const snapshot = structuredClone(input.snapshot) as Snapshot;
    const root = snapshot.namespaces[0];
    root.link!.push({ ifindex: 90, ifname: 'wg0', flags: ['UP'], mtu: 1420, link_type: 'none', linkinfo: { info_kind: 'wireguard' } });
    root.addr!.push({ ifname: 'wg0', addr_info: [{ family: 'inet', local: '10.99.0.1', prefixlen: 24 }] });
    root.route!.push({ dst: '10.98.0.0/16', dev: 'wg0', flags: [] });
    root.route!.push({ dst: '10.97.0.0/16', flags: [], nexthops: [{ gateway: '10.57.4.1', dev: 'eth0' }, { gateway: '10.57.4.2', dev: 'eth0' }] });
    root.route!.push({ type: 'throw', dst: '10.96.128.0/17', table: '7', flags: [] });
    const { yaml, notes } = importSnapshots([{ ...input, snapshot }]);
    expect(notes).toEqual(
      expect.arrayContaining([
        'host1: root namespace: device wg0 left out: device kind wireguard is not modelled by podpath (it creates bridge, veth, vxlan, macvlan, ipvlan, dummy, ipip)',
        'host1: root namespace: route 10.98.0.0/16 dev wg0 left out: its device wg0 was left out',
        'host1: root namespace: multipath route 10.97.0.0/16: not modelled by podpath, left out',
        'host1: root namespace: route type throw (throw 10.96.128.0/17 table 7): not modelled by podpath, left out',
      ]),
    );
    expect(yaml).toContain('#   - host1: root namespace: device wg0 left out');
    expect(yaml).not.toContain('wg0 up');
    expect(loadScenario(yaml, 'x.yaml').ok).toBe(true);
  });
});
