/**
 * The `rapport` command line: one commander program, one module per command. `runCli` parses the
 * arguments, runs the command and returns the exit code, so tests run it in the same process.
 */
import { Command, CommanderError, Option } from 'commander';
import { RapportError } from '@rapport/core';
import { CliContext } from './internal/context.js';
import { errorJson, exitCodeOf } from './internal/exitCodes.js';
import { processIo, type CliIo } from './internal/io.js';
import { VERSION } from './internal/version.js';
import { registerAsOf } from './commands/asOf.js';
import { registerAudiences } from './commands/audiences.js';
import { registerDemo } from './commands/demo.js';
import { registerExec } from './commands/exec.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerPrompts } from './commands/prompts.js';
import { registerReplay } from './commands/replay.js';
import { registerTimeline } from './commands/timeline.js';
import { registerVerify } from './commands/verify.js';

/**
 * The width help text is wrapped to, whatever the terminal: `--help` reads the same everywhere.
 *
 * @example
 * import { HELP_WIDTH } from './program.js';
 * HELP_WIDTH; // 100
 */
export const HELP_WIDTH = 100;

/**
 * Builds the program for a run.
 *
 * @example
 * import { createProgram } from '@rapport/cli';
 * createProgram().commands.map((command) => command.name()).includes('verify'); // true
 */
export const createProgram = (context: CliContext = new CliContext(processIo()), json = false): Command => {
  const program = new Command('rapport')
    .description("Rapport: a team's relationships as an event-sourced history.")
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .addOption(new Option('--db <file>', 'the SQLite store').default('./rapport.db'))
    .addOption(new Option('--pg <url>', 'a PostgreSQL store instead, such as postgres://user@host:5432/db'))
    .addOption(new Option('--pg-schema <name>', 'the schema of the PostgreSQL store').default('rapport'))
    .option('--no-color', 'never colour the output (colour is used only on a terminal anyway)')
    .showHelpAfterError(!json && '(run with --help for usage)')
    .configureHelp({ helpWidth: HELP_WIDTH, showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
      // Under --json the parser's errors are printed as JSON by runCli.
      outputError: (text, write) => {
        if (!json) write(text);
      },
      getOutHelpWidth: () => HELP_WIDTH,
      getErrHelpWidth: () => HELP_WIDTH,
    })
    .exitOverride();
  registerDemo(program, context);
  registerExec(program, context);
  registerTimeline(program, context);
  registerAsOf(program, context);
  registerAudiences(program, context);
  registerPrompts(program, context);
  registerVerify(program, context);
  registerReplay(program, context);
  registerExport(program, context);
  registerImport(program, context);
  for (const command of program.commands)
    command
      .configureHelp({ helpWidth: HELP_WIDTH, showGlobalOptions: true })
      .configureOutput(program.configureOutput())
      .showHelpAfterError(!json && '(run with --help for usage)')
      .exitOverride();
  return program;
};

const describeError = (error: unknown): string => {
  if (error instanceof RapportError) return `error: ${error.message} (${error.code})`;
  if (error instanceof Error) return `error: ${error.message}`;
  return `error: ${String(error)}`;
};

/**
 * Runs the command line with the given arguments (without `node` and the script) and returns the
 * exit code by class (`EXIT`): 0 success, 1 rejected input, 2 usage, 3 a store or integrity
 * failure, 4 an internal error. An error is one line on standard error, or with `--json` one JSON
 * object there (`{ "error": { code, message, exitCode } }`); never a stack trace.
 *
 * @example
 * import { runCli } from '@rapport/cli';
 * let out = '';
 * const io = { stdout: { write: (text: string) => (out += text) }, stderr: process.stderr, env: {}, cwd: process.cwd() };
 * await runCli(['--version'], io); // 0
 * out; // '0.1.0\n'
 */
export const runCli = async (args: ReadonlyArray<string>, io: CliIo = processIo()): Promise<number> => {
  const context = new CliContext(io);
  const json = args.includes('--json');
  const program = createProgram(context, json);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return context.exitCode;
  } catch (error) {
    const code = exitCodeOf(error);
    // The parser has printed its own message, help and version included.
    if (json && code !== 0) io.stderr.write(`${JSON.stringify(errorJson(error))}\n`);
    else if (!(error instanceof CommanderError)) io.stderr.write(`${describeError(error)}\n`);
    return code;
  }
};
