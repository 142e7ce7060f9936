// Turns a machine script (or a variant's `append` block) into ops: tokenizes it, routes each
// command to the parser of its family, and stamps every op with its file position, namespace
// and text. Every command either becomes ops or an error naming its line and column; nothing
// is skipped silently.
import type { Op } from '../../engine/config/ops';
import type { ScenarioError } from '../model';
import { scenarioError } from '../errors';
import { Args, CommandError } from './args';
import { parseBridge } from './bridge';
import { parseIp } from './ip';
import { parseIptables } from './iptables';
import { parseIptablesRestore } from './iptables-restore';
import { parseIpset } from './ipset';
import { parseIpvsadm } from './ipvsadm';
import { LISTENER_COMMANDS, parseListener } from './listeners';
import type { CommandParser, ParsedOp } from './parsed';
import { toShellCommand, type CommandContext, type ScriptState } from './shell';
import { parseEchoToProc, parseSysctl } from './sysctl';
import { tokenizeScript, type RawCommand, type ScriptLine } from './tokenize';

const UNDERSTOOD = 'podpath understands ip, bridge, sysctl, echo > /proc/sys, modprobe, socat/nc/iperf3/python3 listeners, iptables, iptables-restore, ipset, ipvsadm';

/** `tc qdisc …`: the first two words, enough to recognise the command. */
function shortCommand(text: string): string {
  const words = text.split(/\s+/);
  return words.length > 2 ? `${words.slice(0, 2).join(' ')} …` : words.join(' ');
}

/** Routes one command (possibly nested in `ip netns exec`) to its parser. */
const dispatch: CommandParser = (args, ctx) => {
  const first = args.peek();
  if (!first) throw new CommandError(args.lastPos(), 'bad-argument', 'expected a command');
  switch (first.value) {
    case 'ip':
      return parseIp(args, ctx, dispatch);
    case 'bridge':
      return parseBridge(args, ctx);
    case 'sysctl':
      return parseSysctl(args, ctx);
    case 'iptables':
    case 'iptables-legacy':
    case 'iptables-nft':
      return parseIptables(args, ctx);
    case 'iptables-restore':
    case 'iptables-legacy-restore':
    case 'iptables-nft-restore':
      return parseIptablesRestore(args, ctx);
    case 'ipset':
      return parseIpset(args, ctx);
    case 'ipvsadm':
      return parseIpvsadm(args, ctx);
    case 'echo':
      return parseEchoToProc(args, ctx);
    case 'modprobe': {
      args.take();
      const words = [args.need('a module name'), ...args.remaining()].map((w) => w.value);
      const names = words.filter((w) => !w.startsWith('-'));
      const modules = words.includes('-a') || words.includes('--all') ? names : names.slice(0, 1);
      // ipip's pernet init gives every namespace a tunl0; other modules change nothing modelled
      if (modules.includes('ipip')) return [{ body: { op: 'module-load', module: 'ipip' }, netns: ctx.netns }];
      return [{ body: { op: 'noop', command: ctx.shell.raw.text.slice(first.start) }, netns: ctx.netns }];
    }
    case 'nohup': {
      args.take();
      const ops = dispatch(args, ctx);
      if (ops.some((op) => op.body.op !== 'listen')) {
        throw new CommandError(first.pos, 'bad-argument', '`nohup` only goes before a listener (socat, nc, iperf3, python3)');
      }
      return ops;
    }
    default: {
      if (LISTENER_COMMANDS.has(first.value)) return parseListener(args, ctx);
      const text = ctx.shell.raw.text.slice(first.start);
      throw new CommandError(first.pos, 'unknown-command', `unsupported command \`${shortCommand(text)}\`; ${UNDERSTOOD}`);
    }
  }
};

function parseCommand(raw: RawCommand, script: ScriptState): ParsedOp[] {
  const shell = toShellCommand(raw);
  const ctx: CommandContext = { shell, netns: '', insideExec: false, script };
  const ops = dispatch(new Args(shell.words, raw.pos), ctx);
  if (shell.heredoc && !ops.some((op) => op.body.op === 'iptables-restore')) {
    throw new CommandError(shell.heredoc.op.pos, 'bad-argument', 'a here-document (<<) only feeds iptables-restore');
  }
  if (shell.background && ops.some((op) => op.body.op !== 'listen')) {
    throw new CommandError(shell.background.pos, 'bad-argument', '`&` runs a command in the background; only listeners (socat, nc, iperf3, python3) may');
  }
  return ops;
}

export interface ScriptResult {
  readonly ops: readonly Op[];
  readonly errors: readonly ScenarioError[];
}

/** Parses script lines (already placed in the file) into ops, collecting an error per bad command. */
export function parseScript(lines: readonly ScriptLine[], file: string): ScriptResult {
  const ops: Op[] = [];
  const errors: ScenarioError[] = [];
  const script: ScriptState = { ipsets: new Map() };
  for (const raw of tokenizeScript(lines)) {
    try {
      for (const { body, netns } of parseCommand(raw, script)) {
        ops.push({ ...body, loc: { file, line: raw.pos.line, col: raw.pos.col }, netns, text: raw.text });
      }
    } catch (error) {
      if (error instanceof CommandError) {
        errors.push(scenarioError(file, error.pos, error.code, error.message));
      } else {
        errors.push(scenarioError(file, raw.pos, 'internal', `podpath failed on \`${raw.text}\`: ${String(error)}`));
      }
    }
  }
  return { ops, errors };
}

/** Places a script given as plain text, its first line at `line`, columns from `col`: for tests and tools. */
export function scriptLines(text: string, line = 1, col = 1): ScriptLine[] {
  return text.split(/\r?\n/).map((lineText, i) => ({ text: lineText, line: line + i, col }));
}
