// docs/scenario-format.md against the zod schema: every mapping the schema has is documented
// under a `<!-- keys: PATH -->` table with exactly the schema's keys, each key's
// "Required / default" cell says what the schema does, and the page's example loads and
// meets its expectations.
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/engine';
import { expectationMet } from '../../src/engine/trace/expectation';
import { formatScenarioError } from '../../src/scenario/errors';
import { loadErrors, loadOk } from '../../src/scenario/testing';
import { expectationsFor, worldSpecFor } from '../../src/scenario/variant';
import { codeSpan, markedBlocks, markedTables, readDoc } from './markdown';
import { ruleCell, schemaObjects } from './schemaKeys';

const DOC = 'docs/scenario-format.md';
const text = readDoc(DOC);
const tables = markedTables(text, 'keys');
const objects = schemaObjects();

describe(DOC, () => {
  it('has one key table per mapping of the schema, and none for a mapping it lacks', () => {
    expect(tables.map((t) => t.marker).sort()).toEqual(objects.map((o) => o.path).sort());
  });

  for (const object of objects) {
    it(`documents exactly the keys of ${object.path}, with their required / default rule`, () => {
      const table = tables.find((t) => t.marker === object.path);
      expect(table, `no <!-- keys: ${object.path} --> table`).toBeDefined();
      const documented = table!.body.map((cells) => ({ key: codeSpan(cells[0]), rule: cells[2] ?? '' }));
      expect(documented.map((d) => d.key)).toEqual([...object.keys.keys()]);
      for (const { key, rule } of documented) {
        const expected = ruleCell(object.keys.get(key!)!);
        // a cell may add a qualifier after the rule: "required (vpc only)"
        expect(rule.startsWith(expected), `${object.path}.${key}: "${rule}" should start with "${expected}"`).toBe(true);
        expect(rule.slice(expected.length)).toMatch(/^(\s*\(.*\))?$/);
      }
    });
  }

  it('has an example that loads, builds and meets every expectation it sets', () => {
    const [example] = markedBlocks(text, 'example');
    expect(example.body.lang).toBe('yaml');
    const scenario = loadOk(example.body.code, DOC);
    let checked = 0;
    for (const variant of [undefined, ...scenario.variants.map((v) => v.id)]) {
      const world = buildWorld(worldSpecFor(scenario, variant));
      expect(world.errors).toEqual([]);
      const expectations = expectationsFor(scenario, variant);
      for (const flow of scenario.flows) {
        const expectation = expectations[flow.id];
        if (expectation === undefined) continue;
        expect(expectationMet(world.trace(flow), expectation), `${flow.id} in ${variant ?? 'base'}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(2);
  });

  it('shows the errors its error example really gives', () => {
    const [example] = markedBlocks(text, 'error-example');
    const [messages] = markedBlocks(text, 'error-messages');
    const errors = loadErrors(example.body.code, 'my-lab.yaml').map(formatScenarioError);
    expect(errors).toEqual(messages.body.code.split('\n'));
  });
});
