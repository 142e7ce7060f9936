// The engine in a Web Worker (DESIGN §1.5): the page posts {scenarioText, file, variant,
// flowId}; the worker loads the scenario, builds the world, traces, and posts the result.
/// <reference lib="webworker" />
import '../scenario/zodJitless'; // first: zod must not probe eval under the CSP
import { buildWorld } from '../engine/index';
import { expectationsFor, loadScenario, worldSpecFor } from '../scenario/index';
import { createHandler } from './handle';
import { importLab } from './importLab';
import type { EngineEnvelope, EngineResponse } from './protocol';

const handle = createHandler({ loadScenario, worldSpecFor, expectationsFor, buildWorld });

self.onmessage = (event: MessageEvent<EngineEnvelope>) => {
  const { id, ...request } = event.data;
  const response: EngineResponse = { id, ...(request.kind === 'import' ? importLab(request) : handle(request)) };
  self.postMessage(response);
};
