/**
 * Reading sync states from the projections: one user and one contact, or every prompt a user has
 * (R-SYNC-5: prompts are a pure function of the projections).
 */
import { initialOrganizationState } from '../organization/state.js';
import type { CopyDocument } from '../projections/documents.js';
import type { RelationshipProjections } from '../projections/relationships.js';
import type { SyncPoints } from './points.js';
import { scenarioOf, syncState, type SyncPrompt, type SyncState } from './syncState.js';

/**
 * The sync state of a user and a contact, or null unless the contact is in both the user's My
 * People and the team view; `team` names another team copy to compare with (the one withdrawn from
 * the team view, which a share brings back: R-SHARE-8).
 *
 * @example
 * import { RelationshipProjections } from '@rapport/domain';
 * import { syncStateOf } from './read.js';
 * import { SyncPoints } from './points.js';
 * syncStateOf(new RelationshipProjections(), new SyncPoints(), 'acme', 'ann', 'c1'); // null
 */
export const syncStateOf = (
  projections: RelationshipProjections,
  points: SyncPoints,
  orgId: string,
  userId: string,
  contactId: string,
  team: CopyDocument | undefined = projections.copy(orgId, { owner: 'team' }, contactId),
): SyncState | null => {
  const mine = projections.copy(orgId, { owner: 'user', userId }, contactId);
  if (mine === undefined || team === undefined) return null;
  return syncState(mine, team, {
    userId,
    org: projections.organization(orgId) ?? initialOrganizationState,
    links: projections.links(orgId, contactId),
    engagements: projections.engagements(orgId),
    syncPoint: (field) => points.point(orgId, userId, contactId, field),
    origins: points.origins(orgId, userId, contactId),
    dismissed: points.dismissed(orgId, userId),
  });
};

/**
 * Every sync state of a user: one per contact in both their My People and the team view.
 *
 * @example
 * import { RelationshipProjections } from '@rapport/domain';
 * import { syncStatesOf } from './read.js';
 * import { SyncPoints } from './points.js';
 * syncStatesOf(new RelationshipProjections(), new SyncPoints(), 'acme', 'ann'); // []
 */
export const syncStatesOf = (
  projections: RelationshipProjections,
  points: SyncPoints,
  orgId: string,
  userId: string,
): SyncState[] =>
  [...projections.copies(orgId, { owner: 'user', userId }).keys()].sort().flatMap((contactId) => {
    const state = syncStateOf(projections, points, orgId, userId, contactId);
    return state === null ? [] : [state];
  });

/**
 * Every prompt a user sees, contact by contact.
 *
 * @example
 * import { RelationshipProjections } from '@rapport/domain';
 * import { promptsOf } from './read.js';
 * import { SyncPoints } from './points.js';
 * promptsOf(new RelationshipProjections(), new SyncPoints(), 'acme', 'ann'); // []
 */
export const promptsOf = (
  projections: RelationshipProjections,
  points: SyncPoints,
  orgId: string,
  userId: string,
): SyncPrompt[] => syncStatesOf(projections, points, orgId, userId).flatMap((state) => state.prompts);

/**
 * The sync state of a member and a contact when it can have automatic flows: null unless the
 * contact is in both views and the scenario is A or B (in C nothing flows by itself, R-SYNC-3).
 * What the sync policy reads after a command; it skips the rest of the state for the others.
 *
 * @example
 * import { RelationshipProjections } from '@rapport/domain';
 * import { flowingSyncStateOf } from './read.js';
 * import { SyncPoints } from './points.js';
 * flowingSyncStateOf(new RelationshipProjections(), new SyncPoints(), 'acme', 'ann', 'c1'); // null
 */
export const flowingSyncStateOf = (
  projections: RelationshipProjections,
  points: SyncPoints,
  orgId: string,
  userId: string,
  contactId: string,
): SyncState | null => {
  const mine = projections.copy(orgId, { owner: 'user', userId }, contactId);
  if (mine === undefined || projections.copy(orgId, { owner: 'team' }, contactId) === undefined) return null;
  const org = projections.organization(orgId) ?? initialOrganizationState;
  const { scenario } = scenarioOf(
    userId,
    org,
    mine,
    projections.links(orgId, contactId),
    projections.engagements(orgId),
  );
  return scenario === 'C' ? null : syncStateOf(projections, points, orgId, userId, contactId);
};
