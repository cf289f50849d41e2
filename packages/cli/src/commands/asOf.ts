/**
 * `rapport as-of <point> <view> [user]`: any view as it was at a global position or a point in
 * time, rebuilt by replaying the history up to there (R-AUDIT-3): My People, the team view, a
 * member's audiences with their members, or a member's sync prompts and pending flows; with
 * `--since`, what changed in it between two points.
 */
import { Argument, type Command } from 'commander';
import {
  audienceReport,
  diffProjections,
  syncReport,
  type HistoryPoint,
  type ProjectionDifference,
  type ReadModels,
} from '@rapport/domain';
import type { CliContext } from '../internal/context.js';
import { UsageError } from '../internal/exitCodes.js';
import { chooseOrganization } from '../internal/organization.js';
import { describePoint, parsePoint } from '../internal/points.js';
import { readModelsFor } from '../internal/readModels.js';
import { orFail } from '../internal/rejections.js';
import { formatSyncValue, renderAudiences, renderSync } from '../internal/reports.js';
import type { Styler } from '../internal/style.js';
import { renderTable } from '../internal/table.js';
import { contactViews, renderContacts, VIEW_NAMES, type ViewName } from '../internal/views.js';

interface AsOfOptions {
  readonly org?: string;
  readonly since?: HistoryPoint;
  readonly json?: boolean;
}

/** One line of what changed in a view between two points. */
interface Change {
  readonly what: string;
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

const needsUser = (view: ViewName): boolean => view !== 'team';

/** Says on standard error when a position lies past the end of the history, which is shown instead. */
const warnPastEnd = (context: CliContext, point: HistoryPoint, reached: number): void => {
  if ('position' in point && point.position > reached)
    context.warn(
      `position ${point.position} is past the end of the history, which ends at position ${reached}: showing the view as of ${reached}`,
    );
};

/** The groups of documents a contact view reads, for restricting a difference to it. */
const viewGroup = (
  view: ViewName,
  orgId: string,
  user: string | undefined,
): ((d: ProjectionDifference) => boolean) =>
  view === 'team'
    ? (d) =>
        (d.collection === 'copies' && d.group === `${orgId}/team`) ||
        ((d.collection === 'links' || d.collection === 'engagements') && d.group === orgId)
    : (d) =>
        (d.collection === 'copies' && d.group === `${orgId}/user:${user ?? ''}`) ||
        (d.collection === 'links' && d.group === orgId);

const show = (value: unknown): string =>
  value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value);

/** A member's audiences at a point, by audience id: the member contacts' names. */
const audienceMembers = (models: ReadModels, orgId: string, user: string): Map<string, string[]> =>
  new Map(
    orFail(audienceReport(models, orgId, user)).audiences.map((entry) => [
      entry.audienceId,
      entry.members.map((member) => member.name),
    ]),
  );

/** A member's prompts and pending flows at a point, by what they are about, with both values. */
const syncLines = (models: ReadModels, orgId: string, user: string): Map<string, string> => {
  const lines = new Map<string, string>();
  for (const contact of orFail(syncReport(models, orgId, user)).contacts) {
    for (const prompt of contact.prompts)
      lines.set(
        `${contact.name} ${prompt.field}`,
        `prompt: ${prompt.kind} (mine ${formatSyncValue(prompt.mine)}, team ${formatSyncValue(prompt.theirs)})`,
      );
    for (const flow of contact.flows)
      lines.set(
        `${contact.name} ${flow.field}`,
        `automatic: ${flow.flow} (mine ${formatSyncValue(flow.mine)}, team ${formatSyncValue(flow.theirs)})`,
      );
  }
  return lines;
};

/** What changed in a view between two points. */
const changesIn = (
  view: ViewName,
  orgId: string,
  user: string | undefined,
  before: ReadModels,
  after: ReadModels,
): Change[] => {
  if (view === 'audiences') {
    const a = audienceMembers(before, orgId, user ?? '');
    const b = audienceMembers(after, orgId, user ?? '');
    return [...new Set([...a.keys(), ...b.keys()])].flatMap((audienceId) => {
      const from = a.get(audienceId) ?? [];
      const to = b.get(audienceId) ?? [];
      return from.join() === to.join()
        ? []
        : [{ what: audienceId, field: 'members', from: from.join(', ') || '—', to: to.join(', ') || '—' }];
    });
  }
  if (view === 'prompts') {
    const a = syncLines(before, orgId, user ?? '');
    const b = syncLines(after, orgId, user ?? '');
    return [...new Set([...a.keys(), ...b.keys()])].sort().flatMap((key) => {
      const from = a.get(key) ?? '—';
      const to = b.get(key) ?? '—';
      const [contact, field] = [key.slice(0, key.lastIndexOf(' ')), key.slice(key.lastIndexOf(' ') + 1)];
      return from === to ? [] : [{ what: contact, field, from, to }];
    });
  }
  return diffProjections(before.projections.snapshot(), after.projections.snapshot())
    .filter(viewGroup(view, orgId, user))
    .map((d) => ({ what: `${d.group} ${d.document}`, field: d.field, from: show(d.from), to: show(d.to) }));
};

/**
 * Registers `as-of`.
 *
 * @example
 * import { Command } from 'commander';
 * import { CliContext } from '../internal/context.js';
 * import { processIo } from '../internal/io.js';
 * import { registerAsOf } from './asOf.js';
 * const program = new Command('rapport');
 * registerAsOf(program, new CliContext(processIo()));
 * program.commands.map((command) => command.name()); // ['as-of']
 */
export const registerAsOf = (program: Command, context: CliContext): void => {
  program
    .command('as-of')
    .description('show a view as it was at a global position or a point in time')
    .argument('<point>', 'a global position (42) or a time (2026-11-23, 2026-11-23T10:00:00Z)', parsePoint)
    .addArgument(new Argument('<view>', 'the view to show').choices(VIEW_NAMES))
    .argument('[user]', 'the user whose view it is (all views but team)')
    .option('--org <orgId>', 'the organization; default the only one in the store')
    .option('--since <point>', 'show what changed in the view between this point and <point>', parsePoint)
    .option('--json', 'print the view (or the differences) as JSON')
    .addHelpText(
      'after',
      '\nViews: my-people <user>, team, audiences <user> (with members), prompts <user> (sync prompts\nand pending automatic flows). Starts from the snapshot "rapport replay" saved when it lies\nat or before <point>.',
    )
    .action(
      async (
        point: HistoryPoint,
        view: ViewName,
        user: string | undefined,
        options: AsOfOptions,
        command: Command,
      ) => {
        if (needsUser(view) && user === undefined)
          throw new UsageError(
            'USER_REQUIRED',
            `the ${view} view belongs to a user: give one after the view, as in "rapport as-of ${command.args[0] ?? describePoint(point)} ${view} ann"`,
          );
        const { at, since } = await context.withStore(command, 'read', async (store) => ({
          at: await readModelsFor(store, context, point),
          since: options.since === undefined ? undefined : await readModelsFor(store, context, options.since),
        }));
        warnPastEnd(context, point, at.position);
        if (options.since !== undefined && since !== undefined)
          warnPastEnd(context, options.since, since.position);
        const orgId = chooseOrganization(at.models.projections, options.org);
        const style = context.style(command);
        if (since !== undefined) {
          const differences = changesIn(view, orgId, user, since.models, at.models);
          if (options.json === true) {
            context.printJson({
              orgId,
              view,
              user: user ?? null,
              from: since.position,
              to: at.position,
              differences:
                view === 'my-people' || view === 'team'
                  ? diffProjections(
                      since.models.projections.snapshot(),
                      at.models.projections.snapshot(),
                    ).filter(viewGroup(view, orgId, user))
                  : differences,
            });
            return;
          }
          context.print(
            `${view}${user === undefined ? '' : ` of ${user}`} in ${orgId}: what changed from position ${since.position} to ${at.position}`,
          );
          context.print(
            renderTable(
              [
                {
                  heading:
                    view === 'my-people' || view === 'team'
                      ? 'document'
                      : view === 'audiences'
                        ? 'audience'
                        : 'contact',
                },
                { heading: 'field' },
                { heading: 'from' },
                { heading: 'to' },
              ],
              differences.map((d) => [d.what, d.field, d.from, style('bold', d.to)]),
              (text) => style('bold', text),
              style.width,
            ),
          );
          return;
        }
        if (options.json !== true)
          context.print(
            'position' in point
              ? `as of position ${at.position}:`
              : `as of ${point.time} (position ${at.position}):`,
          );
        printView(context, at.models, orgId, view, user ?? '', options.json === true, style);
      },
    );
};

const printView = (
  context: CliContext,
  models: ReadModels,
  orgId: string,
  view: ViewName,
  user: string,
  json: boolean,
  style: Styler,
): void => {
  if (view === 'audiences') {
    const report = orFail(audienceReport(models, orgId, user));
    if (json) context.printJson({ view, ...report });
    else context.print(renderAudiences(report, style));
    return;
  }
  if (view === 'prompts') {
    const report = orFail(syncReport(models, orgId, user));
    if (json) context.printJson({ view, ...report });
    else context.print(renderSync(report, style));
    return;
  }
  const owner = view === 'team' ? ({ owner: 'team' } as const) : ({ owner: 'user', userId: user } as const);
  const contacts = contactViews(models.projections, orgId, owner);
  if (json)
    context.printJson({
      orgId,
      view,
      user: view === 'team' ? null : user,
      position: models.checkpoint,
      contacts,
    });
  else context.print(renderContacts(contacts, style));
};
