// Helpers for the command-parser tests: parse a line or a script placed at line 1, column 1
// of `test.yaml`, and compare ops without their location and text.
import { parseIpv4, parsePrefix, type Ipv4, type Prefix } from '../../engine/addr/ipv4';
import type { Op, OpBody } from '../../engine/config/ops';
import type { ScenarioError } from '../model';
import { parseScript, scriptLines } from './dispatch';

export const TEST_FILE = 'test.yaml';

export function parse(text: string): { ops: readonly Op[]; errors: readonly ScenarioError[] } {
  return parseScript(scriptLines(text), TEST_FILE);
}

/** The ops of a script that must parse cleanly, as { …body, netns }. */
export function opsOf(text: string): (OpBody & { netns: string })[] {
  const { ops, errors } = parse(text);
  if (errors.length > 0) throw new Error(`unexpected errors: ${errors.map((e) => `${e.line}:${e.col} ${e.message}`).join('; ')}`);
  return ops.map(({ loc: _loc, text: _text, ...rest }) => rest as OpBody & { netns: string });
}

/** The single op of a one-command script, without its namespace. */
export function opOf(text: string): OpBody {
  const all = opsOf(text);
  if (all.length !== 1) throw new Error(`expected one op, got ${all.length}`);
  const { netns: _netns, ...body } = all[0];
  return body as OpBody;
}

/** The one error of a one-command script. */
export function errorOf(text: string): ScenarioError {
  const { errors } = parse(text);
  if (errors.length !== 1) throw new Error(`expected one error, got ${errors.length}: ${errors.map((e) => e.message).join('; ')}`);
  return errors[0];
}

export function ip(text: string): Ipv4 {
  const addr = parseIpv4(text);
  if (addr === undefined) throw new Error(`bad test address ${text}`);
  return addr;
}

export function prefix(text: string): Prefix {
  const p = parsePrefix(text);
  if (!p) throw new Error(`bad test prefix ${text}`);
  return p;
}
