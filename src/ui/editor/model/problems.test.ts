import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../../engine/index';
import { expectationsFor, loadScenario, worldSpecFor } from '../../../scenario/index';
import type { Described } from '../../../store/lab';
import { createHandler } from '../../../worker/handle';
import { problemRange, problemsOf } from './problems';
import { NEW_LAB_TEMPLATE } from './template';

const FILE = 'my-labs/my-lab.yaml';
const handle = createHandler({ loadScenario, worldSpecFor, expectationsFor, buildWorld });

function described(text: string): Described {
  const r = handle({ kind: 'describe', file: FILE, scenarioText: text });
  if (r.kind === 'scenario') return { status: 'ready', ...r };
  if (r.kind === 'invalid') return { status: 'invalid', errors: r.errors, buildErrors: r.buildErrors };
  return { status: 'failed', message: r.kind === 'failed' ? r.message : r.kind };
}

describe('problems in the editor', () => {
  it('has none for the template', () => {
    expect(problemsOf(described(NEW_LAB_TEMPLATE), FILE)).toEqual([]);
  });
  it('puts a schema error at the line and column validate reports', () => {
    const text = NEW_LAB_TEMPLATE.replace('protocol: icmp', 'protocol: icmpx');
    const line = text.split('\n').findIndex((l) => l.includes('icmpx')) + 1;
    const [problem] = problemsOf(described(text), FILE);
    expect(problem).toMatchObject({ line, col: 15, severity: 'error', message: expect.stringContaining('icmpx') });
    const { from, to } = problemRange(text, problem.line, problem.col);
    expect(text.slice(from, to)).toBe('icmpx');
  });
  it('puts a script error at its command', () => {
    const text = NEW_LAB_TEMPLATE.replace('ip link set br0 up', 'ip lnk set br0 up');
    const [problem] = problemsOf(described(text), FILE);
    expect(problem.line).toBe(text.split('\n').findIndex((l) => l.includes('ip lnk')) + 1);
  });
  it('clamps a position past the text', () => {
    expect(problemRange('ab\ncd', 9, 9)).toEqual({ from: 5, to: 5 }); // the end of the last line
    expect(problemRange('ab\ncd', 2, 1)).toEqual({ from: 3, to: 5 });
    expect(problemRange('', 1, 1)).toEqual({ from: 0, to: 0 });
  });
});
