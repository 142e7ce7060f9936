import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../engine';
import { loadFile } from '../../scenario/testing';
import { expectationsFor, worldSpecFor } from '../../scenario/variant';
import type { ScenarioView } from '../../worker/protocol';
import { fixingVariant } from './fix';

type V = { id: string; fixes?: string };
const view = (expectations: ScenarioView['expectations'], variants: V[]): ScenarioView => ({
  file: 'f.yaml', id: 'f', title: { en: '', 'zh-CN': '' }, summary: { en: '', 'zh-CN': '' }, tags: [], source: '',
  machines: [], flows: [], tour: [], expectations,
  variants: variants.map((v) => ({ id: v.id, title: { en: v.id, 'zh-CN': v.id }, changes: {}, ...(v.fixes ? { fixes: v.fixes } : {}) })),
});

describe('fixingVariant follows the declarations only', () => {
  const drop = { dropped: 'NEIGH_FAILED' };
  it('picks the variant declared the fix that delivers the flow, whatever its name', () => {
    const s = view({ '': { a: drop }, fixed: { a: 'delivered' }, cure: { a: 'delivered' } }, [{ id: 'fixed' }, { id: 'cure', fixes: 'base' }]);
    expect(fixingVariant(s, undefined, 'a')).toBe('cure');
  });
  it('offers nothing where no fix is declared, even if another variant happens to deliver (an intended block)', () => {
    const s = view({ '': { a: drop }, 'rule-elsewhere': { a: 'delivered' } }, [{ id: 'rule-elsewhere' }]);
    expect(fixingVariant(s, undefined, 'a')).toBeNull();
  });
  it('goes back to the scenario as written from a variant that breaks it', () => {
    const s = view({ '': { a: 'delivered' }, broken: { a: drop }, other: { a: 'delivered' } }, [{ id: 'broken' }, { id: 'other' }]);
    expect(fixingVariant(s, 'broken', 'a')).toBeUndefined();
  });
  it('walks a lesson one declared step at a time, even when a step drops the flow the same way', () => {
    const s = view(
      { '': { a: drop }, step1: { a: drop }, step2: { a: drop }, step3: { a: 'delivered' } },
      [{ id: 'step1', fixes: 'base' }, { id: 'step2', fixes: 'step1' }, { id: 'step3', fixes: 'step2' }],
    );
    expect(fixingVariant(s, undefined, 'a')).toBe('step1');
    expect(fixingVariant(s, 'step1', 'a')).toBe('step2');
    expect(fixingVariant(s, 'step2', 'a')).toBe('step3');
  });
  it('does not offer a declared fix that leaves this flow as it was (it fixes another flow)', () => {
    const s = view({ '': { a: drop, b: drop }, stateful: { a: drop, b: 'delivered' } }, [{ id: 'stateful', fixes: 'base' }]);
    expect(fixingVariant(s, undefined, 'b')).toBe('stateful');
    expect(fixingVariant(s, undefined, 'a')).toBeNull();
  });
});

describe('the shipped labs\' fixes', () => {
  const viewOf = (file: string): ScenarioView => {
    const s = loadFile(file);
    const ids = [undefined, ...s.variants.map((v) => v.id)];
    return {
      file, id: s.id, title: s.title, summary: s.summary, tags: s.tags, source: s.source, machines: [], flows: s.flows, tour: [],
      variants: s.variants.map((v) => ({ id: v.id, title: v.title, changes: {}, ...(v.fixes ? { fixes: v.fixes } : {}) })),
      expectations: Object.fromEntries(ids.map((id) => [id ?? '', expectationsFor(s, id)])),
    };
  };

  it('ipip: host2 deleting its tunnel is undone, not "fixed" by the cloud variant', () => {
    expect(fixingVariant(viewOf('scenarios/ipip.yaml'), 'no-tunnel-on-host2', 'pod-a-to-pod-b')).toBeUndefined();
    expect(fixingVariant(viewOf('scenarios/ipip.yaml'), 'cloud-security-group', 'pod-a-to-pod-b')).toBe('cloud-security-group-fixed');
  });

  it('network-policy: the intended block has no fix; the replies the policy drops are fixed by accepting established connections', () => {
    const s = viewOf('scenarios/network-policy.yaml');
    expect(fixingVariant(s, undefined, 'pod-a-to-pod-b')).toBeNull();
    expect(fixingVariant(s, undefined, 'pod-b-to-pod-a')).toBe('stateful');
  });

  it('pod-host: the lesson\'s steps in order', () => {
    const s = viewOf('scenarios/pod-host.yaml');
    const path: (string | undefined)[] = [];
    let at: string | undefined;
    for (let i = 0; i < 6 && s.expectations[at ?? '']['pod-to-host'] !== 'delivered'; i++) {
      const next = fixingVariant(s, at, 'pod-to-host');
      if (next === null || next === undefined) break;
      path.push(next);
      at = next;
    }
    expect(path).toEqual(['default-route', 'proxy-arp-without-forwarding', 'proxy-arp', 'fixed']);
  });

  it('every fix offered in every lab is declared for the lab it is offered from, and the target really traces as it says', () => {
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const scenario = loadFile(`scenarios/${file}.yaml`);
      const s = viewOf(`scenarios/${file}.yaml`);
      for (const current of [undefined, ...scenario.variants.map((v) => v.id)]) {
        for (const flow of scenario.flows) {
          if (s.expectations[current ?? '']?.[flow.id] === 'delivered') continue;
          const target = fixingVariant(s, current, flow.id);
          if (target === null) continue;
          const where = `${file} ${current ?? 'base'} ${flow.id} → ${target ?? 'base'}`;
          if (target === undefined) expect(s.expectations[''][flow.id], where).toBe('delivered');
          else expect(scenario.variants.find((v) => v.id === target)?.fixes, where).toBe(current ?? 'base');
          // the lab switched to traces as its expectation says
          const trace = buildWorld(worldSpecFor(scenario, target)).trace(flow);
          expect(trace.verdict === 'delivered', where).toBe(s.expectations[target ?? ''][flow.id] === 'delivered');
        }
      }
    }
  }, 60_000); // traces every fix of every lab: seconds on a loaded machine
});
