#!/usr/bin/env node
/**
 * The `rapport` executable: runs the command line on the process's arguments and exits with its code.
 */
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2));
