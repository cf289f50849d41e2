/**
 * Where the CLI writes and what it knows of its terminal: passed in, so that tests run the CLI in
 * the same process against captured streams.
 */

/**
 * A stream the CLI writes to; `isTTY` decides colours and the progress bar, and a terminal's
 * `columns` the width tables are fitted to.
 */
export interface OutputStream {
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** The CLI's surroundings: its two output streams, the environment and the working directory. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/**
 * The surroundings of the real process.
 *
 * @example
 * import { processIo } from './io.js';
 * processIo().cwd === process.cwd(); // true
 */
export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

/**
 * Writes one line.
 *
 * @example
 * import { writeLine } from './io.js';
 * let out = '';
 * const stream = { write: (chunk: string) => (out += chunk) };
 * writeLine(stream, 'ready');
 * writeLine(stream);
 * out; // 'ready\n\n'
 */
export const writeLine = (stream: OutputStream, line = ''): void => {
  stream.write(`${line}\n`);
};
