import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../engine';
import { traceDrop } from '../../engine/trace/expectation';
import { dropWords, eventText } from '../../i18n/trace';
import { loadFile } from '../../scenario/testing';
import { expectationsFor, worldSpecFor } from '../../scenario/variant';
import type { ScenarioView } from '../../worker/protocol';
import { captionAt } from './caption';
import { stepsOf } from './steps';

const scenario = loadFile('scenarios/host-gw.yaml');
const view: ScenarioView = {
  file: 'scenarios/host-gw.yaml', id: scenario.id, title: scenario.title, summary: scenario.summary, tags: scenario.tags, source: scenario.source,
  machines: [], flows: scenario.flows, tour: [],
  variants: scenario.variants.map((v) => ({ id: v.id, title: v.title, ...(v.fixes ? { fixes: v.fixes } : {}) })),
  expectations: Object.fromEntries([undefined, ...scenario.variants.map((v) => v.id)].map((id) => [id ?? '', expectationsFor(scenario, id)])),
};
const traceOf = (variant: string | undefined, flowId: string) =>
  buildWorld(worldSpecFor(scenario, variant)).trace(scenario.flows.find((f) => f.id === flowId)!);

describe('the embed caption', () => {
  const trace = traceOf('no-route', 'pod-a-ping-pod-b');
  const steps = stepsOf(trace);

  it('says nothing before the first step', () => {
    expect(captionAt(trace, steps, -1, 'en')).toBeUndefined();
  });
  it('gives the step the inspector\'s sentence for it, in the chosen language', () => {
    expect(captionAt(trace, steps, 2, 'en')).toEqual({ n: 3, total: steps.length, text: eventText(steps[2].event, 'en') });
    expect(captionAt(trace, steps, 2, 'zh-CN')!.text).toBe(eventText(steps[2].event, 'zh-CN'));
    expect(captionAt(trace, steps, 2, 'en')!.end).toBeUndefined();
  });
  it('at the end names the flow\'s own drop and its fix, not the error that could not come back', () => {
    const last = captionAt(trace, steps, steps.length - 1, 'en', { scenario: view, variant: 'no-route' })!;
    expect(steps[steps.length - 1].dropRole).toBe('follow-on');
    expect(last.end!.drop).toBe(traceDrop(trace));
    expect(last.end!.drop.reason).toBe('IP_INNOROUTES');
    expect(last.end!.fix).toBe(dropWords(last.end!.drop, 'en').fix);
    // from the broken variant the lab's fix is the scenario as written
    expect(last.end!.fixVariant).toBeUndefined();
  });
  it('has no drop at the end of a delivered conversation', () => {
    const delivered = traceOf(undefined, 'pod-a-ping-pod-b');
    const all = stepsOf(delivered);
    expect(delivered.verdict).toBe('delivered');
    expect(captionAt(delivered, all, all.length - 1, 'en')!.end).toBeUndefined();
  });
});
