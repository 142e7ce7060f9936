import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../scenario/model';
import { fakeDeps, fakeFlow, fakeScenario, fakeVariant, rpDrop } from '../../test/testing/fakes';
import { createHandler, type EngineDeps } from './handle';

const FILE = '/scenarios/fake.yaml';
const scenario = fakeScenario(FILE, [fakeFlow('a', 'delivered'), fakeFlow('b')], [fakeVariant('fixed', { b: 'delivered' })]);

function engine(load: (text: string) => LoadResult = () => ({ ok: true, scenario }), extra: Parameters<typeof fakeDeps>[0] = { files: {} }) {
  const cli = fakeDeps(extra);
  let loads = 0;
  let builds = 0;
  const deps: EngineDeps = {
    loadScenario: (text) => (loads++, load(text)),
    worldSpecFor: cli.worldSpecFor,
    expectationsFor: cli.expectationsFor,
    buildWorld: (spec) => (builds++, cli.buildWorld(spec)),
  };
  return { handle: createHandler(deps), counts: () => ({ loads, builds }) };
}

const req = { file: FILE, scenarioText: 'id: fake' };

describe('engine worker handler', () => {
  it('describes a scenario as plain data with the variant\'s expectations', () => {
    const { handle } = engine();
    const result = handle({ ...req, kind: 'describe', variant: 'fixed' });
    expect(result).toMatchObject({ kind: 'scenario', buildErrors: [], expectations: { a: 'delivered', b: 'delivered' } });
    if (result.kind !== 'scenario') throw new Error('unreachable');
    expect(result.scenario.flows.map((f) => f.id)).toEqual(['a', 'b']);
    expect(result.scenario.machines).toEqual([{ name: 'node1', role: 'node' }]);
    expect(structuredClone(result)).toEqual(result);
  });
  it('traces a flow and says whether the expectation is met', () => {
    const { handle } = engine(undefined, { files: {}, outcomes: { a: rpDrop } });
    expect(handle({ ...req, kind: 'trace', flowId: 'a' })).toMatchObject({ kind: 'trace', met: false, expectation: 'delivered' });
    const free = handle({ ...req, kind: 'trace', flowId: 'b' });
    expect(free).toMatchObject({ kind: 'trace' });
    expect(free).not.toHaveProperty('met');
  });
  it('returns the loader\'s errors for an invalid scenario', () => {
    const errors = [{ file: FILE, line: 2, col: 1, code: 'schema', message: 'expected machines' }];
    const { handle } = engine(() => ({ ok: false, errors }));
    expect(handle({ ...req, kind: 'trace', flowId: 'a' })).toEqual({ kind: 'invalid', errors, buildErrors: [] });
  });
  it('returns build errors instead of tracing a lab that does not build', () => {
    const buildError = { loc: { file: FILE, line: 5, col: 3 }, machine: 'node1', command: 'ip link set x up', message: 'Cannot find device "x"' };
    const { handle } = engine(undefined, { files: {}, buildErrors: { '': [buildError] } });
    expect(handle({ ...req, kind: 'describe' })).toMatchObject({ kind: 'scenario', buildErrors: [buildError] });
    expect(handle({ ...req, kind: 'trace', flowId: 'a' })).toEqual({ kind: 'invalid', errors: [], buildErrors: [buildError] });
  });
  it('names what exists for an unknown flow or variant', () => {
    const { handle } = engine();
    expect(handle({ ...req, kind: 'trace', flowId: 'zz' })).toEqual({ kind: 'failed', message: 'unknown flow "zz"; flows: a, b' });
    expect(handle({ ...req, kind: 'describe', variant: 'zz' })).toEqual({ kind: 'failed', message: 'unknown variant "zz"; variants: fixed' });
  });
  it('reports an engine crash as a failure instead of throwing', () => {
    const { handle } = engine(() => {
      throw new Error('boom');
    });
    expect(handle({ ...req, kind: 'describe' })).toEqual({ kind: 'failed', message: 'boom' });
  });
  it('parses and builds once per scenario text and variant', () => {
    const { handle, counts } = engine();
    handle({ ...req, kind: 'describe' });
    handle({ ...req, kind: 'trace', flowId: 'a' });
    handle({ ...req, kind: 'trace', flowId: 'b' });
    handle({ ...req, kind: 'trace', flowId: 'b', variant: 'fixed' });
    expect(counts()).toEqual({ loads: 1, builds: 2 });
  });
  it('describes the topology and every variant\'s expectations', () => {
    const { handle } = engine();
    const result = handle({ ...req, kind: 'describe' });
    if (result.kind !== 'scenario') throw new Error(`unexpected ${result.kind}`);
    expect(result.topology).toMatchObject({ machines: [{ name: 'node1', namespaces: [''] }], devices: [] });
    expect(result.scenario.expectations).toEqual({ '': { a: 'delivered' }, fixed: { a: 'delivered', b: 'delivered' } });
  });
  it('traces a flow built in the page', () => {
    const { handle } = engine();
    const flow = { id: 'custom', from: { machine: 'node1', netns: '' }, to: { addr: '10.0.0.9', port: 80 }, protocol: 'tcp' } as const;
    expect(handle({ ...req, kind: 'trace', flow })).toMatchObject({ kind: 'trace', trace: { flow: { id: 'custom' } } });
  });
  it('answers the declared-flow matrix of a variant as plain data', () => {
    const { handle } = engine(undefined, { files: {}, outcomes: { b: rpDrop } });
    const result = handle({ ...req, kind: 'matrix', mode: 'declared', variant: 'fixed' });
    if (result.kind !== 'matrix') throw new Error(`unexpected ${result.kind}`);
    expect(result.matrix).toMatchObject({ mode: 'declared', variant: 'fixed' });
    expect(result.matrix.cells.flat(2).map((e) => `${e.flow.id} ${e.reach.verdict} ${e.met}`)).toEqual(['a delivered true', 'b dropped false']);
    expect(structuredClone(result)).toEqual(result);
  });
  it('refuses the matrix of a lab that does not build', () => {
    const buildError = { loc: { file: FILE, line: 5, col: 3 }, machine: 'node1', command: 'ip link set x up', message: 'Cannot find device "x"' };
    const { handle } = engine(undefined, { files: {}, buildErrors: { '': [buildError] } });
    expect(handle({ ...req, kind: 'matrix', mode: 'pairs' })).toEqual({ kind: 'invalid', errors: [], buildErrors: [buildError] });
  });
  it('refuses the state of a namespace the lab does not have', () => {
    const { handle } = engine();
    expect(handle({ ...req, kind: 'state', machine: 'node9', netns: 'x' })).toEqual({ kind: 'failed', message: 'no namespace node9/x' });
  });
});
