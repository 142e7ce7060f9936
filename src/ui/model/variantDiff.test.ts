import { describe, expect, it } from 'vitest';
import { expectationsFor } from '../../scenario/variant';
import { loadFile } from '../../scenario/testing';
import { viewOf } from '../../worker/handle';
import { lineDiff, stateDiff, variantDiff } from './variantDiff';

describe('lineDiff', () => {
  it('counts repeated lines and keeps order', () => {
    expect(lineDiff(['a', 'b', 'b', 'c'], ['b', 'd', 'a', 'd'])).toEqual({ added: ['d', 'd'], removed: ['b', 'c'] });
    expect(lineDiff([], [])).toEqual({ added: [], removed: [] });
  });
});

describe('stateDiff', () => {
  it('marks the new lines by index and lists the gone ones', () => {
    expect(stateDiff(['default via 10.0.0.1', '10.0.0.0/24 dev eth0'], ['10.0.0.0/24 dev eth0', '10.244.2.0/24 via 10.0.0.3'])).toEqual({
      added: [1],
      removed: ['default via 10.0.0.1'],
    });
  });
});

describe('variantDiff on shipped labs', () => {
  const view = (file: string) => viewOf(loadFile(file), expectationsFor);

  it('host-gw: switching from the scenario as written to a breaking variant shows the commands it adds, on its machine only', () => {
    const v = view('scenarios/host-gw.yaml');
    for (const variant of v.variants) {
      const d = variantDiff(v, undefined, variant.id);
      const declared = Object.entries(variant.changes ?? {}).filter(([, lines]) => lines.length > 0);
      expect(d.map((m) => m.machine).sort()).toEqual(declared.map(([m]) => m).sort());
      for (const m of d) {
        expect(m.removed).toEqual([]);
        expect(m.added).toEqual(variant.changes?.[m.machine]);
        for (const line of m.added) expect(line.startsWith('#')).toBe(false);
      }
    }
  });

  it('switching back undoes the same lines, and a variant against itself changes nothing', () => {
    const v = view('scenarios/host-gw.yaml');
    const some = v.variants.find((x) => Object.keys(x.changes ?? {}).length > 0)!;
    const forth = variantDiff(v, undefined, some.id);
    const back = variantDiff(v, some.id, undefined);
    expect(back.map((m) => ({ machine: m.machine, added: m.removed, removed: m.added }))).toEqual(forth);
    expect(variantDiff(v, some.id, some.id)).toEqual([]);
  });

  it('host-gw-cloud: a NIC setting is a line of its machine', () => {
    const v = view('scenarios/host-gw-cloud.yaml');
    expect(variantDiff(v, undefined, 'source-dest-check-off')).toEqual([
      { machine: 'host1', added: ['nic eth0: sourceDestCheck false'], removed: [] },
      { machine: 'host2', added: ['nic eth0: sourceDestCheck false'], removed: [] },
    ]);
  });
});
