// Every drop a shipped scenario shows (every variant, every flow) pairs its reason with its cause
// as CAUSE_REASONS allows, and gets words of its own: the reason's entry, or for a drop the
// kernel leaves unnamed (NOT_SPECIFIED) the entry of its cause — never a neighbour's text.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../src/engine';
import { CAUSE_REASONS, UNNAMED_CAUSES } from '../../src/engine/trace/dropReasons';
import { dropWords } from '../../src/i18n/trace';
import { en } from '../../src/i18n/trace/en';
import { worldSpecFor } from '../../src/scenario';
import { loadScenarioFile } from '../../src/scenario/node';

describe('the drops shipped scenarios show', () => {
  const seen = new Set<string>();
  for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.yaml'))) {
    const loaded = loadScenarioFile(`scenarios/${file}`);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const s = loaded.scenario;
    it(`${s.id}: each has a cause, a reason its cause allows, and its own words`, () => {
      for (const variant of [undefined, ...s.variants.map((v) => v.id)]) {
        const world = buildWorld(worldSpecFor(s, variant));
        for (const flow of s.flows) {
          const drop = world.reach(flow).drop;
          if (!drop) continue;
          const where = `${variant ?? 'base'}/${flow.id}`;
          expect(drop.cause, where).toBeDefined();
          const code = drop.cause!.code;
          expect(CAUSE_REASONS[code] as readonly string[], where).toContain(drop.reason);
          if (drop.reason === 'NOT_SPECIFIED') {
            expect(UNNAMED_CAUSES as readonly string[], where).toContain(code);
            expect(dropWords(drop, 'en'), where).toBe(en.unnamed[code as (typeof UNNAMED_CAUSES)[number]]);
          } else {
            expect(dropWords(drop, 'en'), where).toBe(en.reasons[drop.reason]);
          }
          seen.add(`${drop.reason}/${code}`);
        }
      }
    }, 60_000);
  }

  it('include the most common one, a netfilter DROP rule named by its cause', () => {
    expect(seen).toContain('NETFILTER_DROP/nf-rule');
  });
});
