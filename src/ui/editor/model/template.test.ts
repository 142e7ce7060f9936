// The "New lab" template is a working lab: it loads, builds, and its flow does what it says.
import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../../engine/index';
import { expectationsFor, loadScenario, worldSpecFor } from '../../../scenario/index';
import { createHandler } from '../../../worker/handle';
import { NEW_LAB_TEMPLATE } from './template';

describe('new lab template', () => {
  it('loads, builds and delivers its flow as it expects', () => {
    const handle = createHandler({ loadScenario, worldSpecFor, expectationsFor, buildWorld });
    const base = { file: 'my-labs/my-lab.yaml', scenarioText: NEW_LAB_TEMPLATE };
    const described = handle({ ...base, kind: 'describe' });
    if (described.kind !== 'scenario') throw new Error(JSON.stringify(described));
    expect(described.buildErrors).toEqual([]);
    expect(described.topology.machines[0].namespaces).toEqual(['', 'ns1', 'ns2']);
    const traced = handle({ ...base, kind: 'trace', flowId: 'ns1-ping-ns2' });
    if (traced.kind !== 'trace') throw new Error(JSON.stringify(traced));
    expect(traced.expectation).toBe('delivered');
    expect(traced.met).toBe(true);
  });
});
