/**
 * Who may read a report at a point: a member of an existing organization (R-AUTH-3), judged by the
 * organization as it was at that point.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { reject, type Rejection } from '@rapport/core';
import { roleOf } from '../../organization/state.js';
import type { RelationshipProjections } from '../../projections/relationships.js';

/**
 * Right when `userId` is a member of `orgId` in these projections; the rejection otherwise.
 *
 * @example
 * import { right } from 'fp-ts/lib/Either.js';
 * import { readModelsAt } from '@rapport/domain';
 * import { auditFixture } from './fixture.js';
 * import { memberReading } from './reader.js';
 * const { projections } = (await readModelsAt((await auditFixture()).store)).models;
 * memberReading(projections, 'acme', 'bob', 'the audiences of "bob"'); // right(undefined)
 * const refused = memberReading(projections, 'acme', 'eve', 'the audiences of "eve"');
 * refused._tag === 'Left' && refused.left.code; // 'NOT_A_MEMBER'
 */
export const memberReading = (
  projections: RelationshipProjections,
  orgId: string,
  userId: string,
  what: string,
): Either<Rejection, void> => {
  const org = projections.organization(orgId);
  if (org === undefined)
    return left(
      reject('ORGANIZATION_NOT_FOUND', `Rejected reading ${what}: organization ${orgId} does not exist`),
    );
  if (roleOf(org, userId) === undefined)
    return left(
      reject(
        'NOT_A_MEMBER',
        `Rejected reading ${what}: user "${userId}" is not a member of organization ${orgId}`,
        { rule: 'R-AUTH-3' },
      ),
    );
  return right(undefined);
};
