import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../engine';
import { eventText, outcomeText } from '../../i18n/trace';
import { loadFile } from '../../scenario/testing';
import { worldSpecFor } from '../../scenario/variant';
import { captionAt } from './caption';
import { imageCaption } from './imageCaption';
import { stepsOf } from './steps';

const scenario = loadFile('scenarios/host-gw.yaml');
const traceOf = (variant: string | undefined, flowId: string) =>
  buildWorld(worldSpecFor(scenario, variant)).trace(scenario.flows.find((f) => f.id === flowId)!);
const place = (at: { machine: string; netns: string; dev?: string }) => `${at.machine}/${at.netns}${at.dev ? ` ${at.dev}` : ''}`;

describe('the caption strip of a step picture', () => {
  const dropped = traceOf('no-route', 'pod-a-ping-pod-b');
  const steps = stepsOf(dropped);
  const strip = (index: number, lang: 'en' | 'zh-CN' = 'en') =>
    imageCaption({ lang, title: 'host-gw', flow: 'icmp a → b', trace: dropped, caption: captionAt(dropped, steps, index, lang), place });

  it('names the lab and, before the first step, says so', () => {
    expect(strip(-1)).toEqual([
      { tone: 'title', text: 'podpath · host-gw · icmp a → b' },
      { tone: 'step', text: 'Before the first step: the topology as built.' },
    ]);
  });
  it('numbers the step and gives the inspector\'s sentence for it, in the chosen language', () => {
    expect(strip(2)[1]).toEqual({ tone: 'step', text: `Step 3 of ${steps.length}: ${eventText(steps[2].event, 'en')}` });
    expect(strip(2, 'zh-CN')[1].text).toBe(`第 3 步，共 ${steps.length} 步：${eventText(steps[2].event, 'zh-CN')}`);
    expect(strip(2)).toHaveLength(2);
  });
  it('ends a dropped flow with its drop: reason, place and fix', () => {
    const last = strip(steps.length - 1);
    const end = captionAt(dropped, steps, steps.length - 1, 'en')!.end!;
    expect(last[2].tone).toBe('drop');
    expect(last[2].text).toContain(`Dropped: ${end.drop.reason} at ${place(end.drop.at)}.`);
    expect(last[2].text).toContain(`Fix: ${end.fix}`);
  });
  it('ends a delivered flow with the verdict and what the client sees', () => {
    const delivered = traceOf(undefined, 'pod-a-ping-pod-b');
    expect(delivered.verdict).toBe('delivered');
    const s = stepsOf(delivered);
    const blocks = imageCaption({ lang: 'en', title: 't', flow: 'f', trace: delivered, caption: captionAt(delivered, s, s.length - 1, 'en'), place });
    expect(blocks[2]).toEqual({ tone: 'delivered', text: `Verdict: delivered. The client sees: ${outcomeText(delivered.outcome, 'en')}.` });
  });
});
