/**
 * `rapport replay`: rebuilds every read model (projections, audience membership, sync points) from
 * the whole history, event by event, with a progress bar on long histories, reports what they hold
 * (R-AUDIT-3), and saves them as a snapshot in the store so that the next command starts from
 * there instead of replaying everything.
 */
import type { Command } from 'commander';
import { readModelsAt, saveReadModels } from '@rapport/domain';
import type { CliContext } from '../internal/context.js';
import { startProgress } from '../internal/progress.js';
import { readWhole } from '../internal/readWhole.js';
import { reportUnreadable } from '../internal/readModels.js';
import { renderTable } from '../internal/table.js';

interface ReplayOptions {
  readonly json?: boolean;
}

/**
 * Registers `replay`.
 *
 * @example
 * import { Command } from 'commander';
 * import { CliContext } from '../internal/context.js';
 * import { processIo } from '../internal/io.js';
 * import { registerReplay } from './replay.js';
 * const program = new Command('rapport');
 * registerReplay(program, new CliContext(processIo()));
 * program.commands.map((command) => command.name()); // ['replay']
 */
export const registerReplay = (program: Command, context: CliContext): void => {
  program
    .command('replay')
    .description('rebuild the projections from the whole history, report what they hold, save a snapshot')
    .option('--json', 'print the outcome as JSON')
    .addHelpText(
      'after',
      `\nA progress bar is drawn on standard error when it is a terminal and the history is long.\nThe projections, audience membership and sync points are saved as a snapshot in the store;\naudiences, prompts and as-of then replay only the events after it. No snapshot is saved when\na stored event cannot be read as a domain event; replay then exits with 3. When fewer events\ncould be read than the store holds (a damaged store), it says how many are missing, saves\nnothing and exits with 3.`,
    )
    .action(async (options: ReplayOptions, command: Command) => {
      const outcome = await context.withStore(command, 'read', async (store) => {
        const head = await store.headPosition();
        const progress = startProgress(context.io, head, 'replaying');
        let events = 0;
        try {
          const rebuilt = await readWhole(store, {}, (whole) =>
            readModelsAt(whole, undefined, {
              onProgress: (read) => {
                events = read;
                progress.update(read);
              },
            }),
          );
          if (rebuilt.snapshot !== null) await saveReadModels(store, rebuilt.snapshot);
          return { ...rebuilt, events };
        } finally {
          progress.stop();
        }
      });
      const { models, unreadable, snapshot: saved } = outcome;
      const projections = models.projections;
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
          engagements: Object.hasOwn(snapshot.engagements, orgId)
            ? Object.keys(snapshot.engagements[orgId] ?? {}).length
            : 0,
        };
      });
      reportUnreadable(context, unreadable);
      const report = {
        events: outcome.events,
        checkpoint: outcome.position,
        organizations,
        snapshot: saved === null ? null : { checkpoint: saved.checkpoint },
        unreadable,
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
            style.width,
          ),
        );
      for (const problem of unreadable) context.print(style('red', `unreadable: ${problem.message}`));
      context.print(
        saved === null
          ? 'no snapshot saved: the history holds unreadable events, so every command replays it all'
          : `saved a snapshot at position ${saved.checkpoint}: the next commands start from there`,
      );
    });
};
