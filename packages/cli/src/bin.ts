#!/usr/bin/env node
/**
 * The `rapport` executable: runs the command line on the process's arguments and exits with its code.
 * `rapport --version` (or `-V`) alone prints the version without loading the program, whose
 * commands import the domain (some 200 ms of a run's start); it prints what the program would.
 */
import { VERSION } from './internal/version.js';

// A reader that stops early (`rapport timeline … | head -1`) closes the pipe: stop quietly, as
// the tools of a shell do, rather than with a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { runCli } = await import('./program.js');
  process.exitCode = await runCli(args);
}
