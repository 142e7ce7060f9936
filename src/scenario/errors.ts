// Scenario errors: every problem found in a scenario file, with where it is and what was
// expected. Validation collects these as values; nothing in src/scenario throws on bad input.
import type { ScenarioError } from './model';

/** The error codes loadScenario() reports. */
export type ScenarioErrorCode =
  | 'yaml-syntax' // the text is not valid YAML
  | 'schema' // wrong shape: missing key, wrong type, unknown key, bad value
  | 'not-supported' // valid podpath, but not in this version (network kind vpc, kubernetes:)
  | 'unknown-reference' // names a network, machine, namespace or flow that does not exist
  | 'duplicate' // two things share an id or name
  | 'unknown-command' // a script line podpath does not understand
  | 'bad-argument' // a script command with a wrong or unsupported argument
  | 'unknown-netns' // a command runs in, or moves a device to, a namespace not created yet
  | 'too-large' // over an input limit (file size, line length, YAML nesting): refused before parsing
  | 'internal'; // a bug in podpath, reported instead of crashing

export interface Position {
  readonly line: number; // 1-based
  readonly col: number; // 1-based
}

export function scenarioError(file: string, at: Position, code: ScenarioErrorCode, message: string): ScenarioError {
  return { file, line: at.line, col: at.col, code, message };
}

/** `scenarios/x.yaml:12:5: flows[0].protocol: expected one of tcp | udp | icmp, got "tcpp"` */
export function formatScenarioError(error: ScenarioError): string {
  return `${error.file}:${error.line}:${error.col}: ${error.message}`;
}

export function byPosition(a: ScenarioError, b: ScenarioError): number {
  return a.line - b.line || a.col - b.col;
}
