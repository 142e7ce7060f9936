// Predict mode's rules: what a guess is scored against (the flow's own drop, by machine), the
// running score, one guess per flow, and when the page hides a flow's verdict.
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../engine';
import type { Trace } from '../../engine/trace/types';
import { loadScenarioFile } from '../../scenario/node';
import { worldSpecFor } from '../../scenario/variant';
import { type Answer, answerOf, concealed, EMPTY_SCORE, flowKey, guessPlaces, initialPredict, reducePredict, scoreGuess } from './predict';

async function traceOf(file: string, flowId: string, variant?: string): Promise<Trace> {
  const loaded = await loadScenarioFile(`scenarios/${file}.yaml`);
  if (!loaded.ok) throw new Error(`${file} does not load`);
  return buildWorld(worldSpecFor(loaded.scenario, variant)).trace(loaded.scenario.flows.find((f) => f.id === flowId)!);
}

const droppedAtRouter: Answer = { verdict: 'dropped', at: 'router', reason: 'IP_INNOROUTES' };

describe('answerOf', () => {
  it('names the machine of the flow\'s own drop, not of the error that died after it (host-gw no-route)', async () => {
    expect(answerOf(await traceOf('host-gw', 'pod-a-to-pod-b', 'no-route'))).toEqual(droppedAtRouter);
  });
  it('is a bare delivered for a delivered flow', async () => {
    expect(answerOf(await traceOf('flannel-vxlan', 'pod1-to-pod2'))).toEqual({ verdict: 'delivered' });
  });
});

describe('scoreGuess', () => {
  it.each([
    ['right verdict, right machine', { verdict: 'dropped', at: 'router' } as const, droppedAtRouter, { verdictRight: true, placeRight: true }],
    ['right verdict, wrong machine', { verdict: 'dropped', at: 'host1' } as const, droppedAtRouter, { verdictRight: true, placeRight: false }],
    ['delivered when it was dropped: both wrong', { verdict: 'delivered' } as const, droppedAtRouter, { verdictRight: false, placeRight: false }],
    ['dropped when it was delivered: no machine to score', { verdict: 'dropped', at: 'router' } as const, { verdict: 'delivered' } as const, { verdictRight: false, placeRight: undefined }],
    ['delivered when it was', { verdict: 'delivered' } as const, { verdict: 'delivered' } as const, { verdictRight: true, placeRight: undefined }],
  ])('%s', (_name, guess, answer, want) => {
    const scored = scoreGuess(guess, answer);
    expect(scored.verdictRight).toBe(want.verdictRight);
    expect(scored.placeRight).toBe(want.placeRight);
    expect(scored.answer).toBe(answer);
  });
});

describe('reducePredict', () => {
  const key = flowKey({ file: 'scenarios/host-gw.yaml', variant: 'no-route', flow: 'pod-a-to-pod-b' });
  const other = flowKey({ file: 'scenarios/host-gw.yaml', flow: 'pod-a-to-pod-b' });

  it('hides a flow in predict mode until it is guessed, and never outside predict mode', () => {
    const off = initialPredict(false);
    expect(concealed(off, key)).toBe(false);
    const on = reducePredict(off, { type: 'enable', enabled: true });
    expect(concealed(on, key)).toBe(true);
    const guessed = reducePredict(on, { type: 'guess', key, guess: { verdict: 'delivered' }, answer: droppedAtRouter });
    expect(concealed(guessed, key)).toBe(false);
    // the same flow in another variant is another question
    expect(concealed(guessed, other)).toBe(true);
  });

  it('keeps a running score across flows: verdicts of flows, machines of drops', () => {
    let s = initialPredict(true);
    s = reducePredict(s, { type: 'guess', key, guess: { verdict: 'delivered' }, answer: droppedAtRouter });
    expect(s.score).toEqual({ flows: 1, verdicts: 0, drops: 1, places: 0 });
    s = reducePredict(s, { type: 'guess', key: other, guess: { verdict: 'delivered' }, answer: { verdict: 'delivered' } });
    expect(s.score).toEqual({ flows: 2, verdicts: 1, drops: 1, places: 0 });
    s = reducePredict(s, { type: 'guess', key: 'third', guess: { verdict: 'dropped', at: 'router' }, answer: droppedAtRouter });
    expect(s.score).toEqual({ flows: 3, verdicts: 2, drops: 2, places: 1 });
  });

  it('takes one guess per flow, and none outside predict mode', () => {
    const once = reducePredict(initialPredict(true), { type: 'guess', key, guess: { verdict: 'delivered' }, answer: droppedAtRouter });
    expect(reducePredict(once, { type: 'guess', key, guess: { verdict: 'dropped', at: 'router' }, answer: droppedAtRouter })).toBe(once);
    const off = initialPredict(false);
    expect(reducePredict(off, { type: 'guess', key, guess: { verdict: 'delivered' }, answer: droppedAtRouter }).score).toEqual(EMPTY_SCORE);
  });

  it('keys a built flow by what it sends', () => {
    const built = (port: number) =>
      flowKey({ file: 'f', flow: 'custom', custom: { id: 'custom', from: { machine: 'm', netns: 'n' }, to: { addr: '10.0.0.1', port }, protocol: 'tcp' } });
    expect(built(80)).not.toBe(built(81));
  });
});

describe('guessPlaces', () => {
  it('offers the machines first, then the networks', () => {
    expect(guessPlaces({ machines: [{ name: 'node1' }, { name: 'node2' }], networks: [{ name: 'lan' }] })).toEqual(['node1', 'node2', 'lan']);
  });
});
