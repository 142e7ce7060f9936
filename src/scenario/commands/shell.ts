// One shell command as the dispatcher sees it: its words, its output redirections, a
// here-document on its standard input (`<<EOF`, for iptables-restore) and a trailing `&`.
// Pipelines, lists (`;`, `&&`), subshells, `<` and `<<<` are refused with the column of the
// operator.
import type { IpsetType, PortRange } from '../../engine/config/netfilter';
import { CommandError } from './args';
import type { Heredoc, RawCommand, Token } from './tokenize';

export interface Redirect {
  readonly op: Token; // `>`, `>>`, `2>`, `&>`, `2>&` …
  readonly target: Token;
}

export interface ShellCommand {
  readonly raw: RawCommand;
  readonly words: readonly Token[];
  readonly redirects: readonly Redirect[];
  /** The trailing `&`, when the command runs in the background. */
  readonly background?: Token;
  /** `<<EOF … EOF`: what the command reads on its standard input. */
  readonly heredoc?: Heredoc;
}

export interface CommandContext {
  readonly shell: ShellCommand;
  /** The namespace the command runs in: '' for the machine's root namespace. */
  readonly netns: string;
  /** True inside `ip netns exec NS …`: the shell's redirections still happen outside NS. */
  readonly insideExec: boolean;
  /** What earlier commands of the same script declared (absent when a command is parsed alone). */
  readonly script?: ScriptState;
}

/** Facts a command leaves for later commands of the same script to check against. */
export interface ScriptState {
  /** ipsets created so far, keyed by `${netns}/${name}`, with what `ipset add` must match. */
  readonly ipsets: Map<string, { readonly type: IpsetType; readonly range?: PortRange }>;
}

const OUTPUT_REDIRECT = /^(\d*>|\d*>>|&>|&>>|\d*>&)$/;

export function toShellCommand(raw: RawCommand): ShellCommand {
  if (raw.problem) throw new CommandError(raw.problem.pos, 'bad-argument', raw.problem.message);
  const words: Token[] = [];
  const redirects: Redirect[] = [];
  let background: Token | undefined;
  let heredoc: Heredoc | undefined;
  let heredocCount = 0;
  const tokens = raw.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (background) {
      throw new CommandError(background.pos, 'bad-argument', '`&` in the middle of a line: write one command per line');
    }
    if (token.kind === 'word') {
      words.push(token);
    } else if (token.value === '&') {
      background = token;
    } else if (OUTPUT_REDIRECT.test(token.value)) {
      const target = tokens[i + 1];
      if (!target || target.kind !== 'word') {
        throw new CommandError(token.pos, 'bad-argument', `expected a file after \`${token.value}\``);
      }
      redirects.push({ op: token, target });
      i++;
    } else if (token.value === '<<' || token.value === '<<-') {
      const delimiter = tokens[i + 1];
      const body = raw.heredocs?.[heredocCount++];
      if (!delimiter || delimiter.kind !== 'word' || !body) {
        throw new CommandError(token.pos, 'bad-argument', `expected a delimiter word after \`${token.value}\` (like ${token.value}EOF)`);
      }
      if (heredoc) throw new CommandError(token.pos, 'bad-argument', 'one here-document per command');
      heredoc = body;
      i++;
    } else if (token.value.endsWith('<') || token.value.endsWith('<<') || token.value.endsWith('<<-') || token.value === '<<<') {
      throw new CommandError(token.pos, 'bad-argument', `input redirection \`${token.value}\` is not supported; iptables-restore reads a here-document (<<EOF)`);
    } else {
      throw new CommandError(token.pos, 'bad-argument', `shell operator \`${token.value}\` is not supported: write one command per line`);
    }
  }
  return { raw, words, redirects, ...(background ? { background } : {}), ...(heredoc ? { heredoc } : {}) };
}
