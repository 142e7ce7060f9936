// The page's side of the engine worker: one request, one promise. A request the page no
// longer wants to wait for (a trace that runs long or away) is cancelled by terminating the
// worker, the only way to stop a script that is running; the next request starts a new one.
import type { EngineEnvelope, EngineRequest, EngineResponse, EngineResult, ImportRequest } from './protocol';

export interface EngineClient {
  request(req: EngineRequest | ImportRequest): Promise<EngineResult>;
  /**
   * Stops whatever the engine is doing: every pending request is answered `failed` with
   * CANCELLED_MESSAGE, and the next request runs in a fresh worker (its caches start empty).
   */
  cancel?(): void;
}

export const CANCELLED_MESSAGE = 'cancelled: the engine worker was stopped and started again';

export function createWorkerClient(
  spawn: () => Worker = () => new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'podpath-engine' }),
): EngineClient {
  const pending = new Map<number, (result: EngineResult) => void>();
  let nextId = 1;
  let worker: Worker | undefined;

  const answerAll = (result: EngineResult) => {
    for (const resolve of pending.values()) resolve(result);
    pending.clear();
  };

  function start(): Worker {
    const w = spawn();
    w.onmessage = (event: MessageEvent<EngineResponse>) => {
      const { id, ...result } = event.data;
      pending.get(id)?.(result);
      pending.delete(id);
    };
    // A worker that fails to start or throws outside a request: answer everything pending.
    w.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      answerAll({ kind: 'failed', message: event.message || 'the engine worker failed to start' });
    };
    return w;
  }

  worker = start();
  return {
    request(req) {
      const id = nextId++;
      worker ??= start();
      const target = worker;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        const envelope: EngineEnvelope = { ...req, id };
        target.postMessage(envelope);
      });
    },
    cancel() {
      if (!worker) return;
      worker.terminate();
      worker = undefined;
      answerAll({ kind: 'failed', message: CANCELLED_MESSAGE });
    },
  };
}
