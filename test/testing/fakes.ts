// Fakes shared by the tests of the CLI, the worker and the store: a recording IO, a tiny
// scenario, and deps whose world's traces are given per flow. Nothing here touches the real
// engine or loader.
import type { DeviceInfo, ListenerInfo, World } from '../../src/engine/api';
import { computeMatrix, MATRIX_FLOW_ID, reachOf } from '../../src/engine/matrix';
import type { BuildError, BuildWarning } from '../../src/engine/config/world';
import { TRACE_VERSION, type Drop, type Expectation, type Flow, type Trace } from '../../src/engine/trace/types';
import type { LoadResult, Scenario, VariantModel } from '../../src/scenario/model';
import type { CliDeps } from '../../src/cli/deps';
import type { CliIo } from '../../src/cli/io';

export interface RecordingIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
}

export function recordingIo(color = false): RecordingIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, color, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t) };
}

const text = (en: string) => ({ en, 'zh-CN': en });

export function fakeFlow(id: string, expect?: Expectation): Flow {
  return { id, from: { machine: 'node1', netns: 'pod1' }, to: { addr: '10.244.2.3', port: 8080 }, protocol: 'tcp', expect };
}

export function fakeVariant(id: string, expect: Record<string, Expectation> = {}): VariantModel {
  return { id, title: text(id), append: {}, appendText: {}, expect };
}

export function fakeScenario(file: string, flows: Flow[], variants: VariantModel[] = []): Scenario {
  return {
    file,
    id: 'fake',
    title: text('Fake'),
    summary: text('A fake scenario'),
    tags: [],
    source: 'test',
    networks: [{ name: 'lan', kind: 'switch' }],
    machines: [{ name: 'node1', role: 'node', nics: [{ name: 'eth0', network: 'lan' }], ops: [], script: '' }],
    flows,
    variants,
    tour: [],
    layout: {},
  };
}

export const rpDrop: Drop = {
  reason: 'IP_RPFILTER',
  seq: 1,
  at: { machine: 'node1', netns: '', dev: 'eth0', dir: 'in' },
  fn: 'fib_validate_source',
  cause: { code: 'martian', what: 'source', why: { code: 'validate', rpFilter: 1, check: { code: 'strict', via: 'eth1', dev: 'eth0' } } },
};

export function deliveredTrace(flow: Flow): Trace {
  return {
    version: TRACE_VERSION,
    flow,
    verdict: 'delivered',
    outcome: { code: 'connected' },
    state: [],
    legs: [
      {
        packet: 'SYN',
        verdict: 'delivered',
        events: [
          {
            seq: 1,
            code: 'route.output',
            fn: 'ip_route_output',
            at: { machine: 'node1', netns: 'pod1', dev: 'eth0', dir: 'out' },
            params: { dst: '10.244.2.3', result: 'unicast', dev: 'eth0', gateway: '10.244.1.1', src: '10.244.1.3' },
            refs: [{ type: 'route', table: 254, index: 0, line: 'default via 10.244.1.1 dev eth0' }],
            packet: [],
          },
        ],
      },
    ],
  };
}

export function droppedTrace(flow: Flow, drop: Drop = rpDrop): Trace {
  return {
    version: TRACE_VERSION,
    flow,
    verdict: 'dropped',
    outcome: { code: 'timeout' },
    state: [],
    legs: [
      {
        packet: 'SYN',
        verdict: 'dropped',
        drop,
        events: [{ seq: 1, code: 'drop', fn: drop.fn, at: drop.at, params: { reason: drop.reason, ...(drop.cause ? { cause: drop.cause } : {}) }, packet: [] }],
      },
    ],
  };
}

export interface FakeSetup {
  /** file → scenario, or file → validation errors. */
  readonly files: Record<string, Scenario | LoadResult>;
  /** `${variant ?? ''}:${flowId}` or `${flowId}` → the trace outcome. */
  readonly outcomes?: Record<string, 'delivered' | Drop>;
  /** variant id ('' for base) → build errors. */
  readonly buildErrors?: Record<string, BuildError[]>;
  /** per variant ('' = base): what the build accepted without modelling */
  readonly buildWarnings?: Record<string, BuildWarning[]>;
  /** The world's devices (with their addresses) and listeners, for the matrix's --pairs. */
  readonly devices?: DeviceInfo[];
  readonly listeners?: ListenerInfo[];
}

/**
 * What `outcomes` is keyed by: a scenario flow's id, or for a flow the matrix builds (id
 * `custom`) `FROM PROTO ADDR[:PORT]`, like `node1/pod1 tcp 10.0.0.2:80`.
 */
export function outcomeKey(flow: Flow): string {
  if (flow.id !== MATRIX_FLOW_ID) return flow.id;
  const from = flow.from.netns ? `${flow.from.machine}/${flow.from.netns}` : flow.from.machine;
  return `${from} ${flow.protocol} ${flow.to.addr}${flow.to.port === undefined ? '' : `:${flow.to.port}`}`;
}

/** CliDeps over in-memory scenarios. Unknown files throw ENOENT like fs does. */
export function fakeDeps(setup: FakeSetup): CliDeps & { exported: unknown[]; written: Map<string, Uint8Array> } {
  const exported: unknown[] = [];
  const written = new Map<string, Uint8Array>();
  const variantOf = new WeakMap<object, string | undefined>();
  return {
    exported,
    written,
    writeFile: (path, data) => void written.set(path, data),
    version: '0.0.0-test',
    loadScenarioFile(path) {
      const entry = setup.files[path];
      if (!entry) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return 'ok' in entry ? entry : { ok: true, scenario: entry };
    },
    worldSpecFor(_scenario, variantId) {
      const spec = { networks: [], machines: [] };
      variantOf.set(spec, variantId);
      return spec;
    },
    expectationsFor(scenario, variantId) {
      const out: Record<string, Expectation> = {};
      for (const f of scenario.flows) if (f.expect) out[f.id] = f.expect;
      Object.assign(out, scenario.variants.find((v) => v.id === variantId)?.expect ?? {});
      return out;
    },
    buildWorld(spec): World {
      const variant = variantOf.get(spec);
      return {
        errors: setup.buildErrors?.[variant ?? ''] ?? [],
        warnings: setup.buildWarnings?.[variant ?? ''] ?? [],
        devices: () => setup.devices ?? [],
        namespaces: () => [...new Map((setup.devices ?? []).map((d) => [`${d.machine}/${d.netns}`, { machine: d.machine, netns: d.netns }])).values()],
        routeGet: () => ({ ok: false, error: 'invalid', message: 'fake' }),
        show: () => '',
        lines: () => [],
        trace,
        reach: (flow) => reachOf(trace(flow)),
        matrix: (sources, targets, opts) => computeMatrix((flow) => reachOf(trace(flow)), sources, targets, opts),
        listeners: () => setup.listeners ?? [],
      };
      function trace(flow: Flow): Trace {
        const outcome = setup.outcomes?.[`${variant ?? ''}:${outcomeKey(flow)}`] ?? setup.outcomes?.[outcomeKey(flow)] ?? 'delivered';
        return outcome === 'delivered' ? deliveredTrace(flow) : droppedTrace(flow, outcome);
      }
    },
    exportScript(scenario, variantId, _world, opts) {
      exported.push({ scenario: scenario.id, variantId, opts });
      return `#!/bin/bash\n# ${scenario.id} ${variantId ?? '-'} ${opts?.prefix ?? '-'}`;
    },
  };
}
