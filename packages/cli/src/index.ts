/**
 * @rapport/cli: the `rapport` command line. Read this file to know the package: everything public
 * is exported here.
 */
export { createProgram, runCli, HELP_WIDTH } from './program.js';
export { CliContext } from './internal/context.js';
export type { CliIo, OutputStream } from './internal/io.js';
