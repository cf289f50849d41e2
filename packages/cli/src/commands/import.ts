/**
 * `rapport import`: reads a history written by `rapport export` into the store, verbatim: every
 * event keeps its id, metadata and hashes, and must continue its stream's hash chain (R-AUDIT-5).
 * Every line is decoded before anything is written; a bad line is reported with its number and
 * nothing is imported. Events already present with the same hash are skipped, so an interrupted
 * import can be run again.
 */
import { resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { RecordedEvent } from '@rapport/core';
import type { Command } from 'commander';
import type { CliContext } from '../internal/context.js';
import { decodeEventLine, readLines } from '../internal/jsonl.js';
import { startProgress } from '../internal/progress.js';

interface ImportOptions {
  readonly json?: boolean;
}

const BATCH = 1000;

/**
 * Registers `import`.
 *
 * @example
 * import { Command } from 'commander';
 * import { CliContext } from '../internal/context.js';
 * import { processIo } from '../internal/io.js';
 * import { registerImport } from './import.js';
 * const program = new Command('rapport');
 * registerImport(program, new CliContext(processIo()));
 * program.commands.map((command) => command.name()); // ['import']
 */
export const registerImport = (program: Command, context: CliContext): void => {
  program
    .command('import')
    .description('read a history written by "rapport export" into the store, hashes and all')
    .argument('<file>', 'the JSON Lines file; "-" reads standard input')
    .option('--json', 'print the outcome as JSON')
    .addHelpText(
      'after',
      '\nNothing is imported when a line does not decode. Events already stored with the same hash\nare skipped, so an interrupted import can be run again. Exits with 1 when nothing was imported\nbecause of a bad line or a broken chain.',
    )
    .action(async (file: string, options: ImportOptions, command: Command) => {
      const events: RecordedEvent[] = [];
      const problems: { line: number; reason: string }[] = [];
      for await (const { line, text } of readLines(file === '-' ? file : resolve(context.io.cwd, file))) {
        const decoded = decodeEventLine(text);
        if (E.isRight(decoded)) events.push(decoded.right);
        else problems.push({ line, reason: decoded.left });
      }
      if (problems.length > 0) {
        context.fail(1);
        if (options.json === true) context.printJson({ imported: 0, skipped: 0, problems });
        else
          for (const problem of problems)
            context.io.stderr.write(`line ${problem.line}: ${problem.reason}\n`);
        if (options.json !== true) context.io.stderr.write('nothing imported\n');
        return;
      }
      const outcome = await context.withStore(command, 'write', async (store) => {
        const progress = startProgress(context.io, events.length, 'importing');
        let imported = 0;
        let skipped = 0;
        try {
          for (let start = 0; start < events.length; start += BATCH) {
            const result = await store.importEvents(events.slice(start, start + BATCH));
            imported += result.imported;
            skipped += result.skipped;
            progress.update(Math.min(events.length, start + BATCH));
          }
        } finally {
          progress.stop();
        }
        return { imported, skipped, store: store.label };
      });
      if (options.json === true) context.printJson({ ...outcome, problems: [] });
      else
        context.print(
          `imported ${outcome.imported} events into ${outcome.store}, skipped ${outcome.skipped} already there`,
        );
    });
};
