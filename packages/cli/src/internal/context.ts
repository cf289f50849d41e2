/**
 * What every command receives: the surroundings, the store the global options name, the output
 * helpers, and the exit code of the run.
 */
import type { Command } from 'commander';
import type { CliIo } from './io.js';
import { writeLine } from './io.js';
import { openStore, type CliStore, type OpenMode, type StoreOptions } from './store.js';
import { stylerFor, type Styler } from './style.js';

/** The global options, as commander parses them. */
export interface GlobalOptions extends StoreOptions {
  readonly color: boolean;
}

/**
 * The run's state shared by the commands.
 *
 * @example
 * import { CliContext } from './context.js';
 * let out = '';
 * const context = new CliContext({ stdout: { write: (text: string) => (out += text) }, stderr: process.stderr, env: {}, cwd: '.' });
 * context.printJson({ a: 1 });
 * out; // '{\n  "a": 1\n}\n'
 * context.fail(2);
 * context.fail();
 * context.exitCode; // 2: the largest code given
 */
export class CliContext {
  #exitCode = 0;

  constructor(readonly io: CliIo) {}

  /** The exit code the run ends with: 0 unless a command failed. */
  get exitCode(): number {
    return this.#exitCode;
  }

  /** Marks the run as failed; the largest code given wins. */
  fail(code = 1): void {
    this.#exitCode = Math.max(this.#exitCode, code);
  }

  /** Styles for standard output: colours only on a terminal. */
  style(command: Command): Styler {
    return stylerFor(this.io.stdout, this.io.env, command.optsWithGlobals<GlobalOptions>().color);
  }

  /** Styles for standard error. */
  errorStyle(command: Command): Styler {
    return stylerFor(this.io.stderr, this.io.env, command.optsWithGlobals<GlobalOptions>().color);
  }

  /** Writes one line to standard output. */
  print(line = ''): void {
    writeLine(this.io.stdout, line);
  }

  /** Writes a warning to standard error: the command goes on, but not quite as asked. */
  warn(message: string): void {
    writeLine(this.io.stderr, `warning: ${message}`);
  }

  /** Writes a value as indented JSON to standard output. */
  printJson(value: unknown): void {
    writeLine(this.io.stdout, JSON.stringify(value, null, 2));
  }

  /** Opens the store, runs `work` with it and closes it, even when `work` throws. */
  async withStore<A>(command: Command, mode: OpenMode, work: (store: CliStore) => Promise<A>): Promise<A> {
    const store = await openStore(command.optsWithGlobals<GlobalOptions>(), this.io.cwd, mode);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }
}
