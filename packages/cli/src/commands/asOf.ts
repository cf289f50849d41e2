/**
 * `rapport as-of <point> <view> [user]`: any view as it was at a global position or a point in
 * time, rebuilt by replaying the history up to there; with `--since`, what changed in it between
 * two points (R-AUDIT-3).
 */
import { Argument, type Command } from 'commander';
import { RapportError } from '@rapport/core';
import {
  diffProjections,
  projectionsAt,
  type HistoryPoint,
  type ProjectionDifference,
  type RelationshipProjections,
} from '@rapport/domain';
import type { CliContext } from '../internal/context.js';
import { chooseOrganization } from '../internal/organization.js';
import { describePoint, parsePoint } from '../internal/points.js';
import { renderTable } from '../internal/table.js';
import { contactViews, renderContacts, VIEW_NAMES, type ViewName } from '../internal/views.js';

interface AsOfOptions {
  readonly org?: string;
  readonly since?: HistoryPoint;
  readonly json?: boolean;
}

const needsUser = (view: ViewName): boolean => view !== 'team';

/** The groups of documents a view reads, for restricting a difference to it. */
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

/** Registers `as-of`. */
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
    .action(
      async (
        point: HistoryPoint,
        view: ViewName,
        user: string | undefined,
        options: AsOfOptions,
        command: Command,
      ) => {
        if (needsUser(view) && user === undefined)
          throw new RapportError(
            'USER_REQUIRED',
            `the ${view} view belongs to a user: give one, as in "rapport as-of ${describePoint(point)} ${view} ann"`,
          );
        const { at, since } = await context.withStore(command, 'read', async (store) => ({
          at: await projectionsAt(store, point),
          since: options.since === undefined ? undefined : await projectionsAt(store, options.since),
        }));
        const orgId = chooseOrganization(at.projections, options.org);
        const style = context.style(command);
        if (since !== undefined) {
          const differences = diffProjections(since.projections.snapshot(), at.projections.snapshot()).filter(
            viewGroup(view, orgId, user),
          );
          if (options.json === true) {
            context.printJson({
              orgId,
              view,
              user: user ?? null,
              from: since.position,
              to: at.position,
              differences,
            });
            return;
          }
          context.print(
            `${view}${user === undefined ? '' : ` of ${user}`} in ${orgId}: what changed from position ${since.position} to ${at.position}`,
          );
          context.print(
            renderTable(
              [{ heading: 'document' }, { heading: 'field' }, { heading: 'from' }, { heading: 'to' }],
              differences.map((d) => [
                `${d.group} ${d.document}`,
                d.field,
                show(d.from),
                style('bold', show(d.to)),
              ]),
              (text) => style('bold', text),
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
        printView(context, at.projections, orgId, view, user, options.json === true, style);
      },
    );
};

const printView = (
  context: CliContext,
  projections: RelationshipProjections,
  orgId: string,
  view: ViewName,
  user: string | undefined,
  json: boolean,
  style: Parameters<typeof renderContacts>[1],
): void => {
  const owner =
    view === 'team' ? ({ owner: 'team' } as const) : ({ owner: 'user', userId: user ?? '' } as const);
  const contacts = contactViews(projections, orgId, owner);
  if (json)
    context.printJson({ orgId, view, user: user ?? null, position: projections.checkpoint, contacts });
  else context.print(renderContacts(contacts, style));
};
