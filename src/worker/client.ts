// The page's side of the engine worker: one request, one promise.
import type { EngineEnvelope, EngineRequest, EngineResponse, EngineResult } from './protocol';

export interface EngineClient {
  request(req: EngineRequest): Promise<EngineResult>;
}

export function createWorkerClient(): EngineClient {
  const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'podpath-engine' });
  const pending = new Map<number, (result: EngineResult) => void>();
  let nextId = 1;

  worker.onmessage = (event: MessageEvent<EngineResponse>) => {
    const { id, ...result } = event.data;
    pending.get(id)?.(result);
    pending.delete(id);
  };
  // A worker that fails to start or throws outside a request: answer everything pending.
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    const message = event.message || 'the engine worker failed to start';
    for (const resolve of pending.values()) resolve({ kind: 'failed', message });
    pending.clear();
  };

  return {
    request(req) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        const envelope: EngineEnvelope = { ...req, id };
        worker.postMessage(envelope);
      });
    },
  };
}
