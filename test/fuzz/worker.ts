// One fuzz worker: runs the CLI's own entry point (main, the code path of bin/podpath.mjs) on
// each file it is sent, one at a time: validate, trace --json of the file's first flow, and
// matrix. The parent limits its heap (--max-old-space-size) and the time each file may take,
// and kills it when either is exceeded. Protocol: one JSON line per job on stdin, one per
// result on stdout.
import { createInterface } from 'node:readline';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { loadScenarioFile } from '../../src/scenario/node';

export interface Job {
  readonly id: number;
  readonly file: string;
}

export interface CommandResult {
  readonly command: string;
  readonly code: number;
  /** the first lines of an internal error's message */
  readonly internal?: string;
  /** characters printed (stdout + stderr) */
  readonly printed: number;
  /** an ESC or CSI byte from the input reached the output */
  readonly rawEscape: boolean;
}

export interface Result {
  readonly id: number;
  readonly results: readonly CommandResult[];
}

const ESCAPES = /[\x1b\x9b]/;

async function run(args: string[]): Promise<CommandResult> {
  const out: string[] = [];
  const io: CliIo = { color: false, out: (t) => void out.push(t), err: (t) => void out.push(t) };
  const code = await main(args, io);
  const text = out.join('\n');
  return {
    command: args.join(' '),
    code,
    ...(code === 3 ? { internal: text.split('\n').slice(0, 4).join(' | ') } : {}),
    printed: text.length,
    rawEscape: ESCAPES.test(text),
  };
}

/** The id of the file's first flow, when it loads; trace needs one. */
function firstFlow(file: string): string {
  try {
    const loaded = loadScenarioFile(file);
    return loaded.ok && loaded.scenario.flows.length ? loaded.scenario.flows[0].id : 'none';
  } catch {
    return 'none';
  }
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const job = JSON.parse(line) as Job;
  const results = [
    await run(['validate', job.file]),
    await run(['trace', job.file, '--flow', firstFlow(job.file), '--json']),
    await run(['matrix', job.file]),
  ];
  process.stdout.write(`${JSON.stringify({ id: job.id, results } satisfies Result)}\n`);
}
