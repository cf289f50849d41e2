/**
 * The sync policy (R-SYNC-1, R-SYNC-2, R-SYNC-5): which users and contacts an event may have put
 * out of sync, and the ordinary commands that carry out the automatic flows of their sync state.
 * The facade runs those commands like any other, with the triggering event as causation, so the
 * flows appear in history like any change.
 */
import type { FollowUp, Reaction } from '@rapport/core';
import type { ReadModels } from '../audit/readModels.js';
import type { Command } from '../commands.js';
import type { DomainEvent } from '../events.js';
import { isContactEvent } from '../internal/eventFamilies.js';
import { initialOrganizationState } from '../organization/state.js';
import type { RelationshipProjections } from '../projections/relationships.js';
import type { ImportTeamChanges, SendChangesToTeam } from './commands.js';
import type { SyncPoints } from './points.js';
import { mayFlow, syncState, type SyncState } from './syncState.js';

/**
 * A user and a contact whose sync state may have changed.
 *
 * @example
 * import type { SyncSubject } from './policy.js';
 * const subject: SyncSubject = { orgId: 'acme', userId: 'cat', contactId: 'ada' };
 */
export interface SyncSubject {
  readonly orgId: string;
  readonly userId: string;
  readonly contactId: string;
}

/**
 * The pairs an event concerns: every holder of a contact whose copies, assignees or projects and
 * deals changed, a user who joined or left the team of a project or deal, for its contacts, and a
 * member added again to the organization, for each of their copies.
 *
 * @example
 * import { RelationshipProjections } from '@rapport/domain';
 * import { syncSubjects } from './policy.js';
 * syncSubjects({ type: 'UserAssigned', data: { orgId: 'acme', contactId: 'c1', userId: 'bob' } }, new RelationshipProjections()); // []
 */
export const syncSubjects = (event: DomainEvent, projections: RelationshipProjections): SyncSubject[] => {
  const holdersOf = (orgId: string, contactId: string) =>
    projections.holders(orgId, contactId).map((userId) => ({ orgId, userId, contactId }));
  switch (event.type) {
    case 'TeamMemberAdded':
    case 'TeamMemberRemoved': {
      const { orgId, engagementId, userId } = event.data;
      const engagement = projections.engagements(orgId).get(engagementId);
      return (engagement?.contacts ?? [])
        .filter((contactId) => projections.holders(orgId, contactId).includes(userId))
        .map((contactId) => ({ orgId, userId, contactId }));
    }
    case 'MemberContactAdded':
    case 'MemberContactRemoved':
      return holdersOf(event.data.orgId, event.data.contactId);
    case 'MemberAdded': {
      // A member added again finds their copies as they left them: what the team changed since
      // is owed to them now (R-SYNC-11). A new member has no copies yet.
      const { orgId, userId } = event.data;
      return [...projections.copies(orgId, { owner: 'user', userId }).keys()].map((contactId) => ({
        orgId,
        userId,
        contactId,
      }));
    }
    default:
      return isContactEvent(event) ? holdersOf(event.data.orgId, event.data.contactId) : [];
  }
};

/**
 * The sync state of a pair when it may have automatic flows, or null: null when the contact is
 * not in both the user's My People and the team view, or when `mayFlow` rules flows out, which
 * spares the policy building the state of most pairs a command touches. A state given may still
 * have no flows; `syncCommands` then draws none from it.
 *
 * @example
 * import { RelationshipProjections } from '@rapport/domain';
 * import { flowingState } from './policy.js';
 * import { SyncPoints } from './points.js';
 * flowingState(new RelationshipProjections(), new SyncPoints(), { orgId: 'acme', userId: 'ann', contactId: 'c1' }); // null
 */
export const flowingState = (
  projections: RelationshipProjections,
  points: SyncPoints,
  subject: SyncSubject,
): SyncState | null => {
  const { orgId, userId, contactId } = subject;
  const mine = projections.copy(orgId, { owner: 'user', userId }, contactId);
  if (mine === undefined) return null;
  const team = projections.copy(orgId, { owner: 'team' }, contactId);
  if (team === undefined) return null;
  const org = projections.organization(orgId) ?? initialOrganizationState;
  const links = projections.links(orgId, contactId);
  const engagements = projections.engagements(orgId);
  const syncPoint = (field: string) => points.point(orgId, userId, contactId, field);
  const origins = points.origins(orgId, userId, contactId);
  if (!mayFlow(mine, team, { userId, org, links, engagements, syncPoint, origins })) return null;
  // Listed again rather than spread and added to: V8 builds a literal that spreads an object and
  // then lists more properties by its slow path (0.6 µs against 20 ns here).
  const dismissed = points.dismissed(orgId, userId);
  return syncState(mine, team, { userId, org, links, engagements, syncPoint, origins, dismissed });
};

/**
 * The commands that carry out a sync state's automatic flows: the user's changes sent first, then
 * the team's imported. Each command carries the fields whose change on the sending side one event
 * made (the user copy's last change of the field for a send, the team copy's for an import), and
 * names that event as `cause` (R-SYNC-10); fields changed by different events go in one command
 * per event, in the order of the events. A field whose sending side has no change recorded has
 * `cause` null. A later command may find the state moved on; it is then refused and changes
 * nothing, and the flows are derived again from the new state.
 *
 * @example
 * import { syncCommands } from './policy.js';
 * syncCommands('acme', { userId: 'ann', contactId: 'c1', scenario: 'A', basis: { assigned: true, engagements: [], keepInTouch: false },
 *   excluded: null, fields: [], prompts: [], flows: [{ flow: 'import', contactId: 'c1', field: 'stage', rule: 'R-SYNC-1' }] });
 * // [{ command: { type: 'ImportTeamChanges', actor: 'ann', orgId: 'acme', contactId: 'c1', fields: ['stage'] }, cause: null }]
 */
export const syncCommands = (
  orgId: string,
  state: SyncState,
): Array<{ readonly command: ImportTeamChanges | SendChangesToTeam; readonly cause: string | null }> => {
  const common = { actor: state.userId, orgId, contactId: state.contactId };
  const markOf = (flow: SyncState['flows'][number]) => {
    const field = state.fields.find((divergence) => divergence.field === flow.field);
    return (flow.flow === 'send' ? field?.mineChange : field?.theirChange) ?? null;
  };
  const grouped = (direction: 'send' | 'import') => {
    const byCause = new Map<string | null, { position: number; fields: string[] }>();
    for (const flow of state.flows) {
      if (flow.flow !== direction) continue;
      const mark = markOf(flow);
      const cause = mark?.eventId ?? null;
      const group = byCause.get(cause) ?? { position: mark?.globalPosition ?? -1, fields: [] };
      group.fields.push(flow.field);
      byCause.set(cause, group);
    }
    return [...byCause.entries()].sort(([, a], [, b]) => a.position - b.position);
  };
  return [
    ...grouped('send').map(([cause, { fields }]) => ({
      command: { type: 'SendChangesToTeam' as const, ...common, fields },
      cause,
    })),
    ...grouped('import').map(([cause, { fields }]) => ({
      command: { type: 'ImportTeamChanges' as const, ...common, fields },
      cause,
    })),
  ];
};

/**
 * The sync policy as a durable reaction (R-SYNC-1, R-SYNC-2, R-SYNC-11): for each pair an event
 * concerns, the commands that carry out the pair's automatic flows, run as the pair's user; each
 * cites the event on the sending side that made the change it carries, or the trigger when no
 * change is recorded, and keeps the trigger's correlation id (R-SYNC-10).
 *
 * @example
 * import { syncReaction } from './policy.js';
 * syncReaction.name; // 'sync'
 */
export const syncReaction: Reaction<Command, DomainEvent, ReadModels> = {
  name: 'sync',
  react: (event, { readModels }) => {
    const followUps: Array<FollowUp<Command>> = [];
    for (const subject of syncSubjects(event, readModels.projections)) {
      const state = flowingState(readModels.projections, readModels.syncPoints, subject);
      if (state === null) continue;
      for (const { command, cause } of syncCommands(subject.orgId, state))
        followUps.push(
          cause === null
            ? { command, actor: state.userId }
            : { command, actor: state.userId, causationId: cause },
        );
    }
    return followUps;
  },
};
