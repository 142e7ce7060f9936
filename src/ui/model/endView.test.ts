// The flow's drop is the packet's: whatever died after it (an ICMP error that could not be routed
// back, a reset dropped on its way), the verdict, the card's expectation, the end view and the
// CLI all name the drop of the flow's own packet. Checked on every scenario × variant × flow.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatAt, formatTrace } from '../../cli/formatTrace';
import { paint } from '../../cli/io';
import { buildWorld } from '../../engine';
import { expectationMet, traceDrop } from '../../engine/trace/expectation';
import { loadScenarioFile } from '../../scenario/node';
import { expectationsFor, worldSpecFor } from '../../scenario/variant';
import { endViewDrop, flowDropStep, stepsOf } from './steps';

const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => `scenarios/${f}`);

describe('the end view shows the flow\'s own drop', () => {
  it('host-gw no-route: the SYN dies IP_INNOROUTES at the router, and the error it sends back dies after it', async () => {
    const loaded = await loadScenarioFile('scenarios/host-gw.yaml');
    if (!loaded.ok) throw new Error('host-gw does not load');
    const scenario = loaded.scenario;
    const variant = scenario.variants.find((v) => v.id === 'no-route')!;
    const world = buildWorld(worldSpecFor(scenario, variant.id));
    const flow = scenario.flows.find((f) => world.trace(f).legs.some((l: { packet: string; verdict: string }) => l.packet === 'icmp-error' && l.verdict === 'dropped'))!;
    const trace = world.trace(flow);
    const steps = stepsOf(trace);
    const last = steps[steps.length - 1];
    expect(last.dropRole).toBe('follow-on');
    expect(last.leg.drop?.reason).not.toBe(traceDrop(trace)!.reason);
    expect(flowDropStep(steps)!.leg.drop).toBe(traceDrop(trace));
    expect(endViewDrop(trace, steps)).toBe(traceDrop(trace));
  });

  it.each(files)('%s: verdict, card, end view and CLI agree for every variant and flow', async (file) => {
    const loaded = await loadScenarioFile(file);
    if (!loaded.ok) throw new Error(`${file} does not load`);
    const scenario = loaded.scenario;
    for (const variant of [undefined, ...scenario.variants.map((v) => v.id)]) {
      const world = buildWorld(worldSpecFor(scenario, variant));
      const expectations = expectationsFor(scenario, variant);
      for (const flow of scenario.flows) {
        const trace = world.trace(flow);
        const steps = stepsOf(trace);
        const drop = traceDrop(trace);
        const where = `${file} ${variant ?? 'base'} ${flow.id}`;
        expect(endViewDrop(trace, steps), where).toBe(trace.verdict === 'dropped' ? drop : undefined);
        if (drop) {
          expect(flowDropStep(steps)?.leg.drop, where).toBe(drop);
          expect(formatTrace(trace, undefined, paint(false)), where).toContain(`drop:    ${drop.reason} at ${formatAt(drop.at)} (${drop.fn})`);
        }
        const expect_ = expectations[flow.id];
        if (expect_) expect(expectationMet(trace, expect_), where).toBe(true);
      }
    }
  }, 60_000); // every variant × flow of a lab: seconds on a loaded machine
});
