/**
 * `rapport export`: writes the history as JSON Lines, one recorded event a line with its stream,
 * version, position and hashes, in global order; `rapport import` reads it back into any store.
 */
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../internal/context.js';
import { UsageError } from '../internal/exitCodes.js';
import { writeDrained } from '../internal/io.js';
import { eventLine } from '../internal/jsonl.js';
import type { CliStore } from '../internal/store.js';
import { readWhole } from '../internal/readWhole.js';

interface ExportOptions {
  readonly from?: number;
  readonly to?: number;
}

/**
 * Parses a non-negative whole number option.
 *
 * @example
 * import { parsePosition } from './export.js';
 * parsePosition('42'); // 42
 * try { parsePosition('-1'); } catch (e) { (e as Error).message; } // 'expected a global position: a whole number, 0 or more'
 */
export const parsePosition = (value: string): number => {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)))
    throw new InvalidArgumentError('expected a global position: a whole number, 0 or more');
  return Number(value);
};

/**
 * Writes a file whole or not at all: `write` fills a temporary file beside it, which takes the
 * file's name only once everything is written, and is removed when writing fails.
 */
const writeWhole = async <A>(path: string, write: (out: Writable) => Promise<A>): Promise<A> => {
  const temporary = `${path}.${process.pid}.partial`;
  const out = createWriteStream(temporary);
  try {
    const result = await write(out);
    out.end();
    await once(out, 'finish');
    renameSync(temporary, path);
    return result;
  } catch (error) {
    out.destroy();
    rmSync(temporary, { force: true });
    throw error;
  }
};

/**
 * Registers `export`.
 *
 * @example
 * import { Command } from 'commander';
 * import { CliContext } from '../internal/context.js';
 * import { processIo } from '../internal/io.js';
 * import { registerExport } from './export.js';
 * const program = new Command('rapport');
 * registerExport(program, new CliContext(processIo()));
 * program.commands.map((command) => command.name()); // ['export']
 */
export const registerExport = (program: Command, context: CliContext): void => {
  program
    .command('export')
    .description('write the history as JSON Lines (one event a line, with its hashes)')
    .argument('[file]', 'where to write; standard output when absent or "-"')
    .option('--from <position>', 'export events after this global position', parsePosition)
    .option('--to <position>', 'export events up to this global position, inclusive', parsePosition)
    .action(async (file: string | undefined, options: ExportOptions, command: Command) => {
      if (options.from !== undefined && options.to !== undefined && options.from >= options.to)
        throw new UsageError(
          'RANGE_EMPTY',
          `--from ${options.from} --to ${options.to} holds no position: --from is the position after which to start, --to the last one, so --from must be less than --to`,
        );
      const toFile = file !== undefined && file !== '-';
      const range = {
        ...(options.from === undefined ? {} : { after: options.from }),
        ...(options.to === undefined ? {} : { to: options.to }),
      };
      const count = await context.withStore(command, 'read', async (store) => {
        const head = await store.headPosition();
        if (options.to !== undefined && options.to > head)
          context.warn(`--to ${options.to} is past the end of the history, which ends at position ${head}`);
        // Every event the store holds in the range, or a failure saying what is missing (R-AUDIT-6).
        const exportTo = (write: (text: string) => Promise<void>): Promise<number> =>
          readWhole(store, range, async (whole: CliStore) => {
            let events = 0;
            for await (const batch of whole.readAll(range)) {
              await write(batch.map(eventLine).join(''));
              events += batch.length;
            }
            return events;
          });
        return toFile
          ? writeWhole(resolve(context.io.cwd, file), (out) => exportTo((text) => writeDrained(out, text)))
          : exportTo((text) => writeDrained(context.io.stdout, text));
      });
      if (toFile) context.io.stderr.write(`exported ${count} events to ${file}\n`);
    });
};
