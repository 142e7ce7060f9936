// Where the CLI writes, and its colours. Commands never touch process.* directly, so tests
// can run them with a recording IO and assert on output and exit codes.
import { visible } from './visible';

export interface CliIo {
  /** One line (or block) to stdout; a newline is appended. */
  out(text: string): void;
  /** One line (or block) to stderr; a newline is appended. */
  err(text: string): void;
  /** Colour is used only when stdout is a terminal (and NO_COLOR is unset). */
  readonly color: boolean;
}

export interface Paint {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

/**
 * Colours are written as a marker that only safeIo turns into ESC `[`: every other ESC in the
 * output came from user input (a scenario, an argument) and is made visible. The marker holds a
 * token drawn per process, so no scenario can spell it.
 */
const SGR_MARK = `\uE000${Math.random().toString(36).slice(2, 12)}\uE001`;
const sgr = (open: number, close: number) => (s: string) => `${SGR_MARK}${open}m${s}${SGR_MARK}${close}m`;
const plain = (s: string) => s;

export function paint(color: boolean): Paint {
  if (!color) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };
}

/** Text ready for the terminal: user control characters visible, podpath's own colours real (when on). */
export function terminalSafe(text: string, color: boolean): string {
  const safe = visible(text);
  return color ? safe.replaceAll(SGR_MARK, '\x1b[') : safe.replaceAll(SGR_MARK, '');
}

/**
 * An IO whose every message is terminal-safe: runCli wraps the IO it is given, so no command
 * can echo a terminal escape from a scenario file, a script line or an argument (issue 15).
 */
export function safeIo(io: CliIo): CliIo {
  return {
    out: (text) => io.out(terminalSafe(text, io.color)),
    err: (text) => io.err(terminalSafe(text, io.color)),
    color: io.color,
  };
}

/** The process's own IO, for bin/podpath.mjs. */
export function processIo(): CliIo {
  const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
  return {
    out: (text) => void process.stdout.write(`${text}\n`),
    err: (text) => void process.stderr.write(`${text}\n`),
    color,
  };
}
