import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../scenario/load';
import { TRACKS } from '../../scenario/track';
import { onPath, pathGroups, type PathPlace, peekPlace } from './learningPath';

describe('peekPlace reads track and level from a file without parsing it', () => {
  it.each([
    ['plain values', 'id: x\ntrack: overlays\nlevel: 2\n', { track: 'overlays', level: 2 }],
    ['quoted values and comments', 'track: "cloud"  # the cloud track\nlevel: \'3\'\n', { track: 'cloud', level: 3 }],
    ['no keys', 'id: x\n', {}],
    ['values outside the closed lists', 'track: overlay\nlevel: 9\n', {}],
    ['indented keys belong to something else', 'flows:\n  - track: cloud\n    level: 1\n', {}],
  ] as const)('%s', (_name, text, place) => {
    expect(peekPlace(text)).toEqual(place);
  });
});

describe('the learning path', () => {
  const at = (file: string, track?: PathPlace['track'], level?: number) => ({ file, place: { ...(track ? { track } : {}), ...(level ? { level } : {}) } });
  const items = [
    at('a-multi.yaml', 'multi-cni', 1),
    at('b-overlay-2.yaml', 'overlays', 2),
    at('c-none.yaml'),
    at('d-basics-2.yaml', 'basics', 2),
    at('e-overlay-1.yaml', 'overlays', 1),
    at('f-basics-1.yaml', 'basics', 1),
    at('g-overlay-1.yaml', 'overlays', 1),
    at('h-services.yaml', 'services'),
  ];
  const ordered = onPath(items, (i) => i.place);

  it('orders by track, then level, then file; unplaced files come last', () => {
    expect(ordered.map((i) => i.file)).toEqual([
      'f-basics-1.yaml',
      'd-basics-2.yaml',
      'h-services.yaml',
      'e-overlay-1.yaml',
      'g-overlay-1.yaml',
      'b-overlay-2.yaml',
      'a-multi.yaml',
      'c-none.yaml',
    ]);
  });

  it('groups by track in path order', () => {
    expect(pathGroups(ordered, (i) => i.place).map((g) => [g.track, g.items.length])).toEqual([
      ['basics', 2],
      ['services', 1],
      ['overlays', 3],
      ['multi-cni', 1],
      [undefined, 1],
    ]);
  });
});

describe('the shipped scenarios', () => {
  const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));
  const shipped = files.map((f) => {
    const text = readFileSync(`scenarios/${f}`, 'utf8');
    const result = loadScenario(text, `scenarios/${f}`);
    if (!result.ok) throw new Error(`${f} does not load`);
    return { file: f, text, scenario: result.scenario };
  });

  it('each names a track and a level, and the peek agrees with the schema', () => {
    for (const { file, text, scenario } of shipped) {
      expect(scenario.track, file).toBeDefined();
      expect(scenario.level, file).toBeDefined();
      expect(peekPlace(text), file).toEqual({ track: scenario.track, level: scenario.level });
    }
  });

  it('start with a level-1 basics lab and cover every track', () => {
    const ordered = onPath(shipped, (s) => peekPlace(s.text));
    expect(ordered[0].scenario).toMatchObject({ track: 'basics', level: 1 });
    expect(new Set(shipped.map((s) => s.scenario.track))).toEqual(new Set(TRACKS));
  });
});
