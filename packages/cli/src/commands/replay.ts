/**
 * `rapport replay`: rebuilds the projections from the whole history, event by event, with a
 * progress bar on long histories, and reports what they hold (R-AUDIT-3).
 */
import type { Command } from 'commander';
import { readHistory, RelationshipProjections } from '@rapport/domain';
import type { CliContext } from '../internal/context.js';
import { startProgress } from '../internal/progress.js';
import { renderTable } from '../internal/table.js';

interface ReplayOptions {
  readonly json?: boolean;
}

/** Registers `replay`. */
export const registerReplay = (program: Command, context: CliContext): void => {
  program
    .command('replay')
    .description('rebuild the projections from the whole history and report what they hold')
    .option('--json', 'print the outcome as JSON')
    .addHelpText(
      'after',
      `\nA progress bar is drawn on standard error when it is a terminal and the history is long.\nExits with 1 when a stored event cannot be read as a domain event.`,
    )
    .action(async (options: ReplayOptions, command: Command) => {
      const outcome = await context.withStore(command, 'read', async (store) => {
        const head = await store.headPosition();
        const progress = startProgress(context.io, head, 'replaying');
        const projections = new RelationshipProjections();
        try {
          const history = await readHistory(store, { onProgress: (read) => progress.update(read) });
          for (const event of history.events) projections.apply(event);
          return { history, projections };
        } finally {
          progress.stop();
        }
      });
      const { history, projections } = outcome;
      const snapshot = projections.snapshot();
      const organizations = Object.entries(snapshot.organizations).map(([orgId, org]) => {
        const copies = Object.entries(snapshot.copies).filter(([key]) => key.startsWith(`${orgId}/`));
        const count = (predicate: (key: string) => boolean) =>
          copies
            .filter(([key]) => predicate(key))
            .reduce((sum, [, docs]) => sum + Object.keys(docs).length, 0);
        return {
          orgId,
          members: Object.keys(org.members).length,
          myPeopleCopies: count((key) => key !== `${orgId}/team`),
          teamContacts: count((key) => key === `${orgId}/team`),
          engagements: Object.keys(snapshot.engagements[orgId] ?? {}).length,
        };
      });
      if (history.unreadable.length > 0) context.fail(1);
      const report = {
        events: history.events.length + history.unreadable.length,
        checkpoint: projections.checkpoint,
        organizations,
        unreadable: history.unreadable,
      };
      if (options.json === true) {
        context.printJson(report);
        return;
      }
      const style = context.style(command);
      context.print(`replayed ${report.events} events up to position ${report.checkpoint}`);
      if (organizations.length > 0)
        context.print(
          renderTable(
            [
              { heading: 'organization' },
              { heading: 'members', align: 'right' },
              { heading: 'my people copies', align: 'right' },
              { heading: 'team contacts', align: 'right' },
              { heading: 'projects and deals', align: 'right' },
            ],
            organizations.map((org) => [
              org.orgId,
              String(org.members),
              String(org.myPeopleCopies),
              String(org.teamContacts),
              String(org.engagements),
            ]),
            (text) => style('bold', text),
          ),
        );
      for (const problem of history.unreadable) context.print(style('red', `unreadable: ${problem.message}`));
    });
};
