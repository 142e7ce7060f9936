import { describe, expect, it } from 'vitest';
import { fakeDeps, fakeFlow, fakeScenario, fakeVariant, rpDrop } from '../../test/testing/fakes';
import type { LoadResult } from '../scenario/model';
import type { EngineClient } from '../worker/client';
import { createHandler } from '../worker/handle';
import type { EngineRequest } from '../worker/protocol';
import { createLabStore, currentDescribed, currentMatrix, CUSTOM_FLOW_ID, type ScenarioSource } from './lab';

const A = 'scenarios/a.yaml';
const B = 'scenarios/b.yaml';
const BAD = 'scenarios/bad.yaml';
const sources: ScenarioSource[] = [
  { file: A, text: 'a' },
  { file: B, text: 'b' },
  { file: BAD, text: 'bad' },
];
const scenarios: Record<string, LoadResult> = {
  a: { ok: true, scenario: fakeScenario(A, [fakeFlow('x', 'delivered'), fakeFlow('y', { dropped: 'IP_RPFILTER' })], [fakeVariant('fixed', { y: 'delivered' })]) },
  b: { ok: true, scenario: fakeScenario(B, [fakeFlow('z')]) },
  bad: { ok: false, errors: [{ file: BAD, line: 1, col: 1, code: 'yaml-syntax', message: 'bad YAML' }] },
};

/** The real handler over fakes, behind a client that can hold answers back. */
function fakeEngine() {
  const cli = fakeDeps({ files: {}, outcomes: { y: rpDrop, 'fixed:y': 'delivered' } });
  const handle = createHandler({ ...cli, loadScenario: (text) => scenarios[text] });
  const log: EngineRequest[] = [];
  let gate: Promise<void> | undefined;
  const cancelled: number[] = [];
  const client: EngineClient = {
    async request(req) {
      if (req.kind === 'import') return { kind: 'failed', message: 'the store makes no import requests' };
      log.push(req);
      if (gate) await gate;
      return handle(req);
    },
    cancel() {
      cancelled.push(log.length);
    },
  };
  return {
    client,
    log,
    cancelled,
    hold() {
      let open!: () => void;
      gate = new Promise((r) => (open = r));
      return () => {
        gate = undefined;
        open();
      };
    },
  };
}

describe('lab store', () => {
  it('cancels a running trace: the engine is restarted and the trace shows as cancelled, then traces again', async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.client, sources);
    await store.getState().init();
    await new Promise((r) => setTimeout(r, 0));
    const release = engine.hold();
    const running = store.getState().selectFlow('y');
    expect(store.getState().trace.status).toBe('running');
    store.getState().cancelTrace();
    expect(engine.cancelled).toHaveLength(1);
    expect(store.getState().trace).toMatchObject({ status: 'failed', cancelled: true });
    // the cancelled request's late answer does not replace the cancelled state
    release();
    await running;
    expect(store.getState().trace).toMatchObject({ status: 'failed', cancelled: true });
    await store.getState().selectFlow('x');
    expect(store.getState().trace).toMatchObject({ status: 'done' });
  });

  it('describes every scenario on init and selects the first', async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.client, sources);
    await store.getState().init();
    const s = store.getState();
    expect(s.file).toBe(A);
    expect(currentDescribed(s)).toMatchObject({ status: 'ready', scenario: { id: 'fake' } });
    expect(Object.values(s.described).map((d) => d.status).sort()).toEqual(['invalid', 'ready', 'ready']);
  });
  it('applies an initial selection from a link and traces its flow', async () => {
    const store = createLabStore(fakeEngine().client, sources);
    await store.getState().init({ file: A, variant: 'fixed', flow: 'y' });
    await new Promise((r) => setTimeout(r, 0));
    const s = store.getState();
    expect(s.variant).toBe('fixed');
    expect(s.trace).toMatchObject({ status: 'done', met: true, trace: { verdict: 'delivered' } });
  });
  it('falls back to the scenario as written for an unknown variant in a link', async () => {
    const store = createLabStore(fakeEngine().client, sources);
    await store.getState().init({ file: A, variant: 'nope' });
    expect(store.getState().variant).toBeUndefined();
    expect(currentDescribed(store.getState())).toMatchObject({ status: 'ready' });
  });
  it('traces the chosen flow, and again when the variant changes', async () => {
    const store = createLabStore(fakeEngine().client, sources);
    await store.getState().init();
    await store.getState().selectFlow('y');
    expect(store.getState().trace).toMatchObject({ status: 'done', met: true, trace: { verdict: 'dropped' } });
    await store.getState().selectVariant('fixed');
    expect(store.getState().trace).toMatchObject({ status: 'done', met: true, trace: { verdict: 'delivered' } });
    expect(currentDescribed(store.getState())).toMatchObject({ expectations: { y: 'delivered' } });
  });
  it('clears the variant and opens the first flow when another scenario is chosen', async () => {
    const store = createLabStore(fakeEngine().client, sources);
    await store.getState().init({ file: A, variant: 'fixed', flow: 'x' });
    await store.getState().selectScenario(B);
    const s = store.getState();
    expect([s.file, s.variant, s.flow, s.trace.status]).toEqual([B, undefined, 'z', 'done']);
  });
  it('opens the first flow of the first scenario when the link names none', async () => {
    const store = createLabStore(fakeEngine().client, sources);
    await store.getState().init();
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState()).toMatchObject({ file: A, flow: 'x', trace: { status: 'done' } });
  });
  it('traces a flow built in the page and can load a namespace\'s state', async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.client, sources);
    await store.getState().init({ file: A });
    const custom = { id: 'ignored', from: { machine: 'node1', netns: '' }, to: { addr: '10.0.0.9', port: 80 }, protocol: 'tcp' } as const;
    await store.getState().traceCustom(custom);
    expect(store.getState()).toMatchObject({ flow: 'custom', custom: { id: 'custom' }, trace: { status: 'done', trace: { flow: { id: 'custom' } } } });
    expect(engine.log.at(-1)).toMatchObject({ kind: 'trace', flow: { id: 'custom', to: { addr: '10.0.0.9' } } });
    await store.getState().loadState('node1', '');
    expect(Object.values(store.getState().states)).toEqual([{ status: 'failed', message: 'no namespace node1' }]);
  });
  it('shows a scenario\'s errors in place', async () => {
    const store = createLabStore(fakeEngine().client, sources);
    await store.getState().init({ file: BAD });
    expect(currentDescribed(store.getState())).toMatchObject({ status: 'invalid', errors: [{ message: 'bad YAML' }] });
  });
  it('ignores a trace answer that arrives after the selection changed', async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.client, sources);
    await store.getState().init();
    const release = engine.hold();
    const slow = store.getState().selectFlow('x');
    const fast = store.getState().selectScenario(B);
    release();
    await Promise.all([slow, fast]);
    expect(store.getState().trace).toMatchObject({ status: 'done', trace: { flow: { id: 'z' } } });
  });
  it('switches language', () => {
    const store = createLabStore(fakeEngine().client, sources);
    store.getState().setLang('zh-CN');
    expect(store.getState().lang).toBe('zh-CN');
  });

  it('asks for the matrix when the matrix view opens, once per scenario, variant and mode', async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.client, sources);
    await store.getState().init({ file: A });
    await store.getState().setView('matrix');
    expect(store.getState().view).toBe('matrix');
    const matrix = currentMatrix(store.getState());
    expect(matrix).toMatchObject({ status: 'ready', matrix: { mode: 'declared' } });
    if (matrix?.status !== 'ready') throw new Error('unreachable');
    expect(matrix.matrix.cells.flat(2).map((e) => `${e.flow.id} ${e.reach.verdict}`)).toEqual(['x delivered', 'y dropped']);
    await store.getState().setView('lab');
    await store.getState().setView('matrix');
    expect(engine.log.filter((r) => r.kind === 'matrix')).toHaveLength(1);
    // a variant and a mode are other matrices
    await store.getState().selectVariant('fixed');
    expect(currentMatrix(store.getState())).toMatchObject({ status: 'ready', matrix: { variant: 'fixed' } });
    await store.getState().setMatrixMode('pairs');
    expect(store.getState().matrixMode).toBe('pairs');
    expect(currentMatrix(store.getState())).toMatchObject({ status: 'ready', matrix: { mode: 'pairs', variant: 'fixed' } });
    expect(engine.log.filter((r) => r.kind === 'matrix').map((r) => (r.kind === 'matrix' ? `${r.variant ?? ''}:${r.mode}` : ''))).toEqual([':declared', 'fixed:declared', 'fixed:pairs']);
  });
  it('does not ask for a matrix while the lab view shows', async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.client, sources);
    await store.getState().init({ file: A });
    await store.getState().selectVariant('fixed');
    await store.getState().setMatrixMode('pairs');
    expect(engine.log.some((r) => r.kind === 'matrix')).toBe(false);
  });
  it('opens a link to the matrix view with its mode', async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.client, sources);
    await store.getState().init({ file: A, view: 'matrix', matrixMode: 'pairs' });
    await new Promise((r) => setTimeout(r, 0));
    expect(currentMatrix(store.getState())).toMatchObject({ status: 'ready', matrix: { mode: 'pairs' } });
  });
  it('opens a cell\'s conversation in the lab: a scenario flow by id, a pair as a built flow', async () => {
    const store = createLabStore(fakeEngine().client, sources);
    await store.getState().init({ file: A, view: 'matrix' });
    await store.getState().openMatrixFlow(fakeFlow('y'));
    expect(store.getState()).toMatchObject({ view: undefined, flow: 'y', trace: { status: 'done', trace: { flow: { id: 'y' } } } });
    const pair = { id: CUSTOM_FLOW_ID, from: { machine: 'node1', netns: '' }, to: { addr: '10.0.0.9' }, protocol: 'icmp' } as const;
    await store.getState().setView('matrix');
    await store.getState().openMatrixFlow(pair);
    expect(store.getState()).toMatchObject({ view: undefined, flow: CUSTOM_FLOW_ID, custom: pair, trace: { status: 'done' } });
  });
  it('keeps the matrix view when another scenario is chosen, and loads that one\'s matrix', async () => {
    const store = createLabStore(fakeEngine().client, sources);
    await store.getState().init({ file: A, view: 'matrix' });
    await store.getState().selectScenario(B);
    expect(store.getState().view).toBe('matrix');
    expect(currentMatrix(store.getState())).toMatchObject({ status: 'ready' });
  });
  it('shows why there is no matrix for a scenario that does not load', async () => {
    const store = createLabStore(fakeEngine().client, sources);
    await store.getState().init({ file: BAD, view: 'matrix' });
    await new Promise((r) => setTimeout(r, 0));
    expect(currentMatrix(store.getState())).toMatchObject({ status: 'invalid' });
  });
  it('replaces an edited source: describes it again and traces the chosen flow again, keeping it when it still exists', async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.client, sources);
    await store.getState().init({ file: A, flow: 'y' });
    await store.getState().putSource({ file: A, text: 'b' }); // now the text of scenario b: flow z only
    let s = store.getState();
    expect(s.sources.find((x) => x.file === A)?.text).toBe('b');
    expect(s.flow).toBe('z'); // y is gone: the first flow
    expect(s.trace.status).toBe('done');
    await store.getState().putSource({ file: A, text: 'bad' });
    s = store.getState();
    expect(currentDescribed(s)).toMatchObject({ status: 'invalid', errors: [{ message: 'bad YAML' }] });
    await store.getState().putSource({ file: A, text: 'a' });
    await store.getState().selectFlow('y');
    await store.getState().putSource({ file: A, text: 'a' }); // unchanged: nothing asked
    const asked = engine.log.length;
    await store.getState().putSource({ file: A, text: 'a' });
    expect(engine.log.length).toBe(asked);
    expect(store.getState().flow).toBe('y');
  });
  it('adds a new source and removes it, choosing the first when it was chosen', async () => {
    const engine = fakeEngine();
    const store = createLabStore(engine.client, sources);
    await store.getState().init();
    const MINE = 'my-labs/my-x.yaml';
    await store.getState().putSource({ file: MINE, text: 'b' });
    expect(store.getState().described[`${MINE}\u0000`]).toMatchObject({ status: 'ready' });
    await store.getState().selectScenario(MINE);
    await store.getState().removeSource(MINE);
    const s = store.getState();
    expect(s.sources.map((x) => x.file)).toEqual([A, B, BAD]);
    expect(s.file).toBe(A);
    expect(s.described[`${MINE}\u0000`]).toBeUndefined();
  });
});
