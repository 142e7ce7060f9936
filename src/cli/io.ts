// Where the CLI writes, and its colours. Commands never touch process.* directly, so tests
// can run them with a recording IO and assert on output and exit codes.

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

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const plain = (s: string) => s;

export function paint(color: boolean): Paint {
  if (!color) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) };
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
