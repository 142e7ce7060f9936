// The trace's state changes are found by watching change counters (Netns.stateVersion,
// ConntrackTable.version) instead of looking at every namespace after every event. If some code
// changed state without counting it, its change would show up late (at the end of the leg):
// this checks, for every shipped scenario, variant and flow, that watching the counters gives
// exactly what looking after every event gives.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildLab } from '../../src/engine/kernel/apply';
import { compileChains } from '../../src/engine/kernel/netfilter/dispatch';
import { snapshotLab } from '../../src/engine/kernel/snapshot';
import { traceConversation } from '../../src/engine/walk/conversation';
import { worldSpecFor } from '../../src/scenario';
import { loadScenarioFile } from '../../src/scenario/node';

describe('state changes found by the counters are the changes found by looking every time', () => {
  for (const file of readdirSync('scenarios').filter((f) => f.endsWith('.yaml'))) {
    const loaded = loadScenarioFile(`scenarios/${file}`);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const s = loaded.scenario;
    it(s.id, () => {
      let changes = 0;
      for (const variant of [undefined, ...s.variants.map((v) => v.id)]) {
        const { lab } = buildLab(worldSpecFor(s, variant));
        for (const ns of lab.allNamespaces()) for (const t of ns.nf.loadedTables()) compileChains(t.chains.values());
        const restore = snapshotLab(lab);
        for (const flow of s.flows) {
          const watched = traceConversation(lab, flow);
          restore();
          const looked = traceConversation(lab, flow, { watchEveryEvent: true });
          restore();
          expect(watched.state, `${variant ?? 'base'}/${flow.id}`).toEqual(looked.state);
          changes += looked.state.length;
        }
      }
      expect(changes).toBeGreaterThan(0);
    }, 60_000);
  }
});
