// Test helpers for scenario files: load text or a file, expecting success or errors.
import { formatScenarioError } from './errors';
import { loadScenario } from './load';
import type { Scenario, ScenarioError } from './model';
import { loadScenarioFile } from './node';

export function loadOk(text: string, file: string): Scenario {
  const result = loadScenario(text, file);
  if (!result.ok) throw new Error(result.errors.map(formatScenarioError).join('\n'));
  return result.scenario;
}

export function loadErrors(text: string, file: string): readonly ScenarioError[] {
  const result = loadScenario(text, file);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

export function loadFile(path: string): Scenario {
  const result = loadScenarioFile(path);
  if (!result.ok) throw new Error(result.errors.map(formatScenarioError).join('\n'));
  return result.scenario;
}
