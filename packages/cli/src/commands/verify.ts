/**
 * `rapport verify`: checks the hash chain of every stream of the store and reports what is broken,
 * where (R-AUDIT-5), on as many threads as the machine has cores. Exits with 1 when a chain is broken.
 */
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { verifyStore, type VerificationReport } from '@rapport/core';
import { verifyPostgresStore } from '@rapport/store-postgres';
import { verifySqliteStore } from '@rapport/store-sqlite';
import type { CliContext, GlobalOptions } from '../internal/context.js';
import type { CliStore } from '../internal/store.js';
import { renderTable } from '../internal/table.js';

interface VerifyOptions {
  readonly json?: boolean;
  readonly threads?: number;
}

/** Parses `--threads`: a whole number from 1 to 64. */
const parseThreads = (value: string): number => {
  const threads = Number(value);
  if (!/^\d+$/.test(value) || threads < 1 || threads > 64)
    throw new InvalidArgumentError('expected a number of threads: a whole number from 1 to 64');
  return threads;
};

/**
 * Verifies the store the global options name, opened (and so checked) as `store`: a SQLite file or
 * a PostgreSQL schema on `threads` threads (by default as many as are worth it) that each read it
 * themselves; a store in memory on this thread, the only one that sees it.
 */
const verifyNamedStore = (
  options: GlobalOptions,
  cwd: string,
  store: CliStore,
  threads: number | undefined,
): Promise<VerificationReport> => {
  if (options.pg !== undefined) {
    return verifyPostgresStore(
      {
        connectionString: options.pg,
        ...(options.pgSchema === undefined ? {} : { schema: options.pgSchema }),
      },
      threads === undefined ? {} : { threads },
    );
  }
  if (options.db === ':memory:') return verifyStore(store);
  return verifySqliteStore(resolve(cwd, options.db), threads === undefined ? {} : { threads });
};

/** Registers `verify`. */
export const registerVerify = (program: Command, context: CliContext): void => {
  program
    .command('verify')
    .description('check the hash chain of every stream and report what is broken, where')
    .option('--json', 'print the report as JSON')
    .option(
      '--threads <n>',
      'threads that verify streams side by side, each reading the store itself (default: the number of cores, one per 20,000 events at most)',
      parseThreads,
    )
    .addHelpText(
      'after',
      '\nExits with 0 when every chain holds and every position up to the head holds an event, 1 when an event was altered, removed or reordered.',
    )
    .action(async (options: VerifyOptions, command: Command) => {
      const report = await context.withStore(command, 'read', (store) =>
        verifyNamedStore(command.optsWithGlobals<GlobalOptions>(), context.io.cwd, store, options.threads),
      );
      if (!report.ok) context.fail(1);
      if (options.json === true) {
        context.printJson(report);
        return;
      }
      const style = context.style(command);
      context.print(
        `${report.events} events in ${report.streams} streams, up to position ${report.headPosition}`,
      );
      if (report.ok) {
        context.print(style('green', 'ok: every hash chain holds'));
        return;
      }
      if (report.missingPositions > 0)
        context.print(
          style(
            'red',
            `missing: ${report.missingPositions} position(s) up to ${report.headPosition} hold no event: events were removed`,
          ),
        );
      if (report.breaks.length === 0) return;
      context.print(style('red', `broken: ${report.breaks.length} stream(s)`));
      context.print(
        renderTable(
          [
            { heading: 'stream' },
            { heading: 'version', align: 'right' },
            { heading: 'position', align: 'right' },
            { heading: 'kind' },
            { heading: 'what' },
          ],
          report.breaks.map((broken) => [
            broken.streamId,
            String(broken.streamVersion),
            String(broken.globalPosition),
            broken.kind,
            broken.message,
          ]),
          (text) => style('bold', text),
        ),
      );
    });
};
