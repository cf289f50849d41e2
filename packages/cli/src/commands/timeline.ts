/**
 * `rapport timeline <contact>`: who changed which field of a contact, when, from what to what,
 * and whether a person's command or a policy (auto-sharing, a sync flow) did it (R-AUDIT-4).
 */
import type { Command } from 'commander';
import { formatCopy, formatTimelineValue, readContactTimeline, type TimelineChange } from '@rapport/domain';
import type { CliContext } from '../internal/context.js';
import { UsageError } from '../internal/exitCodes.js';
import { findContacts, resolveContact } from '../internal/contacts.js';
import { chooseOrganization } from '../internal/organization.js';
import { reportUnreadable } from '../internal/readModels.js';
import { readWhole } from '../internal/readWhole.js';
import { renderTable } from '../internal/table.js';
import { TIMELINE_COLUMNS } from '../internal/timeline.js';

/** The fields a timeline names alone; the others are `info:`, `field:` or `tag:` and an id. */
const TIMELINE_FIELDS = ['name', 'stage', 'segment', 'step', 'archived', 'assignees', 'engagements'];

const isTimelineField = (field: string): boolean =>
  TIMELINE_FIELDS.includes(field) || /^(info|field|tag):.+$/.test(field);

interface TimelineOptions {
  readonly org?: string;
  readonly field?: string;
  readonly copy?: string;
  readonly json?: boolean;
}

const describeCause = (change: TimelineChange): string =>
  change.cause === 'command'
    ? 'command'
    : change.causedBy === null
      ? `policy (after ${change.causationId ?? '?'})`
      : `policy after ${change.causedBy.eventType} by ${change.causedBy.actor} (#${change.causedBy.position})`;

/**
 * Registers `timeline`.
 *
 * @example
 * import { Command } from 'commander';
 * import { CliContext } from '../internal/context.js';
 * import { processIo } from '../internal/io.js';
 * import { registerTimeline } from './timeline.js';
 * const program = new Command('rapport');
 * registerTimeline(program, new CliContext(processIo()));
 * program.commands.map((command) => command.name()); // ['timeline']
 */
export const registerTimeline = (program: Command, context: CliContext): void => {
  program
    .command('timeline')
    .description('who changed which field of a contact, when, from what to what, and why')
    .argument('<contact>', 'the contact id, or its name when only one contact bears it')
    .option('--org <orgId>', 'the organization; default the only one in the store')
    .option('--field <field>', 'only this field (stage, segment, step, name, field:<id>, tag:<tag>, …)')
    .option('--copy <owner>', 'only this copy: "team", a user id, or "contact" for assignees and deals')
    .option('--json', 'print the changes as JSON')
    .action(async (wanted: string, options: TimelineOptions, command: Command) => {
      if (options.field !== undefined && !isTimelineField(options.field))
        throw new UsageError(
          'FIELD_UNKNOWN',
          `--field ${JSON.stringify(options.field)} names no field of a timeline: give one of ${TIMELINE_FIELDS.join(', ')}, or info:<item id>, field:<field id>, tag:<tag>`,
        );
      // Passes over the history that keep what the contact's timeline needs, never the history.
      const { orgId, contactId, all } = await context.withStore(command, 'read', (store) =>
        readWhole(store, {}, async (whole) => {
          const found = await findContacts(whole, wanted);
          const orgId = chooseOrganization(found.organizations, options.org);
          const contactId = resolveContact(found.contacts(orgId), orgId, wanted);
          const { changes, unreadable } = await readContactTimeline(whole, { orgId, contactId });
          reportUnreadable(context, unreadable);
          return { orgId, contactId, all: changes };
        }),
      );
      const changes = all.filter(
        (change) =>
          (options.field === undefined || change.field === options.field) &&
          (options.copy === undefined || formatCopy(change.copy) === options.copy),
      );
      if (
        changes.length === 0 &&
        all.length > 0 &&
        (options.field !== undefined || options.copy !== undefined)
      )
        context.warn(
          `no change of ${contactId} matches${options.field === undefined ? '' : ` --field ${options.field}`}${options.copy === undefined ? '' : ` --copy ${options.copy}`}; its timeline has ${all.length} change(s) of ${[...new Set(all.map((change) => change.field))].join(', ')} in ${[...new Set(all.map((change) => formatCopy(change.copy)))].join(', ')}`,
        );
      if (options.json === true) {
        context.printJson({ orgId, contactId, changes });
        return;
      }
      const style = context.style(command);
      context.print(`timeline of ${contactId} in ${orgId}: ${changes.length} change(s)`);
      context.print(
        renderTable(
          TIMELINE_COLUMNS,
          changes.map((change) => [
            String(change.position),
            change.recordedAt.replace('T', ' ').replace(/\.\d{3}Z$/, 'Z'),
            change.actor,
            formatCopy(change.copy),
            change.fieldName === null ? change.field : `${change.field} (${change.fieldName})`,
            formatTimelineValue(change.from),
            style('bold', formatTimelineValue(change.to)),
            describeCause(change),
          ]),
          (text) => style('bold', text),
          style.width,
        ),
      );
    });
};
