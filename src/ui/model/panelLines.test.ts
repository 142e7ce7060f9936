import { describe, expect, it } from 'vitest';
import type { ShownLine, StateDelta } from '../../engine/trace/state';
import type { Trace } from '../../engine/trace/types';
import { panelAt } from './panelLines';

const base: ShownLine[] = [
  { text: '*filter' },
  { text: ':INPUT ACCEPT', key: 'p:INPUT', counters: { packets: 0, bytes: 0, place: 'suffix' } },
  { text: '-A INPUT -j A', key: 'r:1', counters: { packets: 2, bytes: 80, place: 'prefix' } },
  { text: '-A INPUT -j B', key: 'r:2', counters: { packets: 0, bytes: 0, place: 'prefix' } },
  { text: 'COMMIT' },
];

const count = (seq: number, key: string): StateDelta => ({ seq, machine: 'm', netns: '', op: 'count', table: 'counters', key, packets: 1, bytes: 60 }) as StateDelta;
const trace = (state: StateDelta[]) => ({ state }) as unknown as Trace;

describe("a panel's lines at a step", () => {
  it('prints iptables-save -c as built, the same array at every step nothing was counted', () => {
    const t = trace([count(5, 'r:2')]);
    const before = panelAt('iptables', base, t, 'm', '', 1);
    expect(before.lines.map((l) => l.text)).toEqual(['*filter', ':INPUT ACCEPT [0:0]', '[2:80] -A INPUT -j A', '[0:0] -A INPUT -j B', 'COMMIT']);
    expect(panelAt('iptables', base, t, 'm', '', 2).lines).toBe(before.lines);
  });

  it('adds what the conversation counted up to the step, and marks the lines counted at it', () => {
    const t = trace([count(3, 'r:1'), count(5, 'r:2'), count(5, 'p:INPUT')]);
    const at5 = panelAt('iptables', base, t, 'm', '', 5);
    expect(at5.lines.map((l) => l.text)).toEqual(['*filter', ':INPUT ACCEPT [1:60]', '[3:140] -A INPUT -j A', '[1:60] -A INPUT -j B', 'COMMIT']);
    expect(at5.changed).toEqual([1, 3]);
    // another namespace's counts are not this one's
    expect(panelAt('iptables', base, t, 'm', 'pod', 5).lines.map((l) => l.text)[2]).toBe('[2:80] -A INPUT -j A');
    // the built lines are left as they were
    expect(panelAt('iptables', base, t, 'm', '', 1).lines.map((l) => l.text)[2]).toBe('[2:80] -A INPUT -j A');
  });

  it('prints other panels without the rule counters', () => {
    expect(panelAt('route', base, undefined, 'm', '', -1).lines.map((l) => l.text)[2]).toBe('-A INPUT -j A');
  });
});
