// A trace cannot grow without bound: past TRACE_STEP_LIMIT events the recorder stops it.
import { describe, expect, it } from 'vitest';
import { TRACE_STEP_LIMIT, TraceLimitError } from './limits';
import { Recorder } from './recorder';

describe('the trace step limit', () => {
  it('stops a trace at its limit with "stopped after N steps"', { timeout: 30_000 }, () => {
    const rec = new Recorder(undefined, true);
    const pkt = { headers: [] };
    const at = { machine: 'm', netns: '' };
    let error: unknown;
    try {
      for (let i = 0; i <= TRACE_STEP_LIMIT; i++) rec.emit(pkt, at, 'fn', 'dev.recv', { dev: 'eth0', pktType: 'host' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TraceLimitError);
    expect((error as Error).message).toMatch(new RegExp(`^stopped after ${TRACE_STEP_LIMIT} steps: `));
  });
});
