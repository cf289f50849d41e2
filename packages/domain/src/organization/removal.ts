/**
 * What removing a member calls for (R-TEAM-3): they are unassigned from every contact, taken off
 * the team of every project and deal, and hold no team copy any more (R-SHARE-7), by ordinary
 * commands whose events cite the removal, so
 * that nothing a former member held blocks another rule (an assigned contact cannot be archived,
 * R-ARCH-1). A durable reaction: after a crash or a restart it is carried out all the same.
 */
import type { FollowUp, Reaction } from '@rapport/core';
import type { ReadModels } from '../audit/readModels.js';
import type { Command } from '../commands.js';
import { contactOf } from '../contact/aggregate.js';
import type { ReleaseTeamCopy, UnassignUser } from '../contact/commands.js';
import type { ContactState } from '../contact/state.js';
import type { RemoveTeamMember } from '../engagement/commands.js';
import type { DomainEvent } from '../events.js';
import type { RelationshipProjections } from '../projections/relationships.js';
import type { MemberRemoved } from './events.js';
import { roleOf, type OrganizationState } from './state.js';

/**
 * Who carries out a removal's follow-ups: the administrator who removed the member, or, when an
 * administrator removed themselves, the first other administrator by id; undefined when there is
 * none (the follow-ups cannot be run by anyone).
 */
const actorFor = (org: OrganizationState, remover: string, removed: string): string | undefined => {
  if (remover !== removed) return remover;
  return Object.keys(org.members)
    .filter((userId) => userId !== removed && roleOf(org, userId) === 'administrator')
    .sort()[0];
};

/**
 * The commands a member's removal calls for, from the projections after it: an `UnassignUser` for
 * each team contact the member is assigned to, a `RemoveTeamMember` for each project or deal
 * whose team they are on. None when the member has been added again since: what they hold then
 * is theirs again.
 *
 * @example
 * import { RelationshipProjections } from '@rapport/domain';
 * import { removalCommands } from './removal.js';
 * removalCommands(
 *   { type: 'MemberRemoved', actor: 'ann', data: { orgId: 'acme', userId: 'bob', previous: 'member' } },
 *   new RelationshipProjections(),
 * ); // []
 */
export const removalCommands = (
  event: MemberRemoved & { readonly actor: string },
  projections: RelationshipProjections,
): ReadonlyArray<UnassignUser | RemoveTeamMember> => {
  const { orgId, userId } = event.data;
  const org = projections.organization(orgId);
  if (org === undefined || roleOf(org, userId) !== undefined) return [];
  const actor = actorFor(org, event.actor, userId);
  if (actor === undefined) return [];
  const unassign = [...projections.copies(orgId, { owner: 'team' }).keys()]
    .filter((contactId) => projections.links(orgId, contactId).assignees.includes(userId))
    .map((contactId): UnassignUser => ({ type: 'UnassignUser', actor, orgId, contactId, userId }));
  const leave = [...projections.engagements(orgId).values()]
    .filter((engagement) => engagement.team.includes(userId))
    .map((engagement): RemoveTeamMember => ({
      type: 'RemoveTeamMember',
      actor,
      orgId,
      engagementId: engagement.engagementId,
      userId,
    }));
  return [...unassign, ...leave];
};

/**
 * The `ReleaseTeamCopy` commands a member's removal calls for: one for each contact of their My
 * People whose team copy, in the contact's state, they hold. None when they have been added again.
 */
const releaseCommands = async (
  event: MemberRemoved & { readonly actor: string },
  projections: RelationshipProjections,
  state: (contactId: string) => Promise<ContactState>,
): Promise<ReleaseTeamCopy[]> => {
  const { orgId, userId } = event.data;
  const org = projections.organization(orgId);
  if (org === undefined || roleOf(org, userId) !== undefined) return [];
  const actor = actorFor(org, event.actor, userId);
  if (actor === undefined) return [];
  const contactIds = [...projections.copies(orgId, { owner: 'user', userId }).keys()].sort();
  const held = await Promise.all(
    contactIds.map(async (contactId) =>
      (await state(contactId)).holders.includes(userId) ? [contactId] : [],
    ),
  );
  return held
    .flat()
    .map((contactId): ReleaseTeamCopy => ({ type: 'ReleaseTeamCopy', actor, orgId, contactId, userId }));
};

/**
 * A member's removal as a durable reaction (R-TEAM-3): each follow-up cites the removal.
 *
 * @example
 * import { memberRemovalReaction } from './removal.js';
 * memberRemovalReaction.name; // 'removal'
 */
export const memberRemovalReaction: Reaction<Command, DomainEvent, ReadModels> = {
  name: 'removal',
  react: async (event, { readModels, state }) => {
    if (event.type !== 'MemberRemoved') return [];
    const { projections } = readModels;
    const releases = await releaseCommands(event, projections, (contactId) =>
      state(contactOf(event.data.orgId, contactId)),
    );
    return [...removalCommands(event, projections), ...releases].map((command): FollowUp<Command> => ({
      command,
      actor: command.actor,
    }));
  },
};
