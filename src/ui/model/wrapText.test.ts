import { describe, expect, it } from 'vitest';
import { wrapText } from './wrapText';

/** One unit per character. */
const chars = (s: string) => s.length;

describe('wrapping a caption', () => {
  it('breaks at spaces, never past the width', () => {
    const lines = wrapText('the packet leaves eth0 of pod-a for the bridge', 16, chars);
    expect(lines).toEqual(['the packet', 'leaves eth0 of', 'pod-a for the', 'bridge']);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(16);
  });
  it('keeps short text on one line and drops extra spaces', () => {
    expect(wrapText('  one   two ', 40, chars)).toEqual(['one two']);
    expect(wrapText('', 40, chars)).toEqual([]);
  });
  it('breaks Chinese between characters, keeping Latin words whole', () => {
    const lines = wrapText('数据包从 eth0 离开命名空间进入网桥', 6, chars);
    expect(lines).toEqual(['数据包从', 'eth0 离', '开命名空间进', '入网桥']);
  });
  it('cuts a word wider than the line', () => {
    expect(wrapText('a 0123456789abcdef b', 8, chars)).toEqual(['a', '01234567', '89abcdef', 'b']);
  });
});
