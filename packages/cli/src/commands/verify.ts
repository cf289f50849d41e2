/**
 * `rapport verify`: checks the hash chain of every stream of the store and reports what is broken,
 * where (R-AUDIT-5). Exits with 1 when a chain is broken.
 */
import type { Command } from 'commander';
import { verifyStore } from '@rapport/core';
import type { CliContext } from '../internal/context.js';
import { renderTable } from '../internal/table.js';

interface VerifyOptions {
  readonly json?: boolean;
}

/** Registers `verify`. */
export const registerVerify = (program: Command, context: CliContext): void => {
  program
    .command('verify')
    .description('check the hash chain of every stream and report what is broken, where')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nExits with 0 when every chain holds, 1 when an event was altered, removed or reordered.',
    )
    .action(async (options: VerifyOptions, command: Command) => {
      const report = await context.withStore(command, 'read', (store) => verifyStore(store));
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
