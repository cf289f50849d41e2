/**
 * Reading audiences for a member: the list they have (R-AUD-2), the members of one of them in
 * their My People or in the team view (R-AUD-3), and why a contact is or is not a member.
 */
import * as t from 'io-ts';
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { reject, type Rejection } from '@rapport/core';
import type { CopyRef } from '../contact/model.js';
import { initialOrganizationState } from '../organization/state.js';
import type { RelationshipProjections } from '../projections/relationships.js';
import type { AudienceMembership } from './membership.js';
import { Audience, audienceVisibleTo, DefaultAudience, defaultAudience } from './model.js';
import { explainMembership, type MembershipExplanation } from './why.js';

/**
 * The audiences of a member: the defaults, then their own and the organization's custom audiences.
 *
 * @example
 * import { AudienceList } from '@rapport/domain';
 * AudienceList.is({ defaults: [], custom: [] }); // true
 */
export const AudienceList = t.type(
  { defaults: t.array(DefaultAudience), custom: t.array(Audience) },
  'AudienceList',
);
export type AudienceList = t.TypeOf<typeof AudienceList>;

/**
 * The audiences a user has.
 *
 * @example
 * import { AudienceMembership } from '@rapport/domain';
 * import { audienceList } from './read.js';
 * audienceList(new AudienceMembership(), 'acme', 'ann').defaults.length; // 7
 */
export const audienceList = (membership: AudienceMembership, orgId: string, userId: string): AudienceList => {
  const { defaults, custom } = membership.audiencesOf(orgId, userId);
  return { defaults: [...defaults], custom };
};

const findAudience = (
  membership: AudienceMembership,
  orgId: string,
  userId: string,
  audienceId: string,
): Either<Rejection, { readonly audienceId: string; readonly filter: Audience['filter'] }> => {
  const builtIn = defaultAudience(audienceId);
  if (builtIn !== undefined) return right(builtIn);
  const audience = membership.audience(orgId, audienceId);
  return audience !== undefined && audienceVisibleTo(audience, userId)
    ? right(audience)
    : left(
        reject(
          'AUDIENCE_NOT_FOUND',
          `Rejected reading audience ${audienceId}: "${userId}" has no such audience`,
          {
            rule: 'R-AUD-2',
          },
        ),
      );
};

const viewOf = (userId: string, view: 'mine' | 'team'): CopyRef =>
  view === 'team' ? { owner: 'team' } : { owner: 'user', userId };

/**
 * The contact ids in one of a user's audiences, in their My People or in the team view.
 *
 * @example
 * import { right } from 'fp-ts/lib/Either.js';
 * import { AudienceMembership } from '@rapport/domain';
 * import { audienceMembers } from './read.js';
 * audienceMembers(new AudienceMembership(), 'acme', 'ann', 'my-focus', 'mine'); // right([])
 */
export const audienceMembers = (
  membership: AudienceMembership,
  orgId: string,
  userId: string,
  audienceId: string,
  view: 'mine' | 'team',
): Either<Rejection, ReadonlyArray<string>> => {
  const found = findAudience(membership, orgId, userId, audienceId);
  return found._tag === 'Left' ? found : right(membership.members(orgId, viewOf(userId, view), audienceId));
};

/**
 * Why a contact is, or is not, in one of a user's audiences.
 *
 * @example
 * import { AudienceMembership, RelationshipProjections } from '@rapport/domain';
 * import { whyMember } from './read.js';
 * whyMember(new RelationshipProjections(), new AudienceMembership(), 'acme', 'ann', 'my-people', 'c1', 'mine')._tag; // 'Left': no such copy
 */
export const whyMember = (
  projections: RelationshipProjections,
  membership: AudienceMembership,
  orgId: string,
  userId: string,
  audienceId: string,
  contactId: string,
  view: 'mine' | 'team',
): Either<Rejection, MembershipExplanation> => {
  const found = findAudience(membership, orgId, userId, audienceId);
  if (found._tag === 'Left') return found;
  const copy = projections.copy(orgId, viewOf(userId, view), contactId);
  if (copy === undefined)
    return left(
      reject(
        'CONTACT_NOT_FOUND',
        `Rejected reading why for contact ${contactId}: it is not in ${
          view === 'team' ? 'the team view' : `the My People of "${userId}"`
        }`,
        { rule: 'R-AUD-1' },
      ),
    );
  return right(
    explainMembership(
      projections.organization(orgId) ?? initialOrganizationState,
      copy,
      projections.links(orgId, contactId),
      found.right,
    ),
  );
};
