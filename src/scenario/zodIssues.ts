// Turns zod issues into scenario errors: the issue's path becomes a line and column through
// the YAML nodes, and the message says, in the file's own terms, what was expected and what
// was found (`flows[0].protocol: expected one of tcp | udp | icmp, got "tcpp"`).
import type { z } from 'zod';
import type { ScenarioError } from './model';
import { scenarioError, type Position, type ScenarioErrorCode } from './errors';
import type { IssueParams } from './schema';
import type { YamlPath, YamlSource } from './yamlSource';

type Issue = z.core.$ZodIssue;

/** `flows[0].protocol` */
export function formatPath(path: YamlPath): string {
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join('');
}

function prefix(path: YamlPath): string {
  return path.length ? `${formatPath(path)}: ` : '';
}

/** What a value looks like, for "got …". */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}

function valueAt(root: unknown, path: YamlPath): unknown {
  let current = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

/** Our own messages start with "expected"; zod's defaults do not and are replaced. */
function ownMessage(issue: Issue): string | undefined {
  return issue.message.startsWith('expected') ? issue.message : undefined;
}

/** A union issue: keep the errors of the branch whose type matched the input, if exactly one did. */
function matchingBranch(issue: Extract<Issue, { code: 'invalid_union' }>): readonly Issue[] | undefined {
  const fitting = issue.errors.filter((branch) => !branch.some((inner) => inner.path.length === 0 && (inner.code === 'invalid_type' || inner.code === 'invalid_value')));
  return fitting.length === 1 ? fitting[0] : undefined;
}

export function issuesToErrors(issues: readonly Issue[], raw: unknown, source: YamlSource, file: string): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const add = (at: Position, code: ScenarioErrorCode, message: string) => errors.push(scenarioError(file, at, code, message));

  const visit = (issue: Issue, base: YamlPath) => {
    const path: YamlPath = [...base, ...(issue.path as (string | number)[])];
    const value = valueAt(raw, path);
    const got = `, got ${describe(value)}`;
    switch (issue.code) {
      case 'invalid_union': {
        const branch = matchingBranch(issue);
        if (branch) branch.forEach((inner) => visit(inner, path));
        else add(source.locate(path), 'schema', `${prefix(path)}${ownMessage(issue) ?? 'unexpected value'}${got}`);
        return;
      }
      case 'unrecognized_keys':
        for (const key of issue.keys) add(source.locateKey(path, key), 'schema', `${prefix(path)}unknown key \`${key}\`; ${issue.message}`);
        return;
      case 'invalid_type': {
        const expected = ownMessage(issue) ?? `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
        if (value === undefined && path.length > 0) {
          const parent = path.slice(0, -1);
          add(source.locate(parent), 'schema', `${prefix(parent)}missing required key \`${path[path.length - 1]}\` (${expected})`);
        } else if (path.length === 0 && value == null) {
          add(source.locate(path), 'schema', 'the file is empty: expected a scenario mapping with id, title, summary, networks, machines and flows');
        } else {
          add(source.locate(path), 'schema', `${prefix(path)}${expected}${got}`);
        }
        return;
      }
      case 'invalid_value': {
        const options = issue.values.map((v) => String(v));
        const expected = options.length === 1 ? `expected ${options[0]}` : `expected one of ${options.join(' | ')}`;
        add(source.locate(path), 'schema', `${prefix(path)}${ownMessage(issue) ?? expected}${got}`);
        return;
      }
      case 'too_small':
      case 'too_big':
        add(source.locate(path), 'schema', `${prefix(path)}${ownMessage(issue) ?? issue.message}`);
        return;
      case 'custom': {
        const params = (issue.params ?? {}) as IssueParams;
        const code = params.code ?? 'schema';
        if (params.unknownKey !== undefined) {
          add(source.locateKey(path, params.unknownKey), code, `${prefix(path)}unknown key \`${params.unknownKey}\`; ${issue.message}`);
        } else if (params.atKey && path.length > 0) {
          add(source.locateKey(path.slice(0, -1), String(path[path.length - 1])), code, `${prefix(path)}${issue.message}`);
        } else {
          add(source.locate(path), code, `${prefix(path)}${issue.message}`);
        }
        return;
      }
      case 'invalid_format':
        add(source.locate(path), 'schema', `${prefix(path)}${ownMessage(issue) ?? issue.message}${got}`);
        return;
      default:
        add(source.locate(path), 'schema', `${prefix(path)}${issue.message}`);
    }
  };

  for (const issue of issues) visit(issue, []);
  return errors;
}
