#!/usr/bin/env node
// The `podpath` command: runs src/cli/main.ts through tsx (no build step), forwarding the
// arguments and the exit code. `npx podpath --help` after `npm install`.
import { register } from 'tsx/esm/api';

// `podpath trace … | head` closes stdout early: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

register();
try {
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  // Exit 1 means "an expectation failed"; a crash must not look like that.
  console.error('podpath: internal error (a bug in podpath, please report it):');
  console.error(error);
  process.exitCode = 3;
}
