import { describe, expect, it } from 'vitest';
import type { Reach } from '../../engine/matrix';
import type { Flow } from '../../engine/trace/types';
import type { MatrixEntry, ScenarioMatrix } from '../../scenario/matrix';
import { articleNotes, dropWhere, firstPos, headingText, isShown, moveInGrid, noteNumber } from './matrix';

const flow = (id: string, addr = '10.0.0.2'): Flow => ({ id, from: { machine: 'a', netns: 'p' }, to: { addr, port: 80 }, protocol: 'tcp' });
const ok: Reach = { verdict: 'delivered', outcome: { code: 'connected' } };
const drop: Reach = { verdict: 'dropped', outcome: { code: 'timeout' }, drop: { reason: 'NETFILTER_DROP', seq: 4, at: { machine: 'a', netns: '', dev: 'eth0', dir: 'in' }, fn: 'nf_hook_slow' } };
const e = (id: string, reach = ok, differs = false): MatrixEntry => ({ flow: flow(id), reach, ...(differs ? { article: { says: 'delivered', differs: true } } : {}) });

// 3 × 3, with empty cells and one cell of two flows:
//        c0        c1         c2
//  r0    a         (empty)    b, c
//  r1    (empty)   (empty)    d
//  r2    e         f          (empty)
const m: ScenarioMatrix = {
  mode: 'declared',
  rows: ['r0', 'r1', 'r2'].map((k) => ({ key: k, text: k })),
  columns: [{ key: 'c0', text: 'tcp 10.0.0.2:80', label: { en: 'Service', 'zh-CN': '服务' } }, { key: 'c1', text: 'c1' }, { key: 'c2', text: 'c2' }],
  cells: [
    [[e('a')], [], [e('b', drop, true), e('c')]],
    [[], [], [e('d', drop, true)]],
    [[e('e')], [e('f')], []],
  ],
};

describe('the matrix view model', () => {
  it('names a heading by its label in the reader\'s language, else its technical form', () => {
    expect(headingText(m.columns[0], (t) => t['zh-CN'])).toBe('服务');
    expect(headingText(m.columns[1], (t) => t.en)).toBe('c1');
  });

  it('says where a conversation died, device included', () => {
    expect(dropWhere(drop)).toBe('a eth0');
    expect(dropWhere(ok)).toBeUndefined();
  });

  it('numbers the entries that differ from the article in reading order', () => {
    const notes = articleNotes(m);
    expect(notes.map((n) => `${n.n}:${n.entry.flow.id}@${n.row},${n.column}`)).toEqual(['1:b@0,2', '2:d@1,2']);
    expect(noteNumber(notes, m.cells[1][2][0])).toBe(2);
    expect(noteNumber(notes, m.cells[0][0][0])).toBeUndefined();
  });

  it('knows the conversation the lab shows: a scenario flow by id, a built one by its packet', () => {
    expect(isShown(e('a'), { flow: 'a' })).toBe(true);
    expect(isShown(e('a'), { flow: 'b' })).toBe(false);
    expect(isShown(e('a'), {})).toBe(false);
    const pair: MatrixEntry = { flow: flow('custom'), reach: ok };
    expect(isShown(pair, { flow: 'custom', custom: flow('custom') })).toBe(true);
    expect(isShown(pair, { flow: 'custom', custom: flow('custom', '10.0.0.9') })).toBe(false);
  });

  it('moves over the grid to the next cell holding a conversation, through a cell\'s entries first', () => {
    const at = (row: number, column: number, entry = 0) => ({ row, column, entry });
    expect(firstPos(m)).toEqual(at(0, 0));
    expect(moveInGrid(m, at(0, 0), 'ArrowRight')).toEqual(at(0, 2));
    expect(moveInGrid(m, at(0, 2), 'ArrowRight')).toEqual(at(0, 2));
    expect(moveInGrid(m, at(0, 2), 'ArrowDown')).toEqual(at(0, 2, 1));
    expect(moveInGrid(m, at(0, 2, 1), 'ArrowDown')).toEqual(at(1, 2));
    expect(moveInGrid(m, at(1, 2), 'ArrowUp')).toEqual(at(0, 2, 1));
    expect(moveInGrid(m, at(0, 2, 1), 'ArrowUp')).toEqual(at(0, 2, 0));
    expect(moveInGrid(m, at(0, 0), 'ArrowDown')).toEqual(at(2, 0));
    expect(moveInGrid(m, at(2, 1), 'ArrowLeft')).toEqual(at(2, 0));
    expect(moveInGrid(m, at(2, 0), 'End')).toEqual(at(2, 1));
    expect(moveInGrid(m, at(0, 2), 'Home')).toEqual(at(0, 0));
    expect(moveInGrid(m, at(0, 2), 'End', true)).toEqual(at(1, 2));
    expect(moveInGrid(m, at(2, 0), 'Home', true)).toEqual(at(0, 0));
    expect(moveInGrid(m, at(2, 0), 'PageUp')).toEqual(at(0, 0));
    expect(moveInGrid(m, at(0, 0), 'PageDown')).toEqual(at(2, 0));
  });
});
