// Cancelling the engine: the worker is terminated, whatever was pending is answered, and the
// next request goes to a fresh worker.
import { describe, expect, it } from 'vitest';
import { CANCELLED_MESSAGE, createWorkerClient } from './client';
import type { EngineEnvelope } from './protocol';

/** A worker that never answers (a trace running away), recording what it is sent. */
class StuckWorker {
  static made: StuckWorker[] = [];
  posted: EngineEnvelope[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  constructor() {
    StuckWorker.made.push(this);
  }
  postMessage(m: EngineEnvelope) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  answer(m: unknown) {
    this.onmessage?.({ data: m } as MessageEvent);
  }
}

describe('the engine client', () => {
  it('answers pending requests when cancelled, and starts a fresh worker for the next', async () => {
    StuckWorker.made = [];
    const client = createWorkerClient(() => new StuckWorker() as unknown as Worker);
    const pending = client.request({ kind: 'trace', file: 'a.yaml', scenarioText: 'x', flowId: 'f' });
    expect(StuckWorker.made).toHaveLength(1);
    client.cancel!();
    expect(StuckWorker.made[0].terminated).toBe(true);
    await expect(pending).resolves.toEqual({ kind: 'failed', message: CANCELLED_MESSAGE });

    const next = client.request({ kind: 'trace', file: 'a.yaml', scenarioText: 'x', flowId: 'f' });
    expect(StuckWorker.made).toHaveLength(2);
    const fresh = StuckWorker.made[1];
    expect(fresh.posted).toHaveLength(1);
    fresh.answer({ id: fresh.posted[0].id, kind: 'failed', message: 'done' });
    await expect(next).resolves.toEqual({ kind: 'failed', message: 'done' });
  });
});
