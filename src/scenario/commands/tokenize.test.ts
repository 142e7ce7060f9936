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

describe('tokenizeScript here-documents', () => {
  it('takes the lines up to the delimiter as the body, placed in the file, and the next line as the next command', () => {
    const commands = tokenizeScript([
      { text: "iptables-restore --noflush <<'EOF'", line: 10, col: 7 },
      { text: '*filter', line: 11, col: 7 },
      { text: '', line: 12, col: 1 },
      { text: 'COMMIT', line: 13, col: 7 },
      { text: 'EOF', line: 14, col: 7 },
      { text: 'ip link set lo up', line: 15, col: 7 },
    ]);
    expect(commands.map((c) => c.tokens.map((t) => t.value))).toEqual([
      ['iptables-restore', '--noflush', '<<', 'EOF'],
      ['ip', 'link', 'set', 'lo', 'up'],
    ]);
    const [heredoc] = commands[0].heredocs!;
    expect(heredoc).toMatchObject({ delimiter: 'EOF', quoted: true, stripTabs: false, end: { line: 14, col: 7 } });
    expect(heredoc.op.pos).toEqual({ line: 10, col: 34 });
    expect(heredoc.lines).toEqual([
      { text: '*filter', line: 11, col: 7 },
      { text: '', line: 12, col: 1 },
      { text: 'COMMIT', line: 13, col: 7 },
    ]);
    expect(commands[0].text).toBe("iptables-restore --noflush <<'EOF'\n*filter\n\nCOMMIT\nEOF");
    expect(commands[0].problem).toBeUndefined();
  });

  const forms: { name: string; script: string; delimiter: string; quoted: boolean; body: string[] }[] = [
    { name: 'an unquoted delimiter', script: 'cmd <<EOF\na b\nEOF', delimiter: 'EOF', quoted: false, body: ['a b'] },
    { name: 'a double-quoted delimiter', script: 'cmd <<"END"\n$x\nEND', delimiter: 'END', quoted: true, body: ['$x'] },
    { name: 'a delimiter with a space before it', script: "cmd << 'RULES'\nx\nRULES", delimiter: 'RULES', quoted: true, body: ['x'] },
    { name: '<<- strips leading tabs from the body and the delimiter line', script: 'cmd <<-EOF\n\t\tx\n\ty\n\tEOF', delimiter: 'EOF', quoted: false, body: ['x', 'y'] },
    { name: 'a line that only starts with the delimiter does not end the body', script: 'cmd <<EOF\nEOF2\n EOF\nEOF', delimiter: 'EOF', quoted: false, body: ['EOF2', ' EOF'] },
    { name: 'a comment after the operator', script: 'cmd <<EOF # rules\nx\nEOF', delimiter: 'EOF', quoted: false, body: ['x'] },
  ];
  it.each(forms)('reads $name', ({ script, delimiter, quoted, body }) => {
    const [command] = tokenizeScript(scriptLines(script));
    expect(command.problem).toBeUndefined();
    expect(command.heredocs?.[0]).toMatchObject({ delimiter, quoted });
    expect(command.heredocs?.[0].lines.map((l) => l.text)).toEqual(body);
  });

  it('places <<- body lines after the stripped tabs', () => {
    const [command] = tokenizeScript(scriptLines('cmd <<-EOF\n\t\tx\nEOF'));
    expect(command.heredocs?.[0].lines[0]).toEqual({ text: 'x', line: 2, col: 3 });
  });

  it('does not read << inside quotes as a here-document', () => {
    const commands = tokenizeScript(scriptLines("echo '<<EOF'\nip link"));
    expect(commands.map((c) => c.tokens.map((t) => t.value))).toEqual([['echo', '<<EOF'], ['ip', 'link']]);
  });

  const problems: { name: string; script: string; line: number; col: number; message: string }[] = [
    { name: 'a body that never ends', script: "cmd <<'EOF'\nx", line: 1, col: 5, message: 'here-document `EOF` is not closed' },
    { name: 'no delimiter word', script: 'cmd <<\nx', line: 1, col: 5, message: 'expected a delimiter word after `<<`' },
    { name: '$ in a body the shell would expand', script: 'cmd <<EOF\na $b\nEOF', line: 2, col: 3, message: 'quote the delimiter' },
    { name: 'a backslash escape the shell would remove', script: 'cmd <<EOF\na \\\\ b\nEOF', line: 2, col: 3, message: 'quote the delimiter' },
  ];
  it.each(problems)('notes $name', ({ script, line, col, message }) => {
    const [command] = tokenizeScript(scriptLines(script));
    expect(command.problem?.pos).toEqual({ line, col });
    expect(command.problem?.message).toContain(message);
  });
});
