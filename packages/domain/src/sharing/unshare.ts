/**
 * What withdrawing a team copy calls for (R-SHARE-7, R-SHARE-8): the projects and deals that have
 * it as a member contact drop it, by ordinary commands run as the user who withdrew it and citing
 * the withdrawal. Its assignees are unassigned by the withdrawal's own decision. A durable
 * reaction: after a crash or a restart it is carried out all the same.
 */
import type { FollowUp, Reaction } from '@rapport/core';
import type { ReadModels } from '../audit/readModels.js';
import type { Command } from '../commands.js';
import type { ContactUnshared } from '../contact/events.js';
import type { RemoveMemberContact } from '../engagement/commands.js';
import type { DomainEvent } from '../events.js';
import type { RelationshipProjections } from '../projections/relationships.js';

/**
 * The commands a withdrawal calls for, from the projections after it: a `RemoveMemberContact` for
 * each project or deal that has the contact as a member contact. None when a share has brought
 * the team copy back since: its memberships are then the team's again.
 *
 * @example
 * import { RelationshipProjections } from '@rapport/domain';
 * import { unshareCommands } from './unshare.js';
 * const team = { name: 'Ada', stage: null, segment: 'customer', step: null, fields: {}, tags: [], info: {} };
 * unshareCommands(
 *   { type: 'ContactUnshared', data: { orgId: 'acme', contactId: 'c1', by: 'ann', reason: 'unshared', team } },
 *   new RelationshipProjections(),
 * ); // []
 */
export const unshareCommands = (
  event: ContactUnshared,
  projections: RelationshipProjections,
): ReadonlyArray<RemoveMemberContact> => {
  const { orgId, contactId, by } = event.data;
  if (projections.copy(orgId, { owner: 'team' }, contactId) !== undefined) return [];
  return projections.links(orgId, contactId).engagements.map((engagementId): RemoveMemberContact => ({
    type: 'RemoveMemberContact',
    actor: by,
    orgId,
    engagementId,
    contactId,
  }));
};

/**
 * A withdrawal's follow-ups as a durable reaction: each cites the withdrawal.
 *
 * @example
 * import { unshareReaction } from './unshare.js';
 * unshareReaction.name; // 'unshare'
 */
export const unshareReaction: Reaction<Command, DomainEvent, ReadModels> = {
  name: 'unshare',
  react: (event, { readModels }) =>
    event.type === 'ContactUnshared'
      ? unshareCommands(event, readModels.projections).map((command): FollowUp<Command> => ({
          command,
          actor: command.actor,
        }))
      : [],
};
