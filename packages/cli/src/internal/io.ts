/**
 * Where the CLI writes and what it knows of its terminal: passed in, so that tests run the CLI in
 * the same process against captured streams.
 */
import { EventEmitter, once } from 'node:events';

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
 * Writes a chunk, and when the stream's buffer is full, waits until it drains: a slow reader at the
 * other end of a pipe then slows the writer down instead of filling its memory.
 *
 * @example
 * import { PassThrough } from 'node:stream';
 * import { writeDrained } from './io.js';
 * const out = new PassThrough();
 * await writeDrained(out, 'one line\n');
 * String(out.read()); // 'one line\n'
 */
export const writeDrained = async (stream: OutputStream, chunk: string): Promise<void> => {
  if (stream.write(chunk) !== false || !(stream instanceof EventEmitter)) return;
  await once(stream, 'drain');
};

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
