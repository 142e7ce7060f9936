import { describe, expect, it } from 'vitest';
import { scriptLines } from './dispatch';
import { tokenizeScript } from './tokenize';

const words = (text: string) => tokenizeScript(scriptLines(text)).map((c) => c.tokens.map((t) => t.value));

describe('tokenizeScript', () => {
  const cases: { name: string; script: string; commands: string[][] }[] = [
    { name: 'words split on spaces and tabs', script: 'ip  link\tset eth0 up', commands: [['ip', 'link', 'set', 'eth0', 'up']] },
    { name: 'one command per line, blank lines skipped', script: 'a b\n\n   \nc d', commands: [['a', 'b'], ['c', 'd']] },
    { name: 'a comment line and a trailing comment', script: '# setup\nip link set eth0 up # bring it up', commands: [['ip', 'link', 'set', 'eth0', 'up']] },
    { name: 'a # inside a word is not a comment', script: 'echo a#b', commands: [['echo', 'a#b']] },
    { name: 'single and double quotes', script: `socat UDP-LISTEN:53 SYSTEM:'echo "hi"' "x y"`, commands: [['socat', 'UDP-LISTEN:53', 'SYSTEM:echo "hi"', 'x y']] },
    { name: 'an empty quoted word', script: `a '' b`, commands: [['a', '', 'b']] },
    { name: 'a backslash escape', script: 'a b\\ c', commands: [['a', 'b c']] },
    { name: 'a backslash-newline continuation', script: 'ip route add 10.0.0.0/8 \\\n    via 10.0.0.1', commands: [['ip', 'route', 'add', '10.0.0.0/8', 'via', '10.0.0.1']] },
    { name: 'a continuation in the middle of a word joins the word', script: 'ip li\\\nnk set', commands: [['ip', 'link', 'set']] },
    { name: 'a continuation inside a comment does not continue', script: '# note \\\nip link', commands: [['ip', 'link']] },
    { name: 'background and redirection operators', script: 'socat x y > /dev/null 2>&1 &', commands: [['socat', 'x', 'y', '>', '/dev/null', '2>&', '1', '&']] },
    { name: 'operators glued to words', script: 'echo 1>/proc/x', commands: [['echo', '1>', '/proc/x']] },
    { name: 'a quoted digit before > stays a word', script: `echo '1'>f`, commands: [['echo', '1', '>', 'f']] },
  ];
  it.each(cases)('reads $name', ({ script, commands }) => {
    expect(words(script)).toEqual(commands);
  });

  it('places every token at its file line and column', () => {
    const [command] = tokenizeScript([
      { text: 'ip route add 10.0.0.0/8 \\', line: 12, col: 7 },
      { text: '    via 10.0.0.1', line: 13, col: 7 },
    ]);
    expect(command.tokens.map((t) => [t.value, t.pos.line, t.pos.col])).toEqual([
      ['ip', 12, 7],
      ['route', 12, 10],
      ['add', 12, 16],
      ['10.0.0.0/8', 12, 20],
      ['via', 13, 11],
      ['10.0.0.1', 13, 15],
    ]);
    expect(command.text).toBe('ip route add 10.0.0.0/8 via 10.0.0.1');
    expect(command.pos).toEqual({ line: 12, col: 7 });
  });

  const problems: { name: string; script: string; col: number; message: string }[] = [
    { name: 'an unterminated quote', script: 'echo "abc', col: 6, message: 'unterminated double quote' },
    { name: 'a shell variable', script: 'ip link set $DEV up', col: 13, message: 'shell expansion `$…` is not supported' },
    { name: 'a command substitution in double quotes', script: 'echo "$(date)"', col: 7, message: 'shell expansion `$…` is not supported' },
    { name: 'backticks', script: 'echo `date`', col: 6, message: 'shell expansion' },
  ];
  it.each(problems)('notes $name on its command', ({ script, col, message }) => {
    const [command] = tokenizeScript(scriptLines(script));
    expect(command.problem?.pos.col).toBe(col);
    expect(command.problem?.message).toContain(message);
  });
});
